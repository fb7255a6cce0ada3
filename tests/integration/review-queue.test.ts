import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORBIDDEN } from "@/lib/actions/result";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { targetProgress } from "@/lib/progress";
import { entryUnitOf } from "@/lib/reporting/units";
import { saveReport } from "@/lib/reports/filing";
import { loadReviewQueue } from "@/lib/reports/queue";
import { reviewReport, reviewReports } from "@/lib/reports/review";
import { getTaskDetail } from "@/lib/tasks/queries";
import { reportInputSchema } from "@/lib/zod/progress";
import { bulkReviewFormValues, bulkReviewInputSchema } from "@/lib/zod/review";
import { seedDocuments, seedPeriods } from "@/scripts/seed";
import { rolledBack } from "../setup/rolled-back";
import { createActor } from "../setup/actors";

/**
 * The office working through a quarter's queue: filters, figures against 序时进度, the review a
 * report carries, and decisions on many reports at once. Reports are filed by 文旅体局 on the 2025
 * Pinghu plan's second quarter (no other test file files for it), each test inside `rolledBack`.
 */
let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
let periodId: number;
let tourism: Actor; // 文旅体局
let office: Actor;
let leader: Actor;

const TASKS = {
  /** 10场以上: a quantity target. */
  games: "承办棒球、围棋、赛艇等重量级赛事10场以上",
  /** 10个以上: a quantity target. */
  spaces: "示范项目10个以上",
  /** No target: qualitative. */
  villages: "开展省3A级景区村庄品质提升工程",
} as const;
type TaskKey = keyof typeof TASKS;
const tasks = {} as Record<TaskKey, { id: number; number: string; targets: Array<{ id: number; kind: "quantity" | "growth" | "level" | "decrease"; comparator: "gte" | "gt" | "lte" | "lt" | "eq" | "approx"; value: number; unit: string }> }>;

const makeActor = (role: Actor["role"], unitName: string | null, leaderName: string | null) => createActor(prisma, tag, role, unitName, leaderName);

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  const period = await prisma.reportingPeriod.findFirstOrThrow({ where: { quarter: 2, plan: { government: "平湖市", year: 2025, kind: "key_tasks" } } });
  periodId = period.id;
  for (const [key, fragment] of Object.entries(TASKS) as Array<[TaskKey, string]>) {
    const [task, ...more] = await prisma.task.findMany({ where: { planId: period.planId, text: { contains: fragment } }, include: { targets: { orderBy: { position: "asc" } } } });
    expect(more, fragment).toEqual([]);
    tasks[key] = task;
  }
  expect(tasks.games.targets).toHaveLength(1);
  expect(tasks.villages.targets).toHaveLength(0);
  tourism = await makeActor("unit_staff", "文旅体局", null);
  office = await makeActor("office", null, null);
  leader = await makeActor("leader", null, "宋怡玲");
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** The unit submits its report on a task: a figure for each target, or a status for a qualitative task. */
async function submit(tx: PrismaClient, key: TaskKey, figure: number | null = null) {
  const task = tasks[key];
  const actuals = Object.fromEntries(task.targets.map((target) => [String(target.id), figure === null ? "" : String(figure)]));
  // Each figure typed in the unit its field names (lib/reporting/units.ts), as the form posts it.
  const units = Object.fromEntries(task.targets.map((target) => [String(target.id), entryUnitOf(target).label]));
  // 3 of 10 games after the second quarter is behind: the submission gives its reasons (lib/reports/behind.ts).
  const reasons = { problems: "赛事档期调整", nextSteps: "下半年集中办赛" };
  const input = reportInputSchema.parse({ taskId: String(task.id), periodId: String(periodId), version: "0", narrative: `${key} ${tag}`, qualitativeStatus: task.targets.length ? null : "in_progress", actuals, units, ...reasons, intent: "submit" });
  const saved = await saveReport(tx, tourism, input);
  if (!saved.ok) throw new Error(`${key}: ${saved.message}`);
  return saved;
}

