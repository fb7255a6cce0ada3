import PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deliverDue, nextDueAt, type DeliveryOptions } from "@/lib/notify/deliver";
import { DELIVERY_QUEUE } from "@/lib/notify/wake";
import { enqueueReminders, runDueReminders } from "@/lib/reminders/run";

/** pg-boss's queue of reminder passes: each works out the scheduled reminders due (lib/reminders). */
export const REMINDER_QUEUE = "reminders-due";

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
 * The reminder rules run on REMINDER_QUEUE, scheduled every five minutes: a step stays due for a
 * day (lib/reminders/rules.ts) and its messages' keys are the step's, so a pass that runs twice,
 * on two runners or after a restart, enqueues nothing the second time.
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
  await boss.createQueue(REMINDER_QUEUE);
  await boss.schedule(REMINDER_QUEUE, "*/5 * * * *");
  await boss.work(REMINDER_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    const { messages } = await runDueReminders(options.prisma, clock(), enqueueReminders);
    if (messages.length === 0) return;
    log(`定时提醒: ${messages.length} 条`);
    await boss.send(DELIVERY_QUEUE, {});
  });
  await boss.send(DELIVERY_QUEUE, {});
  await boss.send(REMINDER_QUEUE, {});
  return {
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
