import "server-only";
import { z } from "zod";
import { idField } from "@/lib/zod/form";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LeadConvention } from "@/lib/generated/prisma/enums";
import { isQuarter, quarterLabels, type Quarter } from "@/lib/periods/quarters";
import { reportingRank } from "@/lib/reporting/figures";
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
   * xlsx both draw the leader cells from this.
   */
  leaderRowSpan: number;
  /** 序号: 1..n within the leader's list, in table order. */
  number: number;
  text: string;
  /** Readable, filed narratives; lead unit first; "单位名:" prefixes when several units report. */
  progress: string;
  /** "★发改局、金融发展中心" (star convention) or "发改局、金融发展中心" (first listed). */
  units: string;
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
}

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

/**
 * The table of a plan's period as the viewer may read it; null when the plan or the period does
 * not exist. The progress column holds the reports that count for the viewer (filed and readable,
 * lib/reporting), never a draft or a returned report; every key task of the plan has its row,
 * since the plan itself is a public document.
 */
export async function loadQuarterlyTable(prisma: PrismaClient, viewer: Viewer, planId: number, quarter: Quarter): Promise<QuarterlyTable | null> {
  const plan = await prisma.plan.findUnique({
    where: { id: planId },
    select: {
      id: true,
      year: true,
      government: true,
      title: true,
      leadConvention: true,
      periods: { select: { id: true, quarter: true }, orderBy: { quarter: "asc" } },
    },
  });
  const period = plan?.periods.find((p) => p.quarter === quarter);
  if (!plan || !period) return null;

  const tasks = await prisma.task.findMany({
    where: { planId, kind: "key" },
    select: {
      id: true,
      text: true,
      leaderId: true,
      sourceLine: true,
      leader: { select: { name: true } },
      units: { orderBy: { position: "asc" }, select: { unitId: true, isLead: true, unit: { select: { name: true } } } },
      reports: {
        where: { AND: [{ periodId: period.id }, reportsCountedFor(viewer)] },
        orderBy: { id: "asc" },
        select: { unitId: true, narrative: true, unit: { select: { name: true } } },
      },
    },
  });
  tasks.sort(compareDocumentOrder);

  const rows: QuarterlyRow[] = [];
  for (const block of leaderBlocks(tasks, (task) => task.leader?.name ?? null)) {
    const leader = block[0].leader?.name ?? null;
    block.forEach((task, index) => {
      const rank = reportingRank(task.units);
      const reports = task.reports
        .map((report, order) => ({ report, order }))
        .sort((a, b) => rank(a.report.unitId) - rank(b.report.unitId) || a.order - b.order)
        .map(({ report }) => ({ unit: report.unit.name, narrative: report.narrative }));
      rows.push({
        taskId: task.id,
        leader,
        leaderRowSpan: leader === null ? 1 : index === 0 ? block.length : 0,
        // 序号 runs within each leader's list, as in the document.
        number: index + 1,
        text: task.text,
        progress: formatProgress(reports),
        units: formatUnits(
          task.units.map((unit) => ({ name: unit.unit.name, isLead: unit.isLead })),
          plan.leadConvention,
        ),
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
  };
}
