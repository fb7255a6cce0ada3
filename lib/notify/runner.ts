import PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deliverDue, nextDueAt, type DeliveryOptions } from "@/lib/notify/deliver";
import { DELIVERY_QUEUE } from "@/lib/notify/wake";

export interface RunnerOptions extends DeliveryOptions {
  connectionString: string;
  prisma: PrismaClient;
  /** How often an idle worker asks pg-boss for a job (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
}

export interface Runner {
  stop(): Promise<void>;
}

/**
 * The delivery runner: pg-boss on the app's PostgreSQL. A job on DELIVERY_QUEUE means "send what
 * is due"; the app adds one after enqueuing (lib/notify/wake.ts), a pg-boss schedule adds one a
 * minute (so nothing waits on a lost wake-up), and each pass adds one for its earliest retry.
 * pg-boss hands each job to one runner of however many run; which messages a pass sends is
 * decided by the row claim in deliverDue, so two runners never send the same message.
 */
export async function startRunner(options: RunnerOptions): Promise<Runner> {
  const log = options.log ?? ((line: string) => console.log(line));
  const clock = options.now ?? (() => new Date());
  // Two connections: pg-boss's own polling and maintenance take turns on them, the sending goes through Prisma.
  const boss = new PgBoss({ connectionString: options.connectionString, max: 2 });
  boss.on("error", (error) => log(`消息投递任务出错: ${error instanceof Error ? error.message : String(error)}`));
  await boss.start();
  await boss.createQueue(DELIVERY_QUEUE);
  await boss.schedule(DELIVERY_QUEUE, "* * * * *");
  await boss.work(DELIVERY_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    const outcome = await deliverDue(options.prisma, { ...options, now: clock });
    if (outcome.sent + outcome.retrying + outcome.failed > 0) {
      log(`消息投递: 已发送 ${outcome.sent},待重试 ${outcome.retrying},失败 ${outcome.failed}`);
    }
    const next = await nextDueAt(options.prisma);
    if (next) await boss.send(DELIVERY_QUEUE, {}, { startAfter: Math.max(1, Math.ceil((next.getTime() - clock().getTime()) / 1000)) });
  });
  await boss.send(DELIVERY_QUEUE, {});
  return {
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
