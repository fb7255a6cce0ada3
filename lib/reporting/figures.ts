/**
 * Whose figure is the task's, and the task's status from it. Plain functions, no database.
 *
 * - The lead units (牵头单位) report for the task; co-units (配合) give them their input. Every
 *   task with units has at least one lead: the import marks them by the document's convention
 *   and makes the first listed unit lead where nothing else does, and the office cannot remove
 *   the last lead (lib/tasks/corrections.ts).
 * - A target's figure is the one of the first lead unit, in the order the units are listed,
 *   whose counted report gives a figure for it; the qualitative status is the least advanced
 *   one the lead units filed.
 * - Only counted reports count: filed (lib/reporting/states.ts) and readable by the viewer
 *   (lib/reporting/visibility.ts). The reads cut by visibility in the query; the filed states
 *   are checked again here, so that no caller can pass a draft or a returned report in.
 * - Only achieved figures count: an estimate (预计/预估 in an imported narrative) is never the
 *   task's figure. The reads select figures with COUNTED_ACTUALS (or filter on `estimated`), so
 *   a report whose only figure is an estimate leaves the target 已填报,缺少数据.
 */
import type { QualitativeStatus, ReviewState } from "@/lib/generated/prisma/enums";
import { taskProgress, type AsOf, type Due, type ProgressTarget, type TargetWithActual, type TaskProgress } from "@/lib/progress";
import { isFiled } from "@/lib/reporting/states";

export interface UnitLink {
  unitId: number;
  isLead: boolean;
}

/** The figures of a report that count (Prisma select): achieved ones, not estimates. */
export const COUNTED_ACTUALS = { where: { estimated: false }, select: { targetId: true, value: true } } as const;

/** A report as the evaluation needs it; `actuals` maps a target id to its year-to-date figure. */
export interface FiguresReport {
  unitId: number;
  state: ReviewState;
  qualitativeStatus: QualitativeStatus | null;
  actuals: Readonly<Record<string, number>> | null;
}

/** The lead units, in the order given (the order the document lists them). */
export function leadUnitIds(units: readonly UnitLink[]): number[] {
  const ids: number[] = [];
  for (const unit of units) if (unit.isLead) ids.push(unit.unitId);
  return ids;
}

/** Whether the unit leads the task. */
export function isLeadUnit(units: readonly UnitLink[], unitId: number): boolean {
  return units.some((unit) => unit.unitId === unitId && unit.isLead);
}

/**
 * A task's units as stored: where none is marked lead, the first listed leads (DOMAIN.md: a
 * single unit always leads; a first-listed document makes the first lead). Writes keep every
 * task so, and the reads above take the marks as they are.
 */
export function withLead<T extends UnitLink>(units: readonly T[]): T[] {
  if (units.length === 0 || units.some((unit) => unit.isLead)) return [...units];
  return units.map((unit, index) => (index === 0 ? { ...unit, isLead: true } : unit));
}

/**
 * Units in reporting order: the lead units first, then the co-units, each as listed; units that
 * reported without being listed (`extra`) last. The progress cell of the quarterly table and the
 * task page list the units' texts in this order.
 */
export function reportingRank(units: readonly UnitLink[]): (unitId: number) => number {
  const rank = new Map<number, number>();
  units.forEach((unit, index) => rank.set(unit.unitId, unit.isLead ? index : units.length + index));
  return (unitId) => rank.get(unitId) ?? 2 * units.length;
}

const QUALITATIVE_ORDER: Record<QualitativeStatus, number> = { not_started: 0, in_progress: 1, completed: 2 };

export interface TaskEvaluation<R extends FiguresReport> {
  progress: TaskProgress;
  /** Each target with the task's figure for it (null: no lead unit gave one). */
  withActuals: TargetWithActual[];
  /** The lead units' counted reports, in the lead units' order. */
  leadReports: R[];
}

/** Why a qualitative task counts as under way when its lead unit filed text without a status. */
const FILED_WITHOUT_STATUS = "已填报进展,未标注推进状态(按推进中统计)";

/**
 * A task's status for one period from the reports of that period (of any unit, in any state:
 * only the lead units' filed ones are used). The task's due date (`dueOn`, its 完成时限) sets
 * its 序时进度; every read that judges a task passes the task it selected, so selecting `dueOn`
 * is all a read does to judge by the deadline.
 */
export function evaluateTask<T extends ProgressTarget & { id: number }, R extends FiguresReport>(
  task: { units: readonly UnitLink[]; targets: readonly T[]; dueOn?: Due },
  reports: readonly R[],
  asOf: AsOf,
): TaskEvaluation<R> {
  const leadReports: R[] = [];
  for (const unit of task.units) {
    if (!unit.isLead) continue;
    const report = reports.find((r) => r.unitId === unit.unitId && isFiled(r.state));
    if (report) leadReports.push(report);
  }
  const withActuals: TargetWithActual[] = task.targets.map((target) => {
    for (const report of leadReports) {
      const value = report.actuals?.[target.id];
      if (value !== undefined) return { target, actual: value };
    }
    return { target, actual: null };
  });
  let qualitative: QualitativeStatus | null = null;
  for (const { qualitativeStatus: status } of leadReports) {
    if (status !== null && (qualitative === null || QUALITATIVE_ORDER[status] < QUALITATIVE_ORDER[qualitative])) qualitative = status;
  }
  // A qualitative task whose lead unit filed progress without picking a status (every report
  // imported from a quarterly table) is under way, not unreported.
  const filed = leadReports.length > 0;
  const due = task.dueOn ?? null;
  const filedWithoutStatus = task.targets.length === 0 && qualitative === null && filed;
  const underWay = filedWithoutStatus ? taskProgress(withActuals, "in_progress", asOf, { due }) : null;
  const progress = underWay
    ? { ...underWay, reason: underWay.status === "in_progress" ? FILED_WITHOUT_STATUS : `${FILED_WITHOUT_STATUS},已到完成时限` }
    : taskProgress(withActuals, qualitative, asOf, { filed, due });
  return { progress, withActuals, leadReports };
}

/**
 * What the office asks a lead unit for when it filed without a figure: the targets
 * 已填报,缺少数据 and the lead units whose filed reports left them out (every lead unit that
 * filed, since none gave the figure). Null when no figure is missing. The dashboard's 催报 list,
 * the reminder itself and the quarterly table all take it from here.
 */
export function missingFigures<T, R extends FiguresReport>(
  task: { targets: readonly T[] },
  { progress, leadReports }: Pick<TaskEvaluation<R>, "progress" | "leadReports">,
): { targets: T[]; unitIds: number[] } | null {
  const targets = task.targets.filter((_, index) => progress.targets[index]?.status === "missing_figure");
  return targets.length === 0 ? null : { targets, unitIds: leadReports.map((report) => report.unitId) };
}
