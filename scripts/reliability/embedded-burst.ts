/**
 * Concurrent save+submit flows against a fresh database, to measure what the embedded database
 * (or a PostgreSQL server) does under them: how many reports are stored, errors, time.
 *   npx tsx --conditions=react-server scripts/reliability/embedded-burst.ts [--flows 50] [--contenders 5] [--pool 4] [--runs 3] [--url postgresql://…]
 * Without --url it starts an in-memory embedded database; with it, a scratch database on that
 * server (dropped afterwards). Each run files reports that no earlier run touched.
 * Exit code 1 when a run lost a report or met an error.
 */
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db/factory";
import { createScratchDatabase } from "../database-server";
import { applyMigrations } from "../db/engine";
import { EMBEDDED_POOL_MAX, startEmbeddedDatabase } from "../embedded-db";
import { checkBurst, prepareBurst, runBurst } from "./filing-burst";

const { values } = parseArgs({
  options: {
    flows: { type: "string", default: "50" },
    contenders: { type: "string", default: "5" },
    pool: { type: "string", default: String(EMBEDDED_POOL_MAX) },
    runs: { type: "string", default: "3" },
    url: { type: "string" },
  },
});
const counts = { flows: Number(values.flows), contenders: Number(values.contenders) };

const database = values.url ? await createScratchDatabase(values.url, "luoshi_burst") : await startEmbeddedDatabase();
const stop = () => ("drop" in database ? database.drop() : database.stop());
let failed = false;
try {
  await applyMigrations(database.url);
  const prisma = createPrismaClient(database.url, Number(values.pool));
  try {
    console.log(`${values.url ? "PostgreSQL" : "embedded"}, pool ${values.pool}: ${counts.flows} flows + ${counts.contenders} on one report`);
    for (let run = 1; run <= Number(values.runs); run++) {
      const plan = await prepareBurst(prisma, counts);
      const cpu = process.cpuUsage();
      const outcome = await runBurst(prisma, plan);
      const { user, system } = process.cpuUsage(cpu);
      const check = await checkBurst(prisma, plan, outcome);
      const { saves, submits, conflicts } = check.contended;
      console.log(
        `run ${run}: ${Math.round(outcome.ms)} ms (cpu ${Math.round((user + system) / 1000)} ms), stored ${check.stored}/${counts.flows}, errors ${check.errors.length}, ` +
          `inconsistent ${check.inconsistencies.length}, shared report: ${saves} save ${submits} submit ${conflicts} conflicts`,
      );
      for (const line of [...check.errors, ...check.inconsistencies].slice(0, 5)) console.log(`  ${line.slice(0, 200)}`);
      failed ||= check.stored < counts.flows || check.errors.length > 0 || check.inconsistencies.length > 0;
    }
  } finally {
    await prisma.$disconnect();
  }
} finally {
  await stop();
}
process.exit(failed ? 1 : 0);
