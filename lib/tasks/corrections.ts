import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { canCorrectTasks, type Actor } from "@/lib/permissions";
import type { LeadCorrection, TargetCorrection } from "@/lib/zod/corrections";

/** The office fixes what the parser read; the document no longer overrides a reviewed target. */
export async function correctTarget(prisma: PrismaClient, actor: Actor, input: TargetCorrection): Promise<ActionResult> {
  if (!canCorrectTasks(actor)) return failure(FORBIDDEN);
  const before = await prisma.target.findUnique({ where: { id: input.targetId } });
  if (!before) return failure("没有找到这个目标。");
  const { targetId, ...values } = input;
  const unchanged = (Object.keys(values) as Array<keyof typeof values>).every((key) => before[key] === values[key]);
  await prisma.$transaction(async (tx) => {
    const after = await tx.target.update({ where: { id: targetId }, data: { ...values, review: unchanged ? "confirmed" : "corrected" } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "target.correct",
      entityType: "Target",
      entityId: targetId,
      taskId: before.taskId,
      before: { kind: before.kind, comparator: before.comparator, value: before.value, unit: before.unit, review: before.review },
      after: { kind: after.kind, comparator: after.comparator, value: after.value, unit: after.unit, review: after.review },
    });
  });
  return { ok: true, message: unchanged ? "已确认目标。" : "目标已更正。" };
}

export async function correctLead(prisma: PrismaClient, actor: Actor, input: LeadCorrection): Promise<ActionResult> {
  if (!canCorrectTasks(actor)) return failure(FORBIDDEN);
  const where = { taskId_unitId: { taskId: input.taskId, unitId: input.unitId } };
  return prisma.$transaction(async (tx): Promise<ActionResult> => {
    // The task's units locked first: two people removing the task's two leads at once must not
    // both see the other one still leading (every task keeps a lead, lib/reporting/figures.ts).
    const links = await tx.$queryRaw<Array<{ unitId: number; isLead: boolean }>>`
      SELECT "unitId", "isLead" FROM "TaskUnit" WHERE "taskId" = ${input.taskId} FOR UPDATE`;
    const before = links.find((link) => link.unitId === input.unitId);
    if (!before) return failure("这个单位不是该任务的责任单位。");
    const unit = await tx.unit.findUnique({ where: { id: input.unitId }, select: { kind: true } });
    if (input.isLead && unit?.kind === "group") return failure("单位群组不能作为牵头单位。");
    if (!input.isLead && before.isLead && links.filter((link) => link.isLead).length === 1) {
      return failure("每项任务至少要有一个牵头单位。");
    }
    await tx.taskUnit.update({ where, data: { isLead: input.isLead, leadCorrected: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "unit.lead",
      entityType: "TaskUnit",
      entityId: `${input.taskId}:${input.unitId}`,
      taskId: input.taskId,
      before: { unitId: input.unitId, isLead: before.isLead },
      after: { unitId: input.unitId, isLead: input.isLead },
    });
    return { ok: true, message: input.isLead ? "已设为牵头单位。" : "已改为配合单位。" };
  });
}
