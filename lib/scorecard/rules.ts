/**
 * The unit scorecard's (考核) rules: which reports a unit owes and how each one stands. Defined
 * once, here, in plain functions; the scorecard, its page and its .xlsx all count by them.
 *
 * - Owed (应报): for a reporting period of a plan, one report per unit listed on a tracked task
 *   (lib/reporting/reads.ts: a task that only groups others is not filed on), lead (牵头) and
 *   co-unit (配合) alike — the dashboard's 催报 list expects every responsible unit to file.
 *   Groups (各镇街道, 市政府各部门 …) never file and owe nothing; a unit that filed on a task it is
 *   not listed on owes nothing there and earns nothing by it.
 * - Each owed report stands in exactly one of five ways, so that 应报 = 按时 + 逾期 + 退回 + 未报 + 未到期:
 *   - 按时 (on time): filed (lib/reporting/states.ts isFiled) and not late;
 *   - 逾期 (late): filed and late. `ProgressReport.late` is set when the report is submitted, by
 *     comparing its submittedAt with the period's dueAt (lib/reports/filing.ts); an approved or
 *     published report keeps it. Reports imported from a quarterly table count as on time;
 *   - 退回 (returned): the office sent it back and the unit has not submitted it again. Once the
 *     unit saves it, it is the unit's draft again and stands as the next two;
 *   - 未报 (missing): nothing filed, the period's due date passed;
 *   - 未到期 (pending): nothing filed yet, before the due date.
 * - Figures (lib/reporting/figures.ts): the tasks a unit leads whose status, judged by
 *   evaluateTask and lib/progress, is 慢于序时; and those it filed on as a lead unit without a
 *   figure for a target (missingFigures, 已填报,缺少数据). A co-unit is judged on neither: the
 *   task's figure is its lead units'.
 * - Everything counts only what the viewer may read (lib/reporting/visibility.ts): a report the
 *   viewer may not read stands as not filed. The office reads every report but drafts; a leader
 *   the filed reports of their tasks, so to a leader a returned report is 未报 / 未到期.
 */
import { ReviewState } from "@/lib/generated/prisma/enums";
import { isFiled } from "@/lib/reporting/states";

export const STANDINGS = ["onTime", "late", "returned", "missing", "pending"] as const;

export type Standing = (typeof STANDINGS)[number];

export const standingLabels: Record<Standing, string> = {
  onTime: "按时",
  late: "逾期",
  returned: "退回",
  missing: "未报",
  pending: "未到期",
};

/** How an owed report stands at `now`: `report` is the unit's report of the period the viewer may read, if any. */
export function standingOf(report: { state: ReviewState; late: boolean } | null, period: { dueAt: Date }, now: Date): Standing {
  if (report && isFiled(report.state)) return report.late ? "late" : "onTime";
  if (report?.state === ReviewState.returned) return "returned";
  return now.getTime() > period.dueAt.getTime() ? "missing" : "pending";
}

/**
 * 按时率: the share of owed reports filed on time among those whose due date has passed or that
 * were filed (a report not yet due does not count against a unit); null when there is none.
 */
export function onTimeRate(counts: Record<Standing, number>): number | null {
  const judged = counts.onTime + counts.late + counts.returned + counts.missing;
  return judged === 0 ? null : counts.onTime / judged;
}
