import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { canManagePeriods, type Actor } from "@/lib/permissions";
import { describeRules, rulesOf, type ReminderRules } from "@/lib/reminders/rules";
import type { ReminderRulesInput } from "@/lib/zod/reminders";

/** A period's reminder rules as the rules page shows them, with the version a save names (0: the defaults, never saved). */
export async function readReminderRules(prisma: PrismaClient, periodId: number) {
  const period = await prisma.reportingPeriod.findUnique({
    where: { id: periodId },
    include: { reminderRule: true, plan: { select: { id: true, year: true, government: true, title: true } } },
  });
  if (!period) return null;
  const { reminderRule, ...rest } = period;
  return { period: rest, rules: rulesOf(reminderRule), saved: reminderRule !== null, version: reminderRule?.version ?? 0 };
}

/**
 * The office sets a period's reminder rules. The save names the version it read: where someone
 * saved in between, it is refused with what they saved, and the form keeps what was typed.
 */
export async function saveReminderRules(prisma: PrismaClient, actor: Actor, input: ReminderRulesInput): Promise<ActionResult<{ version: number }>> {
  if (!canManagePeriods(actor)) return failure(FORBIDDEN);
  const period = await prisma.reportingPeriod.findUnique({ where: { id: input.periodId }, select: { id: true } });
  if (!period) return failure("没有找到这个填报期。");
  const rules: ReminderRules = {
    daysBefore: input.daysBefore,
    onDueDay: input.onDueDay,
    overdueEveryDays: input.overdueEveryDays,
    escalateAfterDays: input.escalateAfterDays,
  };
  return prisma.$transaction(async (tx) => {
    const current = await tx.reminderRule.findUnique({ where: { periodId: period.id } });
    const stale = async () => {
      const latest = await tx.reminderRule.findUnique({ where: { periodId: period.id } });
      return failure(`提醒规则已被他人修改,现为:${describeRules(rulesOf(latest))}。你填写的内容仍在表单中,请刷新页面后再保存。`);
    };
    if ((current?.version ?? 0) !== input.version) return stale();
    // Two first saves at once: the second finds the row the first made and is refused as stale.
    const written =
      input.version === 0
        ? await tx.reminderRule.createMany({ data: [{ periodId: period.id, ...rules }], skipDuplicates: true })
        : await tx.reminderRule.updateMany({ where: { periodId: period.id, version: input.version }, data: { ...rules, version: { increment: 1 } } });
    if (written.count === 0) return stale();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "period.reminders",
      entityType: "ReportingPeriod",
      entityId: period.id,
      before: rulesOf(current),
      after: rules,
    });
    return { ok: true as const, message: `提醒规则已保存:${describeRules(rules)}。`, version: input.version + 1 };
  });
}
