import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOverview } from "@/lib/dashboard/overview";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { loadQuarterlyTable } from "@/lib/quarterly/table";
import { saveReport } from "@/lib/reports/filing";
import { reviewReport } from "@/lib/reports/review";
import { getTaskDetail } from "@/lib/tasks/queries";
import { reportInputSchema } from "@/lib/zod/progress";

/**
 * The dashboard, the task page, the quarterly table and its export answer "which reports count"
 * and "whose figure is the task's" with one definition (lib/reporting). A task led by two units,
 * each filing a different figure, and a returned report, must read the same everywhere.
 */
let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
const government = `口径测试${tag}`;
let planId: number;
let taskId: number;
let targetId: number;
let periods: Record<1 | 2 | 3, number>;
let actors: Record<"first" | "second" | "office" | "leader", Actor>;

const input = (periodId: number, narrative: string, figure: string | null, intent: "save" | "submit" = "submit", version = 0) =>
  reportInputSchema.parse({
    taskId: String(taskId),
    periodId: String(periodId),
    version: String(version),
    narrative,
    qualitativeStatus: null,
    actuals: figure === null ? {} : { [targetId]: figure },
    // Figures typed in the base unit (the form asks in 万千瓦; 千瓦 is read as well).
    units: { [targetId]: "千瓦" },
    intent,
    // The third quarter's 4万千瓦 is behind (66.7 % against 75 %): its submission gives the reasons.
    ...(periodId === periods[3] && { problems: "并网手续办理滞后", nextSteps: "协调供电公司加快并网" }),
  });

beforeAll(async () => {
  prisma = createPrismaClient();
  const [first, second] = await Promise.all(["甲局", "乙局"].map((name) => prisma.unit.create({ data: { government, name } })));
  const plan = await prisma.plan.create({ data: { year: 2032, government, title: `口径${tag}`, kind: "key_tasks", leadConvention: "star", sourceFile: "reporting.test" } });
  planId = plan.id;
  const leader = await prisma.leader.create({ data: { planId, name: `赵${tag}` } });
  const task = await prisma.task.create({
    data: {
      planId,
      leaderId: leader.id,
      numberScope: "key",
      number: "1",
      kind: "key",
      text: "新增光伏装机6万千瓦。",
      sourceLine: 1,
      // Both lead; 甲局 is listed first.
      units: { create: [{ unitId: first.id, isLead: true, position: 0 }, { unitId: second.id, isLead: true, position: 1 }] },
      targets: { create: [{ position: 0, kind: "quantity", comparator: "gte", value: 60000, unit: "千瓦", originalText: "新增光伏装机6万千瓦" }] },
    },
    include: { targets: true },
  });
  taskId = task.id;
  targetId = task.targets[0].id;
  const [q1, q2, q3] = await Promise.all(
    [1, 2, 3].map((quarter) => prisma.reportingPeriod.create({ data: { planId, quarter, opensAt: new Date("2032-01-01"), dueAt: new Date("2033-01-01") } })),
  );
  periods = { 1: q1.id, 2: q2.id, 3: q3.id };
  const user = async (role: Actor["role"], unitId: number | null, leaderName: string | null): Promise<Actor> => {
    const row = await prisma.user.create({ data: { username: `reporting-${role}-${randomUUID().slice(0, 8)}`, displayName: `${role}${tag}`, role, unitId, leaderName } });
    return { id: row.id, role, unitId, leaderName, displayName: row.displayName };
  };
  actors = {
    first: await user("unit_staff", first.id, null),
    second: await user("unit_staff", second.id, null),
    office: await user("office", null, null),
    leader: await user("leader", null, leader.name),
  };

  // Q1: 乙局 (listed second) files first, 1.2万千瓦; then 甲局 files 2.1万千瓦.
  expect(await saveReport(prisma, actors.second, input(periods[1], "一季度新增光伏装机1.2万千瓦。", "12000"))).toMatchObject({ ok: true });
  expect(await saveReport(prisma, actors.first, input(periods[1], "一季度新增光伏装机2.1万千瓦。", "21000"))).toMatchObject({ ok: true });
  // Q2: 甲局 saves a draft, then submits other text; the office returns it. 乙局 files nothing.
  const draft = await saveReport(prisma, actors.first, input(periods[2], "上半年草稿:装机3万千瓦", "30000", "save"));
  expect(draft).toMatchObject({ ok: true, state: "draft" });
  const submitted = await saveReport(prisma, actors.first, input(periods[2], "上半年新增光伏装机3.3万千瓦。", "33000", "submit", 1));
  expect(submitted).toMatchObject({ ok: true, state: "submitted" });
  const reportId = submitted.ok ? submitted.reportId : 0;
  expect(await reviewReport(prisma, actors.office, { reportId, version: 2, decision: "return", comment: "请核实装机数" })).toMatchObject({ ok: true });
  // Q3: 甲局 submits, the office returns it, 甲局 resubmits.
  const third = await saveReport(prisma, actors.first, input(periods[3], "前三季度新增光伏装机4万千瓦。", "40000"));
  const thirdId = third.ok ? third.reportId : 0;
  expect(await reviewReport(prisma, actors.office, { reportId: thirdId, version: 1, decision: "return", comment: "三季度请附项目清单" })).toMatchObject({ ok: true });
  expect(await saveReport(prisma, actors.first, input(periods[3], "前三季度新增光伏装机4万千瓦,项目清单附后。", "40000", "submit", 2))).toMatchObject({
    ok: true,
    state: "submitted",
  });
});

