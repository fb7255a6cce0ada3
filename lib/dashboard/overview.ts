import "server-only";
import type { LeadConvention, PrismaClient, TaskKind } from "@/lib/generated/prisma/client";
import type { Quarter } from "@/lib/periods/quarters";
import { FILED_STATES, canReadReport, canReadTask, type Actor, type ReportState, type TaskScope } from "@/lib/permissions";
import {
  countByStatus,
  expectedShare as expectedShareOf,
  taskProgress,
  type ProgressStatus,
  type QualitativeStatus,
  type TargetWithActual,
  type TaskProgress,
} from "@/lib/progress";
import { describeTarget } from "@/lib/targets/labels";

/**
 * The overview dashboard's data: every task's status for one plan and quarter, and the counts,
 * lists and trend built from them, cut to what the actor may read.
 *
 * How a task's status is found (序时进度 rules are lib/progress):
 * - Only the lead units' (牵头单位) reports of the period count. Where a task has several lead
 *   units, a target's actual comes from the first lead unit (in the order the units are listed)
 *   that filed a figure for it, and the qualitative status is the least advanced one filed.
 *   A task whose units carry no lead mark is led by its first-listed unit.
 * - A report counts once filed: submitted, approved or published. Drafts and returned reports
 *   count for nobody. On top of that the actor must be allowed to read the report
 *   (lib/permissions canReadReport): the office reads all filed reports; a leader the filed
 *   reports of the tasks whose leader has their name; the anonymous public (actor null)
 *   published reports only, of all tasks.
 * - Tasks that only group others (a livelihood project heading, a policy area) are not tracked.
 *
 * Cost: eight reads with narrow selects, all sent at once, whatever the size of the plan: four
 * findMany for the small lookups (plan, leaders, units, periods) and plain SQL for the four large
 * row sets (tasks, task units, targets, reports with their figures), where Prisma's per-row cost
 * showed. The rest is computed in memory, the tasks' side while the reports are still being read. The result is plain data: no Date objects, so it can cross to the client.
 */

export interface OverviewFilters {
  /** Name of the vice-mayor in charge (Leader.name). */
  leader?: string;
  /** A responsible unit, lead or co-unit. */
  unitId?: number;
  /** The task's status in the selected quarter. */
  status?: ProgressStatus;
  kind?: TaskKind;
}

export interface OverviewQuery {
  planId: number;
  quarter: Quarter;
  filters?: OverviewFilters;
}

export type StatusCounts = Record<ProgressStatus, number>;

export interface OverviewTask {
  id: number;
  number: string;
  kind: TaskKind;
  text: string;
  leaderId: number | null;
  leaderName: string | null;
  parentId: number | null;
  /** The lead units (牵头), in the order the document lists them. */
  leadUnitIds: number[];
  /** The other responsible units (配合). */
  coUnitIds: number[];
  status: ProgressStatus;
  /** The figures that decided the status ("增长1.9%,目标≥2.5%"), or the qualitative status filed. */
  reason: string;
  targetCount: number;
  /** A lead unit's report of the period is filed (and readable by the actor). */
  filed: boolean;
  /** A lead unit's filed report of the period was late. */
  late: boolean;
}

export interface OverviewTargetFigure {
  targetId: number;
  /** "增长 ≥ 2.5%" */
  description: string;
  /** The wording in the task text the target was read from ("增长2.5%"). */
  originalText: string;
  kind: "growth" | "decrease" | "level" | "quantity";
  comparator: "gte" | "lte" | "approx" | "gt" | "lt" | "eq";
  value: number;
  unit: string;
  /** Year-to-date actual from the lead unit's report; null when none was filed. */
  actual: number | null;
  /** actual ÷ target for pro-rata quantity targets, else null. */
  share: number | null;
  expectedShare: number;
  status: ProgressStatus;
  reason: string;
  /** This target decided the task's status. */
  decisive: boolean;
}

