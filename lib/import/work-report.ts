/**
 * The government work report itself (002): prose, kept whole, plus its glossary of
 * slogans (名词解释: "2.“3510”:…", "3.“田园五镇”:指…"). Reports copied from
 * download sites carry page numbers ("- 34 -") and advertising glued to line ends
 * ("大牛工程师", "资料库_模版下载_资料共享"); those are removed before reading the
 * glossary, the document text is kept as imported.
 */
import type { ParseContext } from "./context";
import { SENTENCE_END, commonYear, compact, detectGovernment, firstYear } from "./text";
import { ImportError, type GlossaryEntry, type ParserOutput } from "./types";

const GLOSSARY_HEADING = /^(名词解释|名词注释|注释|释义)[::]?$/;
const PAGE_NUMBER = /^[-—–]\s*\d{1,3}\s*[-—–]$/;
const CJK = /[\u4e00-\u9fa5]/;

export function isWorkReport(lines: string[]): boolean {
  const text = compact(lines.slice(0, 200).join(""));
  return text.includes("各位代表") && /政府工作报告/.test(text);
}

/**
 * Words the site glues on as "A_B_C": every word that ever follows an underscore,
 * plus first words seen at least twice right after punctuation ("。资料库_…").
 */
function spamWords(lines: string[]): string[] {
  const words = new Set<string>();
  const firsts = new Map<string, number>();
  for (const line of lines) {
    for (const m of line.matchAll(/_([^_\s]+)/g)) words.add(m[1]);
    const first = /(?:^|[^\u4e00-\u9fa5])([\u4e00-\u9fa5]{2,4})(?:_[^_\s]+)+$/.exec(line);
    if (first) firsts.set(first[1], (firsts.get(first[1]) ?? 0) + 1);
  }
  for (const [word, n] of firsts) if (n >= 2) words.add(word);
  return [...words].sort((a, b) => b.length - a.length);
}

/**
 * Phrases appended to many line ends: a suffix that ends many lines while the
 * word character before it varies (so "大牛工程师" is found, not its tail "工程师";
 * the "。" that ends most sentences before it does not count).
 */
function repeatedSuffixes(lines: string[]): string[] {
  const ends = lines.map((l) => l.trim()).filter((l) => l && CJK.test(l[l.length - 1]));
  const threshold = Math.max(5, Math.ceil(lines.filter((l) => l.trim()).length * 0.03));
  const counts = new Map<string, number>();
  for (const line of ends) {
    for (let len = 4; len <= Math.min(30, line.length); len++) {
      const suffix = line.slice(-len);
      counts.set(suffix, (counts.get(suffix) ?? 0) + 1);
    }
  }
  const found: string[] = [];
  for (const [suffix, n] of counts) {
    if (n < threshold || !/[\p{L}\p{N}]/u.test(suffix[0])) continue;
    const left = new Map<string, number>();
    for (const line of ends) {
      if (line.length > suffix.length && line.endsWith(suffix)) {
        const ch = line[line.length - suffix.length - 1];
        if (/[\p{L}\p{N}]/u.test(ch)) left.set(ch, (left.get(ch) ?? 0) + 1);
      }
    }
    if (Math.max(0, ...left.values()) < n * 0.6) found.push(suffix);
  }
  return found.sort((a, b) => b.length - a.length);
}

function cleaner(lines: string[]): (line: string) => string {
  const words = spamWords(lines);
  const suffixes = repeatedSuffixes(lines.map((l) => stripUnderscoreChain(l, words)));
  return (line) => {
    let s = stripUnderscoreChain(line, words).trim();
    for (const suffix of suffixes) if (s.endsWith(suffix)) s = s.slice(0, -suffix.length).trim();
    return s;
  };
}

function stripUnderscoreChain(line: string, words: string[]): string {
  const chain = /(_[^_\s]+)+$/.exec(line);
  if (!chain) return line;
  const head = line.slice(0, chain.index);
  const first = words.find((w) => head.endsWith(w));
  return first ? head.slice(0, -first.length) : head;
}

/** PDF extraction puts spaces between Chinese characters; they carry no meaning. */
function tidy(text: string): string {
  return text
    .replace(/\s+(?=[^\x00-\xff])|(?<=[^\x00-\xff])\s+/g, "")
    .replace(/\s+(?=[,.;:!?)\]])|(?<=[([])\s+/g, "")
    .trim();
}

