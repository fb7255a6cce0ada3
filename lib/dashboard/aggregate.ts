/**
 * The dashboard's aggregation: counts, lists and rankings built from tasks already judged
 * (lib/reporting/figures.ts evaluateTask). Plain functions, no database.
 */
import type { BehindTask, LaggingUnit, LeaderCounts, Overview, OverviewTask, UnitCounts } from "@/lib/dashboard/overview";
import type { TaskKind } from "@/lib/generated/prisma/enums";
import { countByStatus } from "@/lib/progress";
import { leadUnitIds, missingFigures, type TaskEvaluation } from "@/lib/reporting/figures";
import { leaderRank } from "@/lib/reporting/order";
import { describeTarget } from "@/lib/reporting/phrasing";
import type { PeriodReport, PlanTask } from "@/lib/reporting/reads";

/** A task with its counted reports of one period and its evaluation. */
export interface JudgedTask extends TaskEvaluation<PeriodReport> {
  task: PlanTask;
  reports: readonly PeriodReport[];
}

const collator = new Intl.Collator("zh-CN");

/** By leader, in document order; tasks without a leader last. */
export function countsByLeader(tasks: readonly OverviewTask[]): LeaderCounts[] {
  const byLeader = new Map<number | null, LeaderCounts>();
  for (const task of tasks) {
    let leader = byLeader.get(task.leaderId);
    if (!leader) byLeader.set(task.leaderId, (leader = { leaderId: task.leaderId, name: task.leaderName, total: 0, counts: countByStatus([]) }));
    leader.total += 1;
    leader.counts[task.status] += 1;
  }
  return [...byLeader.values()].sort((a, b) => leaderRank(a.leaderId) - leaderRank(b.leaderId));
}

/** By unit, the tasks it leads apart from those it shares as a co-unit; by name. */
export function countsByUnit(tasks: readonly OverviewTask[], nameOfUnit: (id: number) => string): UnitCounts[] {
  const byUnit = new Map<number, UnitCounts>();
  const entry = (unitId: number) => {
    let counts = byUnit.get(unitId);
    if (!counts) {
      counts = { unitId, name: nameOfUnit(unitId), lead: { total: 0, counts: countByStatus([]) }, co: { total: 0, counts: countByStatus([]) } };
      byUnit.set(unitId, counts);
    }
    return counts;
  };
  for (const task of tasks) {
    for (const [unitIds, side] of [[task.leadUnitIds, "lead"], [task.coUnitIds, "co"]] as const) {
      for (const unitId of unitIds) {
        const counts = entry(unitId)[side];
        counts.total += 1;
        counts.counts[task.status] += 1;
      }
    }
  }
  return [...byUnit.values()].sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * Tasks 慢于序时, with the figures of every target and which one decided, and the lead units'
 * 存在问题 and 下一步措施 (`reasonsOf` a report; undefined: it gave none).
 */
export function behindTasks(
  judged: readonly JudgedTask[],
  nameOfUnit: (id: number) => string,
  reasonsOf: (reportId: number) => { problems: string; nextSteps: string } | undefined,
): BehindTask[] {
  return judged
    .filter(({ progress }) => progress.status === "behind")
    .map(({ task, progress, withActuals, leadReports }) => ({
      taskId: task.id,
      number: task.number,
      text: task.text,
      leaderName: task.scope.leaderName,
      leadUnits: leadUnitIds(task.units).map(nameOfUnit),
      reason: progress.reason,
      targets: task.targets.map((target, i) => {
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
      reasons: leadReports.flatMap((report) => {
        const given = reasonsOf(report.id);
        return given ? [{ unit: nameOfUnit(report.unitId), problems: given.problems, nextSteps: given.nextSteps }] : [];
      }),
    }));
}

/**
 * Units with a report missing or late in the period, or a lead report filed without a figure
 * (已填报,缺少数据, lib/reporting/figures.ts missingFigures), most missing lead reports first.
 * Every responsible unit is expected to file (the co-units give the lead unit their input);
 * missing lead reports weigh most, then missing reports, then missing figures. "Missing" means
 * no counted report: for the public, not published.
 */
export function laggingUnits(judged: readonly JudgedTask[], nameOfUnit: (id: number) => string): LaggingUnit[] {
  const byUnit = new Map<number, LaggingUnit>();
  for (const judgedTask of judged) {
    const { task, reports } = judgedTask;
    const figures = missingFigures(task, judgedTask);
    for (const { unitId, isLead } of task.units) {
      let entry = byUnit.get(unitId);
      if (!entry) {
        entry = { unitId, name: nameOfUnit(unitId), tasks: 0, missing: 0, missingLead: 0, late: 0, missingTaskIds: [], lateTaskIds: [], missingFigures: [] };
        byUnit.set(unitId, entry);
      }
      entry.tasks += 1;
      const report = reports.find((r) => r.unitId === unitId);
      if (!report) {
        entry.missing += 1;
        if (isLead) entry.missingLead += 1;
        entry.missingTaskIds.push(task.id);
      } else if (report.late) {
        entry.late += 1;
        entry.lateTaskIds.push(task.id);
      }
      if (figures?.unitIds.includes(unitId)) {
        entry.missingFigures.push({
          taskId: task.id,
          number: task.number,
          leaderName: task.scope.leaderName,
          targets: figures.targets.map((target) => describeTarget(target)),
        });
      }
    }
  }
  return [...byUnit.values()]
    .filter((entry) => entry.missing > 0 || entry.late > 0 || entry.missingFigures.length > 0)
    .sort(
      (a, b) =>
        b.missingLead - a.missingLead ||
        b.missing - a.missing ||
        b.missingFigures.length - a.missingFigures.length ||
        b.late - a.late ||
        collator.compare(a.name, b.name),
    );
}

/** What the filters can choose from: the leaders, units and kinds of the tasks the viewer may read. */
export function filterOptions(tasks: readonly PlanTask[], leaderName: Map<number, string>, nameOfUnit: (id: number) => string): Overview["options"] {
  const leaderIds = new Set<number>();
  const unitIds = new Set<number>();
  const kinds = new Set<TaskKind>();
  for (const task of tasks) {
    if (task.leaderId !== null) leaderIds.add(task.leaderId);
    kinds.add(task.kind);
    for (const unit of task.units) unitIds.add(unit.unitId);
  }
  return {
    leaders: [...leaderIds].sort((a, b) => leaderRank(a) - leaderRank(b)).map((id) => ({ id, name: leaderName.get(id) ?? `#${id}` })),
    units: [...unitIds].map((id) => ({ id, name: nameOfUnit(id) })).sort((a, b) => collator.compare(a.name, b.name)),
    kinds: [...kinds],
  };
}
