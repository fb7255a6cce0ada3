/**
 * Expected share of the year's target at a point in time (序时进度).
 *
 * Quarters use the conventional 25 / 50 / 75 / 100 % the offices publish. A date is pro rata
 * by calendar day in Asia/Shanghai (UTC+8, no daylight saving), the date itself counted as a
 * full day because filings are cumulative "through" it: 1 Jan = 1/365, 31 Dec = 100 %.
 * By day, 31 March is 90/365 = 24.7 %, not 25 %; pass the quarter when judging a quarterly
 * filing so the published figure comes out.
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

/** Expected share of the year's target, 0..1. */
export function expectedShare(asOf: AsOf): number {
  if (typeof asOf === "number") {
    if (asOf !== 1 && asOf !== 2 && asOf !== 3 && asOf !== 4) throw new RangeError(`expectedShare: no quarter ${asOf}`);
    return asOf / 4;
  }
  const { date, year } = asOf instanceof Date ? { date: asOf, year: undefined } : asOf;
  const day = shanghaiDay(date);
  if (year !== undefined && day.year < year) return 0;
  if (year !== undefined && day.year > year) return 1;
  return day.dayOfYear / day.daysInYear;
}
