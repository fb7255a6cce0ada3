import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PermanentDeliveryError, type Transports } from "@/lib/notify/transports";

export interface DeliveryOptions {
  transports: Transports;
  /** The runner's clock: what is due, the lease, the backoff and the sent time all read it. */
  now?: () => Date;
  /** How long a claimed message is the claimer's alone; longer than any send may take (SEND_TIMEOUT_MS). */
  leaseMs?: number;
  maxAttempts?: number;
  /** The wait after the first failure; it doubles after each further one. */
  backoffMs?: number;
  /** At most this many messages per pass, so one pass never runs unbounded. */
  limit?: number;
}

export const DELIVERY_DEFAULTS = { leaseMs: 5 * 60_000, maxAttempts: 5, backoffMs: 60_000, limit: 200 };

/**
 * Sends what is due: each message is claimed in its own statement — `FOR UPDATE SKIP LOCKED` and
 * the change to `sending` with a lease in one UPDATE —, so of two runners only one ever holds a
 * message, then sent, then marked sent. A message left `sending` past its lease (its runner died)
 * is claimed again.
 *
 * The residual window: a runner that dies after the mail server or robot accepted a message and
 * before its row was marked sent leaves the message `sending`; once the lease ends it is sent a
 * second time (with the same Message-ID, so a mail client can fold the two). Nothing else sends
 * twice: a message whose sending failed or was cut off before it was accepted is sent once later.
 */
export async function deliverDue(prisma: PrismaClient, options: DeliveryOptions): Promise<{ sent: number; retrying: number; failed: number }> {
  const settings = { ...DELIVERY_DEFAULTS, ...options };
  const clock = options.now ?? (() => new Date());
  const outcome = { sent: 0, retrying: 0, failed: 0 };
  for (let handled = 0; handled < settings.limit; handled += 1) {
    const now = clock();
    const claimed = await claimNext(prisma, now, settings.leaseMs);
    if (!claimed) break;
    const message = await prisma.outboxMessage.findUniqueOrThrow({
      where: { id: claimed.id },
      select: { id: true, channel: true, subject: true, body: true, address: true, robot: { select: { platform: true, webhookUrl: true, secret: true } } },
    });
    const fence = { id: claimed.id, state: "sending" as const, attempts: claimed.attempts };
    try {
      await send(settings.transports, message, clock());
      await prisma.outboxMessage.updateMany({ where: fence, data: { state: "sent", sentAt: clock(), leaseUntil: null, lastError: null } });
      outcome.sent += 1;
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const final = error instanceof PermanentDeliveryError || claimed.attempts >= settings.maxAttempts;
      const at = clock();
      await prisma.outboxMessage.updateMany({
        where: fence,
        data: final
          ? { state: "failed", leaseUntil: null, lastError: reason }
          : { state: "pending", leaseUntil: null, lastError: reason, nextAttemptAt: new Date(at.getTime() + settings.backoffMs * 2 ** (claimed.attempts - 1)) },
      });
      if (final) outcome.failed += 1;
      else outcome.retrying += 1;
    }
  }
  return outcome;
}

async function send(
  transports: Transports,
  message: { id: number; channel: string; subject: string; body: string; address: string | null; robot: { platform: "dingtalk" | "wecom"; webhookUrl: string; secret: string | null } | null },
  now: Date,
): Promise<void> {
  if (message.channel === "email") {
    if (!message.address) throw new PermanentDeliveryError("没有邮箱地址");
    await transports.email({ ...message, address: message.address });
    return;
  }
  if (!message.robot) throw new PermanentDeliveryError("群机器人已删除");
  await transports.webhook({ ...message, robot: message.robot }, now);
}

/**
 * Timestamps are passed as UTC text cast to `timestamp`, the type Prisma stores them in, so the
 * comparison does not depend on the session's time zone.
 */
async function claimNext(prisma: PrismaClient, now: Date, leaseMs: number): Promise<{ id: number; attempts: number } | null> {
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const rows = await prisma.$queryRaw<Array<{ id: number; attempts: number }>>`
    UPDATE "OutboxMessage" SET state = 'sending', "leaseUntil" = ${leaseUntil}::timestamp, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM "OutboxMessage"
      WHERE channel <> 'inapp'
        AND ((state = 'pending' AND "nextAttemptAt" <= ${at}::timestamp) OR (state = 'sending' AND "leaseUntil" <= ${at}::timestamp))
      ORDER BY "nextAttemptAt", id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, attempts`;
  return rows[0] ?? null;
}

/** When the runner next has something to do: the earliest retry, or the end of a lease of a message still sending. */
export async function nextDueAt(prisma: PrismaClient): Promise<Date | null> {
  const [pending, sending] = await Promise.all([
    prisma.outboxMessage.findFirst({ where: { state: "pending", channel: { not: "inapp" } }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } }),
    prisma.outboxMessage.findFirst({ where: { state: "sending" }, orderBy: { leaseUntil: "asc" }, select: { leaseUntil: true } }),
  ]);
  const times = [pending?.nextAttemptAt, sending?.leaseUntil].filter((time): time is Date => time instanceof Date);
  return times.length ? new Date(Math.min(...times.map((time) => time.getTime()))) : null;
}
