/**
 * The scorecard's arithmetic: each unit's owed reports by standing, its tasks 慢于序时 and its
 * lead reports without a figure, over one period or several (the year: the sum of its periods),
 * and the ranking. Plain functions over rows already cut to the viewer; lib/scorecard/rules.ts
 * says what each count means.
 */
import type { Quarter } from "@/lib/periods/quarters";
import { evaluateTask, missingFigures, type FiguresReport, type UnitLink } from "@/lib/reporting/figures";
import type { PlanTarget } from "@/lib/reporting/reads";
import { onTimeRate, standingOf, STANDINGS, type Standing } from "@/lib/scorecard/rules";
import type { Due } from "@/lib/progress";

export interface ScoredTask {
  id: number;
  units: readonly UnitLink[];
  targets: readonly PlanTarget[];
  dueOn?: Due;
}

export interface ScoredPeriod {
  id: number;
  quarter: Quarter;
  dueAt: Date;
}

/** A report of a period the viewer may read: a filed one (with its figures) or a returned one. */
export interface ScoredReport extends FiguresReport {
  taskId: number;
  periodId: number;
  late: boolean;
}

export interface ScoreRow extends Record<Standing, number> {
  unitId: number;
  name: string;
  /** Reports owed (应报): the sum of the five standings. */
  due: number;
  /** Of those, owed as a lead unit (牵头). */
  dueAsLead: number;
  /** 按时率 (lib/scorecard/rules.ts onTimeRate); null when nothing was due yet. */
  onTimeRate: number | null;
  /** Tasks the unit leads that are 慢于序时, per period summed. */
  behind: number;
  /** Tasks whose lead report the unit filed without a figure for a target (已填报,缺少数据), per period summed. */
  missingFigures: number;
  /** Place in the ranking (1 = best); units that tie share a place. */
  rank: number;
}

const collator = new Intl.Collator("zh-CN");

/** The ranking: the best 按时率 first, then fewest reports missing, late, returned, tasks behind, figures missing. */
function compareMerit(a: ScoreRow, b: ScoreRow): number {
  return (
    (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
    a.missing - b.missing ||
    a.late - b.late ||
    a.returned - b.returned ||
    a.behind - b.behind ||
    a.missingFigures - b.missingFigures
  );
}

/**
 * Each unit's row, ranked; `units` names the units that get a row (those the viewer may see)
 * and their names. Only units listed on a task owe it a report; `tasks` hold only units that file
 * (lib/reporting/reads.ts leaves groups out).
 */
export function scoreUnits(input: {
  tasks: readonly ScoredTask[];
  periods: readonly ScoredPeriod[];
  reports: readonly ScoredReport[];
  units: ReadonlyMap<number, string>;
  now: Date;
}): ScoreRow[] {
  const { tasks, periods, units, now } = input;
  const reportsOf = new Map<string, ScoredReport[]>();
  for (const report of input.reports) {
    const key = `${report.periodId}:${report.taskId}`;
    const list = reportsOf.get(key);
    if (list) list.push(report);
    else reportsOf.set(key, [report]);
  }

  const rows = new Map<number, ScoreRow>();
  const rowOf = (unitId: number): ScoreRow | undefined => {
    const name = units.get(unitId);
    if (name === undefined) return undefined;
    let row = rows.get(unitId);
    if (!row) {
      row = { unitId, name, due: 0, dueAsLead: 0, onTime: 0, late: 0, returned: 0, missing: 0, pending: 0, onTimeRate: null, behind: 0, missingFigures: 0, rank: 0 };
      rows.set(unitId, row);
    }
    return row;
  };

  for (const period of periods) {
    for (const task of tasks) {
      if (!task.units.some((unit) => units.has(unit.unitId))) continue;
      const taskReports = reportsOf.get(`${period.id}:${task.id}`) ?? [];
      const evaluation = evaluateTask(task, taskReports, period.quarter);
      const lacking = missingFigures(task, evaluation);
      for (const { unitId, isLead } of task.units) {
        const row = rowOf(unitId);
        if (!row) continue;
        const report = taskReports.find((r) => r.unitId === unitId) ?? null;
        row[standingOf(report, period, now)] += 1;
        row.due += 1;
        if (!isLead) continue;
        row.dueAsLead += 1;
        if (evaluation.progress.status === "behind") row.behind += 1;
        if (lacking?.unitIds.includes(unitId)) row.missingFigures += 1;
      }
    }
  }

  const ranked = [...rows.values()];
  for (const row of ranked) row.onTimeRate = onTimeRate(row);
  ranked.sort((a, b) => compareMerit(a, b) || collator.compare(a.name, b.name));
  ranked.forEach((row, index) => {
    const previous = ranked[index - 1];
    row.rank = previous && compareMerit(previous, row) === 0 ? previous.rank : index + 1;
  });
  return ranked;
}

// ---- Sorting the table ---------------------------------------------------------------------------

export const SORT_KEYS = ["rank", "name", "due", ...STANDINGS, "onTimeRate", "behind", "missingFigures"] as const;

export type SortKey = (typeof SORT_KEYS)[number];

export type SortDirection = "asc" | "desc";

/** The direction a column sorts in when first chosen: the ranking and names from the top, counts largest first. */
export function defaultDirection(key: SortKey): SortDirection {
  return key === "rank" || key === "name" ? "asc" : "desc";
}

/** The rows by one column, ties by rank; a unit with nothing due yet (no 按时率) last either way. */
export function sortRows(rows: readonly ScoreRow[], key: SortKey, direction: SortDirection): ScoreRow[] {
  const sign = direction === "asc" ? 1 : -1;
  const compare = (a: ScoreRow, b: ScoreRow): number => {
    if (key === "name") return sign * collator.compare(a.name, b.name);
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y);
  };
  return [...rows].sort((a, b) => compare(a, b) || a.rank - b.rank || collator.compare(a.name, b.name));
}
