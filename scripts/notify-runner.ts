import { createPrismaClient } from "@/lib/db/factory";
import { databaseUrl } from "@/lib/db/config";
import { DELIVERY_DEFAULTS } from "@/lib/notify/deliver";
import { startRunner } from "@/lib/notify/runner";
import { createTransports } from "@/lib/notify/transports";

/**
 * `npm run notify`: the message delivery runner on its own, for production beside `npm start`
 * (`npm run demo` runs one inside itself). Any number may run against one database.
 * NOTIFY_LEASE_SECONDS shortens the lease (tests); NOTIFY_POLL_SECONDS, how often it polls.
 */
const seconds = (name: string) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
};

const prisma = createPrismaClient(databaseUrl(), 2);
const lease = seconds("NOTIFY_LEASE_SECONDS");
const runner = await startRunner({
  connectionString: databaseUrl(),
  prisma,
  transports: createTransports(),
  leaseMs: lease ? lease * 1000 : DELIVERY_DEFAULTS.leaseMs,
  pollingIntervalSeconds: seconds("NOTIFY_POLL_SECONDS"),
});
console.log("消息投递已启动");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void runner
      .stop()
      .then(() => prisma.$disconnect())
      .finally(() => process.exit(0));
  });
}
