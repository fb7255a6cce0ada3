/**
 * A task's revision history as a viewer may read it. Report events carry the report before and
 * after the change. An event is shown where the viewer may read the report as the event left it
 * (lib/reporting/visibility.ts): a unit's saved drafts only to the unit, a return only to the
 * unit and the office. The report before the change is shown only where the viewer may read it
 * in that state too, so the draft text a submission replaced stays with the unit.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { REPORT_ACTIONS, isAuditAction, type AuditAction, type AuditPayloads, type ReportAudit } from "@/lib/audit/record";
import { canReadReport, type TaskScope, type Viewer } from "@/lib/reporting/visibility";

/** The account that acted, as the history names it. */
export interface AuditActor {
  displayName: string;
  role: Role;
  /** Department staff: their own unit. */
  unit: { name: string } | null;
  leaderName: string | null;
}

export interface AuditRow {
  id: number;
  action: string;
  createdAt: Date;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  actor: AuditActor | null;
}

/** What the history reads of each event's actor (a Prisma select). */
export const auditActorSelect = { displayName: true, role: true, leaderName: true, unit: { select: { name: true } } } as const;

/**
 * Where the person who acted stands: department staff by their own unit (never the unit whose
 * report they handled), the mayor's office as 市府办, a leader by their title in the task's plan.
 */
export function actorAffiliation(actor: AuditActor, leader: { name: string; title: string | null } | null): string {
  switch (actor.role) {
    case "unit_staff":
      return actor.unit?.name ?? "单位";
    case "office":
      return "市府办";
    case "leader":
      return (leader && leader.name === actor.leaderName && leader.title) || "分管市领导";
  }
}

/** "张伟(发改局)", "张斌(副市长)"; a name that already says where the person stands ("市府办 李明") is left as it is. */
export function actorLabel(actor: AuditActor, leader: { name: string; title: string | null } | null): string {
  const affiliation = actorAffiliation(actor, leader);
  return actor.displayName.includes(affiliation) ? actor.displayName : `${actor.displayName}(${affiliation})`;
}

export interface HistoryEntry {
  id: number;
  action: AuditAction;
  createdAt: Date;
  /** Who did it, with their own unit, 市府办 or title (actorLabel); null for the system (an import). */
  actorLabel: string | null;
  /** The unit whose report or reminder the entry concerns. */
  unitId: number | null;
  /** Report events: the report after the change, and before it where the viewer may read that. */
  report: { before: ReportAudit | null; after: ReportAudit } | null;
  /** A reminder's note; an attachment's name (and whether it was made public). */
  note: string | null;
}

const isReportAction = (action: AuditAction): action is (typeof REPORT_ACTIONS)[number] => (REPORT_ACTIONS as readonly string[]).includes(action);

/**
 * The events of a task the viewer may read (who may open the task at all is checked by the caller).
 * `leader` is the task's leader, whose title names them where they acted.
 */
export function historyFor(viewer: Viewer, task: TaskScope, rows: readonly AuditRow[], leader: { name: string; title: string | null } | null = null): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    if (!isAuditAction(row.action)) continue;
    const base = { id: row.id, action: row.action, createdAt: row.createdAt, actorLabel: row.actor ? actorLabel(row.actor, leader) : null };
    if (isReportAction(row.action)) {
      // Written by recordAudit with the payload types of lib/audit/record.ts.
      const payload = { before: row.before, after: row.after } as unknown as AuditPayloads[typeof row.action];
      if (!canReadReport(viewer, task, payload.after)) continue;
      const before = payload.before && canReadReport(viewer, task, payload.before) ? payload.before : null;
      entries.push({ ...base, unitId: payload.after.unitId, report: { before, after: payload.after }, note: null });
    } else if (row.action === "attachment.upload" || row.action === "attachment.delete" || row.action === "attachment.publicity") {
      // An attachment's event is shown to whom may read its report as it stood then: a draft's files stay with the unit.
      const { after } = { after: row.after } as unknown as AuditPayloads[typeof row.action];
      if (!canReadReport(viewer, task, after)) continue;
      const publicity = row.action === "attachment.publicity" ? (after.public ? ",设为公开" : ",取消公开") : "";
      entries.push({ ...base, unitId: after.unitId, report: null, note: `“${after.fileName}”${publicity}` });
    } else if (row.action === "report.remind") {
      const { after } = { after: row.after } as unknown as AuditPayloads["report.remind"];
      entries.push({ ...base, unitId: after.unitId, report: null, note: after.note });
    } else {
      entries.push({ ...base, unitId: null, report: null, note: null });
    }
  }
  return entries;
}
