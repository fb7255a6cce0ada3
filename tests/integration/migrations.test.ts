import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, isReachable } from "../../scripts/database-server";
import {
  applyMigrations,
  createMigration,
  DEFAULT_MIGRATIONS_DIR,
  listMigrations,
  resetDatabase,
  schemaDrift,
} from "../../scripts/db/engine";
import { startEmbeddedDatabase } from "../../scripts/embedded-db";
import { seedDocuments } from "../../scripts/seed";
import { createPrismaClient } from "@/lib/db/factory";
import { parseDocument } from "@/lib/import";
import { persistImport } from "@/lib/import/persist";

/**
 * The migrations in prisma/migrations, applied to an empty database, must produce exactly
 * prisma/schema.prisma, and be recorded in _prisma_migrations as `prisma migrate deploy` would.
 * The database is a new one on the server the other integration tests use (DATABASE_URL, set by
 * tests/setup), or a new in-memory embedded one when that is the embedded server or none answers.
 */
const SERVER_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function emptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (await isReachable(SERVER_URL)) {
    const client = new pg.Client({ connectionString: SERVER_URL });
    await client.connect();
    const { rows } = await client.query<{ version: string }>("SELECT version() AS version");
    await client.end();
    // PGlite has one database whatever the name asked for: a "new" one there would not be empty.
    if (!rows[0].version.includes("PGlite")) return createScratchDatabase(SERVER_URL, "luoshi_mig");
  }
  const embedded = await startEmbeddedDatabase();
  return { url: embedded.url, drop: () => embedded.stop() };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("database migrations", () => {
  const migrations = listMigrations();
  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    database = await emptyDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("exist, with the lock file Prisma writes", () => {
    expect(migrations.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toMatch(/^provider = "postgresql"$/m);
  });

  it("apply to an empty database, each recorded as one finished row", async () => {
    expect(await applyMigrations(database.url)).toEqual(migrations);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
      applied_steps_count: number;
    }>(database.url, "SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name");
    expect(rows.map((row) => row.migration_name)).toEqual(migrations);
    for (const row of rows) {
      const sql = readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"), "utf8");
      expect(row).toMatchObject({ checksum: sha256(sql), rolled_back_at: null, logs: null, applied_steps_count: 1 });
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  });

  it("produce exactly schema.prisma (no drift)", async () => {
    expect(await schemaDrift(database.url)).toBe("");
  });

  it("are not applied twice", async () => {
    expect(await applyMigrations(database.url)).toEqual([]);
  });

  it("leave no schema change without a migration", async () => {
    // On a copy, so that a failure does not leave a stray migration in the repository.
    const copy = mkdtempSync(path.join(os.tmpdir(), "luoshi-migrations-"));
    try {
      cpSync(DEFAULT_MIGRATIONS_DIR, copy, { recursive: true });
      expect(await createMigration(database.url, "unexpected", { migrationsDir: copy })).toBeNull();
      expect(listMigrations(copy)).toEqual(migrations);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("reset drops everything, then re-applies them all", async () => {
    await query(database.url, "CREATE TABLE stray (id int)");
    expect(await resetDatabase(database.url)).toEqual(migrations);
    const stray = await query(database.url, "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'stray'");
    expect(stray).toEqual([]);
    expect(await schemaDrift(database.url)).toBe("");
  });

  it("rename the plans of quarterly progress tables after their subject, one plan per name", async () => {
    // The database as it stood before the rename: every migration up to it.
    const before = mkdtempSync(path.join(os.tmpdir(), "luoshi-migrations-"));
    const scratch = await emptyDatabase();
    try {
      cpSync(DEFAULT_MIGRATIONS_DIR, before, { recursive: true });
      const renaming = "20261130010000_plans_named_after_their_subject";
      expect(migrations).toContain(renaming);
      for (const later of migrations.filter((name) => name >= renaming)) rmSync(path.join(before, later), { recursive: true });
      await applyMigrations(scratch.url, { migrationsDir: before });
      await query(
        scratch.url,
        `INSERT INTO "Plan" (year, government, title, kind, "leadConvention", "sourceFile") VALUES
          (2025, '平湖市', '2025年政府工作报告重点工作一季度完成情况', 'key_tasks', 'star', '000.txt'),
          (2025, '平湖市', '2025年政府工作报告重点工作二季度完成情况', 'key_tasks', 'star', 'q2.txt'),
          (2024, '海宁市', '海宁市2024年重点工作1-9月推进情况表', 'key_tasks', 'star', 'q3.txt'),
          (2024, '海宁市', '2024年政府工作报告重点工作和民生实事项目责任分解', 'key_tasks', 'star', 'notice.txt'),
          (2025, '平湖市', '平湖市推动经济高质量发展若干政策一季度完成情况', 'policy_list', 'first_listed', '004.txt')`,
      );
      await applyMigrations(scratch.url);
      const titles = await query<{ sourceFile: string; title: string }>(scratch.url, `SELECT "sourceFile", title FROM "Plan" ORDER BY id`);
      expect(titles).toEqual([
        { sourceFile: "000.txt", title: "2025年政府工作报告重点工作" },
        // Its name is taken: it keeps its own rather than merge two plans.
        { sourceFile: "q2.txt", title: "2025年政府工作报告重点工作二季度完成情况" },
        { sourceFile: "q3.txt", title: "海宁市2024年重点工作" },
        { sourceFile: "notice.txt", title: "2024年政府工作报告重点工作和民生实事项目责任分解" },
        { sourceFile: "004.txt", title: "平湖市推动经济高质量发展若干政策一季度完成情况" },
      ]);
    } finally {
      rmSync(before, { recursive: true, force: true });
      await scratch.drop();
    }
  });

  it("mark the figures of earlier imports that their sentence calls 预计/预估 as estimates, exactly as the import marks them", async () => {
    // The database as it stood before the backfill, holding what today's import writes: the seeds and a table of
    // this test's own (full-width digits, spaces from a PDF, an estimate in the sentence before, a forecast after).
    const before = mkdtempSync(path.join(os.tmpdir(), "luoshi-migrations-"));
    const scratch = await emptyDatabase();
    const prisma = createPrismaClient(scratch.url, 2);
    try {
      cpSync(DEFAULT_MIGRATIONS_DIR, before, { recursive: true });
      const backfill = "20261130060200_estimated_actuals_backfill";
      expect(migrations).toContain(backfill);
      for (const later of migrations.filter((name) => name >= backfill)) rmSync(path.join(before, later), { recursive: true });
      await applyMigrations(scratch.url, { migrationsDir: before });
      await seedDocuments(prisma);
      const table = [
        "海盐县2029年政府工作报告重点工作一季度完成情况",
        "分管市长\t序号\t主要工作任务\t一季度完成情况\t责任单位",
        "周军\t1\t实现营业收入50亿元\t预计 一季度实现营业收入 １３.５亿元。\t发改局",
        "\t2\t新增光伏装机6万千瓦\t1-3月新增光伏装机１.２万千瓦,全年预计超额完成。\t经信局",
        "\t3\t新增城镇就业8000人以上\t上年预计就业形势平稳。1-3月新增就业2100人。\t人力社保局",
        "\t4\t新增规上工业企业200家\t一季度新增规上工业企业数据尚未发布；预估一季度新增规上工业企业51家\t经信局",
      ].join("\n");
      await persistImport(prisma, parseDocument("海盐.tsv", table));

      const flags = () =>
        query<{ reportId: number; targetId: number; source: string | null; estimated: boolean }>(
          scratch.url,
          `SELECT "reportId", "targetId", source, estimated FROM "ProgressActual" ORDER BY "reportId", "targetId"`,
        );
      const imported = await flags();
      const own = await query<{ source: string; estimated: boolean }>(
        scratch.url,
        `SELECT a.source, a.estimated FROM "ProgressActual" a JOIN "ProgressReport" r ON r.id = a."reportId" JOIN "Task" t ON t.id = r."taskId"
          JOIN "Plan" p ON p.id = t."planId" WHERE p.government = '海盐县' ORDER BY t.number`,
      );
      expect(own).toEqual([
        { source: "13.5亿元", estimated: true },
        { source: "1.2万千瓦", estimated: false },
        { source: "2100人", estimated: false },
        { source: "51家", estimated: true },
      ]);
      expect(imported.filter((row) => row.estimated).length).toBeGreaterThan(2);

      // As an import before the column existed left them: every figure counted. One figure typed in by a unit
      // (no source) stays as the unit filed it.
      const typed = imported.find((row) => row.estimated)!;
      await query(scratch.url, `UPDATE "ProgressActual" SET estimated = false`);
      await query(scratch.url, `UPDATE "ProgressActual" SET source = NULL WHERE "reportId" = ${typed.reportId} AND "targetId" = ${typed.targetId}`);
      expect(await applyMigrations(scratch.url)).toEqual(migrations.filter((name) => name >= backfill));
      expect(await flags()).toEqual(
        imported.map((row) => (row === typed ? { ...row, source: null, estimated: false } : row)),
      );
    } finally {
      await prisma.$disconnect();
      rmSync(before, { recursive: true, force: true });
      await scratch.drop();
    }
  });
});
