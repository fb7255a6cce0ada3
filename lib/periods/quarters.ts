/** Reporting calendar. Dates are in China Standard Time (UTC+8, no daylight saving). */
export type Quarter = 1 | 2 | 3 | 4;

export const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Midnight CST of a calendar day, as an instant. Months are 1-based; overflow rolls into the next year. */
export function cstMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - CST_OFFSET_MS);
}

/** The CST calendar day of an instant, as a date input writes it ("2025-07-15"). */
export function cstDateString(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight CST starting a "YYYY-MM-DD" day, plus whole days. */
export function cstMidnightOf(isoDate: string, plusDays = 0): Date {
  const [year, month, day] = isoDate.split("-").map(Number);
  return cstMidnight(year, month, day + plusDays);
}

/**
 * Default schedule of a quarter's report: filing opens in the quarter's last month and is due
 * on the 15th of the month after the quarter (cities set the 10th–20th), end of that day.
 */
export function defaultPeriodSchedule(year: number, quarter: Quarter): { opensAt: Date; dueAt: Date } {
  return {
    opensAt: cstMidnight(year, quarter * 3, 1),
    dueAt: cstMidnight(year, quarter * 3 + 1, 16),
  };
}

export const quarterLabels: Record<Quarter, string> = { 1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度" };

export function isQuarter(value: number): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** The quarter a plan's pages open on: the latest open period, else the latest period, else Q1. */
export function defaultQuarter(periods: ReadonlyArray<{ quarter: number; closed: boolean }>): Quarter {
  const latest = [...periods].reverse().filter((period) => isQuarter(period.quarter));
  const chosen = latest.find((period) => !period.closed) ?? latest[0];
  return chosen ? (chosen.quarter as Quarter) : 1;
}
