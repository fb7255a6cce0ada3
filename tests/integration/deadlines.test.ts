import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOverview } from "@/lib/dashboard/overview";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseDocument, type ParseResult } from "@/lib/import";
import { persistImport } from "@/lib/import/persist";
import { defaultPeriodSchedule, type Quarter } from "@/lib/periods/quarters";
import type { Actor } from "@/lib/permissions";
import { loadPublicPlanPage } from "@/lib/public/portal";
import { loadPublicQuarter } from "@/lib/public/read";
import { getTaskDetail } from "@/lib/tasks/queries";
import { NOTICE } from "../fixtures/layout-samples";

/**
 * A numbered notice whose items state 完成时限 (item 9 "完成时限:2025年9月" as the sample has it; item 4
 * given "6月底前" and item 3 "尽快" here): the deadlines are stored, and 序时进度 runs to them on the
 * dashboard, the task page, the published quarter and the portal. Another city than the layouts
 * test's, so that the two files' imports of the sample do not meet in the shared database.
 */
let prisma: PrismaClient;
const office: Actor = { id: -1, role: "office", unitId: null, leaderName: null, displayName: "市府办" };

const lines = NOTICE.lines
  .flatMap((line) =>
    line.startsWith("牵头单位:市发展改革委 配合") ? [line, "完成时限:6月底前"] : line.startsWith("责任单位:市人力社保局") ? [line, "完成时限:尽快"] : [line],
  )
  .map((line) => line.replace(/温州市/g, "台州市"));
const parse = (): ParseResult => parseDocument("台州市2025年重点工作任务分解.docx", lines.join("\n"), undefined, "first_listed");

beforeAll(() => {
  prisma = createPrismaClient();
});
afterAll(async () => {
  await prisma?.$disconnect();
});

describe("完成时限 of an imported notice", () => {
  let planId: number;

  it("is read in the preview, an unread one named", () => {
    const result = parse();
    expect(result.tasks.map((task) => [task.number, task.deadline ?? null, task.dueOn ?? null])).toEqual([
      ["1", null, null],
      ["2", null, null],
      ["3", "尽快", null],
      ["4", "6月底前", "2025-06-30"],
      ["5", null, null],
      ["6", null, null],
      ["7", null, null],
      ["8", null, null],
      ["9", "2025年9月", "2025-09-30"],
    ]);
    expect(result.warnings.map((warning) => warning.message)).toContain("第7行:完成时限“尽快”未能识别为日期,序时进度按年底计,请核对");
  });

  it("is stored with the date it is due by, and a second import changes nothing", async () => {
    const outcome = await persistImport(prisma, parse());
    planId = outcome.planId;
    expect(outcome.tasks.created).toBe(9);
    const tasks = await prisma.task.findMany({ where: { planId }, orderBy: { sourceLine: "asc" }, select: { number: true, deadlineText: true, dueOn: true } });
    expect(tasks.map((task) => [task.number, task.deadlineText, task.dueOn?.toISOString() ?? null])).toEqual([
      ["1", null, null],
      ["2", null, null],
      ["3", "尽快", null],
      ["4", "6月底前", "2025-06-30T00:00:00.000Z"],
      ["5", null, null],
      ["6", null, null],
      ["7", null, null],
      ["8", null, null],
      ["9", "2025年9月", "2025-09-30T00:00:00.000Z"],
    ]);
    const again = await persistImport(prisma, parse());
    expect(again.tasks).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 9 });
  });

  it("sets 序时进度: due in June is whole at Q2's end, due in September two thirds", async () => {
    const tasks = await prisma.task.findMany({
      where: { planId, number: { in: ["4", "9"] } },
      select: { id: true, number: true, targets: true, units: { where: { isLead: true }, select: { unitId: true } } },
    });
    const investment = tasks.find((task) => task.number === "4")!; // 1200亿元, due 30 June
    const places = tasks.find((task) => task.number === "9")!; // 5000个学位, due 30 September
    expect(investment.targets).toHaveLength(1);
    expect(places.targets).toHaveLength(1);

    const file = async (quarter: Quarter, task: typeof investment, share: number) => {
      const period = await prisma.reportingPeriod.upsert({
        where: { planId_quarter: { planId, quarter } },
        create: { planId, quarter, ...defaultPeriodSchedule(2025, quarter) },
        update: {},
      });
      const target = task.targets[0];
      await prisma.progressReport.create({
        data: {
          taskId: task.id,
          unitId: task.units[0].unitId,
          periodId: period.id,
          narrative: "进展",
          state: "published",
          submittedAt: new Date(),
          publishedAt: new Date(),
          actuals: { create: { targetId: target.id, value: target.value * share } },
        },
      });
    };
    // Half the investment by Q1 (on pace for June, ahead of the year's 25 %), three quarters by Q2
    // (short at its due date, though ahead of the year's 50 %); 60 % of the places by Q2 (behind the
    // two thirds due by then, ahead of the year's 50 %).
    await file(1, investment, 0.5);
    await file(2, investment, 0.75);
    await file(2, places, 0.6);

    const q1 = (await loadOverview(prisma, office, { planId, quarter: 1 }))!;
    const q2 = (await loadOverview(prisma, office, { planId, quarter: 2 }))!;
    const statusOf = (overview: typeof q1, number: string) => overview.tasks.find((task) => task.number === number);
    expect(statusOf(q1, "4")).toMatchObject({ status: "on_track" });
    expect(statusOf(q1, "4")!.reason).toContain("序时进度50%");
    expect(statusOf(q2, "4")).toMatchObject({ status: "behind" });
    expect(statusOf(q2, "4")!.reason).toContain("完成率75%,序时进度100%");
    expect(statusOf(q2, "9")).toMatchObject({ status: "behind" });
    expect(statusOf(q2, "9")!.reason).toContain("完成率60%,序时进度66.7%");

    // The task page: the same statuses, and the figure expected by each quarter.
    const detail = (await getTaskDetail(prisma, office, investment.id))!;
    expect(detail.progress.map(({ quarter, progress }) => [quarter, progress.status])).toEqual([
      [1, "on_track"],
      [2, "behind"],
    ]);
    expect(detail.figures.get(investment.targets[0].id)!.map((figure) => figure.expected)).toEqual([
      investment.targets[0].value / 2,
      investment.targets[0].value,
    ]);

    // The published quarter (open data) and the portal judge alike, and the portal shows the deadline.
    const published = (await loadPublicQuarter(prisma, planId, 2))!;
    expect(published.rows.find((row) => row.taskId === places.id)).toMatchObject({ status: "behind" });
    expect(published.rows.find((row) => row.taskId === investment.id)!.statusReason).toContain("序时进度100%");
    const page = (await loadPublicPlanPage(prisma, planId))!;
    const publicTask = page.tasks.find((task) => task.id === investment.id)!;
    expect(publicTask.deadline).toBe("6月底前(6月30日)");
    expect(publicTask.quarters.map((quarter) => quarter.status)).toEqual(["on_track", "behind"]);
    expect(publicTask.quarters[1].figures[0].expected).toBe(investment.targets[0].value);
    expect(page.tasks.find((task) => task.number === "3")!.deadline).toBe("尽快(序时进度按年底计)");
    expect(page.tasks.find((task) => task.number === "1")!.deadline).toBeNull();
  });
});
