import PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** pg-boss's queue of delivery passes (lib/notify/runner.ts). */
export const DELIVERY_QUEUE = "notify-deliver";

/**
 * After a transaction that enqueued messages has committed: asks the runner for a delivery pass
 * now rather than at its next minute. pg-boss writes the job through the app's own connection
 * pool (its `db` option), so the app opens no pool of its own for this. Best effort: a runner
 * not yet installed or a failure here delays the messages by at most a minute, never loses them.
 */
export async function wakeDelivery(prisma: PrismaClient): Promise<void> {
  const boss = new PgBoss({
    db: {
      executeSql: async (text: string, values: unknown[] = []) => ({
        rows: await prisma.$queryRawUnsafe<unknown[]>(text, ...values.map((value) => value ?? null)),
      }),
    },
  });
  try {
    await boss.send(DELIVERY_QUEUE, {});
  } catch (error) {
    console.warn("未能通知消息投递任务,将在一分钟内投递:", error instanceof Error ? error.message : error);
  }
}
