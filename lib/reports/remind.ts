import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { canRemind, type Actor } from "@/lib/permissions";
import { trackedTasks } from "@/lib/reporting/reads";
import { FILED_STATES } from "@/lib/reporting/states";

/**
 * 催报: the office reminds a unit of the reports it has not filed this period. The note is
 * recorded on each of those tasks, in the history that everyone who may open the task reads.
 */
export async function remindUnit(
  prisma: PrismaClient,
  actor: Actor,
  input: { periodId: number; unitId: number; note: string },
): Promise<ActionResult<{ tasks: number }>> {
  if (!canRemind(actor)) return failure(FORBIDDEN);
  const period = await prisma.reportingPeriod.findUnique({ where: { id: input.periodId }, select: { id: true, planId: true, quarter: true } });
  if (!period) return failure("没有找到这个填报期。");
  const missing = await prisma.task.findMany({
    where: {
      planId: period.planId,
      units: { some: { unitId: input.unitId } },
      ...trackedTasks,
      reports: { none: { periodId: period.id, unitId: input.unitId, state: { in: [...FILED_STATES] } } },
    },
    select: { id: true },
  });
  if (missing.length === 0) return failure("该单位本期的报告都已提交,无需催报。");
  await prisma.$transaction(async (tx) => {
    for (const task of missing) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "report.remind",
        entityType: "ReportingPeriod",
        entityId: period.id,
        taskId: task.id,
        before: null,
        after: { unitId: input.unitId, periodId: period.id, note: input.note },
      });
    }
  });
  return { ok: true, message: `已催报:${missing.length} 项任务记录了提醒。`, tasks: missing.length };
}
