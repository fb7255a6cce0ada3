/**
 * A task's revision history as a viewer may read it. Report events carry the report before and
 * after the change. An event is shown where the viewer may read the report as the event left it
 * (lib/reporting/visibility.ts): a unit's saved drafts only to the unit, a return only to the
 * unit and the office. The report before the change is shown only where the viewer may read it
 * in that state too, so the draft text a submission replaced stays with the unit.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { REPORT_ACTIONS, isAuditAction, type AuditAction, type AuditPayloads, type ReportAudit } from "@/lib/audit/record";
import { canReadReport, type TaskScope, type Viewer } from "@/lib/reporting/visibility";

export interface AuditRow {
  id: number;
  action: string;
  createdAt: Date;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  actor: { displayName: string } | null;
}

export interface HistoryEntry {
  id: number;
  action: AuditAction;
  createdAt: Date;
  /** Who did it; null for the system (an import). */
  actorName: string | null;
  /** The unit whose report or reminder the entry concerns. */
  unitId: number | null;
  /** Report events: the report after the change, and before it where the viewer may read that. */
  report: { before: ReportAudit | null; after: ReportAudit } | null;
  /** A reminder's note. */
  note: string | null;
}

const isReportAction = (action: AuditAction): action is (typeof REPORT_ACTIONS)[number] => (REPORT_ACTIONS as readonly string[]).includes(action);

/** The events of a task the viewer may read (who may open the task at all is checked by the caller). */
export function historyFor(viewer: Viewer, task: TaskScope, rows: readonly AuditRow[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    if (!isAuditAction(row.action)) continue;
    const base = { id: row.id, action: row.action, createdAt: row.createdAt, actorName: row.actor?.displayName ?? null };
    if (isReportAction(row.action)) {
      // Written by recordAudit with the payload types of lib/audit/record.ts.
      const payload = { before: row.before, after: row.after } as unknown as AuditPayloads[typeof row.action];
      if (!canReadReport(viewer, task, payload.after)) continue;
      const before = payload.before && canReadReport(viewer, task, payload.before) ? payload.before : null;
      entries.push({ ...base, unitId: payload.after.unitId, report: { before, after: payload.after }, note: null });
    } else if (row.action === "report.remind") {
      const { after } = { after: row.after } as unknown as AuditPayloads["report.remind"];
      entries.push({ ...base, unitId: after.unitId, report: null, note: after.note });
    } else {
      entries.push({ ...base, unitId: null, report: null, note: null });
    }
  }
  return entries;
}
