import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The plans units file on (not the work report itself), newest first, with their periods. */
export async function listPlansWithPeriods(prisma: PrismaClient) {
  return prisma.plan.findMany({
    where: { kind: { not: "work_report" } },
    orderBy: [{ year: "desc" }, { id: "desc" }],
    include: { periods: { orderBy: { quarter: "asc" } } },
  });
}

/** A plan's reporting periods, first quarter first. */
export async function listPlanPeriods(prisma: PrismaClient, planId: number) {
  return prisma.reportingPeriod.findMany({ where: { planId }, orderBy: { quarter: "asc" }, select: { quarter: true, closed: true } });
}
