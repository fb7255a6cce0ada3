/**
 * When reminders go out for a reporting period: the office's rules, and the steps they make.
 * Plain functions, safe in client and server code; the dates are China Standard Time.
 *
 * Days count from the period's last filing day (the day before `dueAt`, lib/reports/labels.ts
 * lastFilingDay): −7 is seven days before it, 0 the day itself, 3 three days overdue. Each step goes
 * out at 9:00 on its day and stays due for 24 hours, so a runner that checks every few minutes,
 * or comes back from a restart within the day, still finds it; the next step is on another day,
 * so at most one step of a period is due at any time.
 */
import { cstDateString, cstMidnightOf } from "@/lib/periods/quarters";

export interface ReminderRules {
  /** Days before the last filing day, largest first (7 and 2). */
  daysBefore: number[];
  /** Remind on the last filing day itself. */
  onDueDay: boolean;
  /** While overdue, remind every this many days (null: not once overdue). */
  overdueEveryDays: number | null;
  /** From this many days overdue, copy the leaders in charge and the office (null: never). */
  escalateAfterDays: number | null;
}

/** The rules of a period the office has not set: a week and two days ahead, on the day, every 3 days after, the leaders copied from 6 days late. */
export const DEFAULT_REMINDER_RULES: ReminderRules = { daysBefore: [7, 2], onDueDay: true, overdueEveryDays: 3, escalateAfterDays: 6 };

/** What the rules form accepts (lib/zod/reminders.ts). */
export const REMINDER_LIMITS = { daysBefore: 60, daysBeforeCount: 5, overdueEveryDays: 30, escalateAfterDays: 90 } as const;

/** The hour (CST) each reminder goes out, once the working day has begun. */
export const REMINDER_HOUR_CST = 9;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** A period's saved rules, or the defaults where the office has set none. */
export function rulesOf(saved: ReminderRules | null): ReminderRules {
  return saved ? { ...saved, daysBefore: [...saved.daysBefore].sort((a, b) => b - a) } : DEFAULT_REMINDER_RULES;
}

export interface SchedulePeriod {
  opensAt: Date;
  dueAt: Date;
  closed: boolean;
}

/** One reminder of a schedule: `day` from the last filing day, when it goes out, and whether the leaders and the office are copied. */
export interface ReminderStep {
  day: number;
  at: Date;
  escalated: boolean;
}

/** The last day one may file, as "2025-07-15" (CST): a period due 16 July 00:00 is due on 15 July. */
export function lastFilingDate(period: { dueAt: Date }): string {
  return cstDateString(new Date(period.dueAt.getTime() - 1));
}

/** When the reminder of `day` goes out. */
export function stepAt(period: { dueAt: Date }, day: number): Date {
  return new Date(cstMidnightOf(lastFilingDate(period), day).getTime() + REMINDER_HOUR_CST * HOUR_MS);
}

/** The step's name in a reminder's key: "before-7", "due", "overdue-3". */
export function stepName(day: number): string {
  if (day < 0) return `before-${-day}`;
  return day === 0 ? "due" : `overdue-${day}`;
}

/** The step as the office reads it: 截止前7天, 截止当天, 逾期3天. */
export function stepLabel(day: number): string {
  if (day < 0) return `截止前${-day}天`;
  return day === 0 ? "截止当天" : `逾期${day}天`;
}

function isStepDay(rules: ReminderRules, day: number): boolean {
  if (day < 0) return rules.daysBefore.includes(-day);
  if (day === 0) return rules.onDueDay;
  return (rules.overdueEveryDays !== null && day % rules.overdueEveryDays === 0) || day === rules.escalateAfterDays;
}

function step(rules: ReminderRules, period: SchedulePeriod, day: number): ReminderStep | null {
  const at = stepAt(period, day);
  // A step that fell before the period opened is not sent late: the next one comes.
  if (!isStepDay(rules, day) || at < period.opensAt) return null;
  return { day, at, escalated: rules.escalateAfterDays !== null && day >= rules.escalateAfterDays };
}

/** The step due at `now` (gone out within the last 24 hours), or null; nothing once the period is closed. */
export function stepDueAt(rules: ReminderRules, period: SchedulePeriod, now: Date): ReminderStep | null {
  if (period.closed) return null;
  const day = Math.floor((now.getTime() - stepAt(period, 0).getTime()) / DAY_MS);
  return step(rules, period, day);
}

/**
 * The schedule as the rules page lists it: the steps before and on the day, then the overdue ones
 * up to the first that copies the leaders and one round after (later ones repeat every N days).
 */
export function reminderSchedule(rules: ReminderRules, period: SchedulePeriod): ReminderStep[] {
  const every = rules.overdueEveryDays;
  const escalate = rules.escalateAfterDays ?? 0;
  const lastListed = every === null ? escalate : Math.max(every * 2, Math.ceil(escalate / every) * every + every);
  const days = [...rules.daysBefore.map((day) => -day).sort((a, b) => a - b), 0];
  for (let day = 1; day <= lastListed; day += 1) days.push(day);
  return days.map((day) => step(rules, period, day)).filter((entry) => entry !== null);
}

/** The rules in one line: "截止前 7、2 天,截止当天,逾期后每 3 天;逾期 6 天起抄送分管市领导和市府办". */
export function describeRules(rules: ReminderRules): string {
  const parts: string[] = [];
  if (rules.daysBefore.length > 0) parts.push(`截止前 ${rules.daysBefore.join("、")} 天`);
  if (rules.onDueDay) parts.push("截止当天");
  if (rules.overdueEveryDays !== null) parts.push(`逾期后每 ${rules.overdueEveryDays} 天`);
  const reminders = parts.length > 0 ? parts.join(",") : "不在截止前后提醒";
  return rules.escalateAfterDays === null ? reminders : `${reminders};逾期 ${rules.escalateAfterDays} 天起抄送分管市领导和市府办`;
}
