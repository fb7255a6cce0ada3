import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { saveReport } from "@/lib/reports/filing";
import { listPeriods, loadReviewQueue } from "@/lib/reports/queue";
import { reviewReport } from "@/lib/reports/review";
import { listMyTasks } from "@/lib/tasks/queries";
import { reportInputSchema } from "@/lib/zod/progress";
import { seedDocuments, seedPeriods } from "@/scripts/seed";
import { rolledBack } from "../setup/rolled-back";

/**
 * The office's review queue and the unit's "my tasks", read from reports filed through the
 * services on the 2025 Pinghu plan's second quarter by 建设局 and 综合执法局, which no other test
 * file files for. Every report is filed inside `rolledBack`, so nothing here outlives its test.
 */
let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
let planId: number;
let plan2024Id: number;
let periodId: number;
let q1PeriodId: number;
let construction: Actor; // 建设局
let enforcement: Actor; // 综合执法局
let office: Actor;
let leader: Actor;
let staffWithoutUnit: Actor;

/** Tasks of the 2025 plan (seed 000), by a fragment of their text, with the units the document lists. */
const TASKS = {
  /** ★建设局、自然资源和规划局 (陈之超) */
  leadApproved: "全面落实国家降利率、降首付、降税费",
  /** ★建设局、建投集团、征收指挥部 (陈之超) */
  leadSubmitted: "为主要路径,推动中心老城区渐进式更新",
  /** ★建设局、自然资源和规划局、农业农村局 (陈之超) */
  leadDraft: "与“大物业试点”相结合",
  /** 建设局 alone (陈之超); its 一季度 report is in the seed, its 二季度 one is never filed here. */
  leadUnfiled: "加快完善住房保障体系,新增保障性租赁住房1200套以上",
  /** ★应急管理局、建设局、市场监管局、消防救援局 (金一) */
  coLate: "持续加大危险化学品、消防安全、建筑施工",
  /** ★生态环境分局、发改局、建设局、文旅体局 (张斌) */
  coReturned: "全面落实向人大报告生态文明建设情况制度",
  /** ★政务服务管理办、建设局、交通运输局、卫生健康局、综合执法局、社会治理中心 (管立松): only 综合执法局 files. */
  coFiledByOther: "构建平湖市智慧城市运维新框架",
  /** 综合执法局 alone (陈之超) */
  otherPublished: "探索建立涉企行政执法案件经济影响评估制度",
} as const;
type TaskKey = keyof typeof TASKS;
const taskIds = {} as Record<TaskKey, number>;

const RETURN_COMMENT = "请补充二季度数据。";
const cst = (iso: string) => new Date(`${iso}+08:00`);

async function makeActor(role: Actor["role"], unitName: string | null, leaderName: string | null): Promise<Actor> {
  const unit = unitName ? await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: unitName } } }) : null;
  const user = await prisma.user.create({
    data: { username: `queries-${role}-${tag}-${randomUUID().slice(0, 4)}`, displayName: `${unitName ?? leaderName ?? role} ${tag}`, role, unitId: unit?.id ?? null, leaderName },
  });
  return { id: user.id, role, unitId: user.unitId, leaderName, displayName: user.displayName };
}

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  const period = await prisma.reportingPeriod.findFirstOrThrow({ where: { quarter: 2, plan: { government: "平湖市", year: 2025, kind: "key_tasks" } } });
  periodId = period.id;
  planId = period.planId;
  q1PeriodId = (await prisma.reportingPeriod.findUniqueOrThrow({ where: { planId_quarter: { planId, quarter: 1 } } })).id;
  plan2024Id = (await prisma.plan.findFirstOrThrow({ where: { government: "平湖市", year: 2024, kind: "key_tasks" } })).id;
  for (const [key, fragment] of Object.entries(TASKS) as Array<[TaskKey, string]>) {
    const [task, ...more] = await prisma.task.findMany({ where: { planId, text: { contains: fragment } } });
    expect(more, fragment).toEqual([]);
    taskIds[key] = task.id;
  }
  construction = await makeActor("unit_staff", "建设局", null);
  enforcement = await makeActor("unit_staff", "综合执法局", null);
  office = await makeActor("office", null, null);
  leader = await makeActor("leader", null, "陈之超");
  staffWithoutUnit = await makeActor("unit_staff", null, null);
});

