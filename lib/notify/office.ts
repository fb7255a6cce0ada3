import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { MessageChannel, MessageState } from "@/lib/generated/prisma/enums";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { wakeDelivery } from "@/lib/notify/wake";
import { pageBounds } from "@/lib/pagination";
import { canReadOutbox, type Actor } from "@/lib/permissions";

export const OUTBOX_PAGE_SIZE = 50;

/** The office's view of every message and its delivery state, newest first, filtered by state and channel. */
export async function readOutbox(prisma: PrismaClient, actor: Actor, filters: { state?: MessageState; channel?: MessageChannel; page?: number }) {
  if (!canReadOutbox(actor)) return null;
  const where: Prisma.OutboxMessageWhereInput = { state: filters.state, channel: filters.channel };
  const [total, counts] = await Promise.all([
    prisma.outboxMessage.count({ where }),
    prisma.outboxMessage.groupBy({ by: ["state"], where: { channel: filters.channel }, _count: true, orderBy: { state: "asc" } }),
  ]);
  const bounds = pageBounds(total, filters.page, OUTBOX_PAGE_SIZE);
  const items = await prisma.outboxMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: bounds.start,
    take: OUTBOX_PAGE_SIZE,
    select: {
      id: true,
      channel: true,
      subject: true,
      state: true,
      attempts: true,
      address: true,
      nextAttemptAt: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
      user: { select: { displayName: true, username: true } },
      robot: { select: { name: true, unit: { select: { name: true } } } },
    },
  });
  return {
    items,
    counts: Object.fromEntries(counts.map((row) => [row.state, row._count])) as Partial<Record<MessageState, number>>,
    page: bounds.page,
    pageCount: bounds.pageCount,
    total,
    from: bounds.from,
    to: bounds.to,
  };
}

/** The office sends a failed message again: it starts over with a full set of attempts, and the runner is woken for it. */
export async function retryMessage(prisma: PrismaClient, actor: Actor, input: { messageId: number }, now = new Date()): Promise<ActionResult> {
  if (!canReadOutbox(actor)) return failure(FORBIDDEN);
  const result = await prisma.$transaction(async (tx) => {
    const before = await tx.outboxMessage.findUnique({ where: { id: input.messageId }, select: { id: true, state: true, attempts: true, lastError: true } });
    if (!before) return failure("没有找到这条消息。");
    if (before.state !== "failed") return failure("只有发送失败的消息可以重发。");
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: before.id, state: "failed" },
      data: { state: "pending", attempts: 0, nextAttemptAt: now, leaseUntil: null },
    });
    if (count === 0) return failure("只有发送失败的消息可以重发。");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "message.retry",
      entityType: "OutboxMessage",
      entityId: before.id,
      before: { state: before.state, attempts: before.attempts, lastError: before.lastError },
      after: { state: "pending" },
    });
    return { ok: true as const, message: "已重新排队发送。" };
  });
  if (result.ok) await wakeDelivery(prisma);
  return result;
}
