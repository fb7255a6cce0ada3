/**
 * How much of a text repeats an earlier one: the reviewer's check that a quarter's narrative is
 * not last quarter's copied again. Plain functions, no database, safe in
 * client and server code.
 *
 * A character counts as repeated when it lies in a passage of at least `minLength` characters
 * that the earlier text also holds, anywhere and in any order: a paragraph moved to the end is
 * still a repeat, which an in-order diff (diff-match-patch and the like) reports as deleted and
 * inserted. Every such passage is made of overlapping windows of `minLength` characters found in
 * the earlier text, so marking each window of the text that occurs there finds them all in one
 * pass. Whitespace is ignored and full-width forms read as half-width (NFKC), so a line broken
 * elsewhere or "," typed as "," hides nothing.
 */

/** Passages shorter than this are common phrasing ("深入贯彻落实", "一季度以来"), not a copy. */
export const MIN_REPEATED_PASSAGE = 10;

export interface TextSegment {
  text: string;
  repeated: boolean;
}

export interface Repetition {
  /** Characters (whitespace not counted) of the text in repeated passages. */
  repeated: number;
  /** Characters of the text, whitespace not counted. */
  length: number;
  /** repeated ÷ length; 0 for an empty text. */
  share: number;
  /** The whole text in order, cut where repeated passages begin and end. */
  segments: TextSegment[];
}

const isSpace = (char: string) => /\s/u.test(char);

/** The text's characters other than whitespace, each as compared and with its index in `chars`. */
function comparable(chars: readonly string[]): { tokens: string[]; at: number[] } {
  const tokens: string[] = [];
  const at: number[] = [];
  chars.forEach((char, index) => {
    if (isSpace(char)) return;
    tokens.push(char.normalize("NFKC"));
    at.push(index);
  });
  return { tokens, at };
}

const windowKey = (tokens: readonly string[], start: number, size: number) => tokens.slice(start, start + size).join("\u0000");

/** How much of `text` repeats `earlier`, in passages of at least `minLength` characters. */
export function repetitionOf(text: string, earlier: string, minLength: number = MIN_REPEATED_PASSAGE): Repetition {
  if (!Number.isInteger(minLength) || minLength < 1) throw new RangeError("repetitionOf: minLength must be a positive integer");
  const chars = Array.from(text);
  const own = comparable(chars);
  const theirs = comparable(Array.from(earlier)).tokens;

  const windows = new Set<string>();
  for (let start = 0; start + minLength <= theirs.length; start += 1) windows.add(windowKey(theirs, start, minLength));
  const marked = new Array<boolean>(own.tokens.length).fill(false);
  for (let start = 0; start + minLength <= own.tokens.length; start += 1) {
    if (windows.has(windowKey(own.tokens, start, minLength))) marked.fill(true, start, start + minLength);
  }

  // Back to the text as written: whitespace inside a repeated passage belongs to it.
  const repeatedChar = new Array<boolean>(chars.length).fill(false);
  own.at.forEach((index, token) => (repeatedChar[index] = marked[token]));
  for (let token = 1; token < own.at.length; token += 1) {
    if (marked[token] && marked[token - 1]) repeatedChar.fill(true, own.at[token - 1], own.at[token]);
  }

  const segments: TextSegment[] = [];
  chars.forEach((char, index) => {
    const last = segments[segments.length - 1];
    if (last && last.repeated === repeatedChar[index]) last.text += char;
    else segments.push({ text: char, repeated: repeatedChar[index] });
  });
  const repeated = marked.filter(Boolean).length;
  const length = own.tokens.length;
  return { repeated, length, share: length === 0 ? 0 : repeated / length, segments };
}