export interface BehindTask {
  taskId: number;
  number: string;
  text: string;
  leaderName: string | null;
  leadUnits: string[];
  reason: string;
  targets: OverviewTargetFigure[];
}

export interface LeaderCounts {
  leaderId: number | null;
  /** null: tasks without a leader in charge. */
  name: string | null;
  total: number;
  counts: StatusCounts;
}

export interface UnitCounts {
  unitId: number;
  name: string;
  /** Tasks the unit leads (牵头). */
  lead: { total: number; counts: StatusCounts };
  /** Tasks the unit shares as a co-unit (配合). */
  co: { total: number; counts: StatusCounts };
}

export interface LaggingUnit {
  unitId: number;
  name: string;
  /** Tasks of the unit (in the filtered set) it should report on this period. */
  tasks: number;
  /** Tasks without a filed report of this unit. */
  missing: number;
  /** Of those, tasks the unit leads: their status depends on the missing report. */
  missingLead: number;
  /** Filed reports marked late (逾期). */
  late: number;
  missingTaskIds: number[];
  lateTaskIds: number[];
}

export interface QuarterMix {
  quarter: number;
  periodId: number;
  dueAt: string;
  closed: boolean;
  counts: StatusCounts;
}

export interface Overview {
  plan: { id: number; year: number; government: string; title: string; leadConvention: LeadConvention };
  /** The selected quarter's reporting period; null when the office has not opened it (every task is then 未填报). */
  period: { id: number; quarter: number; opensAt: string; dueAt: string; closed: boolean } | null;
  quarter: Quarter;
  /** 序时进度 of the quarter: 0.25, 0.5, 0.75, 1. */
  expectedShare: number;
  /** Who the figures were cut for, and which report states counted as filed for them. */
  viewer: "public" | Actor["role"];
  countedStates: ReportState[];
  filters: OverviewFilters;
  /** What the filters can choose from: the leaders, units and kinds of the tasks the actor may read. */
  options: { leaders: Array<{ id: number; name: string }>; units: Array<{ id: number; name: string }>; kinds: TaskKind[] };
  /** Tasks after the filters, in document order: by leader, then as the document lists them. */
  tasks: OverviewTask[];
  taskCount: number;
  statusCounts: StatusCounts;
  byLeader: LeaderCounts[];
  byUnit: UnitCounts[];
  /** Tasks 慢于序时, with the figures of their targets. */
  behind: BehindTask[];
  /**
   * Units with a report missing or late in the selected period, most missing lead reports first.
   * Every responsible unit is expected to file. Like everything else it counts the reports the
   * viewer may count: for the public, "missing" means "not published". Empty when no period.
   */
  lagging: LaggingUnit[];
  /** Status mix of the same tasks in each opened quarter up to the selected one, for a chart. */
  quarters: QuarterMix[];
}

const PUBLIC_STATES: readonly ReportState[] = ["published"];

const QUALITATIVE_ORDER: Record<QualitativeStatus, number> = { not_started: 0, in_progress: 1, completed: 2 };

interface TaskRow {
  id: number;
  number: string;
  kind: TaskKind;
  text: string;
  leaderId: number | null;
  parentId: number | null;
}

interface LinkRow {
  taskId: number;
  unitId: number;
  isLead: boolean;
}

interface TargetRow {
  id: number;
  taskId: number;
  position: number;
  kind: OverviewTargetFigure["kind"];
  comparator: OverviewTargetFigure["comparator"];
  value: number;
  unit: string;
  originalText: string;
}

/** A filed report with its figures: target id → year-to-date value. */
interface ReportRow {
  id: number;
  taskId: number;
  unitId: number;
  periodId: number;
  qualitativeStatus: QualitativeStatus | null;
  state: ReportState;
  late: boolean;
  actuals: Record<string, number> | null;
}

/** A task the actor may read, with what its status needs. */
interface Tracked extends TaskRow {
  scope: TaskScope;
  leadUnitIds: number[];
  coUnitIds: number[];
  targets: TargetRow[];
}

