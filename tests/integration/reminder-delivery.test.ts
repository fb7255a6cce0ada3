import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deliverDue } from "@/lib/notify/deliver";
import { createTransports, type Transports } from "@/lib/notify/transports";
import { enqueueReminders, runDueReminders } from "@/lib/reminders/run";
import { startRobotStandIn, startSmtpStandIn } from "../support/notify-standins";

/**
 * The scheduled reminders as people receive them: the rules' passes (runDueReminders with the
 * outbox's enqueueReminders, as the runner's reminder job runs them) and delivery passes
 * (deliverDue) on a clock the test sets, to a real SMTP server and a robot stand-in. Each step
 * reaches each person once, however many passes and runners there are.
 */
let prisma: PrismaClient;
let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
let robots: Awaited<ReturnType<typeof startRobotStandIn>>;
let transports: Transports;
const tag = randomUUID().slice(0, 8);
const government = `送达市${tag}`;
const mail = (name: string) => `${name}-${tag}@example.test`;

/** An instant in China Standard Time. */
const cst = (local: string) => new Date(`${local}+08:00`);

/** One reminder pass and one delivery pass at `now`, as the runner's two jobs make them. */
async function pass(now: Date) {
  await runDueReminders(prisma, now, enqueueReminders);
  await deliverDue(prisma, { transports, now: () => now });
}

/** The mails this test's people received, as "address subject" lines. */
function inbox(): string[] {
  return smtp.received.filter((message) => message.to.endsWith(`-${tag}@example.test`)).map((message) => `${message.to.split("-")[0]} ${message.subject}`);
}

beforeAll(async () => {
  prisma = createPrismaClient();
  smtp = await startSmtpStandIn();
  robots = await startRobotStandIn();
  transports = createTransports({ transport: smtp.url, from: "落实 <noreply@luoshi.test>" });
  // The files share one database: messages other files left are not this file's to send.
  await prisma.outboxMessage.deleteMany();
  const plan = await prisma.plan.create({ data: { year: 2032, government, title: "2032年重点工作", kind: "key_tasks", leadConvention: "star", sourceFile: "test" } });
  const leader = await prisma.leader.create({ data: { planId: plan.id, name: `王强${tag}` } });
  const unit = await prisma.unit.create({ data: { government, name: "交通局" } });
  await prisma.unitRobot.create({ data: { unitId: unit.id, platform: "wecom", name: "交通局群", webhookUrl: `${robots.base}/wecom` } });
  await prisma.task.create({
    data: { planId: plan.id, leaderId: leader.id, numberScope: String(leader.id), number: "1", kind: "key", text: "新建公路20公里", units: { create: [{ unitId: unit.id, isLead: true, position: 0 }] } },
  });
  await prisma.reportingPeriod.create({ data: { planId: plan.id, quarter: 2, opensAt: cst("2032-07-01T00:00:00"), dueAt: cst("2032-07-16T00:00:00") } });
  for (const [name, role, unitId, leaderName] of [
    ["staff", "unit_staff", unit.id, null],
    ["leader", "leader", null, leader.name],
  ] as const) {
    await prisma.user.create({ data: { username: `${name}-${tag}`, displayName: name, role, unitId, leaderName, email: mail(name) } });
  }
});

afterAll(async () => {
  await smtp.close();
  await robots.close();
  await prisma.$disconnect();
});

describe("scheduled reminders delivered", () => {
  it("reach the unit's staff by email and its group chat once per step, however often and on however many runners the passes run", async () => {
    await pass(cst("2032-07-08T08:00:00"));
    expect(inbox()).toEqual([]);

    await pass(cst("2032-07-08T09:05:00"));
    await pass(cst("2032-07-08T09:10:00"));
    await Promise.all([pass(cst("2032-07-08T12:00:00")), pass(cst("2032-07-08T12:00:00"))]);
    expect(inbox()).toHaveLength(1);
    expect(inbox()[0]).toMatch(/^staff /);
    expect(robots.received.filter((hook) => hook.path === "/wecom")).toHaveLength(1);
    // The in-app copy is in the staff member's inbox, once.
    const staff = await prisma.user.findUniqueOrThrow({ where: { username: `staff-${tag}` } });
    expect(await prisma.outboxMessage.count({ where: { userId: staff.id, channel: "inapp", state: "sent" } })).toBe(1);

    await Promise.all([pass(cst("2032-07-13T09:30:00")), pass(cst("2032-07-13T09:30:00"))]);
    expect(inbox()).toHaveLength(2);
  });

  it("reach the leader in charge once the task is 6 days overdue, and stop when the unit has filed", async () => {
    await pass(cst("2032-07-18T10:00:00"));
    expect(inbox().filter((line) => line.startsWith("leader "))).toEqual([]);
    await pass(cst("2032-07-21T10:00:00"));
    expect(inbox().filter((line) => line.startsWith("leader "))).toHaveLength(1);

    const report = await prisma.task.findFirstOrThrow({ where: { plan: { government } }, select: { id: true, units: { select: { unitId: true } }, plan: { select: { periods: { select: { id: true } } } } } });
    await prisma.progressReport.create({
      data: { taskId: report.id, unitId: report.units[0].unitId, periodId: report.plan.periods[0].id, state: "submitted", narrative: "已完成", qualitativeStatus: "completed" },
    });
    const before = inbox().length;
    await pass(cst("2032-07-24T10:00:00"));
    expect(inbox()).toHaveLength(before);
  });
});
