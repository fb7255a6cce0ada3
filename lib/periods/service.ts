import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit, type PeriodAudit } from "@/lib/audit/record";
import { canManagePeriods, type Actor } from "@/lib/permissions";
import { cstMidnightOf } from "@/lib/periods/quarters";
import type { PeriodInput } from "@/lib/zod/periods";

function periodAudit(period: { opensAt: Date; dueAt: Date; closed: boolean }): PeriodAudit {
  return { opensAt: period.opensAt.toISOString(), dueAt: period.dueAt.toISOString(), closed: period.closed };
}

/** Opens a quarter for filing, or changes its dates. Due "on" a day means until that day ends (CST). */
export async function savePeriod(prisma: PrismaClient, actor: Actor, input: PeriodInput): Promise<ActionResult<{ periodId: number }>> {
  if (!canManagePeriods(actor)) return failure(FORBIDDEN);
  const plan = await prisma.plan.findUnique({ where: { id: input.planId }, select: { id: true } });
  if (!plan) return failure("没有找到这个计划。");
  const dates = { opensAt: cstMidnightOf(input.opensOn), dueAt: cstMidnightOf(input.dueOn, 1) };
  return prisma.$transaction(async (tx) => {
    const before = await tx.reportingPeriod.findUnique({ where: { planId_quarter: { planId: plan.id, quarter: input.quarter } } });
    const period = await tx.reportingPeriod.upsert({
      where: { planId_quarter: { planId: plan.id, quarter: input.quarter } },
      create: { planId: plan.id, quarter: input.quarter, ...dates },
      update: dates,
    });
    const entity = { actorId: actor.id, entityType: "ReportingPeriod", entityId: period.id } as const;
    const after = periodAudit(period);
    await recordAudit(tx, before ? { ...entity, action: "period.update", before: periodAudit(before), after } : { ...entity, action: "period.open", before: null, after });
    return { ok: true as const, message: before ? "填报期已更新。" : "填报期已开启。", periodId: period.id };
  });
}

export async function setPeriodClosed(
  prisma: PrismaClient,
  actor: Actor,
  input: { periodId: number; closed: boolean },
): Promise<ActionResult> {
  if (!canManagePeriods(actor)) return failure(FORBIDDEN);
  const before = await prisma.reportingPeriod.findUnique({ where: { id: input.periodId } });
  if (!before) return failure("没有找到这个填报期。");
  await prisma.$transaction(async (tx) => {
    await tx.reportingPeriod.update({ where: { id: before.id }, data: { closed: input.closed } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "period.update",
      entityType: "ReportingPeriod",
      entityId: before.id,
      before: { closed: before.closed },
      after: { closed: input.closed },
    });
  });
  return { ok: true, message: input.closed ? "填报期已关闭,单位不能再修改。" : "填报期已重新开放。" };
}
