import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ActionResult } from "@/lib/actions/result";
import { pageBounds, type PageOf } from "@/lib/pagination";
import type { Actor } from "@/lib/permissions";

export const INBOX_PAGE_SIZE = 30;

/**
 * What was sent to the user, by every channel, newest first: an in-app message is there as soon
 * as it is written, an email with its delivery state. Only the user's own messages, by the query.
 */
export async function readInbox(prisma: PrismaClient, actor: Actor, page?: number) {
  const where = { userId: actor.id };
  const total = await prisma.outboxMessage.count({ where });
  const bounds = pageBounds(total, page, INBOX_PAGE_SIZE);
  const items = await prisma.outboxMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: bounds.start,
    take: INBOX_PAGE_SIZE,
    select: { id: true, channel: true, subject: true, body: true, state: true, address: true, createdAt: true, sentAt: true, readAt: true },
  });
  return { items, page: bounds.page, pageCount: bounds.pageCount, total, from: bounds.from, to: bounds.to } satisfies PageOf<(typeof items)[number]>;
}

/** In-app messages the user has not marked read: the count beside 消息 in the menu. */
export function unreadCount(prisma: PrismaClient, actor: Actor): Promise<number> {
  return prisma.outboxMessage.count({ where: { userId: actor.id, channel: "inapp", readAt: null } });
}

/** The newest message of the user, read with the page: marking read goes up to it. */
export async function newestMessageId(prisma: PrismaClient, actor: Actor): Promise<number | null> {
  const newest = await prisma.outboxMessage.findFirst({ where: { userId: actor.id }, orderBy: { id: "desc" }, select: { id: true } });
  return newest?.id ?? null;
}

/** Marks read the user's in-app messages up to the newest one their page showed; one that came since stays unread. */
export async function markInboxRead(prisma: PrismaClient, actor: Actor, input: { upTo: number }, now = new Date()): Promise<ActionResult<{ marked: number }>> {
  const { count } = await prisma.outboxMessage.updateMany({ where: { userId: actor.id, channel: "inapp", readAt: null, id: { lte: input.upTo } }, data: { readAt: now } });
  return { ok: true, message: count > 0 ? `已将 ${count} 条消息标为已读。` : "没有未读消息。", marked: count };
}
