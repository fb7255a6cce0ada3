import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { canReadReport, canReadReportEvent, canReadTask, type Actor, type TaskScope } from "@/lib/permissions";

/**
 * "My tasks" for department staff: the plan with the latest open reporting period among the
 * plans their unit is responsible in (else the newest such plan), its tasks for the unit, and the
 * state of the unit's report for that period.
 */
export async function listMyTasks(prisma: PrismaClient, actor: Actor) {
  if (actor.role !== "unit_staff" || actor.unitId === null) return null;
  const unitId = actor.unitId;
  const unitPlans = { tasks: { some: { units: { some: { unitId } } } } };
  const period = await prisma.reportingPeriod.findFirst({
    where: { closed: false, plan: unitPlans },
    orderBy: [{ plan: { year: "desc" } }, { quarter: "desc" }],
    include: { plan: true },
  });
  const plan = period?.plan ?? (await prisma.plan.findFirst({ where: unitPlans, orderBy: [{ year: "desc" }, { id: "desc" }] }));
  if (!plan) return { plan: null, period: null, tasks: [] };
  const tasks = await prisma.task.findMany({
    where: { planId: plan.id, units: { some: { unitId } } },
    orderBy: [{ leader: { id: "asc" } }, { id: "asc" }],
    select: {
      id: true,
      number: true,
      kind: true,
      text: true,
      leader: { select: { name: true } },
      parent: { select: { number: true, text: true } },
      units: { orderBy: { position: "asc" }, select: { unitId: true, isLead: true, unit: { select: { name: true } } } },
      _count: { select: { targets: true } },
      reports: period
        ? { where: { periodId: period.id, unitId }, select: { state: true, late: true, updatedAt: true, reviewComment: true } }
        : false,
    },
  });
  return {
    plan,
    period,
    tasks: tasks.map(({ reports, units, ...task }) => ({
      ...task,
      isLead: units.some((unit) => unit.unitId === unitId && unit.isLead),
      units: units.map((unit) => ({ name: unit.unit.name, isLead: unit.isLead, mine: unit.unitId === unitId })),
      report: reports?.[0] ?? null,
    })),
  };
}

/** Everything the task page shows, cut to what the actor may read; null when they may not read the task. */
export async function getTaskDetail(prisma: PrismaClient, actor: Actor | null, taskId: number) {
  const task = await prisma.task.findUnique({
    where: { id: taskId },
    include: {
      plan: { select: { id: true, year: true, government: true, title: true, leadConvention: true } },
      leader: { select: { name: true, title: true } },
      parent: { select: { id: true, number: true, text: true } },
      targets: { orderBy: { position: "asc" } },
      units: { orderBy: { position: "asc" }, include: { unit: { select: { id: true, name: true } } } },
    },
  });
  if (!task) return null;
  const scope: TaskScope = { leaderName: task.leader?.name ?? null, units: task.units };
  if (!canReadTask(actor, scope)) return null;

  const [periods, reports, events, glossary] = await Promise.all([
    prisma.reportingPeriod.findMany({ where: { planId: task.planId }, orderBy: { quarter: "asc" } }),
    prisma.progressReport.findMany({
      where: { taskId },
      orderBy: [{ period: { quarter: "asc" } }, { id: "asc" }],
      include: {
        unit: { select: { name: true } },
        filedBy: { select: { displayName: true } },
        reviewedBy: { select: { displayName: true } },
        actuals: true,
      },
    }),
    prisma.auditEvent.findMany({
      where: { taskId },
      orderBy: { id: "asc" },
      include: { actor: { select: { displayName: true } } },
    }),
    prisma.glossaryEntry.findMany({ where: { plan: { government: task.plan.government } }, select: { term: true, explanation: true } }),
  ]);
  const unitNames = new Map(task.units.map((link) => [link.unitId, link.unit.name]));
  return {
    task,
    scope,
    periods,
    reports: reports.filter((report) => canReadReport(actor, scope, report)),
    history: events
      .map((event) => {
        const after = (event.after ?? {}) as { unitId?: number };
        return { ...event, unitId: after.unitId ?? null, unitName: after.unitId ? (unitNames.get(after.unitId) ?? null) : null };
      })
      .filter((event) => canReadReportEvent(actor, scope, event)),
    // Slogans of the government's work reports that the task's text uses ("3510", "田园五镇").
    glossary: glossary.filter((entry, index, all) => task.text.includes(entry.term) && all.findIndex((e) => e.term === entry.term) === index),
  };
}
