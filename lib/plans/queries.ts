import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { PlanKind } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/permissions";

export const planKindLabels: Record<PlanKind, string> = {
  key_tasks: "重点工作责任分解",
  policy_list: "政策清单",
  work_report: "政府工作报告",
};

/** What names a plan wherever plans are listed or headed. */
export const PLAN_FIELDS = { id: true, year: true, government: true, title: true, kind: true } satisfies Prisma.PlanSelect;

/**
 * Plans for the home page, newest year first, with the number of tasks each holds. A work report
 * without tasks is not a plan to track but the reference text and glossary of its government's
 * plans of that year: it comes under `references`, never with a dashboard.
 */
export async function listPlans(prisma: PrismaClient) {
  const plans = await prisma.plan.findMany({
    orderBy: [{ year: "desc" }, { government: "asc" }, { title: "asc" }],
    select: {
      ...PLAN_FIELDS,
      sourceFile: true,
      _count: { select: { tasks: true, glossary: true } },
      periods: { orderBy: { quarter: "asc" }, select: { quarter: true } },
    },
  });
  const isReference = (plan: (typeof plans)[number]) => plan.kind === "work_report" && plan._count.tasks === 0;
  return { plans: plans.filter((plan) => !isReference(plan)), references: plans.filter(isReference) };
}

/** A plan has an overview once it has tasks and a quarter has been opened: before that there is nothing to show. */
export function offersDashboard(plan: { _count: { tasks: number }; periods: readonly unknown[] }): boolean {
  return plan._count.tasks > 0 && plan.periods.length > 0;
}

/** Whether a plan holds tasks (a work report kept as reference text does not). */
export async function hasTasks(prisma: PrismaClient, planId: number): Promise<boolean> {
  return (await prisma.task.findFirst({ where: { planId }, select: { id: true } })) !== null;
}

/**
 * The overviews the menu offers: a leader's, those of the plans in which tasks are in their
 * charge; the office's, those of the plans with a quarter open for filing. Newest first.
 */
export async function menuDashboards(prisma: PrismaClient, actor: Actor): Promise<Array<{ id: number; year: number; government: string; title: string }>> {
  if (actor.role === "unit_staff" || (actor.role === "leader" && !actor.leaderName)) return [];
  return prisma.plan.findMany({
    where: {
      periods: actor.role === "office" ? { some: { closed: false } } : { some: {} },
      tasks: actor.role === "leader" ? { some: { leader: { name: actor.leaderName! } } } : { some: {} },
    },
    orderBy: [{ year: "desc" }, { id: "desc" }],
    select: { id: true, year: true, government: true, title: true },
  });
}
