import type { TestProject } from "vitest/node";
import { createScratchDatabase, isReachable } from "../../scripts/database-server";
import { applyMigrations } from "../../scripts/db/engine";
import { EMBEDDED_POOL_MAX, startEmbeddedDatabase } from "../../scripts/embedded-db";

const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * Gives the integration tests a database of their own: a new database on the PostgreSQL server
 * (TEST_DATABASE_URL, else DATABASE_URL, else the local server), dropped afterwards; or, where
 * no server answers, an in-memory embedded PostgreSQL. Either way all migrations are applied.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_SERVER;
  let url: string;
  let poolMax: number;
  let teardown: () => Promise<void>;
  if (await isReachable(serverUrl)) {
    const scratch = await createScratchDatabase(serverUrl, "luoshi_test");
    ({ url } = scratch);
    poolMax = 5;
    teardown = () => scratch.drop();
  } else {
    console.warn(`未连上 PostgreSQL(${new URL(serverUrl).host}),集成测试改用内置数据库。`);
    const embedded = await startEmbeddedDatabase();
    ({ url } = embedded);
    poolMax = EMBEDDED_POOL_MAX;
    teardown = () => embedded.stop();
  }
  // In-process: the embedded database lives in this process, so a child `npm run db:migrate` would wait on it forever.
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  project.provide("databasePoolMax", poolMax);
  return teardown;
}
