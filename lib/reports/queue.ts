import "server-only";
import { attachmentsFor } from "@/lib/attachments/select";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ReviewState } from "@/lib/generated/prisma/enums";
import { pageBounds } from "@/lib/pagination";
import { isQuarter } from "@/lib/periods/quarters";
import { canReview, type Actor } from "@/lib/permissions";
import { targetProgress, type TargetProgress } from "@/lib/progress";
import { COUNTED_ACTUALS, isLeadUnit } from "@/lib/reporting/figures";
import { AWAITING_REVIEW, standingReviewOf } from "@/lib/reporting/states";
import { reportsCountedFor, reportsVisibleTo } from "@/lib/reporting/visibility";
import { repeatOfPrevious } from "@/lib/reports/repeats";

/** The periods the office can pick from, newest first. */
export async function listPeriods(prisma: PrismaClient) {
  return prisma.reportingPeriod.findMany({
    orderBy: [{ plan: { year: "desc" } }, { planId: "desc" }, { quarter: "desc" }],
    include: { plan: { select: { id: true, year: true, government: true, title: true } } },
  });
}

/**
 * The queue's filters (?status=): everything awaiting the office (to review or to publish), or
 * one state: submitted (to review), returned (waiting for the unit), approved (to publish).
 */
export const QUEUE_FILTERS = {
  awaiting: AWAITING_REVIEW,
  submitted: [ReviewState.submitted],
  returned: [ReviewState.returned],
  approved: [ReviewState.approved],
} as const satisfies Record<string, readonly ReviewState[]>;

export type QueueFilter = keyof typeof QUEUE_FILTERS;

export function queueFilter(value: unknown): QueueFilter {
  return typeof value === "string" && Object.hasOwn(QUEUE_FILTERS, value) ? (value as QueueFilter) : "awaiting";
}

/** Reports a page of the queue holds. */
export const QUEUE_PAGE_SIZE = 30;

/** One of the task's targets with the report's figure for it and that figure against 序时进度. */
export interface QueueFigure {
  targetId: number;
  originalText: string;
  /** The target's size and unit, which its figure is written against (formatFigure). */
  target: { value: number; unit: string };
  actual: number | null;
  progress: TargetProgress;
}

/**
 * A page of a period's queue for the office, with the number of the period's reports in each
 * state it may read (drafts stay with their units and are not counted); null for anyone who does
 * not review. Each report comes with its figures judged against 序时进度 as of the period's
 * quarter, by the same rule as the dashboard (lib/progress), and with the review it carries as it
 * stands (none for a report submitted again after a return).
 */
export async function loadReviewQueue(prisma: PrismaClient, actor: Actor, periodId: number, options: { filter?: QueueFilter; page?: number } = {}) {
  if (!canReview(actor)) return null;
  const filter = options.filter ?? "awaiting";
  const visible = reportsVisibleTo(actor);
  const where = { AND: [{ periodId, state: { in: [...QUEUE_FILTERS[filter]] } }, visible] };
  const [period, total, counts] = await Promise.all([
    prisma.reportingPeriod.findUnique({ where: { id: periodId }, select: { planId: true, quarter: true } }),
    prisma.progressReport.count({ where }),
    prisma.progressReport.groupBy({ by: ["state"], where: { AND: [{ periodId }, visible] }, _count: true }),
  ]);
  const bounds = pageBounds(total, options.page, QUEUE_PAGE_SIZE);
  const reports = await prisma.progressReport.findMany({
    where,
    // Enum order (as declared): submitted ones to review before returned and approved ones; the
    // earliest filed first, as the office works through them.
    orderBy: [{ state: "asc" }, { submittedAt: "asc" }, { id: "asc" }],
    skip: bounds.start,
    take: QUEUE_PAGE_SIZE,
    include: {
      unit: { select: { name: true } },
      filedBy: { select: { displayName: true } },
      reviewedBy: { select: { displayName: true } },
      task: {
        select: {
          id: true,
          number: true,
          text: true,
          leader: { select: { name: true } },
          units: { select: { unitId: true, isLead: true } },
          targets: { orderBy: { position: "asc" }, select: { id: true, originalText: true, kind: true, comparator: true, value: true, unit: true } },
        },
      },
      actuals: COUNTED_ACTUALS,
      attachments: attachmentsFor(actor),
    },
  });
  const quarter = period && isQuarter(period.quarter) ? period.quarter : 4;
  // The same units' earlier reports on the same tasks that the office may count, to compare the
  // narratives with (same text as last quarter).
  const earlier =
    period && reports.length > 0
      ? await prisma.progressReport.findMany({
          where: {
            AND: [
              reportsCountedFor(actor),
              { period: { planId: period.planId, quarter: { lt: period.quarter } } },
              { OR: reports.map((report) => ({ taskId: report.taskId, unitId: report.unitId })) },
            ],
          },
          select: { taskId: true, unitId: true, state: true, narrative: true, period: { select: { quarter: true } } },
        })
      : [];
  const compared = earlier.map(({ period: { quarter: earlierQuarter }, ...report }) => ({ ...report, quarter: earlierQuarter }));
  return {
    filter,
    page: { page: bounds.page, pageCount: bounds.pageCount, total: bounds.total, from: bounds.from, to: bounds.to },
    reports: reports.map(({ reviewedBy, reviewedAt, reviewComment, ...report }) => {
      const standing = standingReviewOf({ state: report.state, reviewComment });
      return {
        ...report,
        isLead: isLeadUnit(report.task.units, report.unitId),
        figures: report.task.targets.map((target): QueueFigure => {
          const actual = report.actuals.find((candidate) => candidate.targetId === target.id)?.value ?? null;
          return {
            targetId: target.id,
            originalText: target.originalText,
            target: { value: target.value, unit: target.unit },
            actual,
            progress: targetProgress(target, actual, quarter),
          };
        }),
        review: standing && { ...standing, reviewer: reviewedBy?.displayName ?? null, reviewedAt },
        repeat: repeatOfPrevious({ ...report, quarter: period?.quarter ?? quarter }, compared),
      };
    }),
    counts: Object.fromEntries(counts.map((row) => [row.state, row._count])) as Partial<Record<ReviewState, number>>,
  };
}
