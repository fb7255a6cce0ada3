/**
 * Expected share of the year's target at a point in time (序时进度).
 *
 * Quarters use the conventional 25 / 50 / 75 / 100 % the offices publish. A date is pro rata
 * by calendar day in Asia/Shanghai (UTC+8, no daylight saving), the date itself counted as a
 * full day because filings are cumulative "through" it: 1 Jan = 1/365, 31 Dec = 100 %.
 * By day, 31 March is 90/365 = 24.7 %, not 25 %; pass the quarter when judging a quarterly
 * filing so the published figure comes out.
 *
 * A task with a deadline (完成时限, lib/progress/deadline.ts) is due whole by that date rather than
 * by the year end: its expected share runs from the year's start to the due date and stays at
 * 100 % after it. Due 30 June, Q1 expects 50 % and Q2 100 %; due 30 September, Q1 expects 1/3.
 */
import { CST_OFFSET_MS, type Quarter } from "@/lib/periods/quarters";

/**
 * When progress is judged: a quarter's end; a date (pro rata within that date's own year);
 * or a date within a given plan year — before the year it is 0 %, after it 100 % (judging
 * 2025 targets on 10 January 2026, during the Q4 filing, is judging the whole year).
 */
export type AsOf = Quarter | Date | { year: number; date: Date };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar year and day of year (1-based) of an instant in Asia/Shanghai. */
function shanghaiDay(date: Date): { year: number; dayOfYear: number; daysInYear: number } {
  if (Number.isNaN(date.getTime())) throw new RangeError("expectedShare: invalid date");
  const local = new Date(date.getTime() + CST_OFFSET_MS);
  const year = local.getUTCFullYear();
  const midnight = Date.UTC(year, local.getUTCMonth(), local.getUTCDate());
  const dayOfYear = Math.round((midnight - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
  const daysInYear = Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS);
  return { year, dayOfYear, daysInYear };
}

/**
 * A task's due date (a Prisma `@db.Date`: midnight UTC of that day), or null / undefined for the
 * year end. Only its month and day count: the import stores only due dates within the plan's
 * year (lib/progress/deadline.ts dueDateOf), the year a quarter refers to.
 */
export type Due = Date | null | undefined;

/** Months of the year elapsed at the end of the due day: 30 June → 6, 15 June → 5.5. */
function dueMonths(due: Date): number {
  const month = due.getUTCMonth();
  const days = new Date(Date.UTC(due.getUTCFullYear(), month + 1, 0)).getUTCDate();
  return month + due.getUTCDate() / days;
}

/** Expected share of the year's target (of the task's target, with a due date), 0..1. */
export function expectedShare(asOf: AsOf, due?: Due): number {
  if (due && Number.isNaN(due.getTime())) throw new RangeError("expectedShare: invalid due date");
  if (typeof asOf === "number") {
    if (asOf !== 1 && asOf !== 2 && asOf !== 3 && asOf !== 4) throw new RangeError(`expectedShare: no quarter ${asOf}`);
    // Quarters by month (3, 6, 9, 12 months elapsed), so that a due date at a quarter's end gives
    // the published 25 / 50 / 75 % shares scaled: due in June, Q1 is 3/6 = 50 %.
    return due ? Math.min(1, (asOf * 3) / dueMonths(due)) : asOf / 4;
  }
  const { date, year } = asOf instanceof Date ? { date: asOf, year: undefined } : asOf;
  const day = shanghaiDay(date);
  if (year !== undefined && day.year < year) return 0;
  if (year !== undefined && day.year > year) return 1;
  if (!due) return day.dayOfYear / day.daysInYear;
  // The due day's place in the judged year: 30 June is day 181 of 2025.
  const dueDay = Math.round((Date.UTC(day.year, due.getUTCMonth(), due.getUTCDate()) - Date.UTC(day.year, 0, 1)) / DAY_MS) + 1;
  return Math.min(1, day.dayOfYear / dueDay);
}
