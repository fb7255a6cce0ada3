import { createHash } from "node:crypto";
import { etagMatches } from "@/lib/public/page-memory";
import type { PublicPlan, PublicQuarterTable } from "@/lib/public/types";
import type { PublicStatus } from "@/lib/reporting/phrasing";

/**
 * Open data: the published quarterly table as CSV and JSON, and the conditional answers (ETag,
 * Last-Modified, 304) of every open-data response. The column names are a published contract
 * (README "Open data"): add columns at the end, never rename or reorder them.
 */

export const OPEN_DATA_COLUMNS = [
  "plan_id",
  "plan",
  "year",
  "government",
  "quarter",
  "leader",
  "number",
  "task_id",
  "task",
  "targets",
  "progress",
  "status",
  "status_label",
  "status_reason",
  "lead_units",
  "units",
  "published_at",
] as const;

export type OpenDataColumn = (typeof OPEN_DATA_COLUMNS)[number];

/** One row of the open data; lists are arrays in JSON and joined in CSV. */
export interface OpenDataRow {
  plan_id: number;
  plan: string;
  year: number;
  government: string;
  quarter: number;
  leader: string | null;
  number: number;
  task_id: number;
  task: string;
  targets: string[];
  progress: string;
  status: PublicStatus;
  status_label: string;
  status_reason: string;
  lead_units: string[];
  units: string[];
  /** ISO 8601 (UTC); null where nothing of the task is published for the quarter. */
  published_at: string | null;
}

export function openDataRows(table: PublicQuarterTable): OpenDataRow[] {
  return table.rows.map((row) => ({
    plan_id: table.plan.id,
    plan: table.plan.title,
    year: table.plan.year,
    government: table.plan.government,
    quarter: table.quarter,
    leader: row.leader,
    number: row.number,
    task_id: row.taskId,
    task: row.text,
    targets: row.targets,
    progress: row.progress,
    status: row.status,
    status_label: row.statusLabel,
    status_reason: row.statusReason,
    lead_units: row.leadUnits,
    units: row.units,
    published_at: row.publishedAt?.toISOString() ?? null,
  }));
}

/** The quarter's JSON document: the plan, the quarter and the rows. */
export function quarterJson(table: PublicQuarterTable) {
  return {
    plan: planJson(table.plan),
    quarter: table.quarter,
    title: table.title,
    last_published_at: table.lastPublishedAt?.toISOString() ?? null,
    columns: OPEN_DATA_COLUMNS,
    rows: openDataRows(table),
  };
}

/** A plan in the API, with the addresses of its quarters' data. */
export function planJson(plan: PublicPlan) {
  return {
    id: plan.id,
    year: plan.year,
    government: plan.government,
    title: plan.title,
    kind: plan.kind,
    quarters: plan.quarters.map((quarter) => ({
      quarter,
      json: `/api/v1/plans/${plan.id}/quarters/${quarter}.json`,
      csv: `/api/v1/plans/${plan.id}/quarters/${quarter}.csv`,
    })),
  };
}

/** Byte order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const BOM = "\uFEFF";

/** Between the items of a list in one CSV cell: units as the documents join them, targets likewise. */
const LIST_SEPARATOR = "、";

/**
 * A CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return: staff write the narratives) is prefixed with an apostrophe, as OWASP
 * advises; the JSON carries the text as written.
 */
function csvCell(value: string | number | null | readonly string[]): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  let text = typeof value === "string" ? value : value.join(LIST_SEPARATOR);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The quarter as CSV (RFC 4180, CRLF line ends), with the BOM and a header row of the column names. */
export function quarterCsv(table: PublicQuarterTable): string {
  const lines = [OPEN_DATA_COLUMNS.join(",")];
  for (const row of openDataRows(table)) lines.push(OPEN_DATA_COLUMNS.map((column) => csvCell(row[column])).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

/** Strong ETag of a body: its SHA-256. */
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url")}"`;
}

/** Whether the client's copy is current: If-None-Match when sent (it wins, RFC 9110 §13.2.2), else If-Modified-Since. */
export function notModified(request: Request, etag: string, lastModified: Date | null): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === "*") return true;
    return etagMatches(ifNoneMatch, etag);
  }
  const ifModifiedSince = request.headers.get("if-modified-since");
  if (ifModifiedSince === null || lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds.
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

/**
 * An open-data answer: the body with its ETag and Last-Modified, or 304 when the client's copy is
 * current. Anyone may cache it, but must ask again each time (no-cache): a publication changes it.
 */
export function openDataResponse(request: Request, body: string, contentType: string, lastModified: Date | null, extra: Record<string, string> = {}): Response {
  const etag = etagOf(body);
  const headers: Record<string, string> = {
    ETag: etag,
    "Cache-Control": "public, no-cache",
    "Access-Control-Allow-Origin": "*",
    ...(lastModified && { "Last-Modified": lastModified.toUTCString() }),
  };
  if (notModified(request, etag, lastModified)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, ...extra, "Content-Type": contentType } });
}

/** A 404 of the API, in Chinese, as JSON. */
export function apiNotFound(message: string): Response {
  return Response.json({ error: message }, { status: 404, headers: { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" } });
}
