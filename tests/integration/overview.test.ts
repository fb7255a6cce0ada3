import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOverview, type Overview, type OverviewTask } from "@/lib/dashboard/overview";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { progressStatusOrder, type ProgressStatus } from "@/lib/progress";
import { generateBenchPlan, removeBenchPlan } from "@/scripts/bench/generate";
import { seedDocuments } from "@/scripts/seed";
import { rolledBack } from "../setup/rolled-back";

/**
 * The overview dashboard on the seeded 2025 Pinghu table (000: Q1, published progress), whose
 * figures can be checked by hand against the document. Other test files share the database and
 * change Q2 of this plan, so everything here reads Q1, and changes made here are rolled back.
 */
let prisma: PrismaClient;
let planId: number;
let overview: Overview;

const office: Actor = { id: -1, role: "office", unitId: null, leaderName: null, displayName: "市府办" };
const leader = (name: string): Actor => ({ id: -2, role: "leader", unitId: null, leaderName: name, displayName: name });

const taskStartingWith = (o: Overview, text: string): OverviewTask => {
  const found = o.tasks.filter((task) => task.text.startsWith(text));
  expect(found, text).toHaveLength(1);
  return found[0];
};
const sum = (counts: Record<ProgressStatus, number>) => progressStatusOrder.reduce((total, status) => total + counts[status], 0);

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  const plan = await prisma.plan.findFirstOrThrow({
    where: { government: "平湖市", year: 2025, kind: "key_tasks", periods: { some: { quarter: 1 } } },
  });
  planId = plan.id;
  overview = (await loadOverview(prisma, office, { planId, quarter: 1 }))!;
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("the seeded Q1 2025 table, as the office sees it", () => {
  it("judges the figures as a person checking the document would", () => {
    // 周军波 1: 一般公共预算收入增长2.5%; "1-3月份…同比增长1.9%". A growth rate is compared directly.
    const revenue = taskStartingWith(overview, "一般公共预算收入增长2.5%");
    expect(revenue).toMatchObject({ status: "behind", reason: "增长1.9%,目标≥2.5%", filed: true, late: false });

    // 金一 62: 新增光伏装机6万千瓦 (2.1万 = 35 % after a quarter) and 储能6兆瓦 (2.36 = 39 %): both ahead of 25 %.
    const solar = taskStartingWith(overview, "谋划新型绿色能源一体化应用场景建设");
    expect(solar.status).toBe("ahead");
    expect(solar.reason).toBe("完成2.1万千瓦,目标≥6万千瓦,完成率35%,序时进度25%");

    // 金一 12: a qualitative task with progress in the table but no status picked is under way, not unfiled.
    const financing = taskStartingWith(overview, "健全小微企业融资协调机制");
    expect(financing).toMatchObject({ status: "in_progress", reason: "已填报进展,未标注推进状态(按推进中统计)", filed: true });
  });

  it("lists the tasks behind schedule with their figures; 公寓房 1265 of 1000 套 is done, but 农民住房 260 of 2000 户 holds the task back", () => {
    // 张斌 24: 改善农民住房2000户以上 (260: 13 % after a quarter), 新启动公寓房建设1000套以上 (1265).
    const housing = overview.behind.find((task) => task.text.startsWith("改善农民住房2000户以上"))!;
    expect(housing).toBeDefined();
    expect(housing.leaderName).toBe("张斌");
    expect(housing.leadUnits).toEqual(["农业农村局"]);
    expect(housing.targets).toEqual([
      expect.objectContaining({ value: 2000, unit: "户", actual: 260, share: 0.13, expectedShare: 0.25, status: "behind", decisive: true }),
      expect.objectContaining({ value: 1000, unit: "套", actual: 1265, share: 1.265, status: "completed", decisive: false }),
    ]);
    expect(housing.reason).toBe("完成260户,目标≥2000户,完成率13%,序时进度25%");

    const revenue = overview.behind.find((task) => task.text.startsWith("一般公共预算收入增长2.5%"))!;
    expect(revenue.targets).toEqual([
      expect.objectContaining({ description: "增长≥2.5%", originalText: "增长2.5%", actual: 1.9, share: null, status: "behind", decisive: true }),
    ]);
    expect(overview.behind.every((task) => overview.tasks.find((t) => t.id === task.taskId)?.status === "behind")).toBe(true);
    expect(overview.behind).toHaveLength(overview.statusCounts.behind);
  });

  it("counts every task once, in total, by leader and in the quarter's mix", async () => {
    const taskCount = await prisma.task.count({ where: { planId } });
    expect(overview.taskCount).toBe(taskCount);
    expect(overview.tasks).toHaveLength(taskCount);
    expect(sum(overview.statusCounts)).toBe(taskCount);
    expect(overview.byLeader.reduce((total, entry) => total + entry.total, 0)).toBe(taskCount);
    for (const entry of overview.byLeader) expect(sum(entry.counts), entry.name ?? "").toBe(entry.total);
    expect(overview.byLeader.map((entry) => entry.name)).toEqual(["周军波", "张斌", "宋怡玲", "周启程", "金一", "陈之超", "管立松"]);
    expect(overview.quarters).toEqual([expect.objectContaining({ quarter: 1, counts: overview.statusCounts })]);
    expect(overview.period).toMatchObject({ quarter: 1 });
    expect(overview.expectedShare).toBe(0.25);
  });

  it("counts by unit, lead tasks and co-tasks apart", () => {
    // Every task has at least one lead unit; 财政局 leads 周军波 1 with 税务局 helping.
    const leadTotal = overview.byUnit.reduce((total, entry) => total + entry.lead.total, 0);
    expect(leadTotal).toBeGreaterThanOrEqual(overview.taskCount);
    for (const entry of overview.byUnit) {
      expect(sum(entry.lead.counts)).toBe(entry.lead.total);
      expect(sum(entry.co.counts)).toBe(entry.co.total);
    }
    const revenue = taskStartingWith(overview, "一般公共预算收入增长2.5%");
    const unitNamed = (name: string) => overview.byUnit.find((entry) => entry.name === name)!;
    expect(revenue.leadUnitIds).toEqual([unitNamed("财政局").unitId]);
    expect(revenue.coUnitIds).toEqual([unitNamed("税务局").unitId]);
    expect(unitNamed("税务局").co.counts.behind).toBeGreaterThanOrEqual(1);
  });

  it("names the units that have not filed: 税务局 helped on the revenue task but filed nothing of its own", () => {
    const revenue = taskStartingWith(overview, "一般公共预算收入增长2.5%");
    const tax = overview.lagging.find((entry) => entry.name === "税务局")!;
    expect(tax.missingTaskIds).toContain(revenue.id);
    expect(overview.lagging.find((entry) => entry.name === "财政局")?.missingTaskIds ?? []).not.toContain(revenue.id);
    for (const entry of overview.lagging) {
      expect(entry.missing).toBe(entry.missingTaskIds.length);
      expect(entry.late).toBe(entry.lateTaskIds.length);
      expect(entry.missingLead).toBeLessThanOrEqual(entry.missing);
    }
    // Worst first: most missing lead reports.
    const missingLead = overview.lagging.map((entry) => entry.missingLead);
    expect(missingLead).toEqual([...missingLead].sort((a, b) => b - a));
  });

  it("is plain data", () => {
    expect(JSON.parse(JSON.stringify(overview))).toEqual(overview);
  });

  it("is null for a plan that does not exist; a quarter not yet opened leaves every task unfiled", async () => {
    const last = await prisma.plan.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
    expect(await loadOverview(prisma, office, { planId: (last?.id ?? 0) + 1000, quarter: 1 })).toBeNull();
    const q4 = (await loadOverview(prisma, office, { planId, quarter: 4 }))!;
    if (q4.period === null) {
      expect(q4.statusCounts.not_filed).toBe(q4.taskCount);
      expect(q4.lagging).toEqual([]);
    }
    expect(q4.expectedShare).toBe(1);
  });
});

