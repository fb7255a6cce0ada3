import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueNotice } from "@/lib/notify/outbox";
import { isQuarter } from "@/lib/periods/quarters";
import { dueReminders, type OwingUnit, type ReminderMessage } from "@/lib/reminders/due";
import { rulesOf, stepDueAt } from "@/lib/reminders/rules";
import { COUNTED_ACTUALS } from "@/lib/reporting/figures";
import { owedByUnits } from "@/lib/reporting/owed";
import { trackedTasks } from "@/lib/reporting/reads";
import { FILED_STATES } from "@/lib/reporting/states";

/** Hands the messages to the outbox, inside the transaction given (lib/notify enqueueMessages), which sends each dedupe key once. */
export type EnqueueReminders = (tx: Prisma.TransactionClient, messages: ReminderMessage[]) => Promise<unknown>;

/**
 * The outbox's side of a reminder: each recipient account in the app and by email, and for a
 * unit's reminder also the unit's group-chat robots; the reminder's key makes every row's key, so
 * a step enqueues each message once however often it runs.
 */
export const enqueueReminders: EnqueueReminders = async (tx, messages) => {
  for (const message of messages) {
    await enqueueNotice(tx, {
      key: message.dedupeKey,
      subject: message.subject,
      body: message.body,
      userIds: message.recipientUserIds,
      robotUnitIds: message.audience.kind === "unit" ? [message.audience.unitId] : [],
    });
  }
};

/**
 * Works out the reminders due at `now` for every open period and hands them to `enqueue`. The
 * caller owns the clock: the job runner passes the time it runs at, the tests the time they set.
 * Running it again at any moment of the same step gives the same keys, so a second runner, a retry
 * or a restart sends nothing twice. The reads run before the one short transaction that enqueues,
 * so that the embedded database's single backend is not held while they run.
 */
export async function runDueReminders(prisma: PrismaClient, now: Date, enqueue: EnqueueReminders): Promise<{ messages: ReminderMessage[] }> {
  const periods = await prisma.reportingPeriod.findMany({
    where: { closed: false, plan: { kind: { not: "work_report" } } },
    orderBy: { id: "asc" },
    include: { reminderRule: true, plan: { select: { year: true, government: true, title: true } } },
  });
  const messages: ReminderMessage[] = [];
  for (const period of periods) {
    const rules = rulesOf(period.reminderRule);
    if (!isQuarter(period.quarter) || !stepDueAt(rules, period, now)) continue;
    const owing = await readOwingUnits(prisma, period.id, period.planId, period.quarter);
    if (owing.length === 0) continue;
    const [leaders, office] = await Promise.all([
      prisma.user.findMany({
        where: { active: true, role: "leader", leaderName: { in: [...new Set(owing.flatMap((unit) => unit.tasks.flatMap((task) => (task.leader ? [task.leader.name] : []))))] } },
        orderBy: { id: "asc" },
        select: { id: true, leaderName: true },
      }),
      prisma.user.findMany({ where: { active: true, role: "office" }, orderBy: { id: "asc" }, select: { id: true } }),
    ]);
    const leaderUserIds = new Map<string, number[]>();
    for (const leader of leaders) if (leader.leaderName) leaderUserIds.set(leader.leaderName, [...(leaderUserIds.get(leader.leaderName) ?? []), leader.id]);
    const planLabel = `${period.plan.year}年 ${period.plan.government} · ${period.plan.title}`;
    messages.push(
      ...dueReminders({ rules, period: { ...period, planLabel }, now, owing, leaderUserIds, officeUserIds: office.map((user) => user.id) }),
    );
  }
  if (messages.length > 0) await prisma.$transaction((tx) => enqueue(tx, messages));
  return { messages };
}

/** The units expected to file (not groups) that owe something this period, with their active accounts, in the order of their ids. */
async function readOwingUnits(prisma: PrismaClient, periodId: number, planId: number, quarter: 1 | 2 | 3 | 4): Promise<OwingUnit[]> {
  const tasks = await prisma.task.findMany({
    where: { planId, ...trackedTasks },
    orderBy: { id: "asc" },
    select: {
      id: true,
      number: true,
      text: true,
      dueOn: true,
      leader: { select: { id: true, name: true } },
      units: { where: { unit: { kind: "unit" } }, orderBy: { position: "asc" }, select: { unitId: true, isLead: true, unit: { select: { name: true } } } },
      targets: { orderBy: { position: "asc" } },
      reports: {
        where: { periodId, state: { in: [...FILED_STATES] } },
        select: { unitId: true, state: true, qualitativeStatus: true, actuals: COUNTED_ACTUALS },
      },
    },
  });
  const units = new Map<number, OwingUnit>();
  for (const task of tasks) {
    const reports = task.reports.map((report) => ({ ...report, actuals: Object.fromEntries(report.actuals.map((actual) => [actual.targetId, actual.value])) }));
    for (const [unitId, owed] of owedByUnits(task, reports, quarter)) {
      const name = task.units.find((unit) => unit.unitId === unitId)!.unit.name;
      const unit = units.get(unitId) ?? { unitId, name, userIds: [], tasks: [] };
      units.set(unitId, unit);
      unit.tasks.push({ taskId: task.id, number: task.number, text: task.text, leader: task.leader, owed });
    }
  }
  const staff = await prisma.user.findMany({
    where: { active: true, role: "unit_staff", unitId: { in: [...units.keys()] } },
    orderBy: { id: "asc" },
    select: { id: true, unitId: true },
  });
  for (const user of staff) units.get(user.unitId!)!.userIds.push(user.id);
  return [...units.values()].sort((a, b) => a.unitId - b.unitId);
}