afterAll(async () => {
  await prisma.$disconnect();
});

const report = (taskId: number, intent: "save" | "submit", narrative: string) =>
  reportInputSchema.parse({ taskId: String(taskId), periodId: String(periodId), version: "0", narrative, qualitativeStatus: "in_progress", actuals: {}, intent });

async function file(tx: PrismaClient, actor: Actor, key: TaskKey, intent: "save" | "submit", at: Date) {
  const saved = await saveReport(tx, actor, report(taskIds[key], intent, `${key} ${tag}`), at);
  if (!saved.ok) throw new Error(`${key}: ${saved.message}`);
  return saved;
}

async function review(tx: PrismaClient, reportId: number, decision: "approve" | "return" | "publish", comment = "") {
  const { version } = await tx.progressReport.findUniqueOrThrow({ where: { id: reportId } });
  const result = await reviewReport(tx, office, { reportId, version, decision, comment });
  if (!result.ok) throw new Error(`${decision}: ${result.message}`);
}

/** Starts the two units afresh in the period, then files one report in each state (dates in CST; due 2025-07-15). */
async function fileReports(tx: PrismaClient) {
  await tx.progressReport.deleteMany({ where: { periodId, unitId: { in: [construction.unitId!, enforcement.unitId!] } } });
  const ids = {} as Record<"leadApproved" | "leadSubmitted" | "leadDraft" | "coLate" | "coReturned" | "coFiledByOther" | "otherPublished", number>;
  ids.leadSubmitted = (await file(tx, construction, "leadSubmitted", "submit", cst("2025-07-01T09:00:00"))).reportId;
  ids.coFiledByOther = (await file(tx, enforcement, "coFiledByOther", "submit", cst("2025-07-05T09:00:00"))).reportId;
  ids.leadApproved = (await file(tx, construction, "leadApproved", "submit", cst("2025-07-10T09:00:00"))).reportId;
  await review(tx, ids.leadApproved, "approve");
  ids.coLate = (await file(tx, construction, "coLate", "submit", cst("2025-07-20T09:00:00"))).reportId;
  ids.leadDraft = (await file(tx, construction, "leadDraft", "save", cst("2025-07-02T09:00:00"))).reportId;
  ids.coReturned = (await file(tx, construction, "coReturned", "submit", cst("2025-07-03T09:00:00"))).reportId;
  await review(tx, ids.coReturned, "return", RETURN_COMMENT);
  ids.otherPublished = (await file(tx, enforcement, "otherPublished", "submit", cst("2025-07-04T09:00:00"))).reportId;
  await review(tx, ids.otherPublished, "approve");
  await review(tx, ids.otherPublished, "publish");
  return ids;
}

