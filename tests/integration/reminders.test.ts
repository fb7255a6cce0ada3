import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import type { ReminderMessage } from "@/lib/reminders/due";
import { runDueReminders } from "@/lib/reminders/run";
import { readReminderRules, saveReminderRules } from "@/lib/reminders/service";
import { reminderRulesSchema } from "@/lib/zod/reminders";

/**
 * The scheduled reminders read from PostgreSQL: a plan of its own (a government of its own, in
 * 2031, so that the seeded periods and other files' data stay out of the way), with a clock the
 * test sets. The messages go to a real table standing in for the outbox, which keeps each dedupe
 * key once as the outbox does.
 */
let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
const government = `提醒市${tag}`;
let periodId: number;
let office: Actor;
let staffA: Actor;
let leaderUserId: number;
const units: Record<"a" | "b" | "group", number> = { a: 0, b: 0, group: 0 };
const tasks: Record<"t1" | "t2" | "t3", number> = { t1: 0, t2: 0, t3: 0 };
let targetId: number;
let leaderOneId: number;

/** An instant in China Standard Time. */
const cst = (local: string) => new Date(`${local}+08:00`);

/** The stand-in outbox: a message is written once per key, whatever runs enqueue it. */
async function enqueue(tx: Prisma.TransactionClient, messages: ReminderMessage[]) {
  for (const message of messages) {
    await tx.$executeRaw`
      INSERT INTO reminder_outbox_test (dedupe_key, period_id, audience, recipients, body)
      VALUES (${message.dedupeKey}, ${message.periodId}, ${message.audience.kind}, ${message.recipientUserIds}, ${message.body})
      ON CONFLICT (dedupe_key) DO NOTHING`;
  }
}

async function outbox() {
  return prisma.$queryRaw<Array<{ dedupe_key: string; audience: string; recipients: number[]; body: string }>>`
    SELECT dedupe_key, audience, recipients, body FROM reminder_outbox_test WHERE period_id = ${periodId} ORDER BY seq`;
}

/** The reminders of this test's period due at `now`, as handed to the outbox. */
async function run(now: Date) {
  const { messages } = await runDueReminders(prisma, now, enqueue);
  return messages.filter((message) => message.periodId === periodId);
}

async function file(taskId: number, unitId: number, state: "draft" | "submitted" | "returned", figure?: number) {
  await prisma.progressReport.deleteMany({ where: { taskId, unitId, periodId } });
  await prisma.progressReport.create({
    data: {
      taskId,
      unitId,
      periodId,
      state,
      narrative: "进展",
      actuals: figure === undefined ? undefined : { create: [{ targetId, value: figure }] },
    },
  });
}

