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
import { rolledBack } from "../setup/rolled-back";

/** 催报: a reminder lands on each task the unit has not filed this period or filed without a figure it leads on, and nowhere else. */
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

  it("records the note on every task the unit has not filed, and on its lead reports filed without a figure; the unit sees it", async () => {
    const period = await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } });
    const tasks = await prisma.task.findMany({
      where: { planId: period.planId, units: { some: { unitId } }, children: { none: {} } },
      select: { id: true, text: true, targets: { select: { id: true } }, units: { where: { unitId }, select: { isLead: true } } },
      orderBy: { id: "asc" },
    });
    const find = (text: string) => tasks.find((task) => task.text.startsWith(text))!;
    // 商务局 leads 社会消费品零售总额增长8% and 出口总额增长6%, leads a qualitative task, and helps on 金一 8 (two targets).
    const retail = find("社会消费品零售总额增长8%");
    const exports = find("出口总额增长6%");
    const qualitative = tasks.find((task) => task.units[0].isLead && task.targets.length === 0)!;
    const helped = tasks.find((task) => !task.units[0].isLead && task.targets.length > 0)!;
    const file = async (task: (typeof tasks)[number], actuals: Record<string, string>, units: Record<string, string> = {}) => {
      await prisma.progressReport.deleteMany({ where: { taskId: task.id, periodId, unitId } });
      const input = { taskId: String(task.id), periodId: String(periodId), version: "0", narrative: "已提交", qualitativeStatus: "in_progress", actuals, units, intent: "submit" };
      const form = reportInputSchema.parse(input);
      const first = await saveReport(prisma, staff, form);
      // Filed without every figure, as the unit confirms when asked.
      const result = !first.ok && "confirm" in first ? await saveReport(prisma, staff, { ...form, confirmed: first.message }) : first;
      expect(result.ok).toBe(true);
    };
    await file(retail, {});
    await file(exports, { [exports.targets[0].id]: "6.5" }, { [exports.targets[0].id]: "%" });
    await file(qualitative, {});
    await file(helped, {});

    const note = `请于7月15日前提交 ${tag}`;
    const result = await remindUnit(prisma, office, { periodId, unitId, note });
    const filedInFull = [exports.id, qualitative.id, helped.id];
    const reminded = tasks.filter((task) => !filedInFull.includes(task.id)).map((task) => task.id);
    expect(result).toMatchObject({ ok: true, tasks: reminded.length, missingFigures: 1 });
    // The unit's accounts (this file's and other files' in the shared database) get it in the app: lib/notify, tests/integration/notify-office.test.ts.
    expect(result.ok && result.message).toMatch(new RegExp(`^已催报:${reminded.length} 项任务记录了提醒\\(其中 1 项已填报,缺少数据\\)。已发出消息 \\d+ 条,投递状态见“消息投递”。$`));
    const events = await prisma.auditEvent.findMany({ where: { action: "report.remind", actorId: office.id } });
    expect(events.map((event) => event.taskId).sort()).toEqual(reminded.sort());
    // Not filed: the office's note. Filed without the figure: what is missing, then the note.
    expect(events.find((event) => event.taskId !== retail.id)!.after).toMatchObject({ unitId, periodId, note });
    expect(events.find((event) => event.taskId === retail.id)!.after).toMatchObject({ unitId, periodId, note: `已填报,缺少数据:增长≥8%。${note}` });

    const unfiled = reminded.find((id) => id !== retail.id)!;
    expect((await getTaskDetail(prisma, staff, unfiled))?.history.some((event) => event.action === "report.remind" && event.note === note)).toBe(true);
    expect((await getTaskDetail(prisma, staff, retail.id))?.history.some((event) => event.note === `已填报,缺少数据:增长≥8%。${note}`)).toBe(true);
  });

  it("has nothing to remind once every report is filed with its figures", async () => {
    await rolledBack(prisma, async (tx) => {
      const period = await tx.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } });
      const tasks = await tx.task.findMany({ where: { planId: period.planId, units: { some: { unitId } }, children: { none: {} } }, include: { targets: true } });
      for (const task of tasks) {
        await tx.progressReport.deleteMany({ where: { taskId: task.id, periodId, unitId } });
        await tx.progressReport.create({
          data: {
            taskId: task.id,
            periodId,
            unitId,
            narrative: "已提交",
            state: "submitted",
            actuals: { create: task.targets.map((target) => ({ targetId: target.id, value: target.value })) },
          },
        });
      }
      expect(await remindUnit(tx, office, { periodId, unitId, note: "无需" })).toEqual({ ok: false, message: "该单位本期的报告都已提交,数据齐全,无需催报。" });
    });
  });
});
