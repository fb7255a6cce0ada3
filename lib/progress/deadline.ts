/**
 * A task's 完成时限 as written ("6月底前", "年底前", "2025年9月", "三季度", "上半年") read as the
 * calendar date it is due by. Plain functions, no database.
 *
 * A deadline names a month, a quarter or a half year and is due at its end: "2025年9月" is due
 * 30 September, "三季度" 30 September, "上半年" 30 June. A range ("3月至6月", "2025年6月-12月")
 * is due at its latest end. Text read as no date is `null`; ongoing wording (长期坚持, 持续推进)
 * is `null` too but is not an error: the year end applies, as for a task with no deadline.
 */
import { parseChineseNumber } from "@/lib/text/numerals";

/** A calendar date "YYYY-MM-DD". */
export type IsoDate = string;

export type DeadlineReading =
  | { kind: "date"; dueOn: IsoDate }
  | { kind: "ongoing" } // 长期 / 持续 / 常态化: no date, the year end applies, nothing to warn about
  | { kind: "unknown" };

const pad = (n: number) => String(n).padStart(2, "0");
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const endOfMonth = (year: number, month: number): IsoDate => `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;

/** Full-width digits and the like as ASCII, so that "６月底" reads as "6月底". */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\s\u3000]/g, "")
    .replace(/[Ｑｑ]/g, "Q")
    .replace(/[－—–~～]/g, "-");
}

const NUMBER = "\\d{1,2}|[一二三四五六七八九十]{1,3}";
const toNumber = (s: string) => (/^\d+$/.test(s) ? Number(s) : parseChineseNumber(s));

const ONGOING = /长期|持续|常态|每年|每季|每月|定期|按年度|全年推进|逐年/;

/**
 * Every date the text names, in the order found, each the end of what it names. A year written
 * before a month, quarter or half ("2025年9月") applies to what follows it until another year.
 */
function datesIn(text: string, planYear: number): IsoDate[] {
  const dates: IsoDate[] = [];
  const pattern = new RegExp(
    [
      `(?<year>20\\d{2})年(?<yearEnd>底|末|内)?`,
      `(?<month>${NUMBER})月份?(?:(?<day>${NUMBER})[日号]|底|末|中旬|下旬|上旬|中|初)?`,
      `第?(?<quarter>[一二三四1-4])季度`,
      `Q(?<q>[1-4])`,
      `(?<half>上半年|年中|下半年)`,
      `(?<end>年底|年末|年内|本年度|全年|当年)`,
    ].join("|"),
    "g",
  );
  let year = planYear;
  let yearAlone: number | null = null; // "2025年" with nothing after it: due at its end
  for (const m of text.matchAll(pattern)) {
    const g = m.groups!;
    if (g.year) {
      year = Number(g.year);
      if (g.yearEnd) dates.push(`${year}-12-31`);
      else yearAlone = year;
    } else if (g.month) {
      const month = toNumber(g.month);
      if (month === null || month < 1 || month > 12) continue;
      const day = g.day ? toNumber(g.day) : null;
      if (day !== null && day >= 1 && day <= daysInMonth(year, month)) dates.push(`${year}-${pad(month)}-${pad(day)}`);
      else dates.push(endOfMonth(year, month));
    } else if (g.quarter || g.q) {
      dates.push(endOfMonth(year, toNumber(g.quarter ?? g.q)! * 3));
    } else if (g.half) {
      dates.push(g.half === "下半年" ? `${year}-12-31` : `${year}-06-30`);
    } else if (g.end) {
      dates.push(`${year}-12-31`);
    }
  }
  if (dates.length === 0 && yearAlone !== null) dates.push(`${yearAlone}-12-31`);
  return dates;
}

/**
 * Reads a 完成时限. `planYear` is the year of the plan the task belongs to, the year of a
 * deadline that names none ("6月底前" in a 2025 plan is 2025-06-30).
 */
export function readDeadline(text: string, planYear: number): DeadlineReading {
  const clean = normalise(text);
  if (!clean) return { kind: "unknown" };
  const dates = datesIn(clean, planYear);
  if (dates.length === 0) return ONGOING.test(clean) ? { kind: "ongoing" } : { kind: "unknown" };
  // A range or a list of milestones is done when the last of them is.
  return { kind: "date", dueOn: dates.reduce((a, b) => (a > b ? a : b)) };
}

/**
 * The due date to judge 序时进度 by, for a task of a plan of `planYear`: the deadline's date when
 * it falls within the plan year; null (the year end applies) when it is after that year, as a
 * year's targets are judged within their year. `warning` says why a deadline is not used.
 */
export function dueDateOf(text: string | null | undefined, planYear: number): { dueOn: IsoDate | null; warning: string | null } {
  if (!text || !text.trim()) return { dueOn: null, warning: null };
  const reading = readDeadline(text, planYear);
  if (reading.kind === "ongoing") return { dueOn: null, warning: null };
  if (reading.kind === "unknown") {
    return { dueOn: null, warning: `完成时限“${text}”未能识别为日期,序时进度按年底计,请核对` };
  }
  const year = Number(reading.dueOn.slice(0, 4));
  if (year > planYear) return { dueOn: null, warning: `完成时限“${text}”在${planYear}年之后,${planYear}年的序时进度按年底计` };
  if (year < planYear) return { dueOn: null, warning: `完成时限“${text}”早于计划年度${planYear}年,请核对;序时进度按年底计` };
  return { dueOn: reading.dueOn, warning: null };
}

/** A due date as Prisma stores a `@db.Date` (midnight UTC of that day) and back. */
export const dueDateValue = (iso: IsoDate): Date => new Date(`${iso}T00:00:00Z`);
export const isoDateOf = (date: Date): IsoDate => date.toISOString().slice(0, 10);

/**
 * A task's 完成时限 as the pages show it: the document's words, with the date 序时进度 is judged
 * by ("6月底前(6月30日)"), or where no date was read, that the year end applies. Null: none.
 */
export function describeDeadline(text: string | null, dueOn: Date | null): string | null {
  if (!text) return null;
  return dueOn ? `${text}(${dueDayLabel(isoDateOf(dueOn))})` : `${text}(序时进度按年底计)`;
}

/** A due date as the pages write it: "6月30日". */
export function dueDayLabel(iso: IsoDate): string {
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}
