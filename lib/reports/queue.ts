import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ReviewState } from "@/lib/generated/prisma/enums";
import { canReview, type Actor } from "@/lib/permissions";
import { isLeadUnit } from "@/lib/reporting/figures";
import { AWAITING_REVIEW } from "@/lib/reporting/states";
import { reportsVisibleTo } from "@/lib/reporting/visibility";

/** The periods the office can pick from, newest first. */
export async function listPeriods(prisma: PrismaClient) {
  return prisma.reportingPeriod.findMany({
    orderBy: [{ plan: { year: "desc" } }, { planId: "desc" }, { quarter: "desc" }],
    include: { plan: { select: { id: true, year: true, government: true, title: true } } },
  });
}

/**
 * A period's queue for the office, with the number of the period's reports in each state it may
 * read (drafts stay with their units and are not counted); null for anyone who does not review.
 */
export async function loadReviewQueue(prisma: PrismaClient, actor: Actor, periodId: number) {
  if (!canReview(actor)) return null;
  const visible = reportsVisibleTo(actor);
  const [reports, counts] = await Promise.all([
    prisma.progressReport.findMany({
      where: { AND: [{ periodId, state: { in: AWAITING_REVIEW } }, visible] },
      // Enum order (as declared): submitted ones to review before approved ones to publish.
      orderBy: [{ state: "asc" }, { submittedAt: "asc" }],
      include: {
        unit: { select: { name: true } },
        filedBy: { select: { displayName: true } },
        task: {
          select: {
            id: true,
            number: true,
            text: true,
            leader: { select: { name: true } },
            units: { select: { unitId: true, isLead: true } },
          },
        },
        actuals: { include: { target: { select: { originalText: true, value: true, unit: true } } } },
      },
    }),
    prisma.progressReport.groupBy({ by: ["state"], where: { AND: [{ periodId }, visible] }, _count: true }),
  ]);
  return {
    reports: reports.map((report) => ({
      ...report,
      isLead: isLeadUnit(report.task.units, report.unitId),
    })),
    counts: Object.fromEntries(counts.map((row) => [row.state, row._count])) as Partial<Record<ReviewState, number>>,
  };
}
