/**
 * What a unit has to do in the open quarters, and in which order: plain functions, no database,
 * shared by "my tasks" (which lists it) and the task page (which opens the quarter to file).
 *
 * A report sent back (退回) comes first: the office is waiting for it, and it no longer counts as
 * filed. A quarter past its deadline comes before one still running, the one due soonest first.
 * What is filed (submitted, approved, published) needs nothing from the unit.
 */
import type { ReviewState } from "@/lib/generated/prisma/enums";
import { isFiled, returnNoteOf } from "@/lib/reporting/states";

/** What a task needs from the unit in one quarter. */
export type Need = "returned" | "to_file" | "filed";

const NEED_RANK: Record<Need, number> = { returned: 0, to_file: 1, filed: 2 };

export interface OwnReport {
  state: ReviewState;
  reviewComment: string | null;
}

/**
 * A returned report stays "returned" while the unit reworks it (a save makes it a draft again,
 * with the office's note kept) until it is submitted again.
 */
export function needOf(report: OwnReport | null): Need {
  if (!report) return "to_file";
  if (isFiled(report.state)) return "filed";
  return returnNoteOf(report) !== null || report.state === "returned" ? "returned" : "to_file";
}

export function compareNeed(a: Need, b: Need): number {
  return NEED_RANK[a] - NEED_RANK[b];
}

/** Open quarters, the one due soonest (an overdue one, then) first; the earlier quarter on a tie. */
export function compareDue(a: { dueAt: Date; quarter: number }, b: { dueAt: Date; quarter: number }): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || a.quarter - b.quarter;
}

/** Whether a quarter's filing is past its deadline at `now`. */
export function isOverdue(period: { dueAt: Date }, now: Date): boolean {
  return now.getTime() >= period.dueAt.getTime();
}

/**
 * The open quarter a task page offers for filing when none is asked for: the one whose report
 * was returned, else the one due soonest that still needs the unit's report, else the latest.
 */
export function filingPeriodFor<P extends { id: number; dueAt: Date; quarter: number }>(
  openPeriods: readonly P[],
  ownReport: (period: P) => OwnReport | null,
): P | undefined {
  const byDue = [...openPeriods].sort(compareDue);
  return (
    byDue.find((period) => needOf(ownReport(period)) === "returned") ??
    byDue.find((period) => needOf(ownReport(period)) === "to_file") ??
    byDue.at(-1)
  );
}