interface Evaluated {
  tracked: Tracked;
  progress: TaskProgress;
  withActuals: TargetWithActual[];
  /** The task's filed reports of the period, every unit. */
  reports: readonly ReportRow[];
  /** Of those, the lead units'. */
  leadReports: readonly ReportRow[];
}

const NONE: readonly ReportRow[] = [];
const collator = new Intl.Collator("zh-CN");

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
 * A task's status from its lead units' filed reports of one period: each target's actual from
 * the first lead unit that gave one, the least advanced qualitative status filed.
 */
function evaluate(tracked: Tracked, reports: readonly ReportRow[] | undefined, asOf: Quarter): Evaluated {
  let leadReports: readonly ReportRow[] = NONE;
  if (reports) {
    const found: ReportRow[] = [];
    for (const unitId of tracked.leadUnitIds) {
      const report = reports.find((r) => r.unitId === unitId);
      if (report) found.push(report);
    }
    leadReports = found;
  }
  const withActuals: TargetWithActual[] = tracked.targets.map((target) => {
    for (const report of leadReports) {
      const value = report.actuals?.[target.id];
      if (value !== undefined) return { target, actual: value };
    }
    return { target, actual: null };
  });
  let qualitative: QualitativeStatus | null = null;
  for (const { qualitativeStatus: status } of leadReports) {
    if (status !== null && (qualitative === null || QUALITATIVE_ORDER[status] < QUALITATIVE_ORDER[qualitative])) qualitative = status;
  }
  // A qualitative task whose lead unit filed progress without picking a status (every report
  // imported from a quarterly table) is under way, not unreported.
  const filedWithoutStatus = tracked.targets.length === 0 && qualitative === null && leadReports.length > 0;
  const progress = filedWithoutStatus
    ? { ...taskProgress(withActuals, "in_progress", asOf), reason: "已填报进展,未标注推进状态(按推进中统计)" }
    : taskProgress(withActuals, qualitative, asOf);
  return { tracked, progress, withActuals, reports: reports ?? NONE, leadReports };
}

/**
 * The plan and the tasks the actor may read, in document order, with their units and targets.
 * The three large row sets (tasks, task units, targets) are read with plain SQL: findMany costs
 * half as much again on the client for the same rows, and every millisecond here counts against
 * the dashboard's budget (npm run bench).
 */
