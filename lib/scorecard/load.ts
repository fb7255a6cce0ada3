import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ReviewState } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/permissions";
import { isQuarter, type Quarter } from "@/lib/periods/quarters";
import { readCountedReports, readPlanTasks } from "@/lib/reporting/reads";
import { reportsVisibleTo } from "@/lib/reporting/visibility";
import { scoreUnits, type ScoredPeriod, type ScoredReport, type ScoreRow } from "@/lib/scorecard/score";

/**
 * The unit scorecard (考核) of a plan for one quarter or the whole year, cut to what the viewer
 * may read in the queries themselves: the tasks (lib/reporting/reads.ts readPlanTasks) and the
 * reports (filed ones through readCountedReports, returned ones through reportsVisibleTo).
 *
 * Whose rows: the office sees every unit; a leader the units listed on the tasks in their charge,
 * counted on those tasks only; department staff their own unit's row, on their unit's tasks.
 */

/** A quarter, or the year: every period of the plan added up. */
export type ScorecardScope = Quarter | "year";

export interface Scorecard {
  plan: { id: number; year: number; government: string; title: string };
  scope: ScorecardScope;
  /** The plan's opened periods; with a quarter chosen, its own is `period` (null: not opened). */
  periods: Array<{ quarter: Quarter; dueAt: Date; closed: boolean }>;
  period: { quarter: Quarter; dueAt: Date; closed: boolean } | null;
  /** The moment the standings were taken at (未报 vs 未到期). */
  now: Date;
  /** Ranked, best first. */
  rows: ScoreRow[];
}

export async function loadScorecard(
  prisma: PrismaClient,
  viewer: Actor,
  query: { planId: number; scope: ScorecardScope; now?: Date },
): Promise<Scorecard | null> {
  const { planId, scope } = query;
  const now = query.now ?? new Date();
  const [loaded, planPeriods, counted, returned] = await Promise.all([
    readPlanTasks(prisma, viewer, planId),
    prisma.reportingPeriod.findMany({ where: { planId }, orderBy: { quarter: "asc" }, select: { id: true, quarter: true, dueAt: true, closed: true } }),
    readCountedReports(prisma, viewer, planId, scope === "year" ? 4 : scope),
    prisma.progressReport.findMany({
      where: {
        AND: [
          reportsVisibleTo(viewer),
          { state: ReviewState.returned, period: { planId, ...(scope === "year" ? {} : { quarter: scope }) } },
        ],
      },
      select: { taskId: true, unitId: true, periodId: true, state: true, late: true, qualitativeStatus: true },
    }),
  ]);
  if (!loaded) return null;

  const periods = planPeriods.flatMap((period) =>
    isQuarter(period.quarter) ? [{ id: period.id, quarter: period.quarter, dueAt: period.dueAt, closed: period.closed }] : [],
  );
  const scored: ScoredPeriod[] = scope === "year" ? periods : periods.filter((period) => period.quarter === scope);
  const scoredIds = new Set(scored.map((period) => period.id));
  const reports: ScoredReport[] = [
    ...counted.reports.filter((report) => scoredIds.has(report.periodId)),
    ...returned.map((report) => ({ ...report, actuals: null })),
  ];

  // Department staff see their own unit's row only; a leader's and the office's rows are the
  // units on the tasks they may read.
  const units =
    viewer.role === "unit_staff"
      ? new Map([...loaded.unitName].filter(([unitId]) => unitId === viewer.unitId))
      : loaded.unitName;

  const chosen = scope === "year" ? null : (periods.find((period) => period.quarter === scope) ?? null);
  return {
    plan: { id: loaded.plan.id, year: loaded.plan.year, government: loaded.plan.government, title: loaded.plan.title },
    scope,
    periods: periods.map(({ quarter, dueAt, closed }) => ({ quarter, dueAt, closed })),
    period: chosen && { quarter: chosen.quarter, dueAt: chosen.dueAt, closed: chosen.closed },
    now,
    rows: scoreUnits({ tasks: loaded.tasks, periods: scored, reports, units, now }),
  };
}