afterAll(async () => {
  await prisma.plan.delete({ where: { id: planId } });
  await prisma.user.deleteMany({ where: { id: { in: Object.values(actors).map((actor) => actor.id) } } });
  await prisma.unit.deleteMany({ where: { government } });
  await prisma.$disconnect();
});

describe("whose figure is the task's", () => {
  it("is the first listed lead unit's, on the dashboard and on the task page alike", async () => {
    const overview = (await loadOverview(prisma, actors.office, { planId, quarter: 1 }))!;
    expect(overview.tasks[0]).toMatchObject({ status: "ahead", reason: "完成2.1万千瓦,目标≥6万千瓦,完成率35%,序时进度25%" });
    const detail = (await getTaskDetail(prisma, actors.office, taskId))!;
    expect(detail.figures.get(targetId)?.[0]).toEqual({ quarter: 1, actual: 21000, expected: 15000, target: 60000 });
    // The task page lists the quarter's reports in the same order: the first listed lead unit first.
    expect(detail.reports.filter((report) => report.periodId === periods[1]).map((report) => report.unit.name)).toEqual(["甲局", "乙局"]);
  });

  it("puts the lead units' texts first, in the listed order, in the quarterly table", async () => {
    const table = (await loadQuarterlyTable(prisma, actors.office, planId, 1))!;
    expect(table.rows[0].progress).toBe("甲局:一季度新增光伏装机2.1万千瓦。\n乙局:一季度新增光伏装机1.2万千瓦。");
    expect(table.rows[0].units).toBe("甲局、乙局");
  });
});

describe("a returned report", () => {
  it("is not progress anywhere: dashboard, task chart and quarterly table", async () => {
    const overview = (await loadOverview(prisma, actors.office, { planId, quarter: 2 }))!;
    expect(overview.tasks[0]).toMatchObject({ status: "not_filed", filed: false });
    const detail = (await getTaskDetail(prisma, actors.office, taskId))!;
    expect(detail.figures.get(targetId)?.[1]).toEqual({ quarter: 2, actual: null, expected: 30000, target: 60000 });
    expect((await loadQuarterlyTable(prisma, actors.office, planId, 2))!.rows[0].progress).toBe("");
  });

  it("is read by its unit and the office (which returned it), not by the other lead unit or the leader", async () => {
    const q2 = (report: { periodId: number }) => report.periodId === periods[2];
    for (const who of ["first", "office"] as const) expect((await getTaskDetail(prisma, actors[who], taskId))!.reports.filter(q2), who).toHaveLength(1);
    for (const who of ["second", "leader"] as const) expect((await getTaskDetail(prisma, actors[who], taskId))!.reports.filter(q2), who).toEqual([]);
  });
});

describe("a report returned and resubmitted", () => {
  it("carries no note of the return, so the other lead unit and the leader never read one", async () => {
    for (const who of ["second", "leader", "office"] as const) {
      const q3 = (await getTaskDetail(prisma, actors[who], taskId))!.reports.filter((report) => report.periodId === periods[3]);
      expect(q3, who).toEqual([expect.objectContaining({ state: "submitted", reviewComment: null, reviewedById: null })]);
    }
  });

  it("shows the return in the history to the unit and the office only", async () => {
    const returns = async (who: keyof typeof actors) =>
      (await getTaskDetail(prisma, actors[who], taskId))!.history.filter((event) => event.action === "report.return").map((event) => event.report?.after.reviewComment);
    for (const who of ["first", "office"] as const) expect(await returns(who), who).toEqual(["请核实装机数", "三季度请附项目清单"]);
    for (const who of ["second", "leader"] as const) expect(await returns(who), who).toEqual([]);
  });
});

describe("the history", () => {
  it("names each actor by their own unit, the office as 市府办, never by the unit whose report they handled", async () => {
    const detail = (await getTaskDetail(prisma, actors.office, taskId))!;
    const byAction = (action: string) => [...new Set(detail.history.filter((event) => event.action === action).map((event) => event.actorLabel))];
    // 乙局 filed first in the first quarter.
    expect(byAction("report.submit")).toEqual([`unit_staff${tag}(乙局)`, `unit_staff${tag}(甲局)`]);
    // The office returned 甲局's reports: the office acted, not 甲局.
    expect(byAction("report.return")).toEqual([`office${tag}(市府办)`]);
  });

  it("never shows a draft's text to anyone but its unit, not even as the text a submission replaced", async () => {
    const draftText = "上半年草稿:装机3万千瓦";
    const shown = async (who: keyof typeof actors) => JSON.stringify((await getTaskDetail(prisma, actors[who], taskId))!.history);
    expect(await shown("first")).toContain(draftText);
    for (const who of ["second", "office", "leader"] as const) {
      const history = await shown(who);
      expect(history, who).not.toContain(draftText);
      // The submission itself is there, with the text as submitted.
      expect(history, who).toContain("上半年新增光伏装机3.3万千瓦。");
    }
  });
});