async function loadTasks(prisma: PrismaClient, actor: Actor | null, planId: number) {
  const [plan, leaders, units, tasks, links, targets] = await Promise.all([
    prisma.plan.findUnique({
      where: { id: planId },
      select: { id: true, year: true, government: true, title: true, leadConvention: true },
    }),
    prisma.leader.findMany({ where: { planId }, select: { id: true, name: true } }),
    prisma.unit.findMany({ where: { tasks: { some: { task: { planId } } } }, select: { id: true, name: true } }),
    prisma.$queryRaw<TaskRow[]>`
      SELECT id, number, kind::text AS kind, text, "leaderId", "parentId"
      FROM "Task" WHERE "planId" = ${planId} ORDER BY id`,
    prisma.$queryRaw<LinkRow[]>`
      SELECT tu."taskId", tu."unitId", tu."isLead"
      FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId"
      WHERE t."planId" = ${planId} ORDER BY tu."taskId", tu.position`,
    prisma.$queryRaw<TargetRow[]>`
      SELECT g.id, g."taskId", g.position, g.kind::text AS kind, g.comparator::text AS comparator, g.value, g.unit, g."originalText"
      FROM "Target" g JOIN "Task" t ON t.id = g."taskId"
      WHERE t."planId" = ${planId} ORDER BY g."taskId", g.position`,
  ]);
  if (!plan) return null;

  const leaderName = new Map(leaders.map((leader) => [leader.id, leader.name]));
  const unitName = new Map(units.map((unit) => [unit.id, unit.name]));
  const linksOf = groupBy(links, (link) => link.taskId);
  const targetsOf = groupBy(targets, (target) => target.taskId);
  // Tasks that only group others are not tracked.
  const containers = new Set<number>();
  for (const task of tasks) if (task.parentId !== null) containers.add(task.parentId);

  // Document order: by leader (in the order the document names them), then by task.
  const byLeader = new Map<number | null, Tracked[]>();
  for (const task of tasks) {
    if (containers.has(task.id)) continue;
    const taskLinks = linksOf.get(task.id) ?? [];
    const scope: TaskScope = { leaderName: task.leaderId === null ? null : (leaderName.get(task.leaderId) ?? null), units: taskLinks };
    if (actor && !canReadTask(actor, scope)) continue;
    const leadUnitIds: number[] = [];
    const coUnitIds: number[] = [];
    for (const link of taskLinks) (link.isLead ? leadUnitIds : coUnitIds).push(link.unitId);
    // A task whose units carry no lead mark is led by its first-listed unit.
    if (leadUnitIds.length === 0 && coUnitIds.length > 0) leadUnitIds.push(coUnitIds.shift()!);
    // Fields copied one by one: a spread of the row cost more than all the rest of this loop.
    const tracked: Tracked = {
      id: task.id,
      number: task.number,
      kind: task.kind,
      text: task.text,
      leaderId: task.leaderId,
      parentId: task.parentId,
      scope,
      leadUnitIds,
      coUnitIds,
      targets: targetsOf.get(task.id) ?? [],
    };
    const group = byLeader.get(task.leaderId);
    if (group) group.push(tracked);
    else byLeader.set(task.leaderId, [tracked]);
  }
  const readable = [...byLeader.keys()].sort((a, b) => leaderRank(a) - leaderRank(b)).flatMap((id) => byLeader.get(id)!);
  return { plan, readable, leaderName, unitName };
}

/**
 * The periods opened up to the selected quarter and their reports in the states counted (the
 * trend needs the earlier quarters too), each report with its figures as one JSON object
 * {targetId: value}. Plain SQL because reading reports and actuals through two findMany costs
 * twice the client time, the largest share of the whole.
 */
async function loadReports(prisma: PrismaClient, planId: number, quarter: Quarter, states: readonly ReportState[]) {
  return Promise.all([
    prisma.reportingPeriod.findMany({
      where: { planId, quarter: { lte: quarter } },
      select: { id: true, quarter: true, opensAt: true, dueAt: true, closed: true },
      orderBy: { quarter: "asc" },
    }),
    prisma.$queryRaw<ReportRow[]>`
      SELECT r.id, r."taskId", r."unitId", r."periodId", r."qualitativeStatus"::text AS "qualitativeStatus",
             r.state::text AS state, r.late,
             (SELECT json_object_agg(a."targetId", a.value) FROM "ProgressActual" a WHERE a."reportId" = r.id) AS actuals
      FROM "ProgressReport" r
      JOIN "ReportingPeriod" p ON p.id = r."periodId"
      WHERE p."planId" = ${planId} AND p.quarter <= ${quarter} AND r.state::text = ANY(${states})`,
  ]);
}

const leaderRank = (id: number | null) => (id === null ? Number.MAX_SAFE_INTEGER : id);

