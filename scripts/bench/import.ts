/**
 * `npm run bench` (after the overview bench): how fast the five documents of seeds/ are imported,
 * against plain SQL that does the least any importer must do with the same rows, both measured in
 * this one run.
 *
 * - first import: parseDocument + persistImport of all five into an empty database (the tables
 *   are emptied, untimed, before each run); baseline: parsing the five and inserting the very
 *   rows the import wrote (dumped after the warm-up import) with plain SQL over node-postgres,
 *   one INSERT per table in one transaction, into the same emptied tables.
 * - re-import with nothing to change: the same five again; baseline: parsing the five and
 *   reading every row of those tables with plain SQL in one transaction.
 * Parsing alone is timed too, for reference. Contents are read from disk once, before timing.
 *
 * Target (the budget the integration test held before timing moved here): the median first
 * import under 2 s. Exits 1 when it is missed, 2 when it cannot run.
 *
 * Database: always a scratch database, on DATABASE_URL's server if set, else on the local server
 * (postgresql://postgres@127.0.0.1:5432), dropped at the end: the first import needs it empty.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/factory";
import { parseDocument, type ParseResult } from "@/lib/import";
import { persistImport, type ImportOutcome } from "@/lib/import/persist";
import { applyMigrations } from "../db/engine";
import { seedFiles } from "../seed";
import { benchDatabase } from "./scratch";
import { ms, runBench, summarise, timingLine, type Timing } from "./timing";

const TARGET_MS = 2000;
const WARMUP = 1;
const RUNS = Number(process.env.BENCH_RUNS) || 15;

/** The tables an import writes, parents before children (Task refers to itself: one statement handles that). */
const WRITTEN_TABLES = [
  "Plan",
  "GlossaryEntry",
  "Leader",
  "Unit",
  "UnitAlias",
  "Task",
  "TaskUnit",
  "Target",
  "ReportingPeriod",
  "ProgressReport",
  "ProgressActual",
] as const;

const documents = seedFiles().map((file) => ({ name: path.basename(file), content: readFileSync(file, "utf8") }));

const parseAll = (): ParseResult[] => documents.map(({ name, content }) => parseDocument(name, content));

async function importAll(prisma: ReturnType<typeof createPrismaClient>): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const result of parseAll()) outcomes.push(await persistImport(prisma, result));
  return outcomes;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

