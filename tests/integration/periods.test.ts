import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { savePeriod, setPeriodClosed } from "@/lib/periods/service";
import { periodInputSchema } from "@/lib/zod/periods";
import { seedDocuments, seedPeriods } from "@/scripts/seed";
import { createActor } from "../setup/actors";

/**
 * The office opens a quarter for filing, changes its dates, closes and reopens it; every change
 * is audited in the same transaction, and nobody else may do any of it. Works on the third and
 * fourth quarters of the 2024 Pinghu plan (seed 001), which no other test opens; each test
 * starts without them and the file removes them at the end.
 */
let prisma: PrismaClient;
let planId: number;
let office: Actor;
let staff: Actor;
let leader: Actor;
const tag = randomUUID().slice(0, 8);

const FORBIDDEN_RESULT = { ok: false, message: "没有权限执行此操作。" };

const input = (fields: { planId?: number; quarter: number; opensOn: string; dueOn: string }) =>
  periodInputSchema.parse({ planId: String(fields.planId ?? planId), quarter: String(fields.quarter), opensOn: fields.opensOn, dueOn: fields.dueOn });

const makeActor = (role: Actor["role"], unitName: string | null, leaderName: string | null) => createActor(prisma, tag, role, unitName, leaderName);

const periodsOfPlan = () => prisma.reportingPeriod.findMany({ where: { planId, quarter: { in: [3, 4] } }, orderBy: { quarter: "asc" } });
const auditOf = (periodId: number) =>
  prisma.auditEvent.findMany({ where: { entityType: "ReportingPeriod", entityId: String(periodId) }, orderBy: { id: "asc" } });
const removePeriods = () => prisma.reportingPeriod.deleteMany({ where: { planId, quarter: { in: [3, 4] } } });

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  planId = (await prisma.plan.findFirstOrThrow({ where: { government: "平湖市", year: 2024, kind: "key_tasks" } })).id;
  office = await makeActor("office", null, null);
  staff = await makeActor("unit_staff", "建设局", null);
  leader = await makeActor("leader", null, "张斌");
});

beforeEach(async () => {
  await removePeriods();
});

afterAll(async () => {
  await removePeriods();
  await prisma.$disconnect();
});

describe("opening a quarter", () => {
  it("stores the dates as midnights in China Standard Time, due until the due day ends, and audits the opening", async () => {
    const result = await savePeriod(prisma, office, input({ quarter: 3, opensOn: "2024-09-01", dueOn: "2024-10-15" }));
    expect(result).toMatchObject({ ok: true, message: "填报期已开启。" });
    const [period] = await periodsOfPlan();
    expect(result.ok && result.periodId).toBe(period.id);
    expect(period).toMatchObject({
      quarter: 3,
      opensAt: new Date("2024-09-01T00:00:00+08:00"),
      dueAt: new Date("2024-10-16T00:00:00+08:00"),
      closed: false,
    });

    const events = await auditOf(period.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "period.open", actorId: office.id, taskId: null, before: null });
    expect(events[0].after).toEqual({ opensAt: "2024-08-31T16:00:00.000Z", dueAt: "2024-10-15T16:00:00.000Z", closed: false });
  });

  it("rolls a due date at the end of the year over into the next one", async () => {
    const result = await savePeriod(prisma, office, input({ quarter: 4, opensOn: "2024-12-01", dueOn: "2024-12-31" }));
    expect(result.ok).toBe(true);
    const [period] = await periodsOfPlan();
    expect(period).toMatchObject({ quarter: 4, opensAt: new Date("2024-12-01T00:00:00+08:00"), dueAt: new Date("2025-01-01T00:00:00+08:00") });
  });

  it("a second save changes the same period's dates (one period per plan and quarter) and audits before and after", async () => {
    const opened = await savePeriod(prisma, office, input({ quarter: 3, opensOn: "2024-09-01", dueOn: "2024-10-15" }));
    const updated = await savePeriod(prisma, office, input({ quarter: 3, opensOn: "2024-09-15", dueOn: "2024-10-20" }));
    expect(updated).toMatchObject({ ok: true, message: "填报期已更新。" });
    expect(opened.ok && updated.ok && updated.periodId).toBe(opened.ok && opened.periodId);

    const periods = await periodsOfPlan();
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ quarter: 3, opensAt: new Date("2024-09-15T00:00:00+08:00"), dueAt: new Date("2024-10-21T00:00:00+08:00"), closed: false });

    const events = await auditOf(periods[0].id);
    expect(events.map((event) => event.action)).toEqual(["period.open", "period.update"]);
    expect(events[1]).toMatchObject({ actorId: office.id });
    expect(events[1].before).toEqual({ opensAt: "2024-08-31T16:00:00.000Z", dueAt: "2024-10-15T16:00:00.000Z", closed: false });
    expect(events[1].after).toEqual({ opensAt: "2024-09-14T16:00:00.000Z", dueAt: "2024-10-20T16:00:00.000Z", closed: false });
  });

  it("names a plan that does not exist, and writes nothing", async () => {
    const last = await prisma.plan.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true } });
    const audits = await prisma.auditEvent.count();
    const result = await savePeriod(prisma, office, input({ planId: last.id + 1000, quarter: 3, opensOn: "2024-09-01", dueOn: "2024-10-15" }));
    expect(result).toEqual({ ok: false, message: "没有找到这个计划。" });
    expect(await prisma.reportingPeriod.count({ where: { planId: last.id + 1000 } })).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(audits);
  });

  it("opens nothing when its audit row cannot be written: the period and its audit are one transaction", async () => {
    // An office account removed after signing in: the audit row's actor does not exist.
    const ghost: Actor = { ...office, id: (await prisma.user.findFirstOrThrow({ orderBy: { id: "desc" } })).id + 1000 };
    await expect(savePeriod(prisma, ghost, input({ quarter: 3, opensOn: "2024-09-01", dueOn: "2024-10-15" }))).rejects.toThrow();
    expect(await periodsOfPlan()).toEqual([]);
  });
});

