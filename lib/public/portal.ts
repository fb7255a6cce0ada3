import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isQuarter, type Quarter } from "@/lib/periods/quarters";
import { termsUsedIn } from "@/lib/plans/glossary";
import { PLAN_FIELDS } from "@/lib/plans/queries";
import { expectedFigure } from "@/lib/progress";
import { describeDeadline } from "@/lib/progress/deadline";
import { PUBLIC, PUBLIC_REPORT_FIELDS, publicPlanOf } from "@/lib/public/read";
import type { PublicPlanPage, PublicTask, PublicTaskQuarter } from "@/lib/public/types";
import { evaluateTask, reportingRank } from "@/lib/reporting/figures";
import { compareDocumentOrder } from "@/lib/reporting/order";
import { describePublicProgress, describeTarget } from "@/lib/reporting/phrasing";
import { trackedTasks } from "@/lib/reporting/reads";
import { attachmentsVisibleTo, reportsCountedFor, tasksVisibleTo } from "@/lib/reporting/visibility";

/**
 * The portal's read of a plan (lib/public, as the anonymous public: published reports only, cut
 * in the query by lib/reporting/visibility.ts), mapped field by field into the narrow types of
 * lib/public/types.ts. One read serves the plan page, its search and filters, every task page of
 * the plan and its feed; lib/public/cache.ts keeps it until something public changes.
 */


/** The heading a task is listed under: its project or area, else its section, else its leader. */
function groupOf(task: { parent: { text: string } | null; section: string | null; leader: { name: string; title: string | null } | null }): string | null {
  if (task.parent) return task.parent.text;
  if (task.section?.trim()) return task.section.trim();
  if (task.leader) return task.leader.title ? `${task.leader.name}(${task.leader.title})` : `分管市领导:${task.leader.name}`;
  return null;
}

/** A plan with tasks as the portal shows it; null when there is no such plan or it holds no tasks (a work report). */
export async function loadPublicPlanPage(prisma: PrismaClient, planId: number): Promise<PublicPlanPage | null> {
  const plan = await prisma.plan.findUnique({
    where: { id: planId },
    select: { ...PLAN_FIELDS, periods: { orderBy: { quarter: "asc" }, select: { id: true, quarter: true } } },
  });
  if (!plan) return null;
  const periods = plan.periods.filter((period): period is { id: number; quarter: Quarter } => isQuarter(period.quarter));

  const [tasks, reports, glossary] = await Promise.all([
    prisma.task.findMany({
      where: { AND: [{ planId }, trackedTasks, tasksVisibleTo(PUBLIC)] },
      select: {
        id: true,
        number: true,
        kind: true,
        section: true,
        text: true,
        originalText: true,
        leaderId: true,
        sourceLine: true,
        deadlineText: true,
        dueOn: true,
        leader: { select: { name: true, title: true } },
        parent: { select: { text: true } },
        units: { orderBy: { position: "asc" }, select: { unitId: true, isLead: true, unit: { select: { name: true } } } },
        targets: { orderBy: { position: "asc" }, select: { id: true, kind: true, comparator: true, value: true, unit: true, originalText: true } },
      },
    }),
    prisma.progressReport.findMany({
      where: { AND: [{ task: { planId } }, reportsCountedFor(PUBLIC)] },
      orderBy: { id: "asc" },
      select: {
        taskId: true,
        periodId: true,
        ...PUBLIC_REPORT_FIELDS,
        attachments: { where: attachmentsVisibleTo(PUBLIC), orderBy: { id: "asc" }, select: { id: true, fileName: true, size: true } },
      },
    }),
    prisma.glossaryEntry.findMany({
      where: { plan: { government: plan.government } },
      orderBy: [{ planId: "desc" }, { number: "asc" }],
      select: { term: true, explanation: true },
    }),
  ]);
  if (tasks.length === 0) return null;
  tasks.sort(compareDocumentOrder);

  const reportsOf = new Map<string, typeof reports>();
  for (const report of reports) {
    const key = `${report.taskId}:${report.periodId}`;
    const list = reportsOf.get(key);
    if (list) list.push(report);
    else reportsOf.set(key, [report]);
  }

  let lastPublishedAt: Date | null = null;
  let latestQuarter: Quarter | null = periods.at(-1)?.quarter ?? null;
  const published = new Set<Quarter>();
  const publicTasks = tasks.map((task): PublicTask => {
    const rank = reportingRank(task.units);
    const quarters = periods.map(({ id, quarter }): PublicTaskQuarter => {
      const periodReports = reportsOf.get(`${task.id}:${id}`) ?? [];
      const evaluation = evaluateTask(
        task,
        periodReports.map((report) => ({
          unitId: report.unitId,
          state: report.state,
          qualitativeStatus: report.qualitativeStatus,
          actuals: Object.fromEntries(report.actuals.map((actual) => [actual.targetId, actual.value])),
        })),
        quarter,
      );
      const status = describePublicProgress(evaluation.progress);
      const ranked = periodReports
        .map((report, order) => ({ report, order }))
        .sort((a, b) => rank(a.report.unitId) - rank(b.report.unitId) || a.order - b.order)
        .map(({ report }) => report);
      let publishedAt: Date | null = null;
      for (const report of periodReports) if (report.publishedAt && (!publishedAt || report.publishedAt > publishedAt)) publishedAt = report.publishedAt;
      if (publishedAt) {
        published.add(quarter);
        if (!lastPublishedAt || publishedAt > lastPublishedAt) lastPublishedAt = publishedAt;
      }
      return {
        quarter,
        status: status.status,
        label: status.label,
        reason: status.text,
        progress: ranked
          .filter((report) => report.narrative.trim() !== "" || report.problems.trim() !== "" || report.nextSteps.trim() !== "")
          .map((report) => ({ unit: report.unit.name, text: report.narrative, problems: report.problems, nextSteps: report.nextSteps })),
        publishedAt: publishedAt?.toISOString() ?? null,
        attachments: ranked.flatMap((report) => report.attachments.map((attachment) => ({ id: attachment.id, unit: report.unit.name, name: attachment.fileName, size: attachment.size }))),
        figures: task.targets.map((target, index) => {
          const targetStatus = describePublicProgress(evaluation.progress.targets[index]);
          return {
            actual: evaluation.withActuals[index].actual,
            expected: expectedFigure(target, quarter, task.dueOn),
            status: targetStatus.status,
            reason: targetStatus.text,
          };
        }),
      };
    });
    return {
      id: task.id,
      number: task.number,
      kind: task.kind,
      group: groupOf(task),
      leader: task.leader?.name ?? null,
      text: task.text,
      originalText: task.originalText,
      deadline: describeDeadline(task.deadlineText, task.dueOn),
      targets: task.targets.map((target) => ({
        id: target.id,
        text: describeTarget(target),
        original: target.originalText,
        value: target.value,
        unit: target.unit,
      })),
      units: task.units.map((unit) => ({ name: unit.unit.name, lead: unit.isLead })),
      quarters,
    };
  });
  const latestPublished = [...published].sort().at(-1);
  if (latestPublished) latestQuarter = latestPublished;

  return {
    plan: publicPlanOf(plan),
    latestQuarter,
    tasks: publicTasks,
    glossary: termsUsedIn(tasks.map((task) => task.text).join("\n"), glossary).map((entry) => ({ term: entry.term, explanation: entry.explanation })),
    lastPublishedAt: (lastPublishedAt as Date | null)?.toISOString() ?? null,
  };
}
