import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { canReview, type Actor } from "@/lib/permissions";

/** The periods the office can pick from, newest first. */
export async function listPeriods(prisma: PrismaClient) {
  return prisma.reportingPeriod.findMany({
    orderBy: [{ plan: { year: "desc" } }, { planId: "desc" }, { quarter: "desc" }],
    include: { plan: { select: { id: true, year: true, government: true, title: true } } },
  });
}

/** Filed reports of a period waiting for the office: submitted ones to review, approved ones to publish. */
export async function loadReviewQueue(prisma: PrismaClient, actor: Actor, periodId: number) {
  if (!canReview(actor)) return null;
  const [reports, counts] = await Promise.all([
    prisma.progressReport.findMany({
      where: { periodId, state: { in: ["submitted", "approved"] } },
      orderBy: [{ state: "desc" }, { submittedAt: "asc" }],
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
        actuals: { include: { target: { select: { originalText: true, unit: true } } } },
      },
    }),
    prisma.progressReport.groupBy({ by: ["state"], where: { periodId }, _count: true }),
  ]);
  return {
    reports: reports.map((report) => ({
      ...report,
      isLead: report.task.units.some((unit) => unit.unitId === report.unitId && unit.isLead),
    })),
    counts: Object.fromEntries(counts.map((row) => [row.state, row._count])) as Partial<Record<string, number>>,
  };
}
