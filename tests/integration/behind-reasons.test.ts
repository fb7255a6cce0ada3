import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadOverview } from "@/lib/dashboard/overview";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { loadPublicPlanPage } from "@/lib/public/portal";
import { loadPublicQuarter } from "@/lib/public/read";
import { loadQuarterlyTable } from "@/lib/quarterly/table";
import { saveReport } from "@/lib/reports/filing";
import { loadReviewQueue } from "@/lib/reports/queue";
import { reviewReport } from "@/lib/reports/review";
import { getTaskDetail } from "@/lib/tasks/queries";
import { reportInputSchema } from "@/lib/zod/progress";
import { seedDocuments, seedPeriods } from "@/scripts/seed";
import { createActor } from "../setup/actors";
import { rolledBack } from "../setup/rolled-back";

/**
 * Reasons when behind and the same text as last quarter, on the seeded 2025 Pinghu plan's second
 * quarter: the task of 海塘盐碱地 projects (6个, ★自然资源和规划局 with 农业农村局), whose first
 * quarter the seed imported as published. No other test file files on it; each test starts from
 * no second-quarter report.
 */
let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
let planId: number;
let periodId: number;
let taskId: number;
let targetId: number;
let lead: Actor; // 自然资源和规划局
let coUnit: Actor; // 农业农村局
let office: Actor;
/** The first quarter's published narrative of the lead unit, as the seed imported it. */
let firstQuarter: string;

const COPIED = "已完成前期永久基本农田连片整治项目潜力排摸并陆续开展实地踏勘。";
const NEW_TEXT = "上半年完成盐碱地地力提升项目1个,";
const REASONS = { problems: "项目选址需重新论证,开工推迟", nextSteps: "7月底前完成论证,三季度开工2个" };

const input = (fields: Record<string, unknown>) =>
  reportInputSchema.parse({
    taskId: String(taskId),
    periodId: String(periodId),
    version: "0",
    narrative: NEW_TEXT + COPIED,
    qualitativeStatus: null,
    actuals: {},
    units: { [targetId]: "个" },
    intent: "submit",
    ...fields,
  });

const figure = (value: string) => ({ [String(targetId)]: value });

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  const period = await prisma.reportingPeriod.findFirstOrThrow({ where: { quarter: 2, plan: { government: "平湖市", year: 2025, kind: "key_tasks" } } });
  periodId = period.id;
  planId = period.planId;
  const [task, ...more] = await prisma.task.findMany({ where: { planId, text: { contains: "海塘盐碱地地力提升项目" } }, include: { targets: true } });
  expect(more).toEqual([]);
  taskId = task.id;
  targetId = task.targets[0].id;
  expect(task.targets).toMatchObject([{ kind: "quantity", value: 6, unit: "个" }]);
  lead = await createActor(prisma, tag, "unit_staff", "自然资源和规划局", null);
  coUnit = await createActor(prisma, tag, "unit_staff", "农业农村局", null);
  office = await createActor(prisma, tag, "office", null, null);
  const first = await prisma.progressReport.findFirstOrThrow({ where: { taskId, unitId: lead.unitId!, period: { planId, quarter: 1 } } });
  expect(first.state).toBe("published");
  firstQuarter = first.narrative;
  expect(firstQuarter).toContain(COPIED);
});

beforeEach(async () => {
  await prisma.progressReport.deleteMany({ where: { taskId, periodId } });
});

afterAll(async () => {
  await prisma.progressReport.deleteMany({ where: { taskId, periodId } });
  await prisma.$disconnect();
});

/** The lead unit submits 1 of 6 projects (16.7 % done, 50 % expected) with its reasons. */
async function submittedBehind(): Promise<number> {
  const saved = await saveReport(prisma, lead, input({ actuals: figure("1"), ...REASONS }));
  expect(saved).toMatchObject({ ok: true, state: "submitted" });
  return saved.ok ? saved.reportId : 0;
}

