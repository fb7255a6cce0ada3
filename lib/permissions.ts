/**
 * Who may do what. Plain functions over plain data, so that every server action and data read
 * can ask the same questions, and tests can ask them exhaustively.
 */
export type Role = "unit_staff" | "office" | "leader";
export type ReportState = "draft" | "submitted" | "returned" | "approved" | "published";

export interface Actor {
  id: number;
  role: Role;
  /** Department staff belong to one unit. */
  unitId: number | null;
  /** A leader account reads the tasks of the vice-mayor of this name. */
  leaderName: string | null;
  displayName: string;
}

export interface TaskScope {
  leaderName: string | null;
  units: ReadonlyArray<{ unitId: number; isLead: boolean }>;
}

export interface ReportScope {
  unitId: number;
  state: ReportState;
}

export const EDITABLE_STATES: ReadonlySet<ReportState> = new Set(["draft", "returned"]);

/** A report counts as filed once submitted, until and after it is published; drafts and returned reports do not. */
export const FILED_STATES: readonly ReportState[] = ["submitted", "approved", "published"];

export function isUnitOnTask(actor: Actor, task: TaskScope): boolean {
  return actor.role === "unit_staff" && actor.unitId !== null && task.units.some((unit) => unit.unitId === actor.unitId);
}

export function isLeadUnitOfTask(actor: Actor, task: TaskScope): boolean {
  return actor.role === "unit_staff" && task.units.some((unit) => unit.unitId === actor.unitId && unit.isLead);
}

export function canReadTask(actor: Actor | null, task: TaskScope): boolean {
  if (!actor) return false;
  switch (actor.role) {
    case "office":
      return true;
    case "unit_staff":
      return isUnitOnTask(actor, task);
    case "leader":
      return actor.leaderName !== null && actor.leaderName === task.leaderName;
  }
}

/**
 * The public sees published reports only; a unit sees its own reports, and the lead unit also
 * its co-units' filed (not draft) reports to consolidate them; a leader sees filed reports of
 * their tasks; the office sees everything.
 */
export function canReadReport(actor: Actor | null, task: TaskScope, report: ReportScope): boolean {
  if (!actor) return report.state === "published";
  if (actor.role === "office") return true;
  if (!canReadTask(actor, task)) return false;
  if (actor.role === "unit_staff" && report.unitId === actor.unitId) return true;
  if (report.state === "draft") return false;
  return actor.role === "leader" || isLeadUnitOfTask(actor, task);
}

/** Only the unit's own staff write its report, while the period is open and the report is theirs to change. */
export function canEditReport(
  actor: Actor | null,
  task: TaskScope,
  report: ReportScope | null,
  period: { closed: boolean },
): boolean {
  if (!actor || !isUnitOnTask(actor, task) || period.closed) return false;
  if (!report) return true;
  return report.unitId === actor.unitId && EDITABLE_STATES.has(report.state);
}

export function isOffice(actor: Actor | null): actor is Actor & { role: "office" } {
  return actor?.role === "office";
}

/** Reviewing, publishing, periods, imports and accounts belong to the mayor's office. */
export const canReview = isOffice;
export const canManageUsers = isOffice;
export const canManagePeriods = isOffice;
export const canImport = isOffice;

/**
 * A task's revision history: drafts ("report.save") stay with their unit and the office; filing
 * and review steps are seen by whoever may read the filed report.
 */
export function canReadReportEvent(actor: Actor | null, task: TaskScope, event: { unitId: number | null; action: string }): boolean {
  if (!actor) return false;
  if (actor.role === "office") return true;
  if (!canReadTask(actor, task)) return false;
  if (actor.role === "unit_staff" && event.unitId === actor.unitId) return true;
  if (event.action === "report.save") return false;
  return actor.role === "leader" || isLeadUnitOfTask(actor, task) || event.unitId === null || event.action === "report.remind";
}
