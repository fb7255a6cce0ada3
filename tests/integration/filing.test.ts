import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ReviewState } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/permissions";
import { INVALID_INPUT } from "@/lib/actions/result";
import { entryUnitOf, toEntry } from "@/lib/reporting/units";
import { confirmationMessage } from "@/lib/reports/checks";
import { earlierFigures, saveReport } from "@/lib/reports/filing";
import { reviewReport } from "@/lib/reports/review";
import { getTaskDetail } from "@/lib/tasks/queries";
import { reportInputSchema } from "@/lib/zod/progress";
import { seedDocuments, seedPeriods } from "@/scripts/seed";
import { rolledBack } from "../setup/rolled-back";

/**
 * The life of one report: drafts, a stale save, a late submission, return, resubmission, approval,
 * publication. Each test starts from no report and takes it to the state it needs, so that the
 * tests hold in any order and alone.
 */
let prisma: PrismaClient;
let staff: Actor;
let office: Actor;
let taskId: number;
let targetId: number;
/** The task's second target, 储能项目装机6兆瓦以上. */
let storageId: number;
let period: { id: number; dueAt: Date };
const tag = randomUUID().slice(0, 8);

/** A form as the page posts it: figures in the units the fields name (万千瓦, 兆瓦). */
const input = (fields: Record<string, unknown>) =>
  reportInputSchema.parse({
    taskId: String(taskId),
    periodId: String(period.id),
    version: "0",
    narrative: "",
    qualitativeStatus: null,
    actuals: {},
    units: { [targetId]: "万千瓦", [storageId]: "兆瓦" },
    intent: "save",
    ...fields,
  });

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  period = await prisma.reportingPeriod.findFirstOrThrow({ where: { quarter: 2, plan: { government: "平湖市", year: 2025 } } });
  const task = await prisma.task.findFirstOrThrow({ where: { planId: (await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: period.id } })).planId, text: { startsWith: "谋划新型绿色能源一体化应用场景建设" } }, include: { targets: { orderBy: { position: "asc" } } } });
  taskId = task.id;
  targetId = task.targets[0].id;
  storageId = task.targets[1].id;
  const unit = await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: "发改局" } } });
  const staffUser = await prisma.user.create({ data: { username: `filer-${tag}`, displayName: "填报员", role: "unit_staff", unitId: unit.id } });
  const officeUser = await prisma.user.create({ data: { username: `reviewer-${tag}`, displayName: "审核员", role: "office" } });
  staff = { id: staffUser.id, role: "unit_staff", unitId: unit.id, leaderName: null, displayName: staffUser.displayName };
  office = { id: officeUser.id, role: "office", unitId: null, leaderName: null, displayName: officeUser.displayName };
});

afterAll(async () => {
  await prisma.$disconnect();
});

beforeEach(async () => {
  await prisma.progressReport.deleteMany({ where: { taskId, periodId: period.id } });
});

const beforeDue = () => new Date(period.dueAt.getTime() - 1000);

/** A new report of the unit, submitted in time: version 1 after the submission. */
async function submitted(narrative = "上半年新增光伏装机3.5万千瓦。") {
  const result = await saveReport(prisma, staff, input({ narrative, actuals: { [targetId]: "3.5", [storageId]: "3" }, intent: "submit" }), beforeDue());
  expect(result).toMatchObject({ ok: true, state: "submitted", version: 1 });
  return result.ok ? result.reportId : 0;
}