function splitEntry(number: number, raw: string): GlossaryEntry {
  const text = tidy(raw);
  const colon = text.search(/[::]/);
  const means = text.search(/[指即]/);
  const at = colon >= 0 && colon <= 40 ? colon : means;
  let term = at > 0 ? text.slice(0, at) : text;
  let explanation = at > 0 ? text.slice(at === colon ? at + 1 : at) : "";
  const quoted = /^[“"]([^“”"]+)[”"]$/.exec(term);
  if (quoted) term = quoted[1];
  explanation = explanation.replace(/^[指即]/, "");
  return { number, term, explanation };
}

function readGlossary(ctx: ParseContext, cleaned: string[]): GlossaryEntry[] {
  const start = cleaned.findIndex((l) => GLOSSARY_HEADING.test(compact(l)));
  if (start === -1) {
    ctx.warn(null, "未找到“名词解释”,没有读取名词解释");
    return [];
  }
  const entries: Array<{ number: number; text: string }> = [];
  // The report is kept whole as its text; what the glossary leaves out is named all the same.
  const leftOut = (from: number, to: number, reason: string) => ctx.skip(from, to, `${reason},保留在报告全文中`, "读入名词解释");
  let no = start + 1;
  const append = (piece: string) => {
    const current = entries[entries.length - 1];
    const text = piece.trim();
    if (!text) return;
    if (!current) return leftOut(no + 1, no + 1, "名词解释标题与第一条之间的内容");
    // After a finished sentence only real prose continues an entry; short
    // fragments there are the cells of a table printed between the entries.
    if (SENTENCE_END.test(current.text.trim()) && tidy(text).length < 15) return leftOut(no + 1, no + 1, "夹在名词解释之间的短句,像是表格的单元格");
    current.text += text;
  };

  for (; no < cleaned.length; no++) {
    const line = cleaned[no];
    if (!line || PAGE_NUMBER.test(line)) continue;
    const expected = entries.length + 1;
    // The glossary is over where its numbering restarts or a new heading such as "温馨提示:" comes.
    if ((entries.length > 1 && /^1\s*[..](?!\d)/.test(line)) || (/[::]$/.test(line) && !/^\d/.test(line))) {
      ctx.skipUnread(no + 1, cleaned.length, "名词解释之后的内容,保留在报告全文中", "读入名词解释");
      break;
    }
    let rest = line;
    for (let next = expected; ; next++) {
      const m = new RegExp(`(?:^|\\s)${next}\\s*[..](?!\\d)\\s*`).exec(rest);
      if (!m) break;
      append(rest.slice(0, m.index));
      entries.push({ number: next, text: "" });
      rest = rest.slice(m.index + m[0].length);
    }
    append(rest);
  }
  return entries.map((e) => splitEntry(e.number, e.text));
}

export function parseWorkReport(ctx: ParseContext): ParserOutput {
  const cleaned = ctx.lines.map(cleaner(ctx.lines));
  const first = cleaned.find((l) => l.trim());
  if (!first) throw new ImportError("文件为空", null);
  const title = first.replace(/\s*(?:[—\-–]+\s*全文|[((]全文[))])$/, "").trim();
  const year = firstYear(title) ?? commonYear(cleaned.join("\n"));
  if (year === null) throw new ImportError("无法从文件内容确定年度", null);
  const government = detectGovernment(cleaned) ?? "";
  if (!government) ctx.warn(null, "未能从文件内容确定政府名称");

  const leaders: ParserOutput["leaders"] = [];
  for (const line of cleaned) {
    const m = /人民政府\s*((?:代)?(?:副)?[市县区]长)\s*([\u4e00-\u9fa5]{2,3})$/.exec(line.trim());
    if (m) leaders.push({ name: m[2], title: m[1] });
  }

  return {
    // A report names no responsible units, so the convention never applies; star is
    // Pinghu's and the neutral choice (unstarred units all lead).
    plan: { year, government, title, kind: "work_report", leadConvention: "star" },
    leaders,
    parents: [],
    tasks: [],
    glossary: readGlossary(ctx, cleaned),
    documentText: ctx.lines.join("\n"),
  };
}
