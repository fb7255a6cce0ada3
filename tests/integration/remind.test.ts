import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { saveReport } from "@/lib/reports/filing";
import { remindUnit } from "@/lib/reports/remind";
import { getTaskDetail } from "@/lib/tasks/queries";
import { reportInputSchema } from "@/lib/zod/progress";
import { seedDocuments, seedPeriods } from "@/scripts/seed";

/** 催报: a reminder lands on each task the unit has not filed this period, and nowhere else. */
let prisma: PrismaClient;
let office: Actor;
let staff: Actor;
let periodId: number;
let unitId: number;
const tag = randomUUID().slice(0, 8);

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  periodId = (await prisma.reportingPeriod.findFirstOrThrow({ where: { quarter: 2, plan: { government: "平湖市", year: 2025 } } })).id;
  unitId = (await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: "商务局" } } })).id;
  const officeUser = await prisma.user.create({ data: { username: `reminder-${tag}`, displayName: "市府办", role: "office" } });
  const staffUser = await prisma.user.create({ data: { username: `reminded-${tag}`, displayName: "商务局", role: "unit_staff", unitId } });
  office = { id: officeUser.id, role: "office", unitId: null, leaderName: null, displayName: officeUser.displayName };
  staff = { id: staffUser.id, role: "unit_staff", unitId, leaderName: null, displayName: staffUser.displayName };
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("reminding a unit", () => {
  it("is refused to anyone but the office", async () => {
    expect(await remindUnit(prisma, staff, { periodId, unitId, note: "自己催自己" })).toMatchObject({ ok: false, message: "没有权限执行此操作。" });
    expect(await prisma.auditEvent.count({ where: { action: "report.remind", actorId: staff.id } })).toBe(0);
  });

  it("records the note on every task of the unit without a filed report, and the unit sees it", async () => {
    const period = await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } });
    const tasks = await prisma.task.findMany({ where: { planId: period.planId, units: { some: { unitId } }, children: { none: {} } }, select: { id: true }, orderBy: { id: "asc" } });
    // One task filed (submitted) beforehand: it must not be reminded.
    await prisma.progressReport.deleteMany({ where: { taskId: tasks[0].id, periodId, unitId } });
    const form = reportInputSchema.parse({ taskId: String(tasks[0].id), periodId: String(periodId), version: "0", narrative: "已提交", qualitativeStatus: "in_progress", actuals: {}, intent: "submit" });
    const unconfirmed = await saveReport(prisma, staff, form);
    // Filed without figures, as the unit confirms when asked.
    const submitted = !unconfirmed.ok && "confirm" in unconfirmed ? await saveReport(prisma, staff, { ...form, confirmed: unconfirmed.message }) : unconfirmed;
    expect(submitted.ok).toBe(true);
    const filed = await prisma.progressReport.findMany({ where: { periodId, unitId, state: { in: ["submitted", "approved", "published"] } }, select: { taskId: true } });
    const missing = tasks.filter((task) => !filed.some((report) => report.taskId === task.id));
    expect(missing.length).toBe(tasks.length - 1);

    const note = `请于7月15日前提交 ${tag}`;
    const result = await remindUnit(prisma, office, { periodId, unitId, note });
    expect(result).toMatchObject({ ok: true, tasks: missing.length });
    const events = await prisma.auditEvent.findMany({ where: { action: "report.remind", actorId: office.id } });
    expect(events.map((event) => event.taskId).sort()).toEqual(missing.map((task) => task.id).sort());
    expect(events[0].after).toMatchObject({ unitId, periodId, note });

    const detail = await getTaskDetail(prisma, staff, missing[0].id);
    expect(detail?.history.some((event) => event.action === "report.remind" && event.note === note)).toBe(true);
  });
});