describe("filters", () => {
  it("by leader", async () => {
    const zhang = (await loadOverview(prisma, office, { planId, quarter: 1, filters: { leader: "张斌" } }))!;
    expect(zhang.taskCount).toBe(overview.byLeader.find((entry) => entry.name === "张斌")!.total);
    expect(zhang.tasks.every((task) => task.leaderName === "张斌")).toBe(true);
    expect(zhang.byLeader.map((entry) => entry.name)).toEqual(["张斌"]);
    expect(sum(zhang.statusCounts)).toBe(zhang.taskCount);
    // The choices stay those of the whole plan.
    expect(zhang.options.leaders).toHaveLength(7);
  });

  it("by unit, lead or co-unit", async () => {
    const ndrc = overview.byUnit.find((entry) => entry.name === "发改局")!;
    const filtered = (await loadOverview(prisma, office, { planId, quarter: 1, filters: { unitId: ndrc.unitId } }))!;
    expect(filtered.taskCount).toBe(ndrc.lead.total + ndrc.co.total);
    expect(filtered.tasks.every((task) => [...task.leadUnitIds, ...task.coUnitIds].includes(ndrc.unitId))).toBe(true);
    expect(filtered.byUnit.find((entry) => entry.unitId === ndrc.unitId)).toEqual(ndrc);
  });

  it("by status", async () => {
    const behind = (await loadOverview(prisma, office, { planId, quarter: 1, filters: { status: "behind" } }))!;
    expect(behind.taskCount).toBe(overview.statusCounts.behind);
    expect(behind.taskCount).toBeGreaterThan(0);
    expect(behind.tasks.every((task) => task.status === "behind")).toBe(true);
    expect(behind.statusCounts).toEqual({ ...Object.fromEntries(progressStatusOrder.map((s) => [s, 0])), behind: behind.taskCount });
    expect(behind.behind.map((task) => task.taskId)).toEqual(overview.behind.map((task) => task.taskId));
  });

  it("by kind; headings that only group projects are not tracked", async () => {
    const key = (await loadOverview(prisma, office, { planId, quarter: 1, filters: { kind: "key" } }))!;
    expect(key.taskCount).toBe(overview.taskCount);
    expect((await loadOverview(prisma, office, { planId, quarter: 1, filters: { kind: "livelihood" } }))!.taskCount).toBe(0);

    // 2024 Pinghu (001): 民生实事 projects with their sub-items; no period opened yet.
    const plan2024 = await prisma.plan.findFirstOrThrow({ where: { government: "平湖市", year: 2024, kind: "key_tasks" } });
    const all = (await loadOverview(prisma, office, { planId: plan2024.id, quarter: 1 }))!;
    const [tasks, livelihood, headings] = await Promise.all([
      prisma.task.count({ where: { planId: plan2024.id } }),
      prisma.task.count({ where: { planId: plan2024.id, kind: "livelihood" } }),
      prisma.task.count({ where: { planId: plan2024.id, children: { some: {} } } }),
    ]);
    expect(headings).toBeGreaterThan(0);
    expect(all.taskCount).toBe(tasks - headings);
    const items = (await loadOverview(prisma, office, { planId: plan2024.id, quarter: 1, filters: { kind: "livelihood" } }))!;
    expect(items.taskCount).toBe(livelihood);
    expect(items.tasks.every((task) => task.kind === "livelihood" && task.parentId !== null)).toBe(true);
  });
});

