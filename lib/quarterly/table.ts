import "server-only";
import { z } from "zod";
import { idField } from "@/lib/zod/form";
import { PLAN_FIELDS } from "@/lib/plans/queries";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { TaskKind, type LeadConvention } from "@/lib/generated/prisma/enums";
import { pageBounds } from "@/lib/pagination";
import { isQuarter, quarterLabels, type Quarter } from "@/lib/periods/quarters";
import { COUNTED_ACTUALS, evaluateTask, missingFigures, reportingRank } from "@/lib/reporting/figures";
import { describeTarget } from "@/lib/reporting/phrasing";
import { reportText } from "@/lib/quarterly/text";
import { compareDocumentOrder, leaderBlocks } from "@/lib/reporting/order";
import { reportsCountedFor, type Viewer } from "@/lib/reporting/visibility";

/**
 * The quarterly table in the layout of seeds/000 (分管市长 | 序号 | 主要工作任务 | 一季度重点工作完成情况 |
 * 责任单位): one row per key task, grouped by the vice-mayor in charge, numbered per leader.
 *
 * Livelihood projects (民生实事) are left out on purpose: the compiled table the office
 * exchanges holds key tasks only, and livelihood items have their own two-level numbering
 * (project → sub-item) that does not fit the leader grouping.
 */

/** Route and page parameters: /plans/[planId]/table/[quarter]. */
export const quarterlyTableParams = z.object({
  planId: idField("计划"),
  quarter: z.coerce
    .number()
    .int()
    .min(1)
    .max(4)
    .transform((value) => value as Quarter),
});

export interface QuarterlyRow {
  taskId: number;
  /** The vice-mayor in charge; null for tasks without one (listed last). */
  leader: string | null;
  /**
   * How many rows the leader cell spans: the block's size on the first row of a leader's block,
   * 0 below it; 1 on every row without a leader (empty cells are not merged). The page and the
   * xlsx both draw the leader cells from this. On a page of the table (`QuarterlyPage`), a block
   * cut by the page's edge spans the rows it has on the page, and its first row there names the
   * leader again, as a printed table does at the top of a sheet.
   */
  leaderRowSpan: number;
  /** 序号: 1..n within the leader's list, in table order. */
  number: number;
  text: string;
  /** Readable, filed narratives; lead unit first; "单位名:" prefixes when several units report. */
  progress: string;
  /** "★发改局、金融发展中心" (star convention) or "发改局、金融发展中心" (first listed). */
  units: string;
  /**
   * The targets a lead unit filed without a figure ("≥800亿元"; 已填报,缺少数据, by the
   * dashboard's rule, lib/reporting/figures.ts missingFigures), for whoever compiles the table to
   * chase; the page marks them on screen and the xlsx as a note on the progress cell, neither
   * in the printed text. Empty for the public: their table is the published document.
   */
  missingFigures: string[];
}

export interface QuarterlyTable {
  plan: { id: number; year: number; government: string; title: string; leadConvention: LeadConvention };
  quarter: Quarter;
  /** "2025年政府工作报告重点工作一季度完成情况" */
  title: string;
  /** The five column headings, the fourth naming the quarter as 000 does. */
  columns: [string, string, string, string, string];
  rows: QuarterlyRow[];
  /** Quarters of the plan that have a reporting period, ascending (for switching tables). */
  quarters: Quarter[];
  /** Where `rows` are in the whole table; absent when `rows` is the whole table. */
  pagination?: QuarterlyPage;
}

/** One page of the table: rows `from`..`to` (1-based, table order) of `total`. */
export interface QuarterlyPage {
  page: number;
  pageCount: number;
  total: number;
  from: number;
  to: number;
  /** Each leader of the table and the page their list starts on, in table order. */
  leaders: Array<{ name: string; page: number }>;
}

/**
 * Rows per page of the table on screen. A city's notice has 100–250 key tasks, so its table is
 * one page, printed whole as before; a plan of thousands is read a page at a time (the xlsx, and
 * the page's "全表" view, hold everything).
 */
export const QUARTERLY_PAGE_SIZE = 200;

/** Between the narratives of several units in one progress cell. */
export const PROGRESS_SEPARATOR = "\n";

export function quarterlyTitle(year: number, quarter: Quarter): string {
  return `${year}年政府工作报告重点工作${quarterLabels[quarter]}完成情况`;
}

export function quarterlyColumns(quarter: Quarter): QuarterlyTable["columns"] {
  return ["分管市长", "序号", "主要工作任务", `${quarterLabels[quarter]}重点工作完成情况`, "责任单位"];
}

/**
 * The units column as the document writes it. Under the star convention a unit that leads is
 * starred, except where every listed unit leads (a single unit, or several with none starred:
 * the convention's own rule), which the document writes without stars.
 */
export function formatUnits(units: ReadonlyArray<{ name: string; isLead: boolean }>, convention: LeadConvention): string {
  const starred = convention === "star" && units.some((unit) => !unit.isLead);
  return units.map((unit) => `${starred && unit.isLead ? "★" : ""}${unit.name}`).join("、");
}

/**
 * The progress cell: the narratives in the given order; with more than one, each starts with
 * "单位名:" as in the source document (unless the unit already wrote it so).
 */
export function formatProgress(narratives: ReadonlyArray<{ unit: string; narrative: string }>): string {
  const shown = narratives.map((entry) => ({ ...entry, narrative: entry.narrative.trim() })).filter((entry) => entry.narrative);
  if (shown.length <= 1) return shown[0]?.narrative ?? "";
  return shown
    .map(({ unit, narrative }) => (narrative.startsWith(`${unit}:`) || narrative.startsWith(`${unit}:`) ? narrative : `${unit}:${narrative}`))
    .join(PROGRESS_SEPARATOR);
}

