import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { quarterLabels, type Quarter } from "@/lib/periods/quarters";
import { canReadReport, type Actor, type ReportState, type TaskScope } from "@/lib/permissions";

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
  planId: z.coerce.number().int().positive(),
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
  /** How many rows the leader cell spans: the group size on a group's first row, 0 below it. */
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
  plan: { id: number; year: number; government: string; title: string; leadConvention: "star" | "first_listed" };
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
export function formatUnits(units: ReadonlyArray<{ name: string; isLead: boolean }>, convention: "star" | "first_listed"): string {
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
 * What the actor sees in the progress column: filed reports (never drafts) they may read.
 * Published progress is public, so a signed-in reader sees at least what the public sees.
 */
function showsReport(actor: Actor | null, scope: TaskScope, report: { unitId: number; state: ReportState }): boolean {
  if (report.state === "draft") return false;
  return report.state === "published" || canReadReport(actor, scope, report);
}

function numericOrder(number: string): number {
  return /^\d+$/.test(number) ? Number(number) : Number.MAX_SAFE_INTEGER;
}

/** The table of a plan's period as the actor may read it; null when the plan or the period does not exist. */
export async function loadQuarterlyTable(
  prisma: PrismaClient,
  actor: Actor | null,
  planId: number,
  quarter: Quarter,
): Promise<QuarterlyTable | null> {
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
      number: true,
      text: true,
      leader: { select: { id: true, name: true } },
      units: { orderBy: { position: "asc" }, select: { unitId: true, isLead: true, unit: { select: { name: true } } } },
      reports: {
        where: { periodId: period.id, state: { not: "draft" } },
        orderBy: { id: "asc" },
        select: { unitId: true, state: true, narrative: true, unit: { select: { name: true } } },
      },
    },
  });

  // Leader order (Leader id, tasks without a leader last), then the 序号 within the leader's list.
  tasks.sort(
    (a, b) =>
      (a.leader?.id ?? Number.MAX_SAFE_INTEGER) - (b.leader?.id ?? Number.MAX_SAFE_INTEGER) ||
      numericOrder(a.number) - numericOrder(b.number) ||
      a.id - b.id,
  );

  const rows: QuarterlyRow[] = [];
  for (const task of tasks) {
    const scope: TaskScope = { leaderName: task.leader?.name ?? null, units: task.units };
    // Lead units first, then the other units as listed, then units that reported without being listed.
    const rank = (unitId: number) => {
      const index = task.units.findIndex((unit) => unit.unitId === unitId);
      if (index === -1) return 2 * task.units.length;
      return task.units[index].isLead ? index : task.units.length + index;
    };
    const reports = task.reports
      .filter((report) => showsReport(actor, scope, report))
      .map((report, order) => ({ report, order }))
      .sort((a, b) => rank(a.report.unitId) - rank(b.report.unitId) || a.order - b.order)
      .map(({ report }) => ({ unit: report.unit.name, narrative: report.narrative }));

    const leader = task.leader?.name ?? null;
    const previous = rows.at(-1);
    const sameGroup = previous !== undefined && previous.leader === leader;
    rows.push({
      taskId: task.id,
      leader,
      leaderRowSpan: 1,
      number: sameGroup ? previous.number + 1 : 1,
      text: task.text,
      progress: formatProgress(reports),
      units: formatUnits(
        task.units.map((unit) => ({ name: unit.unit.name, isLead: unit.isLead })),
        plan.leadConvention,
      ),
    });
  }

  // One leader cell over each leader's rows (rows without a leader keep a cell each).
  for (let start = 0; start < rows.length; ) {
    let end = start + 1;
    while (rows[start].leader !== null && end < rows.length && rows[end].leader === rows[start].leader) end++;
    rows[start].leaderRowSpan = end - start;
    for (let i = start + 1; i < end; i++) rows[i].leaderRowSpan = 0;
    start = end;
  }

  return {
    plan: { id: plan.id, year: plan.year, government: plan.government, title: plan.title, leadConvention: plan.leadConvention },
    quarter,
    title: quarterlyTitle(plan.year, quarter),
    columns: quarterlyColumns(quarter),
    rows,
    quarters: plan.periods.map((p) => p.quarter).filter((value): value is Quarter => value >= 1 && value <= 4),
  };
}