describe("who sees what", () => {
  it("a leader sees only the tasks in their charge", async () => {
    const zhou = (await loadOverview(prisma, leader("周军波"), { planId, quarter: 1 }))!;
    expect(zhou.taskCount).toBe(overview.byLeader.find((entry) => entry.name === "周军波")!.total);
    expect(zhou.tasks.every((task) => task.leaderName === "周军波")).toBe(true);
    expect(zhou.options.leaders.map((entry) => entry.name)).toEqual(["周军波"]);
    expect((await loadOverview(prisma, leader("无此人"), { planId, quarter: 1 }))!.taskCount).toBe(0);
  });

  it("the public counts published reports only; nobody counts drafts or returned reports", async () => {
    await rolledBack(prisma, async (tx) => {
      const revenueTask = await tx.task.findFirstOrThrow({ where: { planId, text: { startsWith: "一般公共预算收入增长2.5%" } } });
      const report = await tx.progressReport.findFirstOrThrow({ where: { taskId: revenueTask.id, period: { quarter: 1 } } });
      await tx.progressReport.update({ where: { id: report.id }, data: { state: "submitted", late: true } });

      const statusOf = async (actor: Actor | null) => {
        const o = (await loadOverview(tx, actor, { planId, quarter: 1 }))!;
        return { o, task: o.tasks.find((task) => task.id === revenueTask.id) };
      };
      const asOffice = await statusOf(office);
      expect(asOffice.task).toMatchObject({ status: "behind", late: true });
      const finance = asOffice.o.lagging.find((entry) => entry.name === "财政局")!;
      expect(finance.lateTaskIds).toEqual([revenueTask.id]);
      expect((await statusOf(leader("周军波"))).task).toMatchObject({ status: "behind" });

      const anonymous = await statusOf(null);
      expect(anonymous.task).toMatchObject({ status: "not_filed", filed: false });
      expect(anonymous.o.taskCount).toBe(overview.taskCount);
      expect(anonymous.o.statusCounts).toEqual({
        ...overview.statusCounts,
        behind: overview.statusCounts.behind - 1,
        not_filed: overview.statusCounts.not_filed + 1,
      });

      for (const state of ["draft", "returned"] as const) {
        await tx.progressReport.update({ where: { id: report.id }, data: { state } });
        expect((await statusOf(office)).task, state).toMatchObject({ status: "not_filed", filed: false });
        expect((await statusOf(leader("周军波"))).task, state).toMatchObject({ status: "not_filed" });
      }
    });
    // Rolled back: as before.
    expect((await loadOverview(prisma, null, { planId, quarter: 1 }))!.statusCounts).toEqual(overview.statusCounts);
  });
});

