import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { Comparator, QualitativeStatus, ReviewState, TargetKind, TaskKind } from "@/lib/generated/prisma/enums";
import type { Quarter } from "@/lib/periods/quarters";
import type { FiguresReport, UnitLink } from "@/lib/reporting/figures";
import { compareDocumentOrder } from "@/lib/reporting/order";
import { reportCountedSql, taskVisibilitySql, type TaskScope, type Viewer } from "@/lib/reporting/visibility";

/**
 * The reads of a whole plan that the dashboard (and every page judging many tasks at once)
 * starts from, cut to what the viewer may read in the query itself. The large row sets (tasks,
 * task units, targets, reports with their figures) are read with plain SQL: findMany costs half
 * as much again on the client for the same rows, and every millisecond here counts against the
 * dashboard's budget (npm run bench).
 */

export interface PlanTarget {
  id: number;
  taskId: number;
  position: number;
  kind: TargetKind;
  comparator: Comparator;
  value: number;
  unit: string;
  originalText: string;
}

interface TaskRow {
  id: number;
  number: string;
  kind: TaskKind;
  text: string;
  leaderId: number | null;
  parentId: number | null;
  sourceLine: number | null;
  /** The task's due date (完成时限), by which evaluateTask judges it; null: the year end. */
  dueOn: Date | null;
}

/** A task the viewer may read, with what judging it needs. */
export interface PlanTask extends TaskRow {
  scope: TaskScope;
  /** Responsible units in the order the document lists them. */
  units: UnitLink[];
  targets: PlanTarget[];
}

/** Tasks that only group others (a livelihood project, a policy area) are not tracked: nobody files on them. */
export const trackedTasks = { children: { none: {} } } satisfies Prisma.TaskWhereInput;

/** `trackedTasks` for a "Task" row aliased `t` of the plan, in SQL. */
const trackedTaskSql = (planId: number) => Prisma.sql`t.id NOT IN (SELECT c."parentId" FROM "Task" c WHERE c."planId" = ${planId} AND c."parentId" IS NOT NULL)`;

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * The plan and its tracked tasks the viewer may read, in document order, with their units and
 * targets; null when there is no such plan.
 */
export async function readPlanTasks(prisma: PrismaClient, viewer: Viewer, planId: number) {
  const visible = Prisma.sql`${taskVisibilitySql(viewer, "t")} AND ${trackedTaskSql(planId)}`;
  const [plan, leaders, units, tasks, links, targets] = await Promise.all([
    prisma.plan.findUnique({
      where: { id: planId },
      select: { id: true, year: true, government: true, title: true, leadConvention: true },
    }),
    prisma.leader.findMany({ where: { planId }, select: { id: true, name: true } }),
    // Groups (各镇街道 …) are not expected to file: the dashboard, 催报 and the tables leave them out.
    prisma.unit.findMany({ where: { kind: "unit", tasks: { some: { task: { planId } } } }, select: { id: true, name: true } }),
    prisma.$queryRaw<TaskRow[]>`
      SELECT t.id, t.number, t.kind::text AS kind, t.text, t."leaderId", t."parentId", t."sourceLine", t."dueOn"
      FROM "Task" t WHERE t."planId" = ${planId} AND ${visible}`,
    prisma.$queryRaw<Array<UnitLink & { taskId: number }>>`
      SELECT tu."taskId", tu."unitId", tu."isLead"
      FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId"
      JOIN "Unit" u ON u.id = tu."unitId" AND u.kind = 'unit'
      WHERE t."planId" = ${planId} AND ${visible} ORDER BY tu."taskId", tu.position`,
    prisma.$queryRaw<PlanTarget[]>`
      SELECT g.id, g."taskId", g.position, g.kind::text AS kind, g.comparator::text AS comparator, g.value, g.unit, g."originalText"
      FROM "Target" g JOIN "Task" t ON t.id = g."taskId"
      WHERE t."planId" = ${planId} AND ${visible} ORDER BY g."taskId", g.position`,
  ]);
  if (!plan) return null;

  const leaderName = new Map(leaders.map((leader) => [leader.id, leader.name]));
  const unitName = new Map(units.map((unit) => [unit.id, unit.name]));
  const linksOf = groupBy(links, (link) => link.taskId);
  const targetsOf = groupBy(targets, (target) => target.taskId);
  const tracked: PlanTask[] = [];
  for (const task of tasks) {
    const taskUnits = (linksOf.get(task.id) ?? []).map((link) => ({ unitId: link.unitId, isLead: link.isLead }));
    // Fields copied one by one: a spread of the row cost more than all the rest of this loop.
    tracked.push({
      id: task.id,
      number: task.number,
      kind: task.kind,
      text: task.text,
      leaderId: task.leaderId,
      parentId: task.parentId,
      sourceLine: task.sourceLine,
      dueOn: task.dueOn,
      scope: { leaderName: task.leaderId === null ? null : (leaderName.get(task.leaderId) ?? null), units: taskUnits },
      units: taskUnits,
      targets: targetsOf.get(task.id) ?? [],
    });
  }
  tracked.sort(compareDocumentOrder);
  return { plan, tasks: tracked, leaderName, unitName };
}

/** A counted report of a period, with its figures: target id → year-to-date value. */
export interface PeriodReport extends FiguresReport {
  id: number;
  taskId: number;
  periodId: number;
  state: ReviewState;
  qualitativeStatus: QualitativeStatus | null;
  late: boolean;
}

/**
 * The periods opened up to `quarter` and the reports of them that count for the viewer (filed
 * and readable), each with its figures as one JSON object {targetId: value}. Plain SQL because
 * reading reports and actuals through two findMany costs twice the client time.
 */
export async function readCountedReports(prisma: PrismaClient, viewer: Viewer, planId: number, quarter: Quarter) {
  const [periods, reports] = await Promise.all([
    prisma.reportingPeriod.findMany({
      where: { planId, quarter: { lte: quarter } },
      select: { id: true, quarter: true, opensAt: true, dueAt: true, closed: true },
      orderBy: { quarter: "asc" },
    }),
    prisma.$queryRaw<PeriodReport[]>(Prisma.sql`
      SELECT r.id, r."taskId", r."unitId", r."periodId", r."qualitativeStatus"::text AS "qualitativeStatus",
             r.state::text AS state, r.late,
             (SELECT json_object_agg(a."targetId", a.value) FROM "ProgressActual" a WHERE a."reportId" = r.id AND NOT a.estimated) AS actuals
      FROM "ProgressReport" r
      JOIN "ReportingPeriod" p ON p.id = r."periodId"
      WHERE p."planId" = ${planId} AND p.quarter <= ${quarter} AND ${reportCountedSql(viewer, "r")}`),
  ]);
  return { periods, reports };
}