describe("the review queue", () => {
  it("lists the period's submitted and approved reports, never drafts, returned or published ones", async () => {
    await rolledBack(prisma, async (tx) => {
      const ids = await fileReports(tx);
      const queue = (await loadReviewQueue(tx, office, periodId))!;
      const listed = queue.reports.map((entry) => entry.id);
      expect(listed).toEqual(expect.arrayContaining([ids.leadSubmitted, ids.coFiledByOther, ids.leadApproved, ids.coLate]));
      for (const hidden of [ids.leadDraft, ids.coReturned, ids.otherPublished]) expect(listed).not.toContain(hidden);
      expect(queue.reports.every((entry) => entry.periodId === periodId && ["submitted", "approved"].includes(entry.state))).toBe(true);
      expect(listed).toHaveLength(await tx.progressReport.count({ where: { periodId, state: { in: ["submitted", "approved"] } } }));
      // Another period's waiting reports stay in their own queue.
      const q1 = (await loadReviewQueue(tx, office, q1PeriodId))!;
      expect(q1.reports.some((entry) => listed.includes(entry.id))).toBe(false);
    });
  });

  it("puts the submitted reports (to review) before the approved ones (to publish), the earliest submission first", async () => {
    await rolledBack(prisma, async (tx) => {
      const ids = await fileReports(tx);
      const queue = (await loadReviewQueue(tx, office, periodId))!;
      const states = queue.reports.map((entry) => entry.state);
      const submitted = states.filter((state) => state === "submitted");
      const approved = states.filter((state) => state === "approved");
      expect(submitted.length && approved.length).toBeGreaterThan(0);
      expect(states).toEqual([...submitted, ...approved]);
      for (const state of ["submitted", "approved"] as const) {
        const times = queue.reports.filter((entry) => entry.state === state).map((entry) => entry.submittedAt!.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }
      const mine = queue.reports.map((entry) => entry.id).filter((id) => Object.values(ids).includes(id));
      expect(mine).toEqual([ids.leadSubmitted, ids.coFiledByOther, ids.coLate, ids.leadApproved]);
    });
  });

  it("marks the reports of a task's lead unit, not those of its co-units", async () => {
    await rolledBack(prisma, async (tx) => {
      const ids = await fileReports(tx);
      const queue = (await loadReviewQueue(tx, office, periodId))!;
      const entry = (id: number) => queue.reports.find((candidate) => candidate.id === id)!;
      expect(entry(ids.leadSubmitted)).toMatchObject({ isLead: true, unit: { name: "建设局" }, task: { id: taskIds.leadSubmitted, leader: { name: "陈之超" } } });
      expect(entry(ids.leadApproved)).toMatchObject({ isLead: true, unit: { name: "建设局" } });
      expect(entry(ids.coLate)).toMatchObject({ isLead: false, unit: { name: "建设局" }, late: true });
      expect(entry(ids.coFiledByOther)).toMatchObject({ isLead: false, unit: { name: "综合执法局" }, filedBy: { displayName: enforcement.displayName } });
    });
  });

  it("counts the period's reports in each state, drafts never (they stay with their units)", async () => {
    await rolledBack(prisma, async (tx) => {
      await tx.progressReport.deleteMany({ where: { periodId, unitId: { in: [construction.unitId!, enforcement.unitId!] } } });
      const before = (await loadReviewQueue(tx, office, periodId))!.counts;
      await fileReports(tx);
      const { counts } = (await loadReviewQueue(tx, office, periodId))!;
      expect(counts.draft).toBeUndefined();
      const delta = Object.fromEntries(
        (["draft", "submitted", "returned", "approved", "published"] as const).map((state) => [state, (counts[state] ?? 0) - (before[state] ?? 0)]),
      );
      expect(delta).toEqual({ draft: 0, submitted: 3, returned: 1, approved: 1, published: 1 });
      const stored = await tx.progressReport.groupBy({ by: ["state"], where: { periodId, state: { not: "draft" } }, _count: true });
      expect(counts).toEqual(Object.fromEntries(stored.map((row) => [row.state, row._count])));
    });
  });

  it("is the office's only", async () => {
    await rolledBack(prisma, async (tx) => {
      await fileReports(tx);
      for (const actor of [construction, enforcement, leader, staffWithoutUnit]) expect(await loadReviewQueue(tx, actor, periodId)).toBeNull();
    });
  });
});

describe("the periods to pick from", () => {
  it("come newest first: the latest year, then the later quarter", async () => {
    await rolledBack(prisma, async (tx) => {
      const opened = await tx.reportingPeriod.create({ data: { planId: plan2024Id, quarter: 3, opensAt: cst("2024-09-01T00:00:00"), dueAt: cst("2024-10-16T00:00:00") } });
      // Plans of an earlier and of a later year, imported after the others.
      const plan = (year: number) =>
        tx.plan.create({ data: { government: "平湖市", year, title: `${year}年重点工作 ${tag}`, kind: "key_tasks", leadConvention: "star", sourceFile: `${year}-${tag}.txt` } });
      const earlier = await plan(2023);
      const later = await plan(2099);
      const older = await tx.reportingPeriod.create({ data: { planId: earlier.id, quarter: 4, opensAt: cst("2023-12-01T00:00:00"), dueAt: cst("2024-01-16T00:00:00") } });
      const newest = await tx.reportingPeriod.create({ data: { planId: later.id, quarter: 1, opensAt: cst("2099-03-01T00:00:00"), dueAt: cst("2099-04-16T00:00:00") } });
      const periods = await listPeriods(tx);
      const at = (id: number) => periods.findIndex((period) => period.id === id);
      expect(at(newest.id)).toBe(0);
      expect(at(periodId)).toBeGreaterThan(-1);
      expect(at(periodId)).toBeLessThan(at(q1PeriodId));
      expect(at(q1PeriodId)).toBeLessThan(at(opened.id));
      expect(at(opened.id)).toBeLessThan(at(older.id));
      const years = periods.map((period) => period.plan.year);
      expect(years).toEqual([...years].sort((a, b) => b - a));
      expect(periods[at(opened.id)].plan).toMatchObject({ id: plan2024Id, year: 2024, government: "平湖市" });
    });
  });
});

describe("my tasks", () => {
  /** 建设局's tasks in the 2025 plan as seed 000 lists them: line, leader, whether 建设局 leads. */
  const DOCUMENT: Array<[number, string, boolean]> = [
    [24, "张斌", false],
    [64, "金一", false],
    [65, "金一", false],
    [122, "金一", false],
    [123, "陈之超", true],
    [130, "陈之超", true],
    [140, "陈之超", true],
    [141, "陈之超", true],
    [149, "管立松", false],
  ];

  it("are the unit's tasks of the plan with the open period, lead and co-unit alike, in the document's order", async () => {
    const mine = (await listMyTasks(prisma, construction))!;
    expect(mine.unitName).toBe("建设局");
    expect(mine.plan).toMatchObject({ id: planId, year: 2025 });
    expect(mine.period).toMatchObject({ id: periodId, quarter: 2 });
    expect(mine.tasks.map((task) => [task.sourceLine, task.leader?.name, task.isLead])).toEqual(DOCUMENT);
    const linked = await prisma.taskUnit.findMany({ where: { unitId: construction.unitId!, task: { planId } }, select: { taskId: true } });
    expect(mine.tasks.map((task) => task.id).sort()).toEqual(linked.map((link) => link.taskId).sort());
  });

  it("are grouped by leader in the document's order of leaders before the order of lines", async () => {
    await rolledBack(prisma, async (tx) => {
      // The first task (line 24, 张斌's) handed to 管立松, the last leader: it joins 管立松's tasks at the end, by its line.
      const last = await tx.leader.findFirstOrThrow({ where: { planId, name: "管立松" } });
      await tx.task.update({ where: { id: taskIds.coReturned }, data: { leaderId: last.id } });
      const mine = (await listMyTasks(tx, construction))!;
      expect(mine.tasks.map((task) => [task.sourceLine, task.leader?.name])).toEqual([
        [64, "金一"],
        [65, "金一"],
        [122, "金一"],
        [123, "陈之超"],
        [130, "陈之超"],
        [140, "陈之超"],
        [141, "陈之超"],
        [24, "管立松"],
        [149, "管立松"],
      ]);
    });
  });

  it("show each task's units in the listed order, the unit's own flagged", async () => {
    const mine = (await listMyTasks(prisma, construction))!;
    const units = (key: TaskKey) => mine.tasks.find((task) => task.id === taskIds[key])!.units;
    expect(units("leadSubmitted")).toEqual([
      { name: "建设局", isLead: true, mine: true },
      { name: "建投集团", isLead: false, mine: false },
      { name: "征收指挥部", isLead: false, mine: false },
    ]);
    expect(units("coFiledByOther")).toEqual([
      { name: "政务服务管理办", isLead: true, mine: false },
      { name: "建设局", isLead: false, mine: true },
      { name: "交通运输局", isLead: false, mine: false },
      { name: "卫生健康局", isLead: false, mine: false },
      { name: "综合执法局", isLead: false, mine: false },
      { name: "社会治理中心", isLead: false, mine: false },
    ]);
  });

  it("carry the unit's own report of the period: its state, lateness and the office's comment", async () => {
    await rolledBack(prisma, async (tx) => {
      await fileReports(tx);
      // The seed holds 建设局's report of the first quarter on this task, none of the second.
      expect(await tx.progressReport.count({ where: { taskId: taskIds.leadUnfiled, unitId: construction.unitId!, periodId: q1PeriodId } })).toBe(1);
      const mine = (await listMyTasks(tx, construction))!;
      const reportOn = (key: TaskKey) => mine.tasks.find((task) => task.id === taskIds[key])!.report;
      expect(reportOn("leadApproved")).toMatchObject({ state: "approved", late: false, reviewComment: null });
      expect(reportOn("leadSubmitted")).toMatchObject({ state: "submitted", late: false, reviewComment: null });
      expect(reportOn("leadDraft")).toMatchObject({ state: "draft", late: false });
      expect(reportOn("coLate")).toMatchObject({ state: "submitted", late: true });
      expect(reportOn("coReturned")).toMatchObject({ state: "returned", reviewComment: RETURN_COMMENT });
      // Another unit's report on a shared task is not the unit's; last quarter's report is not this quarter's.
      expect(reportOn("coFiledByOther")).toBeNull();
      expect(reportOn("leadUnfiled")).toBeNull();
      expect(mine.tasks.some((task) => task.id === taskIds.otherPublished)).toBe(false);
    });
  });

  it("come from the plan with the latest open period: the newest year's first, an older plan's when that closes, else the newest plan", async () => {
    await rolledBack(prisma, async (tx) => {
      const older = await tx.reportingPeriod.create({ data: { planId: plan2024Id, quarter: 4, opensAt: cst("2024-12-01T00:00:00"), dueAt: cst("2025-01-16T00:00:00") } });
      expect(await listMyTasks(tx, construction)).toMatchObject({ plan: { id: planId }, period: { id: periodId } });

      await tx.reportingPeriod.update({ where: { id: periodId }, data: { closed: true } });
      const fromOlder = (await listMyTasks(tx, construction))!;
      expect(fromOlder).toMatchObject({ plan: { id: plan2024Id, year: 2024 }, period: { id: older.id, quarter: 4 } });
      const linked = await tx.taskUnit.findMany({ where: { unitId: construction.unitId!, task: { planId: plan2024Id } }, select: { taskId: true } });
      expect(fromOlder.tasks.map((task) => task.id).sort()).toEqual(linked.map((link) => link.taskId).sort());
      const lines = fromOlder.tasks.map((task) => task.sourceLine!);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));

      await tx.reportingPeriod.update({ where: { id: older.id }, data: { closed: true } });
      const noneOpen = (await listMyTasks(tx, construction))!;
      expect(noneOpen).toMatchObject({ plan: { id: planId }, period: null });
      expect(noneOpen.tasks).toHaveLength(DOCUMENT.length);
      expect(noneOpen.tasks.every((task) => task.report === null)).toBe(true);
    });
  });

  it("are nothing for a unit without tasks", async () => {
    await rolledBack(prisma, async (tx) => {
      const unit = await tx.unit.create({ data: { government: "平湖市", name: `新设单位-${tag}` } });
      const actor: Actor = { ...construction, unitId: unit.id };
      expect(await listMyTasks(tx, actor)).toEqual({ unitName: `新设单位-${tag}`, plan: null, period: null, tasks: [] });
    });
  });

  it("are null for the office, leaders and staff without a unit", async () => {
    // An office or leader account that still carries a unit is not that unit's staff.
    const withUnit = (actor: Actor): Actor => ({ ...actor, unitId: construction.unitId });
    for (const actor of [office, leader, staffWithoutUnit, withUnit(office), withUnit(leader)]) expect(await listMyTasks(prisma, actor)).toBeNull();
  });
});
