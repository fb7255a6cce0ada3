import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { defaultPeriodSchedule } from "@/lib/periods/quarters";
import { loadScorecard, type Scorecard } from "@/lib/scorecard/load";
import type { ScoreRow } from "@/lib/scorecard/score";
import { seedDocuments } from "@/scripts/seed";

let prisma: PrismaClient;

const office: Actor = { id: -1, role: "office", unitId: null, leaderName: null, displayName: "市府办" };
const leader = (name: string): Actor => ({ id: -2, role: "leader", unitId: null, leaderName: name, displayName: name });
const staff = (unitId: number): Actor => ({ id: -3, role: "unit_staff", unitId, leaderName: null, displayName: "填报员" });

const rowOf = (scorecard: Scorecard, name: string): ScoreRow | undefined => scorecard.rows.find((row) => row.name === name);
const zero = { late: 0, returned: 0, pending: 0 };

beforeAll(async () => {
  prisma = createPrismaClient();
});

afterAll(async () => {
  await prisma.$disconnect();
});

/**
 * The seeded 2025 Pinghu table (seeds/000, imported as Q1 with every progress cell a published
 * report, submitted on the due date, hence on time). Other test files change Q2 of this plan, so
 * this reads Q1 only. The expected figures are counted by hand from seeds/000, row by row:
 *
 * 财政局 is listed on two rows, leading both:
 *   周军波 1 "一般公共预算收入增长2.5%" (★财政局、税务局): progress "同比增长1.9%" — filed; a growth
 *     of 1.9 % against ≥ 2.5 % is 慢于序时.
 *   周军波 4 "坚持政府过紧日子…" (财政局, alone, so lead): filed; no numeric target, so under way.
 *   → 应报 2, 其中牵头 2, 按时 2, 慢于序时 1, 缺少数据 0.
 * 税务局 is listed once, as the co-unit of 周军波 1; the progress cell has no "税务局:" part (all
 *   of it is the lead unit's text): → 应报 1, 牵头 0, 未报 1 (Q1 was due 15 April 2025).
 * 水利局 is listed on three rows:
 *   张斌 9 "…腾出水域指标100亩" (alone, lead): filed, "1-3月份全市腾出水域指标5.55亩": 5.55 % of
 *     the year's 100 亩 after a quarter (序时 25 %) is 慢于序时.
 *   张斌 20 "统筹抓好河湖长制" (alone, lead): filed, no numeric target.
 *   金一 8 (★发改局 and fourteen co-units, 水利局 among them): the cell is 发改局's text only.
 *   → 应报 3, 牵头 2, 按时 2, 未报 1, 慢于序时 1.
 * 金融发展中心 is listed on four rows, leading all four:
 *   金一 11 (★金融发展中心、金投人才集团): its own "金融发展中心:…" part; no numeric target.
 *   金一 13 "全年新增各项贷款200亿元以上" (alone): "新增各项贷款119.32亿元", 60 % of the year: ahead.
 *   金一 30 (★金融发展中心、科技局、市场监管局): the cell is its text; no numeric target.
 *   金一 54 "…新增上市、新三板挂牌企业4家" (alone): "新增…4家": done.
 *   → 应报 4, 牵头 4, 按时 4, nothing behind, no figure missing.
 * (发改局's part of the 金一 11 cell is a report of a unit not listed on that task: it is owed
 * nothing there and earns nothing by it.)
 */
