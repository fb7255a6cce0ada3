import { Prisma } from "@/lib/generated/prisma/client";
import { ReviewState } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/permissions";
import { isLeadUnit } from "@/lib/reporting/figures";
import { FILED_STATES, isFiled } from "@/lib/reporting/states";

/**
 * Who may read which task and which report: defined once, here, as data (`taskRule`,
 * `reportGrants`), and rendered three ways from that data — a predicate for rows already in
 * memory, a Prisma `where` and a SQL condition, so that reads are cut in the query itself.
 * tests/integration/visibility.test.ts checks that the three agree on every kind of row.
 *
 * The rules:
 * - Tasks: the plan is a public document, so the public and the office read every task; unit
 *   staff read the tasks their unit is responsible for (lead or co-unit); a leader reads the
 *   tasks in their charge.
 * - Attachments (佐证材料) go with their report, but a report read only because it is published —
 *   the public's grant, which a signed-in reader of another unit has too — shows only the
 *   attachments the office has marked public.
 * - Reports: published reports are public. A unit reads its own reports in every state — drafts
 *   stay with their unit, the office included — and, where it leads the task, the other units'
 *   filed reports (to consolidate them). A leader reads the filed reports of their tasks. The
 *   office reads every report but drafts, returned ones included (it returned them).
 */

/** Who is reading: a signed-in person, or null for the anonymous public. */
export type Viewer = Actor | null;

/** What the rules need to know of a task. */
export interface TaskScope {
  leaderName: string | null;
  units: ReadonlyArray<{ unitId: number; isLead: boolean }>;
}

/** What the rules need to know of a report. */
export interface ReportScope {
  unitId: number;
  state: ReviewState;
}

type TaskRule = { tasks: "all" } | { tasks: "none" } | { tasks: "of-unit"; unitId: number } | { tasks: "of-leader"; leaderName: string };

/** One way a viewer may read a report: reports in `states` of the kind `scope` names. */
type ReportGrant =
  /** `public`: the grant of the public, which reads only the attachments marked public. */
  | { scope: "any-task"; states: readonly ReviewState[]; public?: true }
  /** The unit's own reports, on tasks it is (still) responsible for. */
  | { scope: "own-unit"; unitId: number; states: readonly ReviewState[] }
  /** Any unit's reports on tasks this unit leads. */
  | { scope: "unit-leads-task"; unitId: number; states: readonly ReviewState[] }
  /** Any unit's reports on the tasks in this leader's charge. */
  | { scope: "leader-of-task"; leaderName: string; states: readonly ReviewState[] };

const ALL_STATES = Object.values(ReviewState);
const PUBLISHED: ReportGrant = { scope: "any-task", states: [ReviewState.published], public: true };

function taskRule(viewer: Viewer): TaskRule {
  if (!viewer) return { tasks: "all" };
  switch (viewer.role) {
    case "office":
      return { tasks: "all" };
    case "unit_staff":
      return viewer.unitId === null ? { tasks: "none" } : { tasks: "of-unit", unitId: viewer.unitId };
    case "leader":
      return viewer.leaderName === null ? { tasks: "none" } : { tasks: "of-leader", leaderName: viewer.leaderName };
  }
}

function reportGrants(viewer: Viewer): ReportGrant[] {
  if (!viewer) return [PUBLISHED];
  switch (viewer.role) {
    case "office":
      return [{ scope: "any-task", states: ALL_STATES.filter((state) => state !== ReviewState.draft) }];
    case "unit_staff":
      if (viewer.unitId === null) return [PUBLISHED];
      return [
        PUBLISHED,
        { scope: "own-unit", unitId: viewer.unitId, states: ALL_STATES },
        { scope: "unit-leads-task", unitId: viewer.unitId, states: FILED_STATES },
      ];
    case "leader":
      if (viewer.leaderName === null) return [PUBLISHED];
      return [PUBLISHED, { scope: "leader-of-task", leaderName: viewer.leaderName, states: FILED_STATES }];
  }
}

// ---- Predicates, for rows already in memory ----------------------------------------------------

export function canReadTask(viewer: Viewer, task: TaskScope): boolean {
  const rule = taskRule(viewer);
  switch (rule.tasks) {
    case "all":
      return true;
    case "none":
      return false;
    case "of-unit":
      return task.units.some((unit) => unit.unitId === rule.unitId);
    case "of-leader":
      return task.leaderName === rule.leaderName;
  }
}

function grantAllows(grant: ReportGrant, task: TaskScope, report: ReportScope): boolean {
  if (!grant.states.includes(report.state)) return false;
  switch (grant.scope) {
    case "any-task":
      return true;
    case "own-unit":
      return report.unitId === grant.unitId && task.units.some((unit) => unit.unitId === grant.unitId);
    case "unit-leads-task":
      return isLeadUnit(task.units, grant.unitId);
    case "leader-of-task":
      return task.leaderName === grant.leaderName;
  }
}

export function canReadReport(viewer: Viewer, task: TaskScope, report: ReportScope): boolean {
  return reportGrants(viewer).some((grant) => grantAllows(grant, task, report));
}

/** A report that counts as progress for this viewer: filed, and theirs to read. */
export function countsForViewer(viewer: Viewer, task: TaskScope, report: ReportScope): boolean {
  return isFiled(report.state) && canReadReport(viewer, task, report);
}

