import type { Prisma } from "@/lib/generated/prisma/client";
import type { Comparator, MessageState, ReviewState, RobotPlatform, Role, TargetKind, TargetReview } from "@/lib/generated/prisma/enums";
import type { ImportOutcome } from "@/lib/import/persist";
import type { ReminderRules } from "@/lib/reminders/rules";
import type { ReportSnapshot } from "@/lib/reports/snapshot";

/** A report at one moment, with the unit it belongs to. */
export type ReportAudit = ReportSnapshot & { unitId: number };

export interface PeriodAudit {
  opensAt: string;
  dueAt: string;
  closed: boolean;
}

export interface UserAudit {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  leaderName: string | null;
  active: boolean;
  email?: string | null;
  mobile?: string | null;
}

export interface TargetAudit {
  kind: TargetKind;
  comparator: Comparator;
  value: number;
  unit: string;
  review: TargetReview;
}

/** An attachment as the audit records it, with its report's unit and state at the time (the history shows it to whom may read that report). */
export interface AttachmentAudit {
  reportId: number;
  unitId: number;
  state: ReviewState;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  public: boolean;
}

/** What an import wrote (its outcome but the plan's id, which is the entity id), and from which file. */
export type PlanImportAudit = Omit<ImportOutcome, "planId"> & { fileName: string };

/**
 * What each audited action records: the entity it concerns and its state before and after.
 * A new action is added here first; `recordAudit` accepts nothing else, and the history reader
 * (lib/reporting/history.ts) reads the same types back.
 */
export interface AuditPayloads {
  "report.save": { entityType: "ProgressReport"; before: ReportAudit | null; after: ReportAudit };
  "report.submit": { entityType: "ProgressReport"; before: ReportAudit | null; after: ReportAudit };
  "report.return": { entityType: "ProgressReport"; before: ReportAudit; after: ReportAudit };
  "report.approve": { entityType: "ProgressReport"; before: ReportAudit; after: ReportAudit };
  "report.publish": { entityType: "ProgressReport"; before: ReportAudit; after: ReportAudit };
  "report.remind": { entityType: "ReportingPeriod"; before?: null; after: { unitId: number; periodId: number; note: string } };
  "period.open": { entityType: "ReportingPeriod"; before?: null; after: PeriodAudit };
  "period.update": { entityType: "ReportingPeriod"; before: Partial<PeriodAudit>; after: Partial<PeriodAudit> };
  "period.reminders": { entityType: "ReportingPeriod"; before: ReminderRules; after: ReminderRules };
  "user.create": { entityType: "User"; before?: null; after: UserAudit };
  "user.update": { entityType: "User"; before: UserAudit; after: UserAudit & { passwordChanged?: true } };
  "plan.import": { entityType: "Plan"; before?: null; after: PlanImportAudit };
  "target.correct": { entityType: "Target"; before: TargetAudit; after: TargetAudit };
  "unit.lead": { entityType: "TaskUnit"; before: { unitId: number; isLead: boolean }; after: { unitId: number; isLead: boolean } };
  "unit.group": { entityType: "Unit"; before: { memberIds: number[] }; after: { memberIds: number[]; tasksExpanded: number } };
  "attachment.upload": { entityType: "Attachment"; before?: null; after: AttachmentAudit };
  "attachment.delete": { entityType: "Attachment"; before: AttachmentAudit; after: AttachmentAudit & { deleted: true } };
  "attachment.publicity": { entityType: "Attachment"; before: AttachmentAudit; after: AttachmentAudit };
  "robot.create": { entityType: "UnitRobot"; before?: null; after: RobotAudit };
  "robot.delete": { entityType: "UnitRobot"; before: RobotAudit; after: { deleted: true } };
  "message.retry": { entityType: "OutboxMessage"; before: { state: MessageState; attempts: number; lastError: string | null }; after: { state: MessageState } };
}

/** A group-chat robot as the audit keeps it: its webhook masked and its secret only as set or not (lib/notify/robots.ts). */
export interface RobotAudit {
  unitId: number;
  platform: RobotPlatform;
  name: string;
  webhook: string;
  signed: boolean;
}

export type AuditAction = keyof AuditPayloads;

/** One audited change: its action decides what `before` and `after` hold. */
export type AuditEntry = {
  [A in AuditAction]: { action: A; actorId: number; entityId: number | string; taskId?: number | null } & AuditPayloads[A];
}[AuditAction];

/** Report actions, whose before and after are report snapshots. */
export const REPORT_ACTIONS = ["report.save", "report.submit", "report.return", "report.approve", "report.publish"] as const satisfies readonly AuditAction[];

export const auditActionLabels: Record<AuditAction, string> = {
  "report.save": "保存草稿",
  "report.submit": "提交",
  "report.return": "退回",
  "report.approve": "审核通过",
  "report.publish": "公开",
  "report.remind": "催报",
  "period.open": "开启填报期",
  "period.update": "修改填报期",
  "period.reminders": "修改提醒规则",
  "user.create": "新建账号",
  "user.update": "修改账号",
  "plan.import": "导入文件",
  "target.correct": "更正目标",
  "unit.lead": "更正牵头单位",
  "unit.group": "设定群组成员",
  "attachment.upload": "上传佐证材料",
  "attachment.delete": "删除佐证材料",
  "attachment.publicity": "设置佐证材料公开",
  "robot.create": "添加群机器人",
  "robot.delete": "删除群机器人",
  "message.retry": "重发消息",
};

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(auditActionLabels, action);
}

/** One audit row per change, written in the same transaction as the change itself; returns its id. */
export async function recordAudit(tx: Prisma.TransactionClient, event: AuditEntry): Promise<number> {
  const { id } = await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: String(event.entityId),
      taskId: event.taskId ?? null,
      // The payload types above are JSON by construction (strings, numbers, booleans, plain objects).
      before: (event.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: event.after as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  return id;
}
