import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit, type AuditAction } from "@/lib/audit/record";
import type { ReviewState } from "@/lib/generated/prisma/enums";
import { REVIEW_STEPS, type ReviewDecision } from "@/lib/reporting/states";
import { canReview, type Actor } from "@/lib/permissions";
import { reportStateLabels } from "@/lib/reports/labels";
import { snapshotOf, snapshotSelect } from "@/lib/reports/snapshot";
import type { ReviewInput } from "@/lib/zod/progress";
import type { BulkReviewInput } from "@/lib/zod/review";

/** What each decision (lib/reporting/states.ts REVIEW_STEPS) records and tells the office. */
const OUTCOMES = {
  approve: { action: "report.approve", done: "已审核通过。" },
  return: { action: "report.return", done: "已退回,单位将看到你的意见。" },
  publish: { action: "report.publish", done: "已公开。" },
} as const satisfies Record<ReviewDecision, { action: AuditAction; done: string }>;

export async function reviewReport(
  prisma: PrismaClient,
  actor: Actor,
  input: ReviewInput,
  now: Date = new Date(),
): Promise<ActionResult<{ state: ReviewState; version: number }>> {
  if (!canReview(actor)) return failure(FORBIDDEN);
  const report = await prisma.progressReport.findUnique({
    where: { id: input.reportId },
    select: { ...snapshotSelect, taskId: true },
  });
  if (!report) return failure("没有找到这份报告。");
  if (report.version !== input.version) return failure("这份报告刚被修改过,请刷新后再审核。");
  const step = { ...REVIEW_STEPS[input.decision], ...OUTCOMES[input.decision] };
  if (!(step.from as readonly ReviewState[]).includes(report.state)) {
    return failure(`报告当前为「${reportStateLabels[report.state]}」,不能${step.verb}。`);
  }
  const result = await prisma.$transaction(async (tx) => {
    const { count } = await tx.progressReport.updateMany({
      where: { id: report.id, version: input.version },
      data: {
        state: step.to,
        version: { increment: 1 },
        ...(input.decision === "publish"
          ? { publishedAt: now }
          : { reviewedById: actor.id, reviewedAt: now, reviewComment: input.comment || null }),
      },
    });
    if (count === 0) return null;
    const after = await tx.progressReport.findUniqueOrThrow({ where: { id: report.id }, select: snapshotSelect });
    await recordAudit(tx, {
      actorId: actor.id,
      action: step.action,
      entityType: "ProgressReport",
      entityId: report.id,
      taskId: report.taskId,
      before: { unitId: report.unitId, ...snapshotOf(report) },
      after: { unitId: report.unitId, ...snapshotOf(after) },
    });
    return after;
  });
  if (!result) return failure("这份报告刚被修改过,请刷新后再审核。");
  return { ok: true, message: step.done, state: result.state, version: result.version };
}

/**
 * One decision (approve or publish) on many reports, as the queue's bulk buttons send it. Each
 * report goes through `reviewReport`: its own check of the version the office read, its own
 * transaction with its audit event. A report changed meanwhile, or no longer in a state the
 * decision applies to, is skipped — never overwritten — and named in the message.
 */
export async function reviewReports(
  prisma: PrismaClient,
  actor: Actor,
  input: BulkReviewInput,
  now: Date = new Date(),
): Promise<ActionResult<{ done: number[]; skipped: Array<{ reportId: number; reason: string }> }>> {
  if (!canReview(actor)) return failure(FORBIDDEN);
  const done: number[] = [];
  const skipped: Array<{ reportId: number; reason: string }> = [];
  for (const { reportId, version } of input.reports) {
    const result = await reviewReport(prisma, actor, { reportId, version, decision: input.decision, comment: "" }, now);
    if (result.ok) done.push(reportId);
    else skipped.push({ reportId, reason: result.message });
  }
  const verb = REVIEW_STEPS[input.decision].verb;
  if (skipped.length === 0) return { ok: true, message: `已${verb} ${done.length} 份报告。`, done, skipped };

  const named = await prisma.progressReport.findMany({
    where: { id: { in: skipped.map((entry) => entry.reportId) } },
    select: { id: true, unit: { select: { name: true } }, task: { select: { number: true } } },
  });
  const nameOf = new Map(named.map((report) => [report.id, `第 ${report.task.number} 项 ${report.unit.name}`]));
  const details = skipped.map((entry) => `${nameOf.get(entry.reportId) ?? "已删除的报告"}:${entry.reason}`).join(";");
  const message = `${done.length > 0 ? `已${verb} ${done.length} 份报告;` : ""}${skipped.length} 份未处理(${details})`;
  return done.length > 0 ? { ok: true, message, done, skipped } : failure(message);
}
