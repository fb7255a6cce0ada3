import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { saveReport } from "@/lib/reports/filing";
import { listPeriods, loadReviewQueue } from "@/lib/reports/queue";
import { reviewReport } from "@/lib/reports/review";
import { listMyTasks } from "@/lib/tasks/my-tasks";
import { reportInputSchema } from "@/lib/zod/progress";
import { seedDocuments, seedPeriods } from "@/scripts/seed";
import { rolledBack } from "../setup/rolled-back";
import { createActor } from "../setup/actors";

/**
 * The office's review queue and the unit's "my tasks", read from reports filed through the
 * services on the 2025 Pinghu plan's second quarter by 建设局 and 综合执法局, which no other test
 * file files for. Every report is filed inside `rolledBack`, so nothing here outlives its test.
 */
let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
let planId: number;
let plan2024Id: number;
let policyPlanId: number; // 004, whose clauses name 建设局 too (no quarter opened for it)
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

const makeActor = (role: Actor["role"], unitName: string | null, leaderName: string | null) => createActor(prisma, tag, role, unitName, leaderName);

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  const period = await prisma.reportingPeriod.findFirstOrThrow({ where: { quarter: 2, plan: { government: "平湖市", year: 2025, kind: "key_tasks" } } });
  periodId = period.id;
  planId = period.planId;
  q1PeriodId = (await prisma.reportingPeriod.findUniqueOrThrow({ where: { planId_quarter: { planId, quarter: 1 } } })).id;
  plan2024Id = (await prisma.plan.findFirstOrThrow({ where: { government: "平湖市", year: 2024, kind: "key_tasks" } })).id;
  policyPlanId = (await prisma.plan.findFirstOrThrow({ where: { government: "平湖市", year: 2025, kind: "policy_list" } })).id;
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
  type Mine = NonNullable<Awaited<ReturnType<typeof listMyTasks>>>;
  const planOf = (mine: Mine, id: number) => mine.plans.find((entry) => entry.plan.id === id)!;
  const quarterOf = (mine: Mine, period: number) => mine.plans.flatMap((entry) => [...entry.open, ...(entry.latest ? [entry.latest] : [])]).find((q) => q.period.id === period)!;
  const itemOn = (mine: Mine, period: number, key: TaskKey) => quarterOf(mine, period).items.find((item) => item.task.id === taskIds[key])!;
  /** Opens the 2025 plan's third quarter (due 2025-10-15). */
  const openQ3 = (tx: PrismaClient) => tx.reportingPeriod.create({ data: { planId, quarter: 3, opensAt: cst("2025-09-01T00:00:00"), dueAt: cst("2025-10-16T00:00:00") } });

  it("are the unit's tasks of the open quarter, lead and co-unit alike, in the document's order", async () => {
    const mine = (await listMyTasks(prisma, construction))!;
    expect(mine.unitName).toBe("建设局");
    // 004's clauses name 建设局 as well: that plan, newer and without a quarter, comes after.
    expect(mine.plans.map((entry) => entry.plan.id)).toEqual([planId, policyPlanId]);
    const [plan] = mine.plans;
    expect(plan.open.map((quarter) => quarter.period)).toMatchObject([{ id: periodId, quarter: 2 }]);
    expect(plan.latest).toBeNull();
    expect(plan.tasks.map((task) => [task.sourceLine, task.leader?.name, task.isLead])).toEqual(DOCUMENT);
    // Nothing of the second quarter is filed in the seed: every task is to file, in the document's order.
    expect(plan.open[0].items.map((item) => [item.task.sourceLine, item.need])).toEqual(DOCUMENT.map(([line]) => [line, "to_file"]));
    const linked = await prisma.taskUnit.findMany({ where: { unitId: construction.unitId!, task: { planId } }, select: { taskId: true } });
    expect(plan.tasks.map((task) => task.id).sort()).toEqual(linked.map((link) => link.taskId).sort());
  });

  it("are grouped by leader in the document's order of leaders before the order of lines", async () => {
    await rolledBack(prisma, async (tx) => {
      // The first task (line 24, 张斌's) handed to 管立松, the last leader: it joins 管立松's tasks at the end, by its line.
      const last = await tx.leader.findFirstOrThrow({ where: { planId, name: "管立松" } });
      await tx.task.update({ where: { id: taskIds.coReturned }, data: { leaderId: last.id } });
      const mine = (await listMyTasks(tx, construction))!;
      expect(mine.plans[0].open[0].items.map((item) => [item.task.sourceLine, item.task.leader?.name])).toEqual([
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
    const units = (key: TaskKey) => mine.plans[0].tasks.find((task) => task.id === taskIds[key])!.units;
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

  it("carry the unit's own report of each quarter, what needs doing first: returned, then not yet submitted, then filed", async () => {
    await rolledBack(prisma, async (tx) => {
      await fileReports(tx);
      // The seed holds 建设局's report of the first quarter on this task, none of the second.
      expect(await tx.progressReport.count({ where: { taskId: taskIds.leadUnfiled, unitId: construction.unitId!, periodId: q1PeriodId } })).toBe(1);
      const mine = (await listMyTasks(tx, construction))!;
      const report = (key: TaskKey) => itemOn(mine, periodId, key).report;
      expect(report("leadApproved")).toMatchObject({ state: "approved", late: false, returnNote: null });
      expect(report("leadSubmitted")).toMatchObject({ state: "submitted", late: false, returnNote: null });
      expect(report("leadDraft")).toMatchObject({ state: "draft", late: false, returnNote: null });
      expect(report("coLate")).toMatchObject({ state: "submitted", late: true });
      expect(report("coReturned")).toMatchObject({ state: "returned", returnNote: RETURN_COMMENT });
      // Another unit's report on a shared task is not the unit's; last quarter's report is not this quarter's.
      expect(report("coFiledByOther")).toBeNull();
      expect(report("leadUnfiled")).toBeNull();
      expect(mine.plans[0].tasks.some((task) => task.id === taskIds.otherPublished)).toBe(false);

      const { items, counts } = quarterOf(mine, periodId);
      expect(items.map((item) => item.need)).toEqual(["returned", ...Array<string>(5).fill("to_file"), "filed", "filed", "filed"]);
      expect(items[0].task.id).toBe(taskIds.coReturned);
      // Within each need, the document's order.
      const lines = (need: string) => items.filter((item) => item.need === need).map((item) => item.task.sourceLine!);
      for (const need of ["to_file", "filed"]) expect(lines(need)).toEqual([...lines(need)].sort((a, b) => a - b));
      expect(counts).toEqual({ returned: 1, to_file: 5, filed: 3 });
    });
  });

  it("hold every open quarter of every plan, the one due first first, each saying whether it is past its deadline", async () => {
    await rolledBack(prisma, async (tx) => {
      const q3 = await openQ3(tx);
      const older = await tx.reportingPeriod.create({ data: { planId: plan2024Id, quarter: 4, opensAt: cst("2024-12-01T00:00:00"), dueAt: cst("2025-01-16T00:00:00") } });
      const mine = (await listMyTasks(tx, construction, cst("2025-07-20T09:00:00")))!;
      // 2024's fourth quarter came due first; then 2025's second (overdue on 20 July) before its third;
      // 004's plan (建设局 is in its clauses) has no quarter and comes last.
      expect(mine.plans.map((entry) => entry.plan.id)).toEqual([plan2024Id, planId, policyPlanId]);
      expect(planOf(mine, plan2024Id).open.map((quarter) => [quarter.period.id, quarter.overdue])).toEqual([[older.id, true]]);
      expect(planOf(mine, planId).open.map((quarter) => [quarter.period.id, quarter.overdue])).toEqual([
        [periodId, true],
        [q3.id, false],
      ]);
      // Each quarter lists all the unit's tasks of its plan.
      expect(quarterOf(mine, q3.id).items).toHaveLength(DOCUMENT.length);
      const linked2024 = await tx.taskUnit.findMany({ where: { unitId: construction.unitId!, task: { planId: plan2024Id, children: { none: {} } } }, select: { taskId: true } });
      expect(quarterOf(mine, older.id).items.map((item) => item.task.id).sort()).toEqual(linked2024.map((link) => link.taskId).sort());
    });
  });

  it("keep a report returned in an earlier open quarter in front, with its note, until it is submitted again", async () => {
    await rolledBack(prisma, async (tx) => {
      const ids = await fileReports(tx);
      const q3 = await openQ3(tx);
      // The unit has moved on to the third quarter: its report there is filed.
      await saveReport(tx, construction, reportInputSchema.parse({ taskId: String(taskIds.coReturned), periodId: String(q3.id), version: "0", narrative: `Q3 ${tag}`, qualitativeStatus: "in_progress", actuals: {}, intent: "submit" }), cst("2025-09-20T09:00:00"));
      let mine = (await listMyTasks(tx, construction, cst("2025-09-21T09:00:00")))!;
      expect(itemOn(mine, periodId, "coReturned")).toMatchObject({ need: "returned", report: { state: "returned", returnNote: RETURN_COMMENT } });
      expect(itemOn(mine, q3.id, "coReturned")).toMatchObject({ need: "filed", report: { state: "submitted", returnNote: null } });
      expect(quarterOf(mine, periodId).items[0].task.id).toBe(taskIds.coReturned);

      // Reworking it keeps the note (a draft again); submitting it again takes the note off everywhere.
      const returned = await tx.progressReport.findUniqueOrThrow({ where: { id: ids.coReturned } });
      const rework = (intent: "save" | "submit", version: number) =>
        saveReport(tx, construction, reportInputSchema.parse({ taskId: String(taskIds.coReturned), periodId: String(periodId), version: String(version), narrative: `补充 ${tag}`, qualitativeStatus: "in_progress", actuals: {}, intent }), cst("2025-09-21T10:00:00"));
      const saved = await rework("save", returned.version);
      expect(saved.ok).toBe(true);
      mine = (await listMyTasks(tx, construction, cst("2025-09-21T11:00:00")))!;
      expect(itemOn(mine, periodId, "coReturned")).toMatchObject({ need: "returned", report: { state: "draft", returnNote: RETURN_COMMENT } });
      const resubmitted = await rework("submit", returned.version + 1);
      expect(resubmitted).toMatchObject({ ok: true, state: "submitted", late: true });
      mine = (await listMyTasks(tx, construction, cst("2025-09-21T11:00:00")))!;
      expect(itemOn(mine, periodId, "coReturned")).toMatchObject({ need: "filed", report: { state: "submitted", returnNote: null } });
      expect(await tx.progressReport.findUniqueOrThrow({ where: { id: ids.coReturned } })).toMatchObject({ reviewComment: null, reviewedById: null, reviewedAt: null });
    });
  });

  it("say so when the plan has no open quarter rather than switching to another plan's", async () => {
    await rolledBack(prisma, async (tx) => {
      // The 2025 key-task plan is to be 建设局's newest: take it off 004's clauses (rolled back).
      await tx.taskUnit.deleteMany({ where: { unitId: construction.unitId!, task: { planId: policyPlanId } } });
      const older = await tx.reportingPeriod.create({ data: { planId: plan2024Id, quarter: 4, opensAt: cst("2024-12-01T00:00:00"), dueAt: cst("2025-01-16T00:00:00") } });
      await tx.reportingPeriod.update({ where: { id: periodId }, data: { closed: true } });
      const mine = (await listMyTasks(tx, construction))!;
      // The 2024 plan's open quarter is there; the newest plan is too, with its latest quarter, closed.
      expect(mine.plans.map((entry) => entry.plan.id)).toEqual([plan2024Id, planId]);
      expect(planOf(mine, plan2024Id).open.map((quarter) => quarter.period.id)).toEqual([older.id]);
      const newest = planOf(mine, planId);
      expect(newest.open).toEqual([]);
      expect(newest.latest?.period).toMatchObject({ id: periodId, quarter: 2, closed: true });
      expect(newest.latest?.items).toHaveLength(DOCUMENT.length);

      await tx.reportingPeriod.update({ where: { id: older.id }, data: { closed: true } });
      const noneOpen = (await listMyTasks(tx, construction))!;
      expect(noneOpen.plans.map((entry) => [entry.plan.id, entry.open.length, entry.latest?.period.id])).toEqual([[planId, 0, periodId]]);
    });
  });

  it("cut the reports to the unit's own, by the visibility rule in the query", async () => {
    await rolledBack(prisma, async (tx) => {
      await fileReports(tx);
      // 综合执法局 filed on a task it shares with 建设局; 建设局 leads none of it, and it is not 建设局's report.
      const mine = (await listMyTasks(tx, enforcement))!;
      expect(itemOn(mine, periodId, "coFiledByOther").report).toMatchObject({ state: "submitted" });
      const theirs = (await listMyTasks(tx, construction))!;
      const seen = quarterOf(theirs, periodId).items.flatMap((item) => (item.report ? [item.report.id] : []));
      const own = await tx.progressReport.findMany({ where: { periodId, unitId: construction.unitId! }, select: { id: true } });
      expect(seen.sort()).toEqual(own.map((row) => row.id).sort());
    });
  });

  it("are nothing for a unit without tasks", async () => {
    await rolledBack(prisma, async (tx) => {
      const unit = await tx.unit.create({ data: { government: "平湖市", name: `新设单位-${tag}` } });
      const actor: Actor = { ...construction, unitId: unit.id };
      expect(await listMyTasks(tx, actor)).toEqual({ unitName: `新设单位-${tag}`, plans: [] });
    });
  });

  it("are null for the office, leaders and staff without a unit", async () => {
    // An office or leader account that still carries a unit is not that unit's staff.
    const withUnit = (actor: Actor): Actor => ({ ...actor, unitId: construction.unitId });
    for (const actor of [office, leader, staffWithoutUnit, withUnit(office), withUnit(leader)]) expect(await listMyTasks(prisma, actor)).toBeNull();
  });
});
