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
 * Default schedule of a quarter's report: units report the quarter once it is over (figures are
 * "1-3月" to date), so filing opens the day after the quarter ends and is due on the 15th of
 * that month (cities set the 10th–20th; Pinghu's Q2 2025 was due 2025-07-15), end of that day.
 */
export function defaultPeriodSchedule(year: number, quarter: Quarter): { opensAt: Date; dueAt: Date } {
  return {
    opensAt: cstMidnight(year, quarter * 3 + 1, 1),
    dueAt: cstMidnight(year, quarter * 3 + 1, 16),
  };
}

/** A period as the 填报期 form shows it: the days a date input holds. */
export interface PeriodDays {
  quarter: number;
  opensOn: string;
  dueOn: string;
}

/** The days of a period, as the form writes them: due "on" the last day filing is accepted. */
export function periodDays(period: { quarter: number; opensAt: Date; dueAt: Date }): PeriodDays {
  return { quarter: period.quarter, opensOn: cstDateString(period.opensAt), dueOn: cstDateString(new Date(period.dueAt.getTime() - 1)) };
}

/**
 * The quarter the office most likely opens next in a plan: the one after its latest period, else
 * the first without a period; the fourth once all four have one (the form then changes its dates).
 */
export function nextQuarter(periods: ReadonlyArray<{ quarter: number }>): Quarter {
  const taken = new Set(periods.map((period) => period.quarter));
  const latest = Math.max(0, ...taken);
  const quarters: Quarter[] = [1, 2, 3, 4];
  return quarters.find((quarter) => quarter > latest) ?? quarters.find((quarter) => !taken.has(quarter)) ?? 4;
}

/** What the form shows for a plan and quarter: the period's own days where it exists, else the default schedule. */
export function periodFormDays(plan: { year: number; periods: readonly PeriodDays[] }, quarter: Quarter = nextQuarter(plan.periods)): PeriodDays {
  return plan.periods.find((period) => period.quarter === quarter) ?? periodDays({ quarter, ...defaultPeriodSchedule(plan.year, quarter) });
}

export const quarterLabels: Record<Quarter, string> = { 1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度" };

export function isQuarter(value: number): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** A stored period's quarter as people write it: "二季度"; a number outside 1–4 (never stored by the app) as "第5季度". */
export function quarterName(quarter: number): string {
  return isQuarter(quarter) ? quarterLabels[quarter] : `第${quarter}季度`;
}

/** The quarter a plan's pages open on: the latest open period, else the latest period, else Q1. */
export function defaultQuarter(periods: ReadonlyArray<{ quarter: number; closed: boolean }>): Quarter {
  const latest = [...periods].reverse().filter((period) => isQuarter(period.quarter));
  const chosen = latest.find((period) => !period.closed) ?? latest[0];
  return chosen ? (chosen.quarter as Quarter) : 1;
}
