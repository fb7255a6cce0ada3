import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ReviewState } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/permissions";
import { isLeadUnit } from "@/lib/reporting/figures";
import { compareDocumentOrder } from "@/lib/reporting/order";
import { trackedTasks } from "@/lib/reporting/reads";
import { returnNoteOf } from "@/lib/reporting/states";
import { reportsVisibleTo, tasksVisibleTo } from "@/lib/reporting/visibility";
import { compareDue, compareNeed, isOverdue, needOf, type Need } from "@/lib/tasks/todo";

const periodSelect = { id: true, planId: true, quarter: true, opensAt: true, dueAt: true, closed: true } as const;
const planSelect = { id: true, year: true, government: true, title: true } as const;

type MyPeriod = { id: number; planId: number; quarter: number; opensAt: Date; dueAt: Date; closed: boolean };

/** The unit's own report on a task in one quarter, as "my tasks" shows it. */
export interface MyReport {
  id: number;
  periodId: number;
  state: ReviewState;
  late: boolean;
  /** The office's note where the report was sent back and not yet submitted again. */
  returnNote: string | null;
}

/** One task of the unit in one quarter. */
export interface MyItem {
  task: MyTask;
  report: MyReport | null;
  need: Need;
}

/** One quarter of a plan: open for filing, or (for a plan with none open) the latest closed one. */
export interface MyQuarter {
  period: MyPeriod;
  overdue: boolean;
  /** What needs doing first: returned, then not yet submitted, then filed; each in document order. */
  items: MyItem[];
  counts: Record<Need, number>;
}

export interface MyPlan {
  plan: { id: number; year: number; government: string; title: string };
  /** The plan's open quarters, the one due soonest first. */
  open: MyQuarter[];
  /** A plan without an open quarter: its latest quarter, closed (null when none was ever opened). */
  latest: MyQuarter | null;
  /** The plan's tasks for the unit, in document order (what a plan that never opened a quarter lists). */
  tasks: MyTask[];
}

async function readTasks(prisma: PrismaClient, actor: Actor & { unitId: number }, planIds: number[], periodIds: number[]) {
  const tasks = await prisma.task.findMany({
    where: { AND: [{ planId: { in: planIds } }, tasksVisibleTo(actor), trackedTasks] },
    select: {
      id: true,
      planId: true,
      leaderId: true,
      sourceLine: true,
      number: true,
      kind: true,
      text: true,
      leader: { select: { name: true } },
      parent: { select: { number: true, text: true } },
      units: { orderBy: { position: "asc" }, select: { unitId: true, isLead: true, unit: { select: { name: true } } } },
      // The unit's own reports of the quarters shown, cut by the same rule as every other read.
      reports: {
        where: { AND: [{ periodId: { in: periodIds }, unitId: actor.unitId }, reportsVisibleTo(actor)] },
        select: { id: true, periodId: true, state: true, late: true, reviewComment: true },
      },
    },
  });
  return tasks.sort(compareDocumentOrder).map(({ reports, units, ...task }) => ({
    ...task,
    isLead: isLeadUnit(units, actor.unitId),
    units: units.map((link) => ({ name: link.unit.name, isLead: link.isLead, mine: link.unitId === actor.unitId })),
    reports: reports.map(({ reviewComment, ...report }): MyReport => ({ ...report, returnNote: returnNoteOf({ state: report.state, reviewComment }) })),
  }));
}

/** A task of the unit, with the unit's own reports of the quarters shown. */
export type MyTask = Awaited<ReturnType<typeof readTasks>>[number];

function quarterOf(period: MyPeriod, tasks: MyTask[], now: Date): MyQuarter {
  const items = tasks
    .filter((task) => task.planId === period.planId)
    .map((task) => {
      const report = task.reports.find((candidate) => candidate.periodId === period.id) ?? null;
      return { task, report, need: needOf(report && { state: report.state, reviewComment: report.returnNote }) };
    });
  // A stable sort: document order within each need.
  items.sort((a, b) => compareNeed(a.need, b.need));
  const counts: Record<Need, number> = { returned: 0, to_file: 0, filed: 0 };
  for (const item of items) counts[item.need] += 1;
  return { period, overdue: isOverdue(period, now), items, counts };
}

/**
 * "My tasks" for department staff: every open quarter of every plan their unit is responsible in,
 * grouped by plan and quarter, with the unit's own report of each; plans whose next quarter comes
 * due first come first. The unit's newest plan is always there: where it has no open quarter it
 * comes with its latest (closed) quarter, so the page says so rather than showing another plan.
 * Null for anyone but a unit's staff.
 */
export async function listMyTasks(prisma: PrismaClient, actor: Actor, now: Date = new Date()) {
  if (actor.role !== "unit_staff" || actor.unitId === null) return null;
  const staff = { ...actor, unitId: actor.unitId };
  const unitPlans = { tasks: { some: tasksVisibleTo(actor) } };
  const [unit, openPeriods, newest] = await Promise.all([
    prisma.unit.findUnique({ where: { id: actor.unitId }, select: { name: true } }),
    prisma.reportingPeriod.findMany({ where: { closed: false, plan: unitPlans }, select: { ...periodSelect, plan: { select: planSelect } } }),
    prisma.plan.findFirst({ where: unitPlans, orderBy: [{ year: "desc" }, { id: "desc" }], select: planSelect }),
  ]);
  const unitName = unit?.name ?? null;
  if (!newest) return { unitName, plans: [] as MyPlan[] };

  const newestIsOpen = openPeriods.some((period) => period.planId === newest.id);
  const latestClosed = newestIsOpen
    ? null
    : await prisma.reportingPeriod.findFirst({ where: { planId: newest.id }, orderBy: { quarter: "desc" }, select: periodSelect });

  const plans = new Map<number, MyPlan["plan"]>([[newest.id, newest]]);
  for (const period of openPeriods) plans.set(period.plan.id, period.plan);
  const shown: MyPeriod[] = [
    ...openPeriods.map((period) => ({ id: period.id, planId: period.planId, quarter: period.quarter, opensAt: period.opensAt, dueAt: period.dueAt, closed: period.closed })),
    ...(latestClosed ? [latestClosed] : []),
  ];
  const tasks = await readTasks(prisma, staff, [...plans.keys()], shown.map((period) => period.id));

  const result: MyPlan[] = [...plans.values()].map((plan) => {
    const open = shown.filter((period) => period.planId === plan.id && !period.closed).sort(compareDue);
    return {
      plan,
      open: open.map((period) => quarterOf(period, tasks, now)),
      latest: latestClosed && latestClosed.planId === plan.id ? quarterOf(latestClosed, tasks, now) : null,
      tasks: tasks.filter((task) => task.planId === plan.id),
    };
  });
  // The plan whose quarter comes due first leads; a plan without an open quarter comes last.
  const firstDue = (plan: MyPlan) => plan.open[0]?.period.dueAt.getTime() ?? Number.POSITIVE_INFINITY;
  result.sort((a, b) => firstDue(a) - firstDue(b) || b.plan.year - a.plan.year || b.plan.id - a.plan.id);
  return { unitName, plans: result };
}
