import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { isQuarter } from "@/lib/periods/quarters";
import { canRemind, type Actor } from "@/lib/permissions";
import { COUNTED_ACTUALS } from "@/lib/reporting/figures";
import { describeTarget } from "@/lib/reporting/phrasing";
import { trackedTasks } from "@/lib/reporting/reads";
import { owedByUnits } from "@/lib/reporting/owed";
import { reportsCountedFor } from "@/lib/reporting/visibility";

/**
 * 催报: the office reminds a unit of the reports it has not filed this period, and of the figures
 * its filed lead reports left out (已填报,缺少数据, by the dashboard's own rule:
 * lib/reporting/figures.ts missingFigures; what a unit owes: lib/reporting/owed.ts). The note is
 * recorded on each of those tasks, in the history that everyone who may open the task reads; a
 * missing figure's note names the targets.
 */
export async function remindUnit(
  prisma: PrismaClient,
  actor: Actor,
  input: { periodId: number; unitId: number; note: string },
): Promise<ActionResult<{ tasks: number; missingFigures: number }>> {
  if (!canRemind(actor)) return failure(FORBIDDEN);
  const period = await prisma.reportingPeriod.findUnique({ where: { id: input.periodId }, select: { id: true, planId: true, quarter: true } });
  if (!period || !isQuarter(period.quarter)) return failure("没有找到这个填报期。");
  const quarter = period.quarter;
  const tasks = await prisma.task.findMany({
    // A group (各镇街道 …) is never asked to file, so it has nothing to be reminded of.
    where: { planId: period.planId, units: { some: { unitId: input.unitId, unit: { kind: "unit" } } }, ...trackedTasks },
    orderBy: { id: "asc" },
    select: {
      id: true,
      dueOn: true,
      units: { where: { unit: { kind: "unit" } }, orderBy: { position: "asc" }, select: { unitId: true, isLead: true } },
      targets: { orderBy: { position: "asc" } },
      reports: {
        where: { AND: [{ periodId: period.id }, reportsCountedFor(actor)] },
        select: { unitId: true, state: true, qualitativeStatus: true, actuals: COUNTED_ACTUALS },
      },
    },
  });
  const reminders: Array<{ taskId: number; note: string }> = [];
  let figureReminders = 0;
  for (const task of tasks) {
    const reports = task.reports.map((report) => ({ ...report, actuals: Object.fromEntries(report.actuals.map((actual) => [actual.targetId, actual.value])) }));
    const owed = owedByUnits(task, reports, quarter).get(input.unitId);
    if (owed?.kind === "unfiled") reminders.push({ taskId: task.id, note: input.note });
    if (owed?.kind === "missing_figures") {
      figureReminders += 1;
      reminders.push({ taskId: task.id, note: `已填报,缺少数据:${owed.targets.map((target) => describeTarget(target)).join("、")}。${input.note}` });
    }
  }
  if (reminders.length === 0) return failure("该单位本期的报告都已提交,数据齐全,无需催报。");
  await prisma.$transaction(async (tx) => {
    for (const { taskId, note } of reminders) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "report.remind",
        entityType: "ReportingPeriod",
        entityId: period.id,
        taskId,
        before: null,
        after: { unitId: input.unitId, periodId: period.id, note },
      });
    }
  });
  const figures = figureReminders > 0 ? `(其中 ${figureReminders} 项已填报,缺少数据)` : "";
  return { ok: true, message: `已催报:${reminders.length} 项任务记录了提醒${figures}。`, tasks: reminders.length, missingFigures: figureReminders };
}
