import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { saveReport } from "@/lib/reports/filing";
import { reviewReport } from "@/lib/reports/review";
import { getTaskDetail } from "@/lib/tasks/queries";
import { reportInputSchema } from "@/lib/zod/progress";
import { seedDocuments, seedPeriods } from "@/scripts/seed";

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
let period: { id: number; dueAt: Date };
const tag = randomUUID().slice(0, 8);

const input = (fields: Record<string, unknown>) =>
  reportInputSchema.parse({ taskId: String(taskId), periodId: String(period.id), version: "0", narrative: "", qualitativeStatus: null, actuals: {}, intent: "save", ...fields });

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  period = await prisma.reportingPeriod.findFirstOrThrow({ where: { quarter: 2, plan: { government: "平湖市", year: 2025 } } });
  const task = await prisma.task.findFirstOrThrow({ where: { planId: (await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: period.id } })).planId, text: { startsWith: "谋划新型绿色能源一体化应用场景建设" } }, include: { targets: { orderBy: { position: "asc" } } } });
  taskId = task.id;
  targetId = task.targets[0].id;
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
  const result = await saveReport(prisma, staff, input({ narrative, actuals: { [targetId]: "35000" }, intent: "submit" }), beforeDue());
  expect(result).toMatchObject({ ok: true, state: "submitted", version: 1 });
  return result.ok ? result.reportId : 0;
}

describe("a report's life", () => {
  it("saves a draft with actual values and records who changed what", async () => {
    const saved = await saveReport(prisma, staff, input({ narrative: "新增光伏装机3.2万千瓦。", actuals: { [targetId]: "32000" } }));
    expect(saved).toMatchObject({ ok: true, version: 1, state: "draft", late: false });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { taskId, actorId: staff.id, entityId: String(saved.ok && saved.reportId) } });
    expect(event.action).toBe("report.save");
    expect(event.before).toBeNull();
    expect(event.after).toMatchObject({ narrative: "新增光伏装机3.2万千瓦。", state: "draft", actuals: { [targetId]: 32000 } });
  });

  it("refuses a save made from a stale version and returns what is saved now", async () => {
    await saveReport(prisma, staff, input({ narrative: "新增光伏装机3.2万千瓦。", actuals: { [targetId]: "32000" } }));
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
    const late = await saveReport(prisma, staff, input({ narrative: "上半年新增光伏装机3.5万千瓦。", actuals: { [targetId]: "35000" }, intent: "submit" }), after);
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

  it("refuses a negative figure for a quantity, with the message on the figure", async () => {
    const result = await saveReport(prisma, staff, input({ narrative: "装机减少", actuals: { [targetId]: "-5" } }));
    expect(result).toEqual({ ok: false, message: "填写的内容有误,请按提示修改。", errors: { [`actuals.${targetId}`]: ["累计完成数不能为负数"] } });
    expect(await prisma.progressReport.count({ where: { taskId, periodId: period.id } })).toBe(0);
  });

  it("once returned and edited again, is a draft that only the unit reads, the office's note kept for it", async () => {
    const id = await submitted();
    expect(await reviewReport(prisma, office, { reportId: id, version: 1, decision: "return", comment: "请补充储能项目进展。" })).toMatchObject({ ok: true, state: "returned", version: 2 });
    const reworked = await saveReport(prisma, staff, input({ version: "2", narrative: "修改中,尚未提交", actuals: { [targetId]: "35000" } }));
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
    const resubmitted = await saveReport(prisma, staff, input({ version: "2", narrative: "上半年新增光伏装机3.5万千瓦,储能项目开工。", actuals: { [targetId]: "35000" }, intent: "submit" }), beforeDue());
    expect(resubmitted).toMatchObject({ ok: true, state: "submitted", late: false, version: 3 });
    expect(await reviewReport(prisma, office, { reportId: id, version: 3, decision: "approve", comment: "" })).toMatchObject({ ok: true, state: "approved" });
    expect(await reviewReport(prisma, office, { reportId: id, version: 4, decision: "publish", comment: "" })).toMatchObject({ ok: true, state: "published" });
    const report = await prisma.progressReport.findUniqueOrThrow({ where: { id }, include: { actuals: true } });
    expect(report).toMatchObject({ state: "published", reviewedById: office.id, filedById: staff.id });
    expect(report.publishedAt).not.toBeNull();
    expect(report.actuals.map((actual) => actual.value)).toEqual([35000]);
    const actions = await prisma.auditEvent.findMany({ where: { taskId, entityId: String(id) }, orderBy: { id: "asc" }, select: { action: true } });
    expect(actions.map((event) => event.action)).toEqual(["report.submit", "report.return", "report.submit", "report.approve", "report.publish"]);
  });
});