describe("the benchmark's generator", () => {
  it("writes the plan it says, and the overview reads it", async () => {
    const generated = await generateBenchPlan(prisma, { tasks: 200, label: `test-${randomUUID().slice(0, 8)}` });
    try {
      const { counts, planId: benchPlan } = generated;
      expect(counts).toMatchObject({ tasks: 200, leaders: 8, units: 60, periods: 4, reports: 800 });
      const [tasks, leaders, reports, perQuarter, targets, actuals, withTargets, links] = await Promise.all([
        prisma.task.count({ where: { planId: benchPlan } }),
        prisma.leader.count({ where: { planId: benchPlan } }),
        prisma.progressReport.count({ where: { task: { planId: benchPlan } } }),
        prisma.progressReport.groupBy({ by: ["periodId"], where: { task: { planId: benchPlan } }, _count: true }),
        prisma.target.count({ where: { task: { planId: benchPlan } } }),
        prisma.progressActual.count({ where: { report: { task: { planId: benchPlan } } } }),
        prisma.task.count({ where: { planId: benchPlan, targets: { some: {} } } }),
        prisma.taskUnit.groupBy({ by: ["taskId"], where: { task: { planId: benchPlan } }, _count: true, _sum: { position: true } }),
      ]);
      expect({ tasks, leaders, reports, targets, actuals }).toEqual({
        tasks: 200,
        leaders: 8,
        reports: 800,
        targets: counts.targets,
        actuals: counts.actuals,
      });
      expect(perQuarter.map((group) => group._count)).toEqual([200, 200, 200, 200]);
      expect(withTargets).toBe(counts.tasksWithTargets);
      expect(withTargets).toBeGreaterThan(60);
      expect(withTargets).toBeLessThan(140);
      expect(links.every((link) => link._count >= 1 && link._count <= 3)).toBe(true);
      expect(Object.keys(counts.reportsByState).sort()).toEqual(["approved", "draft", "published", "returned", "submitted"]);
      expect(counts.lateReports).toBeGreaterThan(0);

      const q2 = (await loadOverview(prisma, office, { planId: benchPlan, quarter: 2 }))!;
      expect(q2.taskCount).toBe(200);
      expect(q2.quarters.map((mix) => [mix.quarter, sum(mix.counts)])).toEqual([
        [1, 200],
        [2, 200],
      ]);
      // Every status the rules know turns up somewhere in a plan this size (not_started: qualitative only).
      for (const status of ["not_filed", "behind", "in_progress", "on_track", "completed"] as const) {
        expect(q2.statusCounts[status], status).toBeGreaterThan(0);
      }
    } finally {
      await removeBenchPlan(prisma, generated);
    }
    expect(await prisma.plan.findUnique({ where: { id: generated.planId } })).toBeNull();
  });
});
