import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "report.save"
  | "report.submit"
  | "report.return"
  | "report.approve"
  | "report.publish"
  | "report.remind"
  | "period.open"
  | "period.update"
  | "user.create"
  | "user.update"
  | "plan.import"
  | "target.correct"
  | "unit.lead";

export const auditActionLabels: Record<AuditAction, string> = {
  "report.save": "保存草稿",
  "report.submit": "提交",
  "report.return": "退回",
  "report.approve": "审核通过",
  "report.publish": "公开",
  "report.remind": "催报",
  "period.open": "开启填报期",
  "period.update": "修改填报期",
  "user.create": "新建账号",
  "user.update": "修改账号",
  "plan.import": "导入文件",
  "target.correct": "更正目标",
  "unit.lead": "更正牵头单位",
};

/** One audit row per change, written in the same transaction as the change itself. */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  event: {
    actorId: number;
    action: AuditAction;
    entityType: string;
    entityId: number | string;
    taskId?: number | null;
    before?: Prisma.InputJsonValue | null;
    after?: Prisma.InputJsonValue | null;
  },
) {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: String(event.entityId),
      taskId: event.taskId ?? null,
      before: event.before ?? undefined,
      after: event.after ?? undefined,
    },
  });
}
