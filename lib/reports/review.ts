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