async function main(): Promise<number> {
  const scratch = await benchDatabase("luoshi_bench_import", "导入基准测试");
  if (!scratch) return 2;
  const prisma = createPrismaClient(scratch.url);
  const sql = new pg.Client({ connectionString: scratch.url });
  try {
    console.log(`数据库: ${new URL(scratch.url).host}${new URL(scratch.url).pathname}(临时库,结束后删除)`);
    console.log(`机器: ${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ""}, Node ${process.version}`);
    await applyMigrations(scratch.url);
    await sql.connect();
    const { rows: tables } = await sql.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    const empty = async () => {
      await sql.query(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(", ")} RESTART IDENTITY CASCADE`);
    };
    // Opening the pools is not the importer's time.
    await prisma.$queryRaw`SELECT 1`;

    // Warm-up: the first import of the process (module loading, JIT) is printed, not counted.
    // Its rows are what the plain-SQL baseline writes.
    const cold = await timed(() => importAll(prisma));
    const dump = new Map<string, string>();
    let rowCount = 0;
    for (const { name } of tables) {
      const { rows } = await sql.query<{ rows: string; n: number }>(
        `SELECT coalesce(json_agg(t), '[]')::text AS rows, count(*)::int AS n FROM "${name}" t`,
      );
      if (rows[0].n === 0) continue;
      if (!(WRITTEN_TABLES as readonly string[]).includes(name)) throw new Error(`导入写了未预料的表 ${name}`);
      dump.set(name, rows[0].rows);
      rowCount += rows[0].n;
    }
    const tasks = cold.value.reduce((sum, outcome) => sum + outcome.tasks.created, 0);
    console.log(`文件: ${documents.map((d) => d.name.slice(0, 3)).join("、")};首次导入写入 ${tasks} 项任务,共 ${rowCount} 行(${dump.size} 张表)`);
    console.log(`  本进程第一次导入(冷启动,不计入): ${ms(cold.ms)}`);

    const sqlWrite = async () => {
      parseAll();
      await sql.query("BEGIN");
      for (const name of WRITTEN_TABLES) {
        const rows = dump.get(name);
        if (rows) await sql.query(`INSERT INTO "${name}" SELECT * FROM json_populate_recordset(NULL::"${name}", $1::json)`, [rows]);
      }
      await sql.query("COMMIT");
    };
    const sqlRead = async () => {
      parseAll();
      await sql.query("BEGIN");
      for (const name of dump.keys()) await sql.query(`SELECT * FROM "${name}"`);
      await sql.query("COMMIT");
    };
    const unchanged = (outcomes: ImportOutcome[]) =>
      outcomes.every(
        (o) =>
          !o.planCreated && o.tasks.created + o.tasks.updated + o.tasks.removed === 0 && !o.unitsCreated.length && !o.reportsCreated && !o.figuresKept.length,
      );

    const samples = { first: [] as number[], again: [] as number[], sqlWrite: [] as number[], sqlRead: [] as number[], parse: [] as number[] };
    const measure = async (key: keyof typeof samples, run: () => Promise<unknown>, count: boolean) => {
      const { ms: took } = await timed(run);
      if (count) samples[key].push(took);
    };
    const start = performance.now();
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const count = i >= WARMUP;
      const rounds = [
        async () => {
          await empty();
          await measure("first", () => importAll(prisma), count);
          const again = await timed(() => importAll(prisma));
          if (!unchanged(again.value)) throw new Error(`再次导入应无变化,实际: ${JSON.stringify(again.value.map((o) => o.tasks))}`);
          if (count) samples.again.push(again.ms);
        },
        async () => {
          await empty();
          await measure("sqlWrite", sqlWrite, count);
          await measure("sqlRead", sqlRead, count);
        },
        () => measure("parse", async () => parseAll(), count),
      ];
      // The order rotates, so that load from elsewhere falls on all alike.
      for (let j = 0; j < rounds.length; j++) await rounds[(i + j) % rounds.length]();
    }
    const t = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, summarise(values)])) as Record<keyof typeof samples, Timing>;

    console.log(`\n导入 seeds/ 的五个文件,${RUNS} 次(另预热 ${WARMUP} 次):`);
    console.log(timingLine("首次导入(空库,解析 + 写入)", t.first));
    console.log(timingLine(`基线 — 解析 + 原始 SQL 写入同样的 ${rowCount} 行(每表一条 INSERT,一个事务)`, t.sqlWrite));
    console.log(`  倍数(中位数): ${(t.first.median / t.sqlWrite.median).toFixed(2)}×`);
    console.log(timingLine("再次导入(无变化)", t.again));
    console.log(timingLine(`基线 — 解析 + 原始 SQL 读出这 ${rowCount} 行(一个事务)`, t.sqlRead));
    console.log(`  倍数(中位数): ${(t.again.median / t.sqlRead.median).toFixed(2)}×`);
    console.log(timingLine("参考 — 只解析五个文件", t.parse));
    console.log(`(测量用时 ${ms(performance.now() - start)})`);

    if (t.first.median >= TARGET_MS) {
      console.error(`\n未达标: 首次导入中位数 ${ms(t.first.median)} ≥ ${TARGET_MS} ms`);
      return 1;
    }
    console.log(`\n达标: 首次导入中位数 < ${TARGET_MS} ms。`);
    return 0;
  } finally {
    await sql.end().catch(() => undefined);
    await prisma.$disconnect();
    await scratch.drop();
  }
}

runBench(main);
