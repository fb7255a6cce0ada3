/**
 * Same text as last quarter: how much of a report's narrative repeats the same unit's previous
 * report on the same task (lib/text/repetition.ts), for the reviewer. Plain functions: the reads
 * hand in only reports the viewer may read, so the figure shows exactly to whoever may read both.
 */
import type { ReviewState } from "@/lib/generated/prisma/enums";
import { isQuarter, type Quarter } from "@/lib/periods/quarters";
import { isFiled } from "@/lib/reporting/states";
import { repetitionOf, type Repetition } from "@/lib/text/repetition";

export interface RepeatOfPrevious extends Repetition {
  /** The quarter of the earlier report compared with. */
  quarter: Quarter;
}

export interface ComparedReport {
  taskId: number;
  unitId: number;
  quarter: number;
  state: ReviewState;
  narrative: string;
}

/**
 * The report's previous one: the same unit's on the same task in the latest earlier quarter that
 * counts as filed (a draft or a returned report was never anyone's progress); null when none.
 */
export function previousReportOf<R extends ComparedReport>(report: ComparedReport, candidates: readonly R[]): R | null {
  let previous: R | null = null;
  for (const candidate of candidates) {
    if (candidate.taskId !== report.taskId || candidate.unitId !== report.unitId || !isFiled(candidate.state)) continue;
    if (candidate.quarter >= report.quarter) continue;
    if (!previous || candidate.quarter > previous.quarter) previous = candidate;
  }
  return previous;
}

/** How much of the report's narrative repeats its previous report's; null with nothing to compare. */
export function repeatOfPrevious(report: ComparedReport, candidates: readonly ComparedReport[]): RepeatOfPrevious | null {
  const previous = previousReportOf(report, candidates);
  if (!previous || !isQuarter(previous.quarter) || !report.narrative.trim() || !previous.narrative.trim()) return null;
  return { quarter: previous.quarter, ...repetitionOf(report.narrative, previous.narrative) };
}
