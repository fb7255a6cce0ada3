import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PlanKind } from "@/lib/generated/prisma/enums";

export const planKindLabels: Record<PlanKind, string> = {
  key_tasks: "重点工作责任分解",
  policy_list: "政策清单",
  work_report: "政府工作报告",
};

/** Plans for the home page, newest year first, with the number of tasks each holds. */
export async function listPlans(prisma: PrismaClient) {
  return prisma.plan.findMany({
    orderBy: [{ year: "desc" }, { government: "asc" }, { title: "asc" }],
    select: {
      id: true,
      year: true,
      government: true,
      title: true,
      kind: true,
      sourceFile: true,
      _count: { select: { tasks: true } },
      periods: { orderBy: { quarter: "asc" }, select: { quarter: true } },
    },
  });
}
