/**
 * A task's revision history as a viewer may read it. Report events carry the report before and
 * after the change; each side is shown only where the viewer may read the report in that state
 * (lib/reporting/visibility.ts), so a unit's draft text stays with the unit here too — the text
 * a submission replaced is not shown to others when it was a draft. An event with neither side
 * readable is left out.
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
  /** Report events: the report before and after, each null where the viewer may not read it. */
  report: { before: ReportAudit | null; after: ReportAudit | null } | null;
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
      const readable = (side: ReportAudit | null) => (side && canReadReport(viewer, task, side) ? side : null);
      const before = readable(payload.before);
      const after = readable(payload.after);
      if (!before && !after) continue;
      entries.push({ ...base, unitId: payload.after.unitId, report: { before, after }, note: null });
    } else if (row.action === "report.remind") {
      const { after } = { after: row.after } as unknown as AuditPayloads["report.remind"];
      entries.push({ ...base, unitId: after.unitId, report: null, note: after.note });
    } else {
      entries.push({ ...base, unitId: null, report: null, note: null });
    }
  }
  return entries;
}