/** Starts 文旅体局 afresh in the period and submits its three reports. */
async function submitThree(tx: PrismaClient) {
  await tx.progressReport.deleteMany({ where: { periodId, unitId: tourism.unitId! } });
  return { games: await submit(tx, "games", 3), spaces: await submit(tx, "spaces", 6), villages: await submit(tx, "villages") };
}

const selection = (...reports: Array<{ reportId: number; version: number }>) => reports.map(({ reportId, version }) => ({ reportId, version }));

async function auditOf(tx: PrismaClient, reportId: number) {
  return tx.auditEvent.findMany({ where: { entityType: "ProgressReport", entityId: String(reportId) }, orderBy: { id: "asc" } });
}

describe("bulk review", () => {
  it("approves, then publishes, every selected report, each with its own audit event", async () => {
    await rolledBack(prisma, async (tx) => {
      const filed = await submitThree(tx);
      const all = [filed.games, filed.spaces, filed.villages];
      const approved = await reviewReports(tx, office, { decision: "approve", reports: selection(...all) });
      expect(approved).toMatchObject({ ok: true, message: "已审核通过 3 份报告。", skipped: [] });
      expect(approved.ok && [...approved.done].sort()).toEqual(all.map((report) => report.reportId).sort());
      for (const report of all) {
        expect(await tx.progressReport.findUniqueOrThrow({ where: { id: report.reportId } })).toMatchObject({ state: "approved", version: report.version + 1, reviewedById: office.id, reviewComment: null });
        const events = await auditOf(tx, report.reportId);
        expect(events.map((event) => [event.action, event.actorId])).toEqual([
          ["report.submit", tourism.id],
          ["report.approve", office.id],
        ]);
        expect(events[1]).toMatchObject({ before: { state: "submitted", version: report.version }, after: { state: "approved", version: report.version + 1 } });
      }

      const published = await reviewReports(tx, office, { decision: "publish", reports: all.map((report) => ({ reportId: report.reportId, version: report.version + 1 })) });
      expect(published).toMatchObject({ ok: true, message: "已公开 3 份报告。" });
      for (const report of all) {
        expect(await tx.progressReport.findUniqueOrThrow({ where: { id: report.reportId } })).toMatchObject({ state: "published", version: report.version + 2, publishedAt: expect.any(Date) });
        expect((await auditOf(tx, report.reportId)).map((event) => event.action)).toEqual(["report.submit", "report.approve", "report.publish"]);
      }
    });
  });

  it("skips a report changed since the office read it, and names it, without overwriting it", async () => {
    await rolledBack(prisma, async (tx) => {
      const filed = await submitThree(tx);
      // Someone else returned one of them meanwhile.
      const returned = await reviewReport(tx, office, { reportId: filed.spaces.reportId, version: filed.spaces.version, decision: "return", comment: "请补充项目名单。" });
      expect(returned.ok).toBe(true);
      const result = await reviewReports(tx, office, { decision: "approve", reports: selection(filed.games, filed.spaces, filed.villages) });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect([...result.done].sort()).toEqual([filed.games.reportId, filed.villages.reportId].sort());
      expect(result.skipped).toEqual([{ reportId: filed.spaces.reportId, reason: "这份报告刚被修改过,请刷新后再审核。" }]);
      expect(result.message).toBe(`已审核通过 2 份报告;1 份未处理(第 ${tasks.spaces.number} 项 文旅体局:这份报告刚被修改过,请刷新后再审核。)`);
      expect(await tx.progressReport.findUniqueOrThrow({ where: { id: filed.spaces.reportId } })).toMatchObject({ state: "returned", reviewComment: "请补充项目名单。", version: filed.spaces.version + 1 });
      expect((await auditOf(tx, filed.spaces.reportId)).map((event) => event.action)).toEqual(["report.submit", "report.return"]);

      // Nothing left to do: a failure, with the reasons.
      const again = await reviewReports(tx, office, { decision: "approve", reports: selection(filed.games) });
      expect(again).toEqual({ ok: false, message: `1 份未处理(第 ${tasks.games.number} 项 文旅体局:这份报告刚被修改过,请刷新后再审核。)` });
      const current = await tx.progressReport.findUniqueOrThrow({ where: { id: filed.games.reportId } });
      const approvedAgain = await reviewReports(tx, office, { decision: "approve", reports: [{ reportId: current.id, version: current.version }] });
      expect(approvedAgain).toEqual({ ok: false, message: `1 份未处理(第 ${tasks.games.number} 项 文旅体局:报告当前为「已审核」,不能审核通过。)` });
    });
  });

  it("is refused to unit staff and leaders, changing nothing", async () => {
    await rolledBack(prisma, async (tx) => {
      const filed = await submitThree(tx);
      for (const actor of [tourism, leader]) {
        for (const decision of ["approve", "publish"] as const) {
          expect(await reviewReports(tx, actor, { decision, reports: selection(filed.games, filed.villages) })).toEqual({ ok: false, message: FORBIDDEN });
        }
      }
      for (const report of [filed.games, filed.villages]) {
        expect(await tx.progressReport.findUniqueOrThrow({ where: { id: report.reportId } })).toMatchObject({ state: "submitted", version: report.version });
        expect((await auditOf(tx, report.reportId)).map((event) => event.action)).toEqual(["report.submit"]);
      }
    });
  });

  it("reads the checked reports from the form, refusing an empty, forged or repeated selection", () => {
    const form = new FormData();
    form.set("decision", "publish");
    form.append("report", "12:3");
    form.append("report", "13:1");
    expect(bulkReviewInputSchema.parse(bulkReviewFormValues(form))).toEqual({ decision: "publish", reports: [{ reportId: 12, version: 3 }, { reportId: 13, version: 1 }] });
    const refused = (decision: string, reports: string[]) => {
      const bad = new FormData();
      bad.set("decision", decision);
      for (const report of reports) bad.append("report", report);
      return bulkReviewInputSchema.safeParse(bulkReviewFormValues(bad)).error?.issues.map((issue) => issue.message);
    };
    expect(refused("approve", [])).toEqual(["请先勾选报告"]);
    expect(refused("return", ["12:3"])).toEqual(["请选择审核通过或公开"]);
    expect(refused("approve", ["12"])).toEqual(["所选报告无效,请刷新后再试"]);
    expect(refused("approve", ["12:0"])).toEqual(["所选报告无效,请刷新后再试"]);
    expect(refused("approve", ["12:3", "12:4"])).toEqual(["同一份报告选了两次,请刷新后再试"]);
  });
});