describe("closing and reopening a quarter", () => {
  it("toggles closed, each time with an audit row", async () => {
    const opened = await savePeriod(prisma, office, input({ quarter: 3, opensOn: "2024-09-01", dueOn: "2024-10-15" }));
    if (!opened.ok) throw new Error(opened.message);
    const periodId = opened.periodId;

    expect(await setPeriodClosed(prisma, office, { periodId, closed: true })).toEqual({ ok: true, message: "填报期已关闭,单位不能再修改。" });
    expect(await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } })).toMatchObject({
      closed: true,
      // Closing keeps the dates.
      opensAt: new Date("2024-09-01T00:00:00+08:00"),
      dueAt: new Date("2024-10-16T00:00:00+08:00"),
    });

    expect(await setPeriodClosed(prisma, office, { periodId, closed: false })).toEqual({ ok: true, message: "填报期已重新开放。" });
    expect((await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } })).closed).toBe(false);

    const events = await auditOf(periodId);
    expect(events.map(({ action, actorId, before, after }) => ({ action, actorId, before, after }))).toEqual([
      expect.objectContaining({ action: "period.open" }),
      { action: "period.update", actorId: office.id, before: { closed: false }, after: { closed: true } },
      { action: "period.update", actorId: office.id, before: { closed: true }, after: { closed: false } },
    ]);
  });

  it("names a period that does not exist", async () => {
    const last = await prisma.reportingPeriod.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true } });
    const audits = await prisma.auditEvent.count();
    expect(await setPeriodClosed(prisma, office, { periodId: last.id + 1000, closed: true })).toEqual({ ok: false, message: "没有找到这个填报期。" });
    expect(await prisma.auditEvent.count()).toBe(audits);
  });

  it("stays open when its audit row cannot be written", async () => {
    const opened = await savePeriod(prisma, office, input({ quarter: 3, opensOn: "2024-09-01", dueOn: "2024-10-15" }));
    if (!opened.ok) throw new Error(opened.message);
    const ghost: Actor = { ...office, id: (await prisma.user.findFirstOrThrow({ orderBy: { id: "desc" } })).id + 1000 };
    await expect(setPeriodClosed(prisma, ghost, { periodId: opened.periodId, closed: true })).rejects.toThrow();
    expect((await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: opened.periodId } })).closed).toBe(false);
    expect(await auditOf(opened.periodId)).toHaveLength(1);
  });
});

describe("anyone but the office", () => {
  const others = { staff: () => staff, leader: () => leader } as const;

  it.each(Object.keys(others) as Array<keyof typeof others>)("as %s, may not open a quarter or change its dates, and nothing is written", async (who) => {
    const actor = others[who]();
    expect(await savePeriod(prisma, actor, input({ quarter: 4, opensOn: "2024-12-01", dueOn: "2025-01-15" }))).toEqual(FORBIDDEN_RESULT);
    expect(await periodsOfPlan()).toEqual([]);

    const opened = await savePeriod(prisma, office, input({ quarter: 3, opensOn: "2024-09-01", dueOn: "2024-10-15" }));
    if (!opened.ok) throw new Error(opened.message);
    const before = await periodsOfPlan();
    expect(await savePeriod(prisma, actor, input({ quarter: 3, opensOn: "2024-01-01", dueOn: "2024-12-31" }))).toEqual(FORBIDDEN_RESULT);
    expect(await periodsOfPlan()).toEqual(before);
    expect(await prisma.auditEvent.count({ where: { actorId: actor.id } })).toBe(0);
  });

  it.each(Object.keys(others) as Array<keyof typeof others>)("as %s, may not close or reopen a quarter, and nothing is written", async (who) => {
    const actor = others[who]();
    const opened = await savePeriod(prisma, office, input({ quarter: 3, opensOn: "2024-09-01", dueOn: "2024-10-15" }));
    if (!opened.ok) throw new Error(opened.message);
    const periodId = opened.periodId;

    expect(await setPeriodClosed(prisma, actor, { periodId, closed: true })).toEqual(FORBIDDEN_RESULT);
    expect((await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } })).closed).toBe(false);

    await prisma.reportingPeriod.update({ where: { id: periodId }, data: { closed: true } });
    expect(await setPeriodClosed(prisma, actor, { periodId, closed: false })).toEqual(FORBIDDEN_RESULT);
    expect((await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } })).closed).toBe(true);

    expect(await auditOf(periodId)).toHaveLength(1);
    expect(await prisma.auditEvent.count({ where: { actorId: actor.id } })).toBe(0);
  });
});