describe("the seeded Q1 2025 scorecard, counted by hand", () => {
  let planId: number;
  const asOf = new Date("2025-05-01T00:00:00+08:00");
  let scorecard: Scorecard;

  beforeAll(async () => {
    await seedDocuments(prisma);
    const plan = await prisma.plan.findFirstOrThrow({ where: { government: "平湖市", year: 2025, kind: "key_tasks", periods: { some: { quarter: 1 } } } });
    planId = plan.id;
    scorecard = (await loadScorecard(prisma, office, { planId, scope: 1, now: asOf }))!;
  });

  it("gives each unit the reports it owed, how they stood, and its tasks behind", () => {
    expect(rowOf(scorecard, "财政局")).toMatchObject({ due: 2, dueAsLead: 2, onTime: 2, missing: 0, ...zero, behind: 1, missingFigures: 0, onTimeRate: 1 });
    expect(rowOf(scorecard, "税务局")).toMatchObject({ due: 1, dueAsLead: 0, onTime: 0, missing: 1, ...zero, behind: 0, missingFigures: 0, onTimeRate: 0 });
    expect(rowOf(scorecard, "水利局")).toMatchObject({ due: 3, dueAsLead: 2, onTime: 2, missing: 1, ...zero, behind: 1, missingFigures: 0, onTimeRate: 2 / 3 });
    expect(rowOf(scorecard, "金融发展中心")).toMatchObject({ due: 4, dueAsLead: 4, onTime: 4, missing: 0, ...zero, behind: 0, missingFigures: 0, onTimeRate: 1 });
  });

  it("ranks them: all on time and nothing behind, then all on time with a task behind, then two of three, then none", () => {
    const order = ["金融发展中心", "财政局", "水利局", "税务局"].map((name) => scorecard.rows.indexOf(rowOf(scorecard, name)!));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("leaves the groups (各镇街道, 市政府各部门 …) out: they do not file as one body", () => {
    for (const group of ["各镇街道", "市政府各部门", "市属各单位"]) expect(rowOf(scorecard, group), group).toBeUndefined();
  });

  it("shows a leader the units of the tasks in their charge, counted on those tasks", async () => {
    const zhang = (await loadScorecard(prisma, leader("张斌"), { planId, scope: 1, now: asOf }))!;
    // 水利局's rows 张斌 9 and 20 are his; 金一 8 is not.
    expect(rowOf(zhang, "水利局")).toMatchObject({ due: 2, dueAsLead: 2, onTime: 2, missing: 0, behind: 1 });
    // 财政局 (周军波's tasks) and 金融发展中心 (金一's) have no task of his.
    expect(rowOf(zhang, "财政局")).toBeUndefined();
    expect(rowOf(zhang, "金融发展中心")).toBeUndefined();
  });

  it("shows unit staff their own unit's row only", async () => {
    const unit = await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: "水利局" } } });
    const own = (await loadScorecard(prisma, staff(unit.id), { planId, scope: 1, now: asOf }))!;
    expect(own.rows).toHaveLength(1);
    expect(own.rows[0]).toMatchObject({ name: "水利局", due: 3, onTime: 2, missing: 1, behind: 1 });
  });
});

/**
 * A plan made here, with every standing: two units, a group, three tasks under two leaders, two
 * quarters. Q1 (due 16 April) is past on 1 July; Q2 (due 16 July) is not.
 */
