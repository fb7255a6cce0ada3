import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { TaskKind } from "@/lib/generated/prisma/enums";
import { isQuarter, type Quarter } from "@/lib/periods/quarters";
import { listPlans } from "@/lib/plans/queries";
import type { PublicPlan, PublicQuarterTable, PublicTaskRow } from "@/lib/public/types";
import { findPlanQuarter, formatProgress, quarterlyTitle } from "@/lib/quarterly/table";
import { reportText } from "@/lib/quarterly/text";
import { COUNTED_ACTUALS, evaluateTask, leadUnitIds, reportingRank } from "@/lib/reporting/figures";
import { compareDocumentOrder, leaderBlocks } from "@/lib/reporting/order";
import { describePublicProgress, describeTarget } from "@/lib/reporting/phrasing";
import { reportsCountedFor, type Viewer } from "@/lib/reporting/visibility";

/**
 * The public read layer: everything here reads as the anonymous public (published reports only,
 * cut in the query by lib/reporting/visibility.ts) and returns the narrow types of
 * lib/public/types.ts, mapped field by field.
 */

/** The anonymous reader of lib/reporting/visibility.ts. */
export const PUBLIC: Viewer = null;

/** What the public layer reads of a published report: its state only for the evaluation, which checks it again; never copied into a public type. */
export const PUBLIC_REPORT_FIELDS = {
  unitId: true,
  state: true,
  qualitativeStatus: true,
  narrative: true,
  problems: true,
  nextSteps: true,
  publishedAt: true,
  unit: { select: { name: true } },
  actuals: COUNTED_ACTUALS,
} satisfies Prisma.ProgressReportSelect;

/** A plan as the public reads it, field by field: the quarters that have a reporting period, ascending as given. */
export function publicPlanOf(plan: Omit<PublicPlan, "quarters"> & { periods: ReadonlyArray<{ quarter: number }> }): PublicPlan {
  return {
    id: plan.id,
    year: plan.year,
    government: plan.government,
    title: plan.title,
    kind: plan.kind,
    quarters: plan.periods.map((period) => period.quarter).filter(isQuarter),
  };
}

/** The plans with tasks, newest year first, each with its quarters (a work report kept as reference text is not one). */
export async function listPublicPlans(prisma: PrismaClient): Promise<PublicPlan[]> {
  const { plans } = await listPlans(prisma);
  return plans
    .filter((plan) => plan._count.tasks > 0)
    .map(publicPlanOf);
}

/**
 * The quarterly table of a plan's quarter as the public reads it: every key task in the order and
 * numbering of the official table (lib/quarterly/table.ts), with the published progress and the
 * status it gives; null when the plan or the quarter's period does not exist.
 */
export async function loadPublicQuarter(prisma: PrismaClient, planId: number, quarter: Quarter): Promise<PublicQuarterTable | null> {
  const found = await findPlanQuarter(prisma, planId, quarter);
  if (!found) return null;
  const { plan, period } = found;

  const tasks = await prisma.task.findMany({
    where: { planId, kind: TaskKind.key },
    select: {
      id: true,
      leaderId: true,
      sourceLine: true,
      text: true,
      dueOn: true,
      leader: { select: { name: true } },
      units: { orderBy: { position: "asc" }, select: { unitId: true, isLead: true, unit: { select: { name: true } } } },
      targets: { orderBy: { position: "asc" }, select: { id: true, kind: true, comparator: true, value: true, unit: true } },
      reports: {
        where: { AND: [{ periodId: period.id }, reportsCountedFor(PUBLIC)] },
        orderBy: { id: "asc" },
        select: PUBLIC_REPORT_FIELDS,
      },
    },
  });
  tasks.sort(compareDocumentOrder);

  const rows: PublicTaskRow[] = [];
  let lastPublishedAt: Date | null = null;
  for (const block of leaderBlocks(tasks, (task) => task.leader?.name ?? null)) {
    block.forEach((task, index) => {
      const rank = reportingRank(task.units);
      const narratives = task.reports
        .map((report, order) => ({ report, order }))
        .sort((a, b) => rank(a.report.unitId) - rank(b.report.unitId) || a.order - b.order)
        .map(({ report }) => ({ unit: report.unit.name, narrative: reportText(report) }));
      const { progress } = evaluateTask(
        task,
        task.reports.map((report) => ({
          unitId: report.unitId,
          state: report.state,
          qualitativeStatus: report.qualitativeStatus,
          actuals: Object.fromEntries(report.actuals.map((actual) => [actual.targetId, actual.value])),
        })),
        quarter,
      );
      const status = describePublicProgress(progress);
      let publishedAt: Date | null = null;
      for (const report of task.reports) if (report.publishedAt && (!publishedAt || report.publishedAt > publishedAt)) publishedAt = report.publishedAt;
      if (publishedAt && (!lastPublishedAt || publishedAt > lastPublishedAt)) lastPublishedAt = publishedAt;
      const leads = new Set(leadUnitIds(task.units));
      rows.push({
        taskId: task.id,
        leader: task.leader?.name ?? null,
        number: index + 1,
        text: task.text,
        targets: task.targets.map((target) => describeTarget(target)),
        progress: formatProgress(narratives),
        status: status.status,
        statusLabel: status.label,
        statusReason: status.text,
        leadUnits: task.units.filter((unit) => leads.has(unit.unitId)).map((unit) => unit.unit.name),
        units: task.units.map((unit) => unit.unit.name),
        publishedAt,
      });
    });
  }

  return {
    plan: publicPlanOf(plan),
    quarter,
    title: quarterlyTitle(plan.year, quarter),
    rows,
    lastPublishedAt,
  };
}