beforeAll(async () => {
  prisma = createPrismaClient();
  await prisma.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS reminder_outbox_test (
    seq serial, dedupe_key text PRIMARY KEY, period_id int NOT NULL, audience text NOT NULL, recipients int[] NOT NULL, body text NOT NULL)`);
  const plan = await prisma.plan.create({
    data: { year: 2031, government, title: "2031年重点工作", kind: "key_tasks", leadConvention: "star", sourceFile: "test" },
  });
  const leaderOne = await prisma.leader.create({ data: { planId: plan.id, name: `张斌${tag}` } });
  const leaderTwo = await prisma.leader.create({ data: { planId: plan.id, name: `李军${tag}` } });
  leaderOneId = leaderOne.id;
  for (const [key, name, kind] of [["a", "发改局", "unit"], ["b", "商务局", "unit"], ["group", "各镇街道", "group"]] as const) {
    units[key] = (await prisma.unit.create({ data: { government, name, kind } })).id;
  }
  const task = (number: string, leaderId: number, text: string, links: Array<[number, boolean]>) =>
    prisma.task.create({
      data: {
        planId: plan.id,
        leaderId,
        numberScope: String(leaderId),
        number,
        kind: "key",
        text,
        units: { create: links.map(([unitId, isLead], position) => ({ unitId, isLead, position })) },
      },
    });
  const t1 = await task("1", leaderOne.id, "新增市场主体100个以上", [[units.a, true], [units.b, false]]);
  tasks.t1 = t1.id;
  targetId = (await prisma.target.create({ data: { taskId: t1.id, position: 0, kind: "quantity", comparator: "gte", value: 100, unit: "个", originalText: "100个以上" } })).id;
  tasks.t2 = (await task("1", leaderTwo.id, "推进外贸稳中提质", [[units.b, true], [units.group, false]])).id;
  tasks.t3 = (await task("2", leaderOne.id, "深化营商环境改革", [[units.a, true]])).id;
  periodId = (await prisma.reportingPeriod.create({ data: { planId: plan.id, quarter: 2, opensAt: cst("2031-07-01T00:00:00"), dueAt: cst("2031-07-16T00:00:00") } })).id;

  const user = (role: Actor["role"], unitId: number | null, leaderName: string | null, active = true) =>
    prisma.user.create({ data: { username: `${role}-${tag}-${randomUUID().slice(0, 6)}`, displayName: role, role, unitId, leaderName, active } });
  const officeUser = await user("office", null, null);
  office = { id: officeUser.id, role: "office", unitId: null, leaderName: null, displayName: "市府办" };
  const staff = await user("unit_staff", units.a, null);
  staffA = { id: staff.id, role: "unit_staff", unitId: units.a, leaderName: null, displayName: "发改局" };
  await user("unit_staff", units.a, null, false);
  await user("unit_staff", units.b, null);
  leaderUserId = (await user("leader", null, leaderOne.name)).id;

  // 商务局 filed both its tasks; 发改局 has a draft of one and nothing of the other.
  await file(tasks.t1, units.b, "submitted");
  await file(tasks.t2, units.b, "submitted");
  await file(tasks.t3, units.a, "draft");
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("scheduled reminders, on the default rules", () => {
  it("start 7 days before the due date, for the units that still owe, never for a group", async () => {
    expect(await run(cst("2031-07-08T08:59:00"))).toEqual([]);
    const messages = await run(cst("2031-07-08T09:00:00"));
    expect(messages.map((message) => message.dedupeKey)).toEqual([`reminder:${periodId}:2031-07-15:before-7:unit-${units.a}`]);
    // The active account of 发改局 only; the deactivated one gets nothing.
    expect(messages[0].recipientUserIds).toEqual([staffA.id]);
    expect(messages[0].body).toContain("尚未提交报告的任务 2 项:");
    expect(messages[0].body).toContain(`张斌${tag} 第1项 新增市场主体100个以上`);
    expect(messages[0].body).toContain(`张斌${tag} 第2项 深化营商环境改革`);
    expect(messages[0].body).toContain("将于2031年7月15日(当天24时)截止,还有 7 天");
  });

  it("run twice, or on two instances at once, hand the outbox the same keys, and it holds each once", async () => {
    const again = await run(cst("2031-07-08T15:00:00"));
    expect(again.map((message) => message.dedupeKey)).toEqual([`reminder:${periodId}:2031-07-15:before-7:unit-${units.a}`]);
    await Promise.all([run(cst("2031-07-08T09:05:00")), run(cst("2031-07-08T09:05:00"))]);
    expect((await outbox()).map((row) => row.dedupe_key)).toEqual([`reminder:${periodId}:2031-07-15:before-7:unit-${units.a}`]);
  });

  it("come 2 days before and on the day; a returned report still owes", async () => {
    expect(await run(cst("2031-07-10T09:00:00"))).toEqual([]);
    await file(tasks.t2, units.b, "returned");
    const before = await run(cst("2031-07-13T09:00:00"));
    expect(before.map((message) => message.dedupeKey)).toEqual([
      `reminder:${periodId}:2031-07-15:before-2:unit-${units.a}`,
      `reminder:${periodId}:2031-07-15:before-2:unit-${units.b}`,
    ]);
    expect(before[1].body).toContain(`李军${tag} 第1项 推进外贸稳中提质`);
    await file(tasks.t2, units.b, "submitted");
    const onTheDay = await run(cst("2031-07-15T20:00:00"));
    expect(onTheDay.map((message) => message.dedupeKey)).toEqual([`reminder:${periodId}:2031-07-15:due:unit-${units.a}`]);
    expect(onTheDay[0].body).toContain("今天(2031年7月15日)24时截止");
  });

  it("ask a lead unit that filed without its figure for the figure", async () => {
    await file(tasks.t1, units.a, "submitted");
    await file(tasks.t3, units.a, "submitted");
    const messages = await run(cst("2031-07-18T09:00:00"));
    expect(messages.map((message) => message.dedupeKey)).toEqual([`reminder:${periodId}:2031-07-15:overdue-3:unit-${units.a}`]);
    expect(messages[0].body).toContain("已逾期 3 天");
    expect(messages[0].body).toContain(`已提交但缺少数据的任务 1 项:\n· 张斌${tag} 第1项 新增市场主体100个以上(缺少:≥100个)`);
    expect(messages[0].body).not.toContain("尚未提交");
  });

  it("repeat every 3 days while overdue, and from 6 days overdue reach the leader in charge and the office", async () => {
    await file(tasks.t3, units.a, "draft");
    expect(await run(cst("2031-07-20T09:00:00"))).toEqual([]);
    const escalated = await run(cst("2031-07-21T09:00:00"));
    expect(escalated.map((message) => message.dedupeKey)).toEqual([
      `reminder:${periodId}:2031-07-15:overdue-6:unit-${units.a}`,
      `reminder:${periodId}:2031-07-15:overdue-6:leader-${leaderOneId}`,
      `reminder:${periodId}:2031-07-15:overdue-6:office`,
    ]);
    const [, leader, copy] = escalated;
    expect(leader.recipientUserIds).toEqual([leaderUserId]);
    expect(leader.body).toContain(`张斌${tag}同志:`);
    expect(leader.body).toContain("· 发改局:未提交 1 项,缺少数据 1 项");
    expect(copy.recipientUserIds).toContain(office.id);
    expect(copy.body).toContain("以下 1 个单位仍未报齐:\n· 发改局:未提交 1 项,缺少数据 1 项");
    const rows = await outbox();
    expect(rows.filter((row) => row.audience === "leader").map((row) => row.recipients)).toEqual([[leaderUserId]]);
  });

  it("stop once the unit has filed everything, and once the period is closed", async () => {
    await file(tasks.t1, units.a, "submitted", 40);
    await file(tasks.t3, units.a, "submitted");
    expect(await run(cst("2031-07-24T09:00:00"))).toEqual([]);
    await file(tasks.t3, units.a, "draft");
    expect((await run(cst("2031-07-27T09:00:00"))).map((message) => message.step)).toEqual(["overdue-12", "overdue-12", "overdue-12"]);
    await prisma.reportingPeriod.update({ where: { id: periodId }, data: { closed: true } });
    expect(await run(cst("2031-07-30T09:00:00"))).toEqual([]);
    await prisma.reportingPeriod.update({ where: { id: periodId }, data: { closed: false } });
  });
});

describe("the office's rules", () => {
  const input = (fields: Record<string, string>) => reminderRulesSchema.parse({ periodId: String(periodId), ...fields });

  it("are the office's to set, audited, and a stale save is refused with what was saved", async () => {
    expect(await readReminderRules(prisma, periodId)).toMatchObject({ saved: false, version: 0, rules: { daysBefore: [7, 2], overdueEveryDays: 3, escalateAfterDays: 6 } });
    const fields = { version: "0", daysBefore: "5", overdueEveryDays: "2", escalateAfterDays: "4" };
    expect(await saveReminderRules(prisma, staffA, input(fields))).toEqual({ ok: false, message: "没有权限执行此操作。" });
    expect(await saveReminderRules(prisma, office, input(fields))).toEqual({
      ok: true,
      message: "提醒规则已保存:截止前 5 天,逾期后每 2 天;逾期 4 天起抄送分管市领导和市府办。",
      version: 1,
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "period.reminders", entityId: String(periodId) } });
    expect(event).toMatchObject({
      actorId: office.id,
      before: { daysBefore: [7, 2], onDueDay: true, overdueEveryDays: 3, escalateAfterDays: 6 },
      after: { daysBefore: [5], onDueDay: false, overdueEveryDays: 2, escalateAfterDays: 4 },
    });
    expect(await saveReminderRules(prisma, office, input({ ...fields, daysBefore: "9" }))).toEqual({
      ok: false,
      message: "提醒规则已被他人修改,现为:截止前 5 天,逾期后每 2 天;逾期 4 天起抄送分管市领导和市府办。你填写的内容仍在表单中,请刷新页面后再保存。",
    });
    expect(await readReminderRules(prisma, periodId)).toMatchObject({ saved: true, version: 1, rules: { daysBefore: [5] } });
  });

  it("set what is due when", async () => {
    expect((await run(cst("2031-07-10T09:00:00"))).map((message) => message.step)).toEqual(["before-5"]);
    expect(await run(cst("2031-07-15T09:00:00"))).toEqual([]);
    expect((await run(cst("2031-07-19T09:00:00"))).map((message) => message.audience.kind)).toEqual(["unit", "leader", "office"]);
  });
});