export async function loadOverview(prisma: PrismaClient, actor: Actor | null, query: OverviewQuery): Promise<Overview | null> {
  const { planId, quarter } = query;
  const filters = query.filters ?? {};
  const countedStates = actor ? FILED_STATES : PUBLIC_STATES;

  // Both at once: the tasks are sorted out while the database still works on the reports.
  const [loaded, [periods, reports]] = await Promise.all([
    loadTasks(prisma, actor, planId),
    loadReports(prisma, planId, quarter, countedStates),
  ]);
  if (!loaded) return null;
  const { plan, readable, leaderName, unitName } = loaded;
  const nameOfUnit = (id: number) => unitName.get(id) ?? `#${id}`;

  const options = optionsOf(readable, leaderName, nameOfUnit);
  const selected = readable.filter(
    (t) =>
      (filters.leader === undefined || t.scope.leaderName === filters.leader) &&
      (filters.kind === undefined || t.kind === filters.kind) &&
      (filters.unitId === undefined || t.leadUnitIds.includes(filters.unitId) || t.coUnitIds.includes(filters.unitId)),
  );

  // ---- Reports the actor may read, by period and task -----------------------------------------
  const scopeOf = new Map(readable.map((t) => [t.id, t.scope]));
  const reportsOf = new Map<number, Map<number, ReportRow[]>>(periods.map((period) => [period.id, new Map()]));
  for (const report of reports) {
    const scope = scopeOf.get(report.taskId);
    if (!scope || !canReadReport(actor, scope, report)) continue;
    const byTask = reportsOf.get(report.periodId)!;
    const list = byTask.get(report.taskId);
    if (list) list.push(report);
    else byTask.set(report.taskId, [report]);
  }

  // ---- The selected quarter --------------------------------------------------------------------
  const period = periods.find((p) => p.quarter === quarter) ?? null;
  const current = period ? reportsOf.get(period.id)! : undefined;
  const evaluated = selected.map((t) => evaluate(t, current?.get(t.id), quarter));
  const shown = filters.status === undefined ? evaluated : evaluated.filter((e) => e.progress.status === filters.status);

  const overviewTasks: OverviewTask[] = shown.map(({ tracked: t, progress, leadReports }) => ({
    id: t.id,
    number: t.number,
    kind: t.kind,
    text: t.text,
    leaderId: t.leaderId,
    leaderName: t.scope.leaderName,
    parentId: t.parentId,
    leadUnitIds: t.leadUnitIds,
    coUnitIds: t.coUnitIds,
    status: progress.status,
    reason: progress.reason,
    targetCount: t.targets.length,
    filed: leadReports.length > 0,
    late: leadReports.some((report) => report.late),
  }));
  const statusCounts = countByStatus(overviewTasks.map((task) => task.status));

  // By leader, in document order; tasks without a leader last.
  const byLeader = new Map<number | null, LeaderCounts>();
  // By unit, lead and co-tasks apart.
  const byUnit = new Map<number, UnitCounts>();
  const unitCounts = (unitId: number) => {
    let entry = byUnit.get(unitId);
    if (!entry) {
      entry = { unitId, name: nameOfUnit(unitId), lead: { total: 0, counts: countByStatus([]) }, co: { total: 0, counts: countByStatus([]) } };
      byUnit.set(unitId, entry);
    }
    return entry;
  };
  for (const task of overviewTasks) {
    let leader = byLeader.get(task.leaderId);
    if (!leader) byLeader.set(task.leaderId, (leader = { leaderId: task.leaderId, name: task.leaderName, total: 0, counts: countByStatus([]) }));
    leader.total += 1;
    leader.counts[task.status] += 1;
    for (const unitId of task.leadUnitIds) {
      const { lead } = unitCounts(unitId);
      lead.total += 1;
      lead.counts[task.status] += 1;
    }
    for (const unitId of task.coUnitIds) {
      const { co } = unitCounts(unitId);
      co.total += 1;
      co.counts[task.status] += 1;
    }
  }

  const behind: BehindTask[] = [];
  for (const { tracked: t, progress, withActuals } of shown) {
    if (progress.status !== "behind") continue;
    behind.push({
      taskId: t.id,
      number: t.number,
      text: t.text,
      leaderName: t.scope.leaderName,
      leadUnits: t.leadUnitIds.map(nameOfUnit),
      reason: progress.reason,
      targets: t.targets.map((target, i) => {
        const result = progress.targets[i];
        return {
          targetId: target.id,
          description: describeTarget(target),
          originalText: target.originalText,
          kind: target.kind,
          comparator: target.comparator,
          value: target.value,
          unit: target.unit,
          actual: withActuals[i].actual,
          share: result.share,
          expectedShare: result.expectedShare,
          status: result.status,
          reason: result.reason,
          decisive: progress.decidedBy === i,
        };
      }),
    });
  }

  // Units that have not filed, or filed late, this period. Every responsible unit files (the
  // co-units give the lead unit their input); missing lead reports weigh most.
  const lagging: LaggingUnit[] = [];
  if (period) {
    const byUnitLag = new Map<number, LaggingUnit>();
    const check = (taskId: number, unitId: number, isLead: boolean, reports: readonly ReportRow[]) => {
      let entry = byUnitLag.get(unitId);
      if (!entry) {
        entry = { unitId, name: nameOfUnit(unitId), tasks: 0, missing: 0, missingLead: 0, late: 0, missingTaskIds: [], lateTaskIds: [] };
        byUnitLag.set(unitId, entry);
      }
      entry.tasks += 1;
      const report = reports.find((r) => r.unitId === unitId);
      if (!report) {
        entry.missing += 1;
        if (isLead) entry.missingLead += 1;
        entry.missingTaskIds.push(taskId);
      } else if (report.late) {
        entry.late += 1;
        entry.lateTaskIds.push(taskId);
      }
    };
    for (const { tracked: t, reports } of shown) {
      for (const unitId of t.leadUnitIds) check(t.id, unitId, true, reports);
      for (const unitId of t.coUnitIds) check(t.id, unitId, false, reports);
    }
    for (const entry of byUnitLag.values()) if (entry.missing > 0 || entry.late > 0) lagging.push(entry);
    lagging.sort((a, b) => b.missingLead - a.missingLead || b.missing - a.missing || b.late - a.late || collator.compare(a.name, b.name));
  }

  // Status mix per opened quarter, of the same tasks (a status filter selects by the selected quarter).
  const quarters: QuarterMix[] = periods.map((p) => {
    let counts = statusCounts;
    if (p.quarter !== quarter) {
      const byTask = reportsOf.get(p.id)!;
      counts = countByStatus(shown.map(({ tracked: t }) => evaluate(t, byTask.get(t.id), p.quarter as Quarter).progress.status));
    }
    return { quarter: p.quarter, periodId: p.id, dueAt: p.dueAt.toISOString(), closed: p.closed, counts: { ...counts } };
  });

  return {
    plan,
    period: period
      ? { id: period.id, quarter: period.quarter, opensAt: period.opensAt.toISOString(), dueAt: period.dueAt.toISOString(), closed: period.closed }
      : null,
    quarter,
    expectedShare: expectedShareOf(quarter),
    viewer: actor ? actor.role : "public",
    countedStates: [...countedStates],
    filters: { ...filters },
    options,
    tasks: overviewTasks,
    taskCount: overviewTasks.length,
    statusCounts,
    byLeader: [...byLeader.values()].sort((a, b) => leaderRank(a.leaderId) - leaderRank(b.leaderId)),
    byUnit: [...byUnit.values()].sort((a, b) => collator.compare(a.name, b.name)),
    behind,
    lagging,
    quarters,
  };
}

function optionsOf(readable: readonly Tracked[], leaderName: Map<number, string>, nameOfUnit: (id: number) => string): Overview["options"] {
  const leaderIds = new Set<number>();
  const unitIds = new Set<number>();
  const kinds = new Set<TaskKind>();
  for (const task of readable) {
    if (task.leaderId !== null) leaderIds.add(task.leaderId);
    kinds.add(task.kind);
    for (const id of task.leadUnitIds) unitIds.add(id);
    for (const id of task.coUnitIds) unitIds.add(id);
  }
  return {
    leaders: [...leaderIds].sort((a, b) => a - b).map((id) => ({ id, name: leaderName.get(id) ?? `#${id}` })),
    units: [...unitIds].map((id) => ({ id, name: nameOfUnit(id) })).sort((a, b) => collator.compare(a.name, b.name)),
    kinds: [...kinds],
  };
}
