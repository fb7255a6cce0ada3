import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOverview, type Overview } from "@/lib/dashboard/overview";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { loadQuarterlyTable, type QuarterlyTable } from "@/lib/quarterly/table";
import { remindUnit } from "@/lib/reports/remind";
import { getTaskDetail } from "@/lib/tasks/queries";
import { seedDocuments } from "@/scripts/seed";
import { rolledBack } from "../setup/rolled-back";

/**
 * 已填报,缺少数据 on the seeded Q1 2025 table of Pinghu (000): every task there has its lead
 * unit's published progress, but for 22 tasks with targets the text gives no figure the import
 * could take (张斌 6: its narrative gives the projects in store but no total against "800亿元以上"). The
 * dashboard, the task page, 催报 and the quarterly table must say the same of each. Reads Q1 only;
 * what is changed is rolled back (other files share the database).
 */
let prisma: PrismaClient;
let planId: number;
let periodId: number;
let overview: Overview;
let table: QuarterlyTable;
let office: Actor;

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  const plan = await prisma.plan.findFirstOrThrow({ where: { government: "平湖市", year: 2025, kind: "key_tasks", periods: { some: { quarter: 1 } } } });
  planId = plan.id;
  periodId = (await prisma.reportingPeriod.findUniqueOrThrow({ where: { planId_quarter: { planId, quarter: 1 } } })).id;
  const user = await prisma.user.upsert({
    where: { username: "missing-figures-office" },
    create: { username: "missing-figures-office", displayName: "市府办", role: "office" },
    update: {},
  });
  office = { id: user.id, role: "office", unitId: null, leaderName: null, displayName: user.displayName };
  overview = (await loadOverview(prisma, office, { planId, quarter: 1 }))!;
  table = (await loadQuarterlyTable(prisma, office, planId, 1))!;
});

afterAll(async () => {
  await prisma.$disconnect();
});

const projects = () => overview.tasks.find((task) => task.leaderName === "张斌" && task.number === "6")!;

describe("a lead report published without a figure", () => {
  it("is 已填报,缺少数据 on the dashboard, not 未填报: every Q1 task has its lead unit's report", () => {
    expect(overview.statusCounts.not_filed).toBe(0);
    // 27: 22 without any figure, and 5 whose only figure is an estimate (预计, 金一 1, 3, 44, 45, 47;
    // 金一 41 lacked its other figure already).
    expect(overview.statusCounts.missing_figure).toBe(27);
    expect(overview.tasks.filter((task) => task.status === "missing_figure").every((task) => task.filed)).toBe(true);
    expect(projects()).toMatchObject({ status: "missing_figure", reason: "未填数据,目标≥800亿元", filed: true });
    // A lag measured on another target outranks it: 张斌 24 stays 慢于序时.
    expect(overview.tasks.find((task) => task.text.startsWith("改善农民住房2000户以上"))!.status).toBe("behind");
  });

  it("is the task page's status for the quarter, with the same reason", async () => {
    const detail = (await getTaskDetail(prisma, office, projects().id))!;
    const q1 = detail.progress.find((entry) => entry.quarter === 1)!;
    expect(q1.progress).toMatchObject({ status: "missing_figure", reason: projects().reason });
    // Its other target (储备项目130个) has a figure and is ahead; the task is as far as its worst.
    expect(q1.progress.targets.map((target) => target.status)).toEqual(["ahead", "missing_figure"]);
  });

  it("lists the lead unit in 催报 as having filed without the figure, apart from the reports it has not filed", () => {
    const ndrc = overview.lagging.find((entry) => entry.name === "发改局")!;
    expect(ndrc.missingFigures).toContainEqual({ taskId: projects().id, number: "6", leaderName: "张斌", targets: ["≥800亿元"] });
    expect(ndrc.missingTaskIds).not.toContain(projects().id);
    // Only lead units are asked for the figure, and only for tasks they filed.
    for (const entry of overview.lagging) {
      for (const { taskId } of entry.missingFigures) {
        const task = overview.tasks.find((t) => t.id === taskId)!;
        expect(task.leadUnitIds, `${entry.name} ${task.number}`).toContain(entry.unitId);
        expect(entry.missingTaskIds).not.toContain(taskId);
      }
    }
  });

  it("flags the same tasks and targets in the office's quarterly table, and none in the public's", async () => {
    const flagged = new Map(table.rows.filter((row) => row.missingFigures.length > 0).map((row) => [row.taskId, row.missingFigures]));
    const chased = new Map(overview.lagging.flatMap((entry) => entry.missingFigures.map((task) => [task.taskId, task.targets] as const)));
    expect(flagged).toEqual(chased);
    for (const task of overview.tasks.filter((t) => t.status === "missing_figure")) expect(flagged.has(task.id), task.number).toBe(true);
    expect(flagged.get(projects().id)).toEqual(["≥800亿元"]);
    const publicTable = (await loadQuarterlyTable(prisma, null, planId, 1))!;
    expect(publicTable.rows.every((row) => row.missingFigures.length === 0)).toBe(true);
  });

  it("is what 催报 reminds each unit of: its unfiled reports and the figures its filed lead reports lack", async () => {
    await rolledBack(prisma, async (tx) => {
      for (const entry of overview.lagging) {
        const result = await remindUnit(tx, office, { periodId, unitId: entry.unitId, note: "请补报" });
        const expected = [...entry.missingTaskIds, ...entry.missingFigures.map((task) => task.taskId)];
        if (expected.length === 0) {
          expect(result.ok, entry.name).toBe(false);
          continue;
        }
        expect(result, entry.name).toMatchObject({ ok: true, tasks: expected.length, missingFigures: entry.missingFigures.length });
        const events = await tx.auditEvent.findMany({
          where: { action: "report.remind", actorId: office.id, entityId: String(periodId), after: { path: ["unitId"], equals: entry.unitId } },
        });
        const byId = (a: number | null, b: number | null) => (a ?? 0) - (b ?? 0);
        expect(events.map((event) => event.taskId).sort(byId), entry.name).toEqual(expected.sort(byId));
      }
      const note = await tx.auditEvent.findFirstOrThrow({ where: { action: "report.remind", actorId: office.id, taskId: projects().id } });
      expect(note.after).toMatchObject({ note: "已填报,缺少数据:≥800亿元。请补报" });
    });
  });
});
