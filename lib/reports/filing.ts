import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, INVALID_INPUT, failure, type ActionResult, type FieldErrors } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import type { ReviewState } from "@/lib/generated/prisma/enums";
import { canEditReport, isUnitStaff, type Actor } from "@/lib/permissions";
import { isQuarter, type Quarter } from "@/lib/periods/quarters";
import { FILED_STATES, isEditable } from "@/lib/reporting/states";
import { entryUnitNamed, entryUnitOf, toBase } from "@/lib/reporting/units";
import type { TaskScope } from "@/lib/reporting/visibility";
import { behindFindings, behindMessage, missingReasons } from "@/lib/reports/behind";
import { confirmationMessage, filingWarnings, type EarlierFigure } from "@/lib/reports/checks";
import { snapshotOf, snapshotSelect, type ReportSnapshot } from "@/lib/reports/snapshot";
import type { ReportInput } from "@/lib/zod/progress";

export interface ReportConflict {
  ok: false;
  message: string;
  /** The report as someone else saved it, so the user can merge: their own text stays in the form. */
  conflict: ReportSnapshot & { savedBy: string | null; savedAt: string };
}

/** A submission refused until the user confirms these findings (lib/reports/checks.ts). */
export interface ReportConfirmation {
  ok: false;
  message: string;
  confirm: string[];
}

export type SaveReportResult = ActionResult<{ reportId: number; version: number; state: ReviewState; late: boolean }> | ReportConflict | ReportConfirmation;

async function loadTaskScope(prisma: PrismaClient, taskId: number) {
  const task = await prisma.task.findUnique({
    where: { id: taskId },
    select: {
      id: true,
      planId: true,
      dueOn: true,
      leader: { select: { name: true } },
      units: { select: { unitId: true, isLead: true } },
      targets: { select: { id: true, kind: true, comparator: true, value: true, unit: true, originalText: true }, orderBy: { position: "asc" } },
    },
  });
  if (!task) return null;
  const scope: TaskScope = { leaderName: task.leader?.name ?? null, units: task.units };
  return { ...task, scope };
}

async function conflictWith(prisma: PrismaClient, reportId: number): Promise<ReportConflict> {
  const current = await prisma.progressReport.findUniqueOrThrow({
    where: { id: reportId },
    select: { ...snapshotSelect, filedBy: { select: { displayName: true } } },
  });
  return {
    ok: false,
    message: "保存未成功:这份报告在你打开之后已被他人修改。对方保存的内容见下方,你填写的内容仍保留在表单中,请核对合并后再保存。",
    conflict: { ...snapshotOf(current), savedBy: current.filedBy?.displayName ?? null, savedAt: current.updatedAt.toISOString() },
  };
}

/**
 * The unit's own highest figure for each target of a task in the quarters of the plan before
 * `period`, from its filed reports (a draft or a returned report is no one's progress): the
 * figures are year-to-date, so a later one below it is checked (lib/reports/checks.ts). Read by
 * the filing form and by the service, so both check against the same figures.
 */
export async function earlierFigures(
  prisma: PrismaClient,
  { taskId, unitId, period }: { taskId: number; unitId: number; period: { planId: number; quarter: number } },
): Promise<EarlierFigure[]> {
  const actuals = await prisma.progressActual.findMany({
    where: {
      report: { taskId, unitId, state: { in: [...FILED_STATES] }, period: { planId: period.planId, quarter: { lt: period.quarter } } },
      estimated: false,
    },
    select: { targetId: true, value: true, report: { select: { period: { select: { quarter: true } } } } },
    orderBy: [{ value: "desc" }, { report: { period: { quarter: "desc" } } }],
  });
  const highest = new Map<number, EarlierFigure>();
  for (const actual of actuals) {
    if (!highest.has(actual.targetId)) highest.set(actual.targetId, { targetId: actual.targetId, quarter: actual.report.period.quarter as Quarter, value: actual.value });
  }
  return [...highest.values()];
}

/**
 * Saves or submits the signed-in unit's report on a task for a period. The unit is always the
 * actor's own, never taken from the form; the version read by the form must still be current.
 */
