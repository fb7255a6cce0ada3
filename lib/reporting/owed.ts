import type { Quarter } from "@/lib/periods/quarters";
import type { ProgressTarget } from "@/lib/progress";
import { evaluateTask, missingFigures, type FiguresReport, type UnitLink } from "@/lib/reporting/figures";
import { isFiled } from "@/lib/reporting/states";

/**
 * What a unit still owes on a task for a period: its report (none filed: a draft or a returned
 * report is not filed, lib/reporting/states.ts), or, where it leads and filed without them, the
 * figures of the targets left 已填报,缺少数据 (the dashboard's rule, lib/reporting/figures.ts
 * missingFigures). 催报 by hand (lib/reports/remind.ts) and the scheduled reminders
 * (lib/reminders) both ask this, so a unit is chased for exactly what the dashboard shows missing.
 */
export type Owed<T> = { kind: "unfiled" } | { kind: "missing_figures"; targets: T[] };

/**
 * Every unit of `task.units` that owes something, with what it owes. The caller passes only the
 * units expected to file: a group (各镇街道 …) never files, so it is never owed anything.
 */
export function owedByUnits<T extends ProgressTarget & { id: number }>(
  task: { units: readonly UnitLink[]; targets: readonly T[]; dueOn?: Date | null },
  reports: readonly FiguresReport[],
  quarter: Quarter,
): Map<number, Owed<T>> {
  const owed = new Map<number, Owed<T>>();
  for (const unit of task.units) {
    if (!reports.some((report) => report.unitId === unit.unitId && isFiled(report.state))) owed.set(unit.unitId, { kind: "unfiled" });
  }
  const missing = missingFigures(task, evaluateTask(task, reports, quarter));
  for (const unitId of missing?.unitIds ?? []) {
    if (!owed.has(unitId)) owed.set(unitId, { kind: "missing_figures", targets: missing!.targets });
  }
  return owed;
}