/** A plan with its quarters, and the period of one of them; null when either does not exist. */
export async function findPlanQuarter(prisma: PrismaClient, planId: number, quarter: Quarter) {
  const plan = await prisma.plan.findUnique({
    where: { id: planId },
    select: { ...PLAN_FIELDS, leadConvention: true, periods: { select: { id: true, quarter: true }, orderBy: { quarter: "asc" } } },
  });
  const period = plan?.periods.find((p) => p.quarter === quarter);
  return plan && period ? { plan, period } : null;
}

/**
 * The table of a plan's period as the viewer may read it; null when the plan or the period does
 * not exist. The progress column holds the reports that count for the viewer (filed and readable,
 * lib/reporting), never a draft or a returned report; every key task of the plan has its row,
 * since the plan itself is a public document.
 *
 * With `page`, only that page's rows (`pageSize`, default QUARTERLY_PAGE_SIZE) and `pagination`:
 * the order and numbering come from a narrow read of every key task, the texts, units and
 * reports are read for the page's rows alone. Without, the whole table (the xlsx, printing).
 */
export async function loadQuarterlyTable(
  prisma: PrismaClient,
  viewer: Viewer,
  planId: number,
  quarter: Quarter,
  options: { page?: number; pageSize?: number } = {},
): Promise<QuarterlyTable | null> {
  const found = await findPlanQuarter(prisma, planId, quarter);
  if (!found) return null;
  const { plan, period } = found;

  // Table order, leaders and 序号 of every key task.
  const order = await prisma.task.findMany({
    where: { planId, kind: TaskKind.key },
    select: { id: true, leaderId: true, sourceLine: true, leader: { select: { name: true } } },
  });
  order.sort(compareDocumentOrder);
  const placed: Array<{ taskId: number; leader: string | null; number: number; blockStart: boolean }> = [];
  for (const block of leaderBlocks(order, (task) => task.leader?.name ?? null)) {
    const leader = block[0].leader?.name ?? null;
    // 序号 runs within each leader's list, as in the document.
    block.forEach((task, index) => placed.push({ taskId: task.id, leader, number: index + 1, blockStart: index === 0 }));
  }

  const paged = options.page !== undefined;
  const size = options.pageSize ?? QUARTERLY_PAGE_SIZE;
  const { start, end, ...bounds } = pageBounds(placed.length, options.page, paged ? size : Math.max(1, placed.length));
  const shown = placed.slice(start, end);

  const tasks = await prisma.task.findMany({
    where: paged ? { id: { in: shown.map((row) => row.taskId) } } : { planId, kind: TaskKind.key },
    select: {
      id: true,
      text: true,
      dueOn: true,
      units: { orderBy: { position: "asc" }, select: { unitId: true, isLead: true, unit: { select: { name: true } } } },
      targets: { orderBy: { position: "asc" }, select: { id: true, kind: true, comparator: true, value: true, unit: true } },
      reports: {
        where: { AND: [{ periodId: period.id }, reportsCountedFor(viewer)] },
        orderBy: { id: "asc" },
        select: {
          unitId: true,
          narrative: true,
          problems: true,
          nextSteps: true,
          state: true,
          qualitativeStatus: true,
          unit: { select: { name: true } },
          actuals: COUNTED_ACTUALS,
        },
      },
    },
  });
  const byId = new Map(tasks.map((task) => [task.id, task]));

  const rows: QuarterlyRow[] = [];
  // The leader blocks as far as they are on this page.
  for (const block of leaderBlocks(shown, (row) => row.leader)) {
    block.forEach(({ taskId, leader, number }, index) => {
      const task = byId.get(taskId)!;
      const rank = reportingRank(task.units);
      const reports = task.reports
        .map((report, order) => ({ report, order }))
        .sort((a, b) => rank(a.report.unitId) - rank(b.report.unitId) || a.order - b.order)
        .map(({ report }) => ({ unit: report.unit.name, narrative: reportText(report) }));
      const evaluation =
        viewer === null
          ? null
          : evaluateTask(
              task,
              task.reports.map((report) => ({ ...report, actuals: Object.fromEntries(report.actuals.map((actual) => [actual.targetId, actual.value])) })),
              quarter,
            );
      const missing = evaluation && missingFigures(task, evaluation);
      rows.push({
        taskId,
        leader,
        leaderRowSpan: leader === null ? 1 : index === 0 ? block.length : 0,
        number,
        text: task.text,
        progress: formatProgress(reports),
        units: formatUnits(
          task.units.map((unit) => ({ name: unit.unit.name, isLead: unit.isLead })),
          plan.leadConvention,
        ),
        missingFigures: missing ? missing.targets.map((target) => describeTarget(target)) : [],
      });
    });
  }

  return {
    plan: { id: plan.id, year: plan.year, government: plan.government, title: plan.title, leadConvention: plan.leadConvention },
    quarter,
    title: quarterlyTitle(plan.year, quarter),
    columns: quarterlyColumns(quarter),
    rows,
    quarters: plan.periods.map((p) => p.quarter).filter(isQuarter),
    ...(paged && {
      pagination: {
        ...bounds,
        leaders: placed.flatMap((row, index) => (row.blockStart && row.leader !== null ? [{ name: row.leader, page: Math.floor(index / size) + 1 }] : [])),
      },
    }),
  };
}