describe("reasons when behind", () => {
  it("saves a draft behind without them, refuses its submission until both are given, then stores them", async () => {
    const draft = await saveReport(prisma, lead, input({ actuals: figure("1"), intent: "save" }));
    expect(draft).toMatchObject({ ok: true, state: "draft", version: 1 });

    const refused = await saveReport(prisma, lead, input({ version: "1", actuals: figure("1") }));
    expect(refused).toEqual({
      ok: false,
      message: "本季度填报慢于序时,提交前请填写存在问题和下一步措施。6个:完成1个,目标≥6个,完成率16.7%,序时进度50%",
      errors: { problems: ["慢于序时,提交前请填写存在问题"], nextSteps: ["慢于序时,提交前请填写下一步措施"] },
    });
    const halfway = await saveReport(prisma, lead, input({ version: "1", actuals: figure("1"), problems: REASONS.problems }));
    expect(halfway).toMatchObject({ ok: false, errors: { nextSteps: ["慢于序时,提交前请填写下一步措施"] } });
    expect(await prisma.progressReport.findFirstOrThrow({ where: { taskId, periodId } })).toMatchObject({ state: "draft", version: 1, problems: "" });

    const submitted = await saveReport(prisma, lead, input({ version: "1", actuals: figure("1"), ...REASONS }));
    expect(submitted).toMatchObject({ ok: true, state: "submitted", version: 2 });
    expect(await prisma.progressReport.findFirstOrThrow({ where: { taskId, periodId } })).toMatchObject({ state: "submitted", ...REASONS });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { taskId, action: "report.submit", actorId: lead.id } });
    expect(event.after).toMatchObject(REASONS);
  });

  it("are not asked for a figure on track, nor for a co-unit's input, whose figure is not the task's", async () => {
    expect(await saveReport(prisma, lead, input({ actuals: figure("3") }))).toMatchObject({ ok: true, state: "submitted" });
    expect(await saveReport(prisma, coUnit, input({ actuals: figure("1") }))).toMatchObject({ ok: true, state: "submitted" });
  });

  it("show to the office in the queue and on the task page, beside the figure", async () => {
    const reportId = await submittedBehind();
    const queue = (await loadReviewQueue(prisma, office, periodId, { filter: "submitted" }))!;
    const queued = queue.reports.find((report) => report.id === reportId)!;
    expect(queued).toMatchObject({ ...REASONS, figures: [{ actual: 1, progress: { status: "behind" } }] });
    const detail = (await getTaskDetail(prisma, office, taskId))!;
    expect(detail.reports.find((report) => report.id === reportId)).toMatchObject(REASONS);
  });

  it("show on the dashboard for the task behind, and in the quarterly table's progress cell", async () => {
    await submittedBehind();
    const overview = (await loadOverview(prisma, office, { planId, quarter: 2 }))!;
    const behind = overview.behind.find((task) => task.taskId === taskId)!;
    expect(behind.reasons).toEqual([{ unit: "自然资源和规划局", ...REASONS }]);
    const table = (await loadQuarterlyTable(prisma, office, planId, 2))!;
    const row = table.rows.find((candidate) => candidate.taskId === taskId)!;
    expect(row.progress).toBe(`${NEW_TEXT}${COPIED}存在问题:${REASONS.problems}。下一步措施:${REASONS.nextSteps}`);
  });

  it("reach the public only with their report's publication", async () => {
    const reportId = await submittedBehind();
    const publicRow = async () => (await loadPublicQuarter(prisma, planId, 2))!.rows.find((row) => row.taskId === taskId)!;
    const portalQuarter = async () => (await loadPublicPlanPage(prisma, planId))!.tasks.find((task) => task.id === taskId)!.quarters.find((quarter) => quarter.quarter === 2)!;
    expect((await publicRow()).progress).toBe("");
    expect((await portalQuarter()).progress).toEqual([]);
    expect(await reviewReport(prisma, office, { reportId, version: 1, decision: "approve", comment: "" })).toMatchObject({ ok: true });
    expect((await publicRow()).progress).not.toContain(REASONS.problems);
    expect(await reviewReport(prisma, office, { reportId, version: 2, decision: "publish", comment: "" })).toMatchObject({ ok: true });
    expect((await publicRow()).progress).toContain(`存在问题:${REASONS.problems}。下一步措施:${REASONS.nextSteps}`);
    expect((await portalQuarter()).progress).toEqual([{ unit: "自然资源和规划局", text: NEW_TEXT + COPIED, ...REASONS }]);
  });
});

describe("same text as last quarter", () => {
  it("shows the office how much of the narrative repeats the unit's first-quarter report, the passage marked", async () => {
    const reportId = await submittedBehind();
    const queued = (await loadReviewQueue(prisma, office, periodId, { filter: "submitted" }))!.reports.find((report) => report.id === reportId)!;
    const length = Array.from(NEW_TEXT + COPIED).length;
    expect(queued.repeat).toMatchObject({ quarter: 1, repeated: COPIED.length, length, share: COPIED.length / length });
    expect(queued.repeat!.segments).toEqual([
      { text: NEW_TEXT, repeated: false },
      { text: COPIED, repeated: true },
    ]);
    const onTaskPage = (await getTaskDetail(prisma, office, taskId))!.reports.find((report) => report.id === reportId)!;
    expect(onTaskPage.repeat).toEqual(queued.repeat);
  });

  it("shows it only to whoever may read both reports", async () => {
    const reportId = await submittedBehind();
    await rolledBack(prisma, async (tx) => {
      // The second quarter's report public, the first's approved but not published: the co-unit reads the one, not the other.
      await tx.progressReport.update({ where: { id: reportId }, data: { state: "published" } });
      await tx.progressReport.updateMany({ where: { taskId, unitId: lead.unitId!, period: { planId, quarter: 1 } }, data: { state: "approved" } });
      const ofCoUnit = (await getTaskDetail(tx, coUnit, taskId))!.reports.find((report) => report.id === reportId)!;
      expect(ofCoUnit.narrative).toBe(NEW_TEXT + COPIED);
      expect(ofCoUnit.repeat).toBeNull();
      const ofOffice = (await getTaskDetail(tx, office, taskId))!.reports.find((report) => report.id === reportId)!;
      expect(ofOffice.repeat).toMatchObject({ quarter: 1, repeated: COPIED.length });
    });
  });

  it("compares with nothing where the unit's earlier report was sent back", async () => {
    const reportId = await submittedBehind();
    await rolledBack(prisma, async (tx) => {
      await tx.progressReport.updateMany({ where: { taskId, unitId: lead.unitId!, period: { planId, quarter: 1 } }, data: { state: "returned" } });
      const queued = (await loadReviewQueue(tx, office, periodId, { filter: "submitted" }))!.reports.find((report) => report.id === reportId)!;
      expect(queued.repeat).toBeNull();
      // The office reads a returned report on the task page, but it was never anyone's progress.
      const onTaskPage = (await getTaskDetail(tx, office, taskId))!.reports.find((report) => report.id === reportId)!;
      expect(onTaskPage.repeat).toBeNull();
    });
  });
});
