import PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** pg-boss's queue of delivery passes (lib/notify/runner.ts). */
export const DELIVERY_QUEUE = "notify-deliver";

/**
 * After a transaction that enqueued messages has committed: asks the runner for a delivery pass
 * now rather than at its next minute. pg-boss writes the job through the app's own connection
 * pool (its `db` option), so the app opens no pool of its own for this. Best effort: a failure
 * here delays the messages until the runner's next scheduled pass (a minute), never loses them.
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
    // Prisma's message runs over several lines; its last names the cause (pg-boss not installed yet: no runner has started).
    const reason = error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error);
    console.warn(`未能通知消息投递任务(${reason}),消息将在投递任务下一次运行时发出。`);
  }
}