export async function saveReport(prisma: PrismaClient, actor: Actor, input: ReportInput, now: Date = new Date()): Promise<SaveReportResult> {
  if (!isUnitStaff(actor)) return failure(FORBIDDEN);
  const unitId = actor.unitId;
  const task = await loadTaskScope(prisma, input.taskId);
  if (!task || !task.scope.units.some((unit) => unit.unitId === unitId)) return failure("没有找到这项任务,或你的单位不是它的责任单位。");
  const period = await prisma.reportingPeriod.findUnique({ where: { id: input.periodId } });
  if (!period || period.planId !== task.planId) return failure("没有找到这个填报期。");
  if (period.closed) return failure("该填报期已关闭,不能再修改。");

  const existing = await prisma.progressReport.findUnique({
    where: { taskId_unitId_periodId: { taskId: task.id, unitId, periodId: period.id } },
    select: snapshotSelect,
  });
  if (existing && existing.version !== input.version) return conflictWith(prisma, existing.id);
  if (!existing && input.version !== 0) return failure("这份报告不存在,请刷新页面。");
  if (existing && !isEditable(existing.state)) {
    return failure(existing.state === "submitted" ? "报告已提交,等待市府办审核,暂不能修改。" : "报告已审核,不能再修改。");
  }
  if (!canEditReport(actor, task.scope, existing, period)) return failure(FORBIDDEN);

  const targets = new Map(task.targets.map((target) => [target.id, target]));
  const unknownTarget = Object.keys(input.actuals).find((targetId) => !targets.has(Number(targetId)));
  if (unknownTarget) return failure("填报的指标不属于这项任务。");
  // Figures arrive in the unit the form named for each; they are stored in base units.
  const errors: FieldErrors = {};
  const figures: Record<string, number> = {};
  for (const [targetId, value] of Object.entries(input.actuals)) {
    if (value === null) continue;
    const target = targets.get(Number(targetId))!;
    const typedIn = entryUnitNamed(target.unit, input.units[targetId] ?? "");
    if (typedIn) figures[targetId] = toBase(value, typedIn);
    else errors[`actuals.${targetId}`] = [`该指标按“${entryUnitOf(target).label}”填报,页面上的单位已过期,请刷新页面后重新填写`];
  }
  if (input.intent === "submit" && targets.size === 0 && input.qualitativeStatus === null) {
    errors.qualitativeStatus = ["提交前请选择推进状态"];
  }
  if (Object.keys(errors).length) return failure(INVALID_INPUT, errors);
  if (input.intent === "submit") {
    const warnings = filingWarnings(task.targets, figures, await earlierFigures(prisma, { taskId: task.id, unitId, period }));
    const message = confirmationMessage(warnings);
    if (warnings.length && input.confirmed !== message) return { ok: false, message, confirm: warnings };
  }
  // The form asks for the reasons before its confirmation dialog; here they come after the
  // findings, so that a submission posted without either is first told what to confirm.
  if (input.intent === "submit" && isQuarter(period.quarter)) {
    const leads = task.scope.units.some((unit) => unit.unitId === unitId && unit.isLead);
    const findings = behindFindings({ targets: task.targets, dueOn: task.dueOn, leads, quarter: period.quarter }, { figures, qualitativeStatus: input.qualitativeStatus });
    const missing = missingReasons(findings, input);
    if (missing) return failure(behindMessage(findings), missing);
  }

  const submit = input.intent === "submit";
  const data = {
    narrative: input.narrative,
    problems: input.problems,
    nextSteps: input.nextSteps,
    qualitativeStatus: input.qualitativeStatus,
    filedById: actor.id,
    // A save keeps the report with its unit: a returned report being reworked is a draft again
    // (the office's note stays on it for the unit), so that nobody else reads text the unit has
    // not submitted. A submission starts a new review: the last one's note and reviewer go (the
    // history keeps them), so that nobody takes a resubmitted report for a reviewed one.
    ...(submit
      ? { state: "submitted" as const, submittedAt: now, late: now > period.dueAt, reviewComment: null, reviewedById: null, reviewedAt: null }
      : { state: "draft" as const }),
  };
  const actuals = Object.entries(figures).map(([targetId, value]) => ({ targetId: Number(targetId), value }));

  const saved = await prisma.$transaction(async (tx) => {
    let reportId: number;
    if (existing) {
      // The version condition makes the check and the write one atomic step.
      const { count } = await tx.progressReport.updateMany({
        where: { id: existing.id, version: input.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) return null;
      reportId = existing.id;
      await tx.progressActual.deleteMany({ where: { reportId } });
    } else {
      const created = await tx.progressReport.createManyAndReturn({
        data: [{ taskId: task.id, unitId, periodId: period.id, ...data }],
        skipDuplicates: true,
        select: { id: true },
      });
      if (created.length === 0) return null;
      reportId = created[0].id;
    }
    if (actuals.length) await tx.progressActual.createMany({ data: actuals.map((actual) => ({ reportId, ...actual })) });
    const after = await tx.progressReport.findUniqueOrThrow({ where: { id: reportId }, select: snapshotSelect });
    await recordAudit(tx, {
      actorId: actor.id,
      action: submit ? "report.submit" : "report.save",
      entityType: "ProgressReport",
      entityId: reportId,
      taskId: task.id,
      before: existing ? { unitId, ...snapshotOf(existing) } : null,
      after: { unitId, ...snapshotOf(after) },
    });
    return after;
  });

  if (!saved) {
    const raced = await prisma.progressReport.findUnique({
      where: { taskId_unitId_periodId: { taskId: task.id, unitId, periodId: period.id } },
      select: { id: true },
    });
    return raced ? conflictWith(prisma, raced.id) : failure("保存未成功,请重试。");
  }
  return {
    ok: true,
    message: submit ? (saved.late ? "已提交(已过截止时间,标记为逾期)。" : "已提交,等待市府办审核。") : "草稿已保存。",
    reportId: saved.id,
    version: saved.version,
    state: saved.state,
    late: saved.late,
  };
}
