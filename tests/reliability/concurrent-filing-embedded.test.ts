import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseDocument } from "@/lib/import";
import { persistImport } from "@/lib/import/persist";
import { applyMigrations } from "../../scripts/db/engine";
import { EMBEDDED_POOL_MAX, startEmbeddedDatabase, type EmbeddedDatabase } from "../../scripts/embedded-db";
import { seedFiles, seedPeriods } from "../../scripts/seed";
import { account, privatePeriod, tasksOf } from "./support/db";
import { concurrencyTests, throughService, type FlowSavers, type FlowUnit, type Slot } from "./support/flows";

/**
 * Issue 9, item 7.1 on the embedded database (PGlite behind scripts/pglite-server.ts, what
 * `npm run demo` starts without DATABASE_URL): the same flows as concurrent-filing.test.ts,
 * through the service on one Prisma client with the embedded database's pool. Behind
 * pglite-socket, which let connections' statements interleave on the one backend, writes were lost.
 */
const FLOWS = 50;
const RACERS = 8;

describe("on the embedded database, through the service", () => {
  let embedded: EmbeddedDatabase;
  let prisma: PrismaClient;
  let savers: FlowSavers;
  let slots: Record<FlowUnit, Slot[]>;

  beforeAll(async () => {
    embedded = await startEmbeddedDatabase();
    await applyMigrations(embedded.url);
    prisma = createPrismaClient(embedded.url, EMBEDDED_POOL_MAX);
    // The demo plan alone (seed 000): the flows file on its tasks.
    const file = seedFiles()[0];
    await persistImport(prisma, parseDocument(path.basename(file), readFileSync(file, "utf8")));
    await seedPeriods(prisma);
    const { period } = await privatePeriod(prisma, 3);
    const slotsOf = async (unit: keyof typeof slots) =>
      (await tasksOf(prisma, period.planId, unit)).map((task) => ({ taskId: task.id, periodId: period.id, targets: task.targets }));
    slots = { 发改局: await slotsOf("发改局"), 商务局: await slotsOf("商务局"), 经信局: await slotsOf("经信局") };
    savers = {
      fagai: throughService(prisma, await account(prisma, "fagai", "unit_staff", "发改局")),
      fagai2: throughService(prisma, await account(prisma, "rel-fagai-2", "unit_staff", "发改局")),
      shangwu: throughService(prisma, await account(prisma, "shangwu", "unit_staff", "商务局")),
      jingxin: throughService(prisma, await account(prisma, "rel-jingxin", "unit_staff", "经信局")),
    };
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await embedded?.stop();
  });

  concurrencyTests("embedded", { flows: FLOWS, racers: RACERS, raceSlot: 0 }, () => ({ prisma, savers, slots }));
});