describe("a report's life", () => {
  it("saves a draft with actual values and records who changed what", async () => {
    const saved = await saveReport(prisma, staff, input({ narrative: "新增光伏装机3.2万千瓦。", actuals: { [targetId]: "3.2" } }));
    expect(saved).toMatchObject({ ok: true, version: 1, state: "draft", late: false });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { taskId, actorId: staff.id, entityId: String(saved.ok && saved.reportId) } });
    expect(event.action).toBe("report.save");
    expect(event.before).toBeNull();
    expect(event.after).toMatchObject({ narrative: "新增光伏装机3.2万千瓦。", state: "draft", actuals: { [targetId]: 32000 } });
  });

  it("refuses a save made from a stale version and returns what is saved now", async () => {
    await saveReport(prisma, staff, input({ narrative: "新增光伏装机3.2万千瓦。", actuals: { [targetId]: "3.2" } }));
    const stale = await saveReport(prisma, staff, input({ version: "0", narrative: "另一个标签页的内容" }));
    expect(stale).toMatchObject({ ok: false, conflict: { narrative: "新增光伏装机3.2万千瓦。", version: 1, actuals: { [targetId]: 32000 } } });
    const report = await prisma.progressReport.findFirstOrThrow({ where: { taskId, periodId: period.id } });
    expect(report.narrative).toBe("新增光伏装机3.2万千瓦。");
  });

  it("one of two concurrent saves of the same version wins, the other gets the conflict", async () => {
    await saveReport(prisma, staff, input({ narrative: "起草" }));
    const results = await Promise.all([
      saveReport(prisma, staff, input({ version: "1", narrative: "甲" })),
      saveReport(prisma, staff, input({ version: "1", narrative: "乙" })),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && "conflict" in result)).toHaveLength(1);
    const report = await prisma.progressReport.findFirstOrThrow({ where: { taskId, periodId: period.id } });
    expect(report.version).toBe(2);
    expect(["甲", "乙"]).toContain(report.narrative);
  });

  it("marks a submission after the due date as late", async () => {
    const after = new Date(period.dueAt.getTime() + 1000);
    const late = await saveReport(prisma, staff, input({ narrative: "上半年新增光伏装机3.5万千瓦。", actuals: { [targetId]: "3.5", [storageId]: "3" }, intent: "submit" }), after);
    expect(late).toMatchObject({ ok: true, state: "submitted", late: true, version: 1 });
  });

  it("cannot be changed by the unit while it waits for review", async () => {
    await submitted();
    const result = await saveReport(prisma, staff, input({ version: "1", narrative: "改一下" }));
    expect(result).toMatchObject({ ok: false, message: "报告已提交,等待市府办审核,暂不能修改。" });
  });

  it("cannot be published before it is approved", async () => {
    const id = await submitted();
    const result = await reviewReport(prisma, office, { reportId: id, version: 1, decision: "publish", comment: "" });
    expect(result).toEqual({ ok: false, message: "报告当前为「已提交」,不能公开。" });
    expect((await prisma.progressReport.findUniqueOrThrow({ where: { id } })).state).toBe("submitted");
  });

  it("once returned and edited again, is a draft that only the unit reads, the office's note kept for it", async () => {
    const id = await submitted();
    expect(await reviewReport(prisma, office, { reportId: id, version: 1, decision: "return", comment: "请补充储能项目进展。" })).toMatchObject({ ok: true, state: "returned", version: 2 });
    const reworked = await saveReport(prisma, staff, input({ version: "2", narrative: "修改中,尚未提交", actuals: { [targetId]: "3.5" } }));
    expect(reworked).toMatchObject({ ok: true, state: "draft", version: 3 });
    const report = await prisma.progressReport.findUniqueOrThrow({ where: { id } });
    expect(report.reviewComment).toBe("请补充储能项目进展。");
    const officeView = await getTaskDetail(prisma, office, taskId);
    expect(officeView?.reports.some((r) => r.id === id)).toBe(false);
    expect(JSON.stringify(officeView?.history)).not.toContain("修改中,尚未提交");
  });

  it("goes back to the unit with the office's comment, is resubmitted, approved and published", async () => {
    const id = await submitted();
    expect(await reviewReport(prisma, office, { reportId: id, version: 1, decision: "return", comment: "请补充储能项目进展。" })).toMatchObject({ ok: true, state: "returned", version: 2 });
    const resubmitted = await saveReport(prisma, staff, input({ version: "2", narrative: "上半年新增光伏装机3.5万千瓦,储能项目开工。", actuals: { [targetId]: "3.5", [storageId]: "3" }, intent: "submit" }), beforeDue());
    expect(resubmitted).toMatchObject({ ok: true, state: "submitted", late: false, version: 3 });
    expect(await reviewReport(prisma, office, { reportId: id, version: 3, decision: "approve", comment: "" })).toMatchObject({ ok: true, state: "approved" });
    expect(await reviewReport(prisma, office, { reportId: id, version: 4, decision: "publish", comment: "" })).toMatchObject({ ok: true, state: "published" });
    const report = await prisma.progressReport.findUniqueOrThrow({ where: { id }, include: { actuals: true } });
    expect(report).toMatchObject({ state: "published", reviewedById: office.id, filedById: staff.id });
    expect(report.publishedAt).not.toBeNull();
    expect(Object.fromEntries(report.actuals.map((actual) => [actual.targetId, actual.value]))).toEqual({ [targetId]: 35000, [storageId]: 3 });
    const actions = await prisma.auditEvent.findMany({ where: { taskId, entityId: String(id) }, orderBy: { id: "asc" }, select: { action: true } });
    expect(actions.map((event) => event.action)).toEqual(["report.submit", "report.return", "report.submit", "report.approve", "report.publish"]);
  });
});