describe("the review queue", () => {
  it("filters by state in the URL's terms: awaiting, submitted, returned, approved", async () => {
    await rolledBack(prisma, async (tx) => {
      const filed = await submitThree(tx);
      await reviewReport(tx, office, { reportId: filed.spaces.reportId, version: filed.spaces.version, decision: "return", comment: "请补充项目名单。" });
      await reviewReport(tx, office, { reportId: filed.villages.reportId, version: filed.villages.version, decision: "approve", comment: "" });
      const ids = async (filter: "awaiting" | "submitted" | "returned" | "approved") =>
        (await loadReviewQueue(tx, office, periodId, { filter }))!.reports.filter((report) => report.unitId === tourism.unitId).map((report) => report.id);
      expect(await ids("awaiting")).toEqual([filed.games.reportId, filed.villages.reportId]);
      expect(await ids("submitted")).toEqual([filed.games.reportId]);
      expect(await ids("returned")).toEqual([filed.spaces.reportId]);
      expect(await ids("approved")).toEqual([filed.villages.reportId]);
      // A returned report stays in view with its note and who returned it.
      const returned = (await loadReviewQueue(tx, office, periodId, { filter: "returned" }))!.reports.find((report) => report.id === filed.spaces.reportId)!;
      expect(returned.review).toMatchObject({ kind: "return", comment: "请补充项目名单。", reviewer: office.displayName, reviewedAt: expect.any(Date) });
      const queue = (await loadReviewQueue(tx, office, periodId, { filter: "returned" }))!;
      expect(queue.page).toMatchObject({ page: 1, total: await tx.progressReport.count({ where: { periodId, state: "returned" } }) });
    });
  });

  it("comes a page at a time, a page out of range showing the last", async () => {
    await rolledBack(prisma, async (tx) => {
      await submitThree(tx);
      const total = await tx.progressReport.count({ where: { periodId, state: { in: ["submitted", "approved"] } } });
      const last = Math.max(1, Math.ceil(total / 30));
      const queue = (await loadReviewQueue(tx, office, periodId, { page: 999 }))!;
      expect(queue.page).toMatchObject({ page: last, total });
      expect(queue.reports).toHaveLength(total - (last - 1) * 30);
    });
  });

  it("shows each figure against 序时进度 by the dashboard's rule, and a qualitative report's 推进状态", async () => {
    await rolledBack(prisma, async (tx) => {
      const filed = await submitThree(tx);
      const queue = (await loadReviewQueue(tx, office, periodId, { filter: "submitted" }))!;
      const entry = (id: number) => queue.reports.find((report) => report.id === id)!;
      const [games] = tasks.games.targets;
      // 3 of 10 games by the end of June: 30 % against 50 % expected.
      expect(entry(filed.games.reportId).figures).toEqual([
        { targetId: games.id, originalText: expect.any(String), target: { value: games.value, unit: games.unit }, actual: 3, progress: targetProgress(games, 3, 2) },
      ]);
      expect(entry(filed.games.reportId).figures[0].progress.status).toBe("behind");
      // 6 of 10 spaces: 60 %, ahead of the 50 % expected.
      expect(entry(filed.spaces.reportId).figures[0].progress.status).toBe("ahead");
      expect(entry(filed.villages.reportId)).toMatchObject({ figures: [], qualitativeStatus: "in_progress" });
    });
  });

  it("shows a report submitted again after a return as new: no earlier note or reviewer, in the queue, the task page and the database", async () => {
    await rolledBack(prisma, async (tx) => {
      const filed = await submitThree(tx);
      await reviewReport(tx, office, { reportId: filed.spaces.reportId, version: filed.spaces.version, decision: "return", comment: "请补充项目名单。" });
      const input = reportInputSchema.parse({
        taskId: String(tasks.spaces.id),
        periodId: String(periodId),
        version: String(filed.spaces.version + 1),
        narrative: `已补充名单 ${tag}`,
        qualitativeStatus: null,
        actuals: { [String(tasks.spaces.targets[0].id)]: "7" },
        units: { [String(tasks.spaces.targets[0].id)]: entryUnitOf(tasks.spaces.targets[0]).label },
        intent: "submit",
      });
      expect(await saveReport(tx, tourism, input)).toMatchObject({ ok: true, state: "submitted" });
      expect(await tx.progressReport.findUniqueOrThrow({ where: { id: filed.spaces.reportId } })).toMatchObject({ reviewComment: null, reviewedById: null, reviewedAt: null });
      const inQueue = (await loadReviewQueue(tx, office, periodId, { filter: "submitted" }))!.reports.find((report) => report.id === filed.spaces.reportId)!;
      expect(inQueue.review).toBeNull();
      const detail = (await getTaskDetail(tx, office, tasks.spaces.id))!;
      expect(detail.reports.find((report) => report.id === filed.spaces.reportId)).toMatchObject({ reviewComment: null, reviewedBy: null });

      // Whatever an earlier round left on a submitted report, the queue shows no review on it.
      await tx.progressReport.update({ where: { id: filed.games.reportId }, data: { reviewComment: "旧意见", reviewedById: office.id, reviewedAt: new Date() } });
      const stale = (await loadReviewQueue(tx, office, periodId, { filter: "submitted" }))!.reports.find((report) => report.id === filed.games.reportId)!;
      expect(stale.review).toBeNull();
    });
  });
});