describe("a plan with late, returned, pending and unlisted reports", () => {
  const tag = randomUUID().slice(0, 8);
  const government = `考核测试${tag}`;
  const july = new Date("2025-07-01T00:00:00+08:00");
  let planId: number;
  let a: number;
  let b: number;

  beforeAll(async () => {
    const [unitA, unitB, group] = await Promise.all([
      prisma.unit.create({ data: { government, name: "甲局" } }),
      prisma.unit.create({ data: { government, name: "乙局" } }),
      prisma.unit.create({ data: { government, name: "各镇街道", kind: "group" } }),
    ]);
    a = unitA.id;
    b = unitB.id;
    const plan = await prisma.plan.create({
      data: {
        year: 2025,
        government,
        title: "重点工作",
        kind: "key_tasks",
        leadConvention: "star",
        sourceFile: "test.txt",
        leaders: { create: [{ name: "李" }, { name: "王" }] },
        periods: { create: [1, 2].map((quarter) => ({ quarter, ...defaultPeriodSchedule(2025, quarter as 1 | 2) })) },
      },
      include: { leaders: true, periods: true },
    });
    planId = plan.id;
    const leaderId = (name: string) => plan.leaders.find((l) => l.name === name)!.id;
    const [q1, q2] = [1, 2].map((quarter) => plan.periods.find((p) => p.quarter === quarter)!.id);
    const task = (number: string, leader: string, units: Array<[number, boolean]>, target?: number) =>
      prisma.task.create({
        data: {
          planId,
          leaderId: leaderId(leader),
          numberScope: leader,
          number,
          kind: "key",
          text: `任务${number}`,
          units: { create: units.map(([unitId, isLead], position) => ({ unitId, isLead, position })) },
          targets: target === undefined ? undefined : { create: [{ position: 0, kind: "quantity", comparator: "gte", value: target, unit: "个", originalText: `${target}个` }] },
        },
        include: { targets: true },
      });
    // 李 1: 甲 leads, 乙 shares, target 100个. 李 2: 甲 leads with a group, no target. 王 1: 乙 leads, target 10个.
    const t1 = await task("1", "李", [[a, true], [b, false]], 100);
    const t2 = await task("2", "李", [[a, true], [group.id, false]]);
    const t3 = await task("1", "王", [[b, true]], 10);
    const file = (taskId: number, unitId: number, periodId: number, state: "draft" | "submitted" | "returned" | "approved" | "published", late = false, actual?: { targetId: number; value: number }) =>
      prisma.progressReport.create({
        data: { taskId, unitId, periodId, state, late, submittedAt: state === "draft" ? null : july, actuals: actual ? { create: [actual] } : undefined },
      });
    await Promise.all([
      // Q1: 甲 on time on 李 1 with 10 of 100 (behind: 10 % against 25 %), its 李 2 returned;
      // 乙 late on 李 1 as co-unit, on time on 王 1 without a figure; 甲 also wrote on 王 1, where it is not listed.
      file(t1.id, a, q1, "published", false, { targetId: t1.targets[0].id, value: 10 }),
      file(t2.id, a, q1, "returned"),
      file(t1.id, b, q1, "submitted", true),
      file(t3.id, b, q1, "approved"),
      file(t3.id, a, q1, "submitted"),
      // Q2: 甲's 李 1 a draft; 乙's 王 1 on time with 9 of 10 (ahead of 50 %).
      file(t1.id, a, q2, "draft"),
      file(t3.id, b, q2, "submitted", false, { targetId: t3.targets[0].id, value: 9 }),
    ]);
  });

  it("counts a quarter past its due date: on time, late, returned; the group and the unlisted report count for nobody", async () => {
    const q1 = (await loadScorecard(prisma, office, { planId, scope: 1, now: july }))!;
    expect(q1.rows.map((row) => row.name)).toEqual(["甲局", "乙局"]);
    // 甲: 李 1 on time, 李 2 returned (not filed, so the task is 未填报, not behind); 王 1 is not its task.
    expect(rowOf(q1, "甲局")).toMatchObject({ due: 2, dueAsLead: 2, onTime: 1, late: 0, returned: 1, missing: 0, pending: 0, behind: 1, missingFigures: 0, onTimeRate: 0.5, rank: 1 });
    // 乙: 李 1 late (co-unit: its figure is not the task's), 王 1 on time without a figure.
    expect(rowOf(q1, "乙局")).toMatchObject({ due: 2, dueAsLead: 1, onTime: 1, late: 1, returned: 0, missing: 0, pending: 0, behind: 0, missingFigures: 1, onTimeRate: 0.5, rank: 2 });
  });

  it("counts a quarter before its due date as pending, and after it as missing", async () => {
    const q2 = (await loadScorecard(prisma, office, { planId, scope: 2, now: july }))!;
    expect(rowOf(q2, "甲局")).toMatchObject({ due: 2, onTime: 0, pending: 2, missing: 0, behind: 0, onTimeRate: null, rank: 2 });
    expect(rowOf(q2, "乙局")).toMatchObject({ due: 2, onTime: 1, pending: 1, missing: 0, behind: 0, onTimeRate: 1, rank: 1 });
    const august = (await loadScorecard(prisma, office, { planId, scope: 2, now: new Date("2025-08-01T00:00:00+08:00") }))!;
    expect(rowOf(august, "甲局")).toMatchObject({ pending: 0, missing: 2, onTimeRate: 0 });
  });

  it("adds the quarters up for the year", async () => {
    const year = (await loadScorecard(prisma, office, { planId, scope: "year", now: july }))!;
    expect(year.periods.map((period) => period.quarter)).toEqual([1, 2]);
    expect(rowOf(year, "甲局")).toMatchObject({ due: 4, onTime: 1, returned: 1, pending: 2, behind: 1, onTimeRate: 0.5 });
    expect(rowOf(year, "乙局")).toMatchObject({ due: 4, onTime: 2, late: 1, pending: 1, missingFigures: 1, onTimeRate: 2 / 3 });
  });

  it("counts for a leader what the leader may read: a returned report is not theirs to see, so it is missing", async () => {
    const li = (await loadScorecard(prisma, leader("李"), { planId, scope: 1, now: july }))!;
    expect(rowOf(li, "甲局")).toMatchObject({ due: 2, onTime: 1, returned: 0, missing: 1 });
    expect(rowOf(li, "乙局")).toMatchObject({ due: 1, late: 1, dueAsLead: 0 });
    const wang = (await loadScorecard(prisma, leader("王"), { planId, scope: 1, now: july }))!;
    expect(wang.rows.map((row) => row.name)).toEqual(["乙局"]);
  });

  it("shows each unit's staff their own row, as the office counts it", async () => {
    const own = (await loadScorecard(prisma, staff(a), { planId, scope: 1, now: july }))!;
    expect(own.rows).toEqual([expect.objectContaining({ name: "甲局", due: 2, onTime: 1, returned: 1, behind: 1 })]);
    const other = (await loadScorecard(prisma, staff(b), { planId, scope: 1, now: july }))!;
    expect(other.rows).toEqual([expect.objectContaining({ name: "乙局", due: 2, onTime: 1, late: 1, missingFigures: 1 })]);
  });
});
