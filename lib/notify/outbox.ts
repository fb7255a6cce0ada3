import type { Prisma } from "@/lib/generated/prisma/client";
import type { MessageChannel } from "@/lib/generated/prisma/enums";

/** One message as its cause describes it; `dedupeKey` is unique over every message ever enqueued. */
export interface OutboxInput {
  dedupeKey: string;
  channel: MessageChannel;
  userId?: number | null;
  robotId?: number | null;
  subject: string;
  body: string;
}

/**
 * Writes messages to the outbox inside the caller's transaction, so a message exists exactly when
 * what caused it was committed. A message whose key is already there is skipped, not repeated:
 * a reminder rule that runs twice for the same moment enqueues nothing the second time.
 * In-app messages are delivered by being written: they are sent at once and appear in the inbox.
 * An email goes to the address the user has now; a user without one gets no email.
 */
export async function enqueueMessages(
  tx: Prisma.TransactionClient,
  messages: OutboxInput[],
  options: { now?: Date } = {},
): Promise<{ enqueued: number; skipped: number }> {
  if (messages.length === 0) return { enqueued: 0, skipped: 0 };
  const now = options.now ?? new Date();
  const userIds = [...new Set(messages.filter((message) => message.channel === "email" && message.userId != null).map((message) => message.userId!))];
  const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  const rows: Prisma.OutboxMessageCreateManyInput[] = [];
  for (const message of messages) {
    if (message.channel === "email") {
      const address = message.userId != null ? emailOf.get(message.userId) : null;
      if (!address) continue;
      rows.push({ ...pick(message), address, nextAttemptAt: now, createdAt: now });
    } else if (message.channel === "inapp") {
      if (message.userId == null) continue;
      rows.push({ ...pick(message), state: "sent", sentAt: now, nextAttemptAt: now, createdAt: now });
    } else {
      if (message.robotId == null) continue;
      rows.push({ ...pick(message), nextAttemptAt: now, createdAt: now });
    }
  }
  const { count } = await tx.outboxMessage.createMany({ data: rows, skipDuplicates: true });
  return { enqueued: count, skipped: messages.length - count };
}

function pick(message: OutboxInput) {
  return {
    dedupeKey: message.dedupeKey,
    channel: message.channel,
    userId: message.userId ?? null,
    robotId: message.robotId ?? null,
    subject: message.subject,
    body: message.body,
  };
}

/**
 * A notice to people and to units' group chats, expanded into one message per channel and
 * recipient: each user by email and in the app, each robot of each unit in its chat. `key` names
 * the cause (for a reminder rule: the rule, the period and the moment it fires); the same key
 * enqueues nothing a second time.
 */
export async function enqueueNotice(
  tx: Prisma.TransactionClient,
  notice: { key: string; subject: string; body: string; userIds: number[]; robotUnitIds: number[]; now?: Date },
): Promise<{ enqueued: number; skipped: number }> {
  const robots = notice.robotUnitIds.length
    ? await tx.unitRobot.findMany({ where: { unitId: { in: notice.robotUnitIds } }, orderBy: { id: "asc" }, select: { id: true, platform: true } })
    : [];
  const text = { subject: notice.subject, body: notice.body };
  const messages: OutboxInput[] = [
    ...[...new Set(notice.userIds)].flatMap((userId): OutboxInput[] => [
      { dedupeKey: `${notice.key}:inapp:user-${userId}`, channel: "inapp", userId, ...text },
      { dedupeKey: `${notice.key}:email:user-${userId}`, channel: "email", userId, ...text },
    ]),
    ...robots.map((robot): OutboxInput => ({ dedupeKey: `${notice.key}:${robot.platform}:robot-${robot.id}`, channel: robot.platform, robotId: robot.id, ...text })),
  ];
  return enqueueMessages(tx, messages, { now: notice.now });
}