/** What the rules need to know of an attachment. */
export interface AttachmentScope {
  public: boolean;
}

const isPublicGrant = (grant: ReportGrant) => grant.scope === "any-task" && grant.public === true;

export function canReadAttachment(viewer: Viewer, task: TaskScope, report: ReportScope, attachment: AttachmentScope): boolean {
  return reportGrants(viewer).some((grant) => grantAllows(grant, task, report) && (attachment.public || !isPublicGrant(grant)));
}

// ---- Prisma where ------------------------------------------------------------------------------

const NOTHING: Prisma.TaskWhereInput = { id: { in: [] } };

export function tasksVisibleTo(viewer: Viewer): Prisma.TaskWhereInput {
  const rule = taskRule(viewer);
  switch (rule.tasks) {
    case "all":
      return {};
    case "none":
      return NOTHING;
    case "of-unit":
      return { units: { some: { unitId: rule.unitId } } };
    case "of-leader":
      return { leader: { name: rule.leaderName } };
  }
}

function grantWhere(grant: ReportGrant): Prisma.ProgressReportWhereInput {
  const state = { in: [...grant.states] };
  switch (grant.scope) {
    case "any-task":
      return { state };
    case "own-unit":
      return { state, unitId: grant.unitId, task: { units: { some: { unitId: grant.unitId } } } };
    case "unit-leads-task":
      return { state, task: { units: { some: { unitId: grant.unitId, isLead: true } } } };
    case "leader-of-task":
      return { state, task: { leader: { name: grant.leaderName } } };
  }
}

export function reportsVisibleTo(viewer: Viewer): Prisma.ProgressReportWhereInput {
  return { OR: reportGrants(viewer).map(grantWhere) };
}

/** Attachments the viewer may read (`canReadAttachment`), as a Prisma where. */
export function attachmentsVisibleTo(viewer: Viewer): Prisma.AttachmentWhereInput {
  return {
    OR: reportGrants(viewer).map((grant): Prisma.AttachmentWhereInput => (isPublicGrant(grant) ? { public: true, report: grantWhere(grant) } : { report: grantWhere(grant) })),
  };
}

/** Reports that count as progress for this viewer (`countsForViewer`), as a Prisma where. */
export function reportsCountedFor(viewer: Viewer): Prisma.ProgressReportWhereInput {
  return { AND: [reportsVisibleTo(viewer), { state: { in: [...FILED_STATES] } }] };
}

// ---- SQL, for the reads written in plain SQL for speed -----------------------------------------

/** The condition on a "Task" row aliased `task`. */
export function taskVisibilitySql(viewer: Viewer, task: string): Prisma.Sql {
  const rule = taskRule(viewer);
  const t = Prisma.raw(task);
  switch (rule.tasks) {
    case "all":
      return Prisma.sql`TRUE`;
    case "none":
      return Prisma.sql`FALSE`;
    case "of-unit":
      return Prisma.sql`EXISTS (SELECT 1 FROM "TaskUnit" vu WHERE vu."taskId" = ${t}.id AND vu."unitId" = ${rule.unitId})`;
    case "of-leader":
      return Prisma.sql`EXISTS (SELECT 1 FROM "Leader" vl WHERE vl.id = ${t}."leaderId" AND vl.name = ${rule.leaderName})`;
  }
}

function grantSql(grant: ReportGrant, r: Prisma.Sql): Prisma.Sql {
  const state = Prisma.sql`${r}.state::text = ANY(${[...grant.states]})`;
  switch (grant.scope) {
    case "any-task":
      return state;
    case "own-unit":
      return Prisma.sql`(${state} AND ${r}."unitId" = ${grant.unitId}
        AND EXISTS (SELECT 1 FROM "TaskUnit" vu WHERE vu."taskId" = ${r}."taskId" AND vu."unitId" = ${grant.unitId}))`;
    case "unit-leads-task":
      return Prisma.sql`(${state}
        AND EXISTS (SELECT 1 FROM "TaskUnit" vu WHERE vu."taskId" = ${r}."taskId" AND vu."unitId" = ${grant.unitId} AND vu."isLead"))`;
    case "leader-of-task":
      return Prisma.sql`(${state}
        AND EXISTS (SELECT 1 FROM "Task" vt JOIN "Leader" vl ON vl.id = vt."leaderId" WHERE vt.id = ${r}."taskId" AND vl.name = ${grant.leaderName}))`;
  }
}

/** The condition on a "ProgressReport" row aliased `report`: visible to the viewer. */
export function reportVisibilitySql(viewer: Viewer, report: string): Prisma.Sql {
  const r = Prisma.raw(report);
  return Prisma.sql`(${Prisma.join(reportGrants(viewer).map((grant) => grantSql(grant, r)), " OR ")})`;
}

/** The condition on a "ProgressReport" row aliased `report`: counts as progress for the viewer. */
export function reportCountedSql(viewer: Viewer, report: string): Prisma.Sql {
  return Prisma.sql`(${Prisma.raw(report)}.state::text = ANY(${[...FILED_STATES]}) AND ${reportVisibilitySql(viewer, report)})`;
}
