import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Comparator, LeadConvention, TargetKind, TaskKind } from "@/lib/generated/prisma/enums";
import { behindTasks, countsByLeader, countsByUnit, filterOptions, laggingUnits, type JudgedTask } from "@/lib/dashboard/aggregate";
import type { Quarter } from "@/lib/periods/quarters";
import { countByStatus, expectedShare, type ProgressStatus } from "@/lib/progress";
import { evaluateTask, leadUnitIds } from "@/lib/reporting/figures";
import { readCountedReports, readPlanTasks, type PeriodReport } from "@/lib/reporting/reads";
import type { Viewer } from "@/lib/reporting/visibility";

/**
 * The overview dashboard's data: every task's status for one plan and quarter, and the counts,
 * lists and trend built from them, cut to what the viewer may read. Three steps:
 *
 * 1. Reads (lib/reporting/reads.ts): the tasks the viewer may read and the reports that count
 *    for them (filed and readable), cut in the query.
 * 2. Evaluation (lib/reporting/figures.ts): each task's figures from its lead units' reports and
 *    its status against 序时进度 (lib/progress).
 * 3. Aggregation (lib/dashboard/aggregate.ts): counts by status, leader and unit, the tasks behind,
 *    the units that have not filed, the status mix of each quarter.
 *
 * Cost: eight reads with narrow selects, all sent at once, whatever the size of the plan. The
 * result is plain data: no Date objects, so it can cross to the client.
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
  /** A lead unit's report of the period is filed (and readable by the actor). */
  filed: boolean;
  /** A lead unit's filed report of the period was late. */
  late: boolean;
}

export interface OverviewTargetFigure {
  targetId: number;
  /** "增长≥2.5%" (lib/reporting/phrasing.ts) */
  description: string;
  /** The wording in the task text the target was read from ("增长2.5%"). */
  originalText: string;
  kind: TargetKind;
  comparator: Comparator;
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
  /** The lead units' 存在问题 and 下一步措施 (lib/reports/behind.ts), lead units in order; those that gave none left out. */
  reasons: BehindReason[];
}

export interface BehindReason {
  unit: string;
  problems: string;
  nextSteps: string;
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
  /** Tasks the unit leads whose filed report gives no figure for a target (已填报,缺少数据), with those targets ("≥800亿元"). */
  missingFigures: MissingFigureTask[];
}

export interface MissingFigureTask {
  taskId: number;
  number: string;
  leaderName: string | null;
  targets: string[];
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
   * Units with a report missing or late in the selected period, or a lead report without a
   * figure (已填报,缺少数据), most missing lead reports first.
   * Every responsible unit is expected to file. Like everything else it counts the reports the
   * viewer may count: for the public, "missing" means "not published". Empty when no period.
   */
  lagging: LaggingUnit[];
  /** Status mix of the same tasks in each opened quarter up to the selected one, for a chart. */
  quarters: QuarterMix[];
}


const NONE: readonly PeriodReport[] = [];

export async function loadOverview(prisma: PrismaClient, viewer: Viewer, query: OverviewQuery): Promise<Overview | null> {
  const { planId, quarter } = query;
  const filters = query.filters ?? {};

  // Both at once: the tasks are sorted out while the database still works on the reports.
  const [loaded, { periods, reports }] = await Promise.all([
    readPlanTasks(prisma, viewer, planId),
    readCountedReports(prisma, viewer, planId, quarter),
  ]);
  if (!loaded) return null;
  const { plan, tasks, leaderName, unitName } = loaded;
  const nameOfUnit = (id: number) => unitName.get(id) ?? `#${id}`;

  const selected = tasks.filter(
    (t) =>
      (filters.leader === undefined || t.scope.leaderName === filters.leader) &&
      (filters.kind === undefined || t.kind === filters.kind) &&
      (filters.unitId === undefined || t.units.some((unit) => unit.unitId === filters.unitId)),
  );

  // Counted reports by period and task.
  const reportsOf = new Map<number, Map<number, PeriodReport[]>>(periods.map((period) => [period.id, new Map()]));
  for (const report of reports) {
    const byTask = reportsOf.get(report.periodId)!;
    const list = byTask.get(report.taskId);
    if (list) list.push(report);
    else byTask.set(report.taskId, [report]);
  }

  const period = periods.find((p) => p.quarter === quarter) ?? null;
  const current = period ? reportsOf.get(period.id)! : undefined;
  const judged: JudgedTask[] = selected.map((task) => {
    const taskReports = current?.get(task.id) ?? NONE;
    return { task, reports: taskReports, ...evaluateTask(task, taskReports, quarter) };
  });
  const shown = filters.status === undefined ? judged : judged.filter((j) => j.progress.status === filters.status);
  // The reasons the lead units gave on the tasks behind: read only for those, from reports already counted for the viewer.
  const behindReportIds = shown.flatMap((j) => (j.progress.status === "behind" ? j.leadReports.map((report) => report.id) : []));
  const reasonRows =
    behindReportIds.length === 0
      ? []
      : await prisma.progressReport.findMany({
          where: { id: { in: behindReportIds }, OR: [{ problems: { not: "" } }, { nextSteps: { not: "" } }] },
          select: { id: true, problems: true, nextSteps: true },
        });
  const reasons = new Map(reasonRows.map((row) => [row.id, row]));

  const overviewTasks: OverviewTask[] = shown.map(({ task, progress, leadReports }) => {
    const leads = leadUnitIds(task.units);
    return {
      id: task.id,
      number: task.number,
      kind: task.kind,
      text: task.text,
      leaderId: task.leaderId,
      leaderName: task.scope.leaderName,
      parentId: task.parentId,
      leadUnitIds: leads,
      coUnitIds: task.units.filter((unit) => !unit.isLead).map((unit) => unit.unitId),
      status: progress.status,
      reason: progress.reason,
      filed: leadReports.length > 0,
      late: leadReports.some((report) => report.late),
    };
  });
  const statusCounts = countByStatus(overviewTasks.map((task) => task.status));

  // Status mix per opened quarter, of the same tasks (a status filter selects by the selected quarter).
  const quarters: QuarterMix[] = periods.map((p) => {
    const byTask = reportsOf.get(p.id)!;
    const counts =
      p.quarter === quarter
        ? statusCounts
        : countByStatus(shown.map(({ task }) => evaluateTask(task, byTask.get(task.id) ?? NONE, p.quarter as Quarter).progress.status));
    return { quarter: p.quarter, periodId: p.id, dueAt: p.dueAt.toISOString(), closed: p.closed, counts: { ...counts } };
  });

  return {
    plan,
    period: period
      ? { id: period.id, quarter: period.quarter, opensAt: period.opensAt.toISOString(), dueAt: period.dueAt.toISOString(), closed: period.closed }
      : null,
    quarter,
    expectedShare: expectedShare(quarter),
    filters: { ...filters },
    options: filterOptions(tasks, leaderName, nameOfUnit),
    tasks: overviewTasks,
    taskCount: overviewTasks.length,
    statusCounts,
    byLeader: countsByLeader(overviewTasks),
    byUnit: countsByUnit(overviewTasks, nameOfUnit),
    behind: behindTasks(shown, nameOfUnit, (reportId) => reasons.get(reportId)),
    lagging: period ? laggingUnits(shown, nameOfUnit) : [],
    quarters,
  };
}
