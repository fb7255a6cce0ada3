import "server-only";
import { attachmentsFor } from "@/lib/attachments/select";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isQuarter, type Quarter } from "@/lib/periods/quarters";
import { termsUsedIn } from "@/lib/plans/glossary";
import type { Actor } from "@/lib/permissions";
import { expectedFigure } from "@/lib/progress";
import { evaluateTask, reportingRank } from "@/lib/reporting/figures";
import { auditActorSelect, historyFor } from "@/lib/reporting/history";
import { repeatOfPrevious } from "@/lib/reports/repeats";
import { canReadTask, reportsVisibleTo, type TaskScope } from "@/lib/reporting/visibility";

// A group's members in pinyin order, as the group page lists them, whatever the database's collation.
const memberOrder = new Intl.Collator("zh-CN");

/** A target's figure in each quarter against the target and what 序时进度 expects by then. */
export interface TargetQuarterFigure {
  quarter: Quarter;
  /** The task's figure (its lead units' counted reports); null when none was given. */
  actual: number | null;
  expected: number;
  target: number;
}

/** Everything the task page shows, cut to what the actor may read; null when they may not read the task. */
export async function getTaskDetail(prisma: PrismaClient, actor: Actor, taskId: number) {
  const found = await prisma.task.findUnique({
    where: { id: taskId },
    include: {
      plan: { select: { id: true, year: true, government: true, title: true, leadConvention: true } },
      leader: { select: { name: true, title: true } },
      parent: { select: { id: true, number: true, text: true } },
      targets: { orderBy: { position: "asc" } },
      units: {
        orderBy: { position: "asc" },
        include: {
          unit: {
            select: { id: true, name: true, kind: true, members: { select: { member: { select: { name: true } } } } },
          },
        },
      },
    },
  });
  if (!found) return null;
  // Groups (各镇街道 …) are shown apart: they never lead, file or count as the task's units.
  const task = { ...found, units: found.units.filter((link) => link.unit.kind === "unit") };
  const groups = found.units
    .filter((link) => link.unit.kind === "group")
    .map((link) => ({ id: link.unit.id, name: link.unit.name, members: link.unit.members.map((entry) => entry.member.name).sort(memberOrder.compare) }));
  const scope: TaskScope = { leaderName: task.leader?.name ?? null, units: task.units };
  if (!canReadTask(actor, scope)) return null;

  const [periods, reports, events, glossary] = await Promise.all([
    prisma.reportingPeriod.findMany({ where: { planId: task.planId }, orderBy: { quarter: "asc" } }),
    prisma.progressReport.findMany({
      where: { AND: [{ taskId }, reportsVisibleTo(actor)] },
      include: {
        unit: { select: { name: true } },
        filedBy: { select: { displayName: true } },
        reviewedBy: { select: { displayName: true } },
        actuals: true,
        attachments: attachmentsFor(actor),
      },
    }),
    prisma.auditEvent.findMany({
      where: { taskId },
      orderBy: { id: "asc" },
      select: { id: true, action: true, createdAt: true, before: true, after: true, actor: { select: auditActorSelect } },
    }),
    prisma.glossaryEntry.findMany({ where: { plan: { government: task.plan.government } }, select: { term: true, explanation: true } }),
  ]);

  // The task's figures in each quarter, by the same rule as the dashboard.
  const quarters = periods
    .filter((period) => isQuarter(period.quarter))
    .map((period) => {
      const quarter = period.quarter as Quarter;
      const periodReports = reports
        .filter((report) => report.periodId === period.id)
        .map((report) => ({
          ...report,
          // An estimate (预计) is shown on the page, never counted as the task's figure.
          actuals: Object.fromEntries(report.actuals.filter((actual) => !actual.estimated).map((actual) => [actual.targetId, actual.value])),
        }));
      return { period, quarter, evaluation: evaluateTask(task, periodReports, quarter) };
    });
  const figures = new Map(
    task.targets.map((target, index) => [
      target.id,
      quarters.map(({ quarter, evaluation }): TargetQuarterFigure => ({
        quarter,
        actual: evaluation.withActuals[index].actual,
        expected: expectedFigure(target, quarter, task.dueOn),
        target: target.value,
      })),
    ]),
  );

  // Each quarter's reports in reporting order: the lead units' first, as in the quarterly table.
  const rank = reportingRank(task.units);
  const quarterOf = new Map(periods.map((period) => [period.id, period.quarter]));
  reports.sort((a, b) => quarterOf.get(a.periodId)! - quarterOf.get(b.periodId)! || rank(a.unitId) - rank(b.unitId) || a.id - b.id);

  // Each report against the same unit's previous one, both read here only where the actor may read them.
  const compared = reports.map((report) => ({ ...report, quarter: quarterOf.get(report.periodId)! }));
  return {
    task,
    groups,
    scope,
    periods,
    reports: compared.map((report) => ({ ...report, repeat: repeatOfPrevious(report, compared) })),
    figures,
    // The task's status in each quarter, by the dashboard's rule (lib/reporting/figures.ts).
    progress: quarters.map(({ quarter, evaluation }) => ({ quarter, progress: evaluation.progress })),
    history: historyFor(actor, scope, events, task.leader),
    // Slogans of the government's work reports that the task's text uses ("3510", "田园五镇").
    glossary: termsUsedIn(task.text, glossary),
  };
}