describe("figures in the units people think in", () => {
  const stored = async () =>
    Object.fromEntries(
      (await prisma.progressActual.findMany({ where: { report: { taskId, periodId: period.id } } })).map((actual) => [actual.targetId, actual.value]),
    );

  it("stores 3.2 typed in 万千瓦 as 32000 千瓦, and the form reads it back as 3.2", async () => {
    const saved = await saveReport(prisma, staff, input({ narrative: "新增光伏装机3.2万千瓦。", actuals: { [targetId]: "3.2", [storageId]: "0.07" } }));
    expect(saved).toMatchObject({ ok: true });
    expect(await stored()).toEqual({ [targetId]: 32000, [storageId]: 0.07 });
    const target = await prisma.target.findUniqueOrThrow({ where: { id: targetId } });
    expect(toEntry((await stored())[targetId], entryUnitOf(target))).toBe(3.2);
  });

  it("reads a figure in the unit its form named, even one loaded before the office rescaled the target", async () => {
    const original = await prisma.target.findUniqueOrThrow({ where: { id: targetId } });
    await prisma.target.update({ where: { id: targetId }, data: { value: 9000 } });
    try {
      // The page now asks in 千瓦; a form loaded before still says 万千瓦, and is read so.
      expect(await saveReport(prisma, staff, input({ actuals: { [targetId]: "3.2" } }))).toMatchObject({ ok: true });
      expect(await stored()).toEqual({ [targetId]: 32000 });
    } finally {
      await prisma.target.update({ where: { id: targetId }, data: { value: original.value } });
    }
  });

  it("refuses a figure whose unit is missing or not one of the target's, and keeps nothing of it", async () => {
    const refusal = { ok: false, message: INVALID_INPUT, errors: { [`actuals.${targetId}`]: ["该指标按“万千瓦”填报,页面上的单位已过期,请刷新页面后重新填写"] } };
    expect(await saveReport(prisma, staff, input({ actuals: { [targetId]: "3.2" }, units: {} }))).toEqual(refusal);
    expect(await saveReport(prisma, staff, input({ actuals: { [targetId]: "3.2" }, units: { [targetId]: "兆瓦" } }))).toEqual(refusal);
    expect(await prisma.progressReport.count({ where: { taskId, periodId: period.id } })).toBe(0);
  });

  it("knows the unit's own figures of earlier quarters", async () => {
    // Q1 was imported from seed 000: 一季度新增光伏装机2.1万千瓦,新增新型储能2.36兆瓦 (发改局).
    const earlier = await earlierFigures(prisma, { taskId, unitId: staff.unitId!, period: await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: period.id } }) });
    expect(earlier.sort((a, b) => a.targetId - b.targetId)).toEqual([
      { targetId, quarter: 1, value: 21000 },
      { targetId: storageId, quarter: 1, value: 2.36 },
    ]);
  });

  it("leaves out an earlier quarter's report that is not filed: a draft, or one the office returned", async () => {
    await rolledBack(prisma, async (tx) => {
      const current = await tx.reportingPeriod.findUniqueOrThrow({ where: { id: period.id } });
      const first = await tx.progressReport.findFirstOrThrow({ where: { taskId, unitId: staff.unitId!, period: { planId: current.planId, quarter: 1 } } });
      for (const state of [ReviewState.draft, ReviewState.returned]) {
        await tx.progressReport.update({ where: { id: first.id }, data: { state } });
        expect(await earlierFigures(tx, { taskId, unitId: staff.unitId!, period: current }), state).toEqual([]);
      }
    });
  });

  it("refuses a submission below last quarter's figure until it is confirmed, then takes it", async () => {
    // 1.5万千瓦 is behind too: the submission gives its reasons (lib/reports/behind.ts).
    const lower = input({ narrative: "上半年新增光伏装机1.5万千瓦。", actuals: { [targetId]: "1.5", [storageId]: "3" }, problems: "项目并网延后", nextSteps: "督促7月底前并网", intent: "submit" });
    const warning = "6万千瓦:累计完成1.5万千瓦,低于一季度已填报的2.1万千瓦(累计数一般不会减少)";
    expect(await saveReport(prisma, staff, lower, beforeDue())).toEqual({ ok: false, message: confirmationMessage([warning]), confirm: [warning] });
    expect(await prisma.progressReport.count({ where: { taskId, periodId: period.id } })).toBe(0);
    // A confirmation of something else does not cover it.
    expect(await saveReport(prisma, staff, { ...lower, confirmed: confirmationMessage(["缺少数据:6兆瓦以上"]) }, beforeDue())).toMatchObject({ ok: false, confirm: [warning] });
    expect(await saveReport(prisma, staff, { ...lower, confirmed: confirmationMessage([warning]) }, beforeDue())).toMatchObject({ ok: true, state: "submitted" });
    expect(await stored()).toEqual({ [targetId]: 15000, [storageId]: 3 });
  });

  it("names the targets without a figure, and asks about a figure ten times the target or a negative one", async () => {
    // With the reasons a figure behind needs (lib/reports/behind.ts), so that only these findings stand in the way.
    const submit = (actuals: Record<string, string>) =>
      saveReport(prisma, staff, input({ narrative: "进展", actuals, problems: "储能项目开工推迟", nextSteps: "三季度开工", intent: "submit" }), beforeDue());
    expect(await submit({ [targetId]: "3.2" })).toMatchObject({ ok: false, confirm: ["缺少数据:6兆瓦以上"] });
    expect(await submit({})).toMatchObject({ ok: false, confirm: ["缺少数据:6万千瓦、6兆瓦以上"] });
    // 61 万千瓦 against 6万千瓦: most likely typed in 千瓦.
    expect(await submit({ [targetId]: "61", [storageId]: "2.5" })).toMatchObject({ ok: false, confirm: ["6万千瓦:61万千瓦超过全年目标的10倍,请核对单位"] });
    expect(await submit({ [targetId]: "3.2", [storageId]: "-1" })).toMatchObject({ ok: false, confirm: ["6兆瓦以上:累计完成-1兆瓦是负数"] });
    expect(await prisma.progressReport.count({ where: { taskId, periodId: period.id } })).toBe(0);
  });

  it("saves a draft as typed without asking: the findings come at submission", async () => {
    expect(await saveReport(prisma, staff, input({ narrative: "装机数据待核", actuals: { [targetId]: "-5" } }))).toMatchObject({ ok: true, state: "draft" });
    expect(await stored()).toEqual({ [targetId]: -50000 });
  });
});
