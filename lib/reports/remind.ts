import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { isQuarter } from "@/lib/periods/quarters";
import { enqueueNotice } from "@/lib/notify/outbox";
import { wakeDelivery } from "@/lib/notify/wake";
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
 * missing figure's note names the targets. In the same transaction the reminder goes into the
 * outbox (lib/notify/outbox.ts): to each active account of the unit in the app and by email, and
 * to the unit's group-chat robots.
 */
export async function remindUnit(
  prisma: PrismaClient,
  actor: Actor,
  input: { periodId: number; unitId: number; note: string },
): Promise<ActionResult<{ tasks: number; missingFigures: number; messages: number }>> {
  if (!canRemind(actor)) return failure(FORBIDDEN);
  const period = await prisma.reportingPeriod.findUnique({ where: { id: input.periodId }, select: { id: true, planId: true, quarter: true, plan: { select: { title: true } } } });
  if (!period || !isQuarter(period.quarter)) return failure("没有找到这个填报期。");
  const quarter = period.quarter;
  const tasks = await prisma.task.findMany({
    // A group (各镇街道 …) is never asked to file, so it has nothing to be reminded of.
    where: { planId: period.planId, units: { some: { unitId: input.unitId, unit: { kind: "unit" } } }, ...trackedTasks },
    orderBy: { id: "asc" },
    select: {
      id: true,
      number: true,
      text: true,
      dueOn: true,
      units: { where: { unit: { kind: "unit" } }, orderBy: { position: "asc" }, select: { unitId: true, isLead: true } },
      targets: { orderBy: { position: "asc" } },
      reports: {
        where: { AND: [{ periodId: period.id }, reportsCountedFor(actor)] },
        select: { unitId: true, state: true, qualitativeStatus: true, actuals: COUNTED_ACTUALS },
      },
    },
  });
  const reminders: Array<{ taskId: number; note: string; task: { number: string; text: string }; missing?: string }> = [];
  let figureReminders = 0;
  for (const task of tasks) {
    const reports = task.reports.map((report) => ({ ...report, actuals: Object.fromEntries(report.actuals.map((actual) => [actual.targetId, actual.value])) }));
    const owed = owedByUnits(task, reports, quarter).get(input.unitId);
    if (owed?.kind === "unfiled") reminders.push({ taskId: task.id, note: input.note, task });
    if (owed?.kind === "missing_figures") {
      figureReminders += 1;
      const targets = owed.targets.map((target) => describeTarget(target)).join("、");
      reminders.push({ taskId: task.id, note: `已填报,缺少数据:${targets}。${input.note}`, task, missing: targets });
    }
  }
  if (reminders.length === 0) return failure("该单位本期的报告都已提交,数据齐全,无需催报。");
  const messages = await prisma.$transaction(async (tx) => {
    const auditIds: number[] = [];
    for (const { taskId, note } of reminders) {
      const auditId = await recordAudit(tx, {
        actorId: actor.id,
        action: "report.remind",
        entityType: "ReportingPeriod",
        entityId: period.id,
        taskId,
        before: null,
        after: { unitId: input.unitId, periodId: period.id, note },
      });
      auditIds.push(auditId);
    }
    const recipients = await tx.user.findMany({ where: { unitId: input.unitId, role: "unit_staff", active: true }, select: { id: true } });
    return enqueueNotice(tx, {
      // One 催报 is one notice: its first audit event names it, so it is enqueued once.
      key: `remind:audit-${auditIds[0]}`,
      subject: `催报:${period.plan.title} 第${quarter}季度`,
      body: reminderBody(input.note, reminders),
      userIds: recipients.map((user) => user.id),
      robotUnitIds: [input.unitId],
    });
  });
  if (messages.enqueued > 0) await wakeDelivery(prisma);
  const figures = figureReminders > 0 ? `(其中 ${figureReminders} 项已填报,缺少数据)` : "";
  const sent = messages.enqueued > 0 ? `已发出消息 ${messages.enqueued} 条,投递状态见“消息投递”。` : "该单位没有可接收消息的账号或群机器人。";
  return { ok: true, message: `已催报:${reminders.length} 项任务记录了提醒${figures}。${sent}`, tasks: reminders.length, missingFigures: figureReminders, messages: messages.enqueued };
}

const LISTED_TASKS = 10;

/** The message: the office's note, then the tasks concerned (the first ten), then where to file. */
function reminderBody(note: string, reminders: Array<{ task: { number: string; text: string }; missing?: string }>): string {
  const lines = reminders.slice(0, LISTED_TASKS).map(({ task, missing }) => {
    const text = task.text.length > 40 ? `${task.text.slice(0, 40)}…` : task.text;
    return `- ${task.number}. ${text}${missing ? `(已填报,缺少数据:${missing})` : ""}`;
  });
  if (reminders.length > LISTED_TASKS) lines.push(`- 另有 ${reminders.length - LISTED_TASKS} 项`);
  const site = process.env.NEXTAUTH_URL ? `\n\n请登录 ${process.env.NEXTAUTH_URL.replace(/\/$/, "")}/my 填报。` : "";
  return `${note}\n\n需要提交或补充数据的任务 ${reminders.length} 项:\n${lines.join("\n")}${site}`;
}
