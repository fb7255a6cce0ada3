import { existsSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/db/factory";
import { createScratchDatabase, isReachable } from "../../../scripts/database-server";
import { applyMigrations } from "../../../scripts/db/engine";
import { seedAccounts, seedDocuments, seedPeriods } from "../../../scripts/seed";

const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * The reliability suite's database: a scratch database on the PostgreSQL server (TEST_DATABASE_URL,
 * else DATABASE_URL, else the local server), migrated and seeded as `npm run demo` seeds it (the
 * documents of seeds/, the open second quarter, the demo accounts), dropped at the end. The suite
 * needs the server and the production build: it says so and stops rather than testing something else.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    throw new Error("npm run test:reliability 需要生产构建:请先运行 npm run build。");
  }
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_SERVER;
  if (!(await isReachable(serverUrl))) {
    throw new Error(`npm run test:reliability 需要 PostgreSQL 服务器:未连上 ${new URL(serverUrl).host}(设置 TEST_DATABASE_URL)。`);
  }
  const scratch = await createScratchDatabase(serverUrl, "luoshi_reliability");
  try {
    await applyMigrations(scratch.url);
    const prisma = createPrismaClient(scratch.url, 4);
    try {
      await seedDocuments(prisma);
      await seedPeriods(prisma);
      await seedAccounts(prisma);
    } finally {
      await prisma.$disconnect();
    }
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  project.provide("databaseUrl", scratch.url);
  project.provide("serverUrl", serverUrl);
  // One secret for every app instance the suite starts, so that a session of one is valid at another.
  project.provide("authSecret", randomBytes(32).toString("base64url"));
  return () => scratch.drop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
    authSecret: string;
  }
}
