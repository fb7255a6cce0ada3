/**
 * Who may do what. Plain functions over plain data, so that every server action and service can
 * ask the same questions, and tests can ask them exhaustively (tests/unit/permissions.test.ts).
 * Who may read which task and report is lib/reporting/visibility.ts.
 */
import type { ReviewState, Role } from "@/lib/generated/prisma/enums";
import { isEditable } from "@/lib/reporting/states";
import type { TaskScope } from "@/lib/reporting/visibility";

export interface Actor {
  id: number;
  role: Role;
  /** Department staff belong to one unit. */
  unitId: number | null;
  /** A leader account reads the tasks of the vice-mayor of this name. */
  leaderName: string | null;
  displayName: string;
}

export function isUnitOnTask(actor: Actor, task: TaskScope): boolean {
  return actor.role === "unit_staff" && actor.unitId !== null && task.units.some((unit) => unit.unitId === actor.unitId);
}

/** Only the unit's own staff write its report, while the period is open and the report is theirs to change. */
export function canEditReport(
  actor: Actor,
  task: TaskScope,
  report: { unitId: number; state: ReviewState } | null,
  period: { closed: boolean },
): boolean {
  if (!isUnitOnTask(actor, task) || period.closed) return false;
  if (!report) return true;
  return report.unitId === actor.unitId && isEditable(report.state);
}

/** Department staff file their unit's reports. */
export function isUnitStaff(actor: Actor): actor is Actor & { role: "unit_staff"; unitId: number } {
  return actor.role === "unit_staff" && actor.unitId !== null;
}

export function isOffice(actor: Actor): actor is Actor & { role: "office" } {
  return actor.role === "office";
}

/** Reviewing, publishing, reminders, periods, imports, corrections and accounts belong to the mayor's office. */
export const canReview = isOffice;
export const canRemind = isOffice;
export const canManageUsers = isOffice;
export const canManagePeriods = isOffice;
export const canImport = isOffice;
export const canCorrectTasks = isOffice;
/** Which units a group (各镇街道 …) stands for. */
export const canDefineGroups = isOffice;

/** Units' group-chat robots and the outbox of every message (lib/notify) are the office's. */
export const canManageRobots = isOffice;
export const canReadOutbox = isOffice;

/** Every signed-in user reads their own inbox and keeps their own email address and mobile number. */
export function canReadInbox(actor: Actor): boolean {
  return actor.id > 0;
}

/** The overview dashboard is the office's and the leaders'; department staff work from their own task list. */
export function canReadOverview(actor: Actor): boolean {
  return actor.role === "office" || actor.role === "leader";
}

/** The unit scorecard (考核): the office ranks every unit, a leader the units of their tasks, department staff see their own unit. */
export function canReadScorecard(actor: Actor): boolean {
  return actor.role !== "unit_staff" || actor.unitId !== null;
}

/** Which attachments of the reports it reviews the public may read is the office's to decide (once a report is published). */
export const canMarkAttachmentsPublic = isOffice;
