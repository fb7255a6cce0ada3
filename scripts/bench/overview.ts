/**
 * `npm run bench`: how fast the overview dashboard's data is assembled, against the raw SQL that
 * reads the same rows.
 *
 * Target (issue): for a plan of 2,000 tasks and 8,000 reports, `loadOverview` for Q2 as the
 * office takes under 300 ms and within 3× the raw SQL, both measured in this one run. The
 * median of the measured runs is held to both targets; p95 is printed alongside. Exits 1 when
 * a target is missed, 2 when it cannot run.
 *
 * Database: DATABASE_URL if set (the plan is generated there and removed afterwards), else a
 * scratch database on the local server (postgresql://postgres@127.0.0.1:5432), dropped at the end.
 */
import os from "node:os";
import pg from "pg";
import { loadOverview, type Overview, type OverviewQuery } from "@/lib/dashboard/overview";
import { poolMax } from "@/lib/db/config";
import { createPrismaClient } from "@/lib/db/factory";
import type { Actor } from "@/lib/permissions";
import { progressStatusOrder } from "@/lib/progress";
import { FILED_STATES } from "@/lib/reporting/states";
import { createScratchDatabase, isReachable } from "../database-server";
import { applyMigrations } from "../db/engine";
import { generateBenchPlan, removeBenchPlan, type GeneratedPlan } from "./generate";
import { LOCAL_SERVER } from "./scratch";
import { ms, runBench, summarise, timingLine, type Timing } from "./timing";

const TARGET_MS = 300;
const TARGET_RATIO = 3;
const WARMUP = 5;
const RUNS = Number(process.env.BENCH_RUNS) || 30;

const office: Actor = { id: 0, role: "office", unitId: null, leaderName: null, displayName: "市府办(基准测试)" };

/**
 * The rows `loadOverview` reads, by plain SQL over node-postgres, with the same columns and the
 * same concurrency (all at once on a pool of the same size), and nothing computed: the plan, its
 * periods, leaders, tasks, task units, units and targets, and the filed reports with their actuals
 * of the quarters up to the selected one (the trend needs the earlier ones). `$3` is the
 * lowest quarter whose reports are read: 1 for the same rows as `loadOverview`, the selected
 * quarter for the period's reports alone (printed for comparison).
 */
/** The filed states (lib/reporting/states.ts) as a SQL list. */
const FILED = FILED_STATES.map((state) => `'${state}'`).join(", ");

const RAW_QUERIES: Array<{ name: string; sql: string; byQuarter?: true }> = [
  { name: "plan", sql: `SELECT id, year, government, title, "leadConvention" FROM "Plan" WHERE id = $1` },
  {
    name: "periods",
    byQuarter: true,
    sql: `SELECT id, quarter, "opensAt", "dueAt", closed FROM "ReportingPeriod" WHERE "planId" = $1 AND quarter BETWEEN $3 AND $2 ORDER BY quarter`,
  },
  { name: "leaders", sql: `SELECT id, name FROM "Leader" WHERE "planId" = $1` },
  {
    name: "tasks",
    sql: `SELECT id, number, kind, text, "leaderId", "parentId" FROM "Task" WHERE "planId" = $1 ORDER BY id`,
  },
  {
    name: "task units",
    sql: `SELECT tu."taskId", tu."unitId", tu."isLead" FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId"
          WHERE t."planId" = $1 ORDER BY tu."taskId", tu.position`,
  },
  {
    name: "units",
    sql: `SELECT u.id, u.name FROM "Unit" u WHERE EXISTS (
            SELECT 1 FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId" WHERE tu."unitId" = u.id AND t."planId" = $1)`,
  },
  {
    name: "targets",
    sql: `SELECT g.id, g."taskId", g.position, g.kind, g.comparator, g.value, g.unit, g."originalText"
          FROM "Target" g JOIN "Task" t ON t.id = g."taskId" WHERE t."planId" = $1 ORDER BY g."taskId", g.position`,
  },
  {
    name: "reports",
    byQuarter: true,
    sql: `SELECT r.id, r."taskId", r."unitId", r."periodId", r."qualitativeStatus", r.state, r.late
          FROM "ProgressReport" r JOIN "ReportingPeriod" p ON p.id = r."periodId"
          WHERE p."planId" = $1 AND p.quarter BETWEEN $3 AND $2 AND r.state IN (${FILED})`,
  },
  {
    name: "actuals",
    byQuarter: true,
    sql: `SELECT a."reportId", a."targetId", a.value
          FROM "ProgressActual" a JOIN "ProgressReport" r ON r.id = a."reportId" JOIN "ReportingPeriod" p ON p.id = r."periodId"
          WHERE p."planId" = $1 AND p.quarter BETWEEN $3 AND $2 AND r.state IN (${FILED})`,
  },
];

async function rawRead(pool: pg.Pool, planId: number, quarter: number, fromQuarter = 1): Promise<number> {
  const results = await Promise.all(
    RAW_QUERIES.map(({ sql, byQuarter }) => pool.query(sql, byQuarter ? [planId, quarter, fromQuarter] : [planId])),
  );
  return results.reduce((rows, result) => rows + result.rowCount!, 0);
}

/** Warm-up, then `RUNS` rounds of each in turn (the order rotating), so that load from elsewhere hits all alike. */
async function compare<K extends string>(runners: Record<K, () => Promise<unknown>>): Promise<Record<K, Timing>> {
  const entries = Object.entries(runners) as Array<[K, () => Promise<unknown>]>;
  for (let i = 0; i < WARMUP; i++) for (const [, run] of entries) await run();
  const samples = Object.fromEntries(entries.map(([name]) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < RUNS; i++) {
    for (let j = 0; j < entries.length; j++) {
      const [name, run] = entries[(i + j) % entries.length];
      const start = performance.now();
      await run();
      samples[name].push(performance.now() - start);
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, summarise(samples[name])])) as Record<K, Timing>;
}

async function main(): Promise<number> {
  let url = process.env.DATABASE_URL;
  let dropScratch: (() => Promise<void>) | undefined;
  if (!url) {
    if (!(await isReachable(LOCAL_SERVER))) {
      console.error(`未设置 DATABASE_URL,本机 PostgreSQL(${new URL(LOCAL_SERVER).host})也未响应:无法运行基准测试。`);
      return 2;
    }
    const scratch = await createScratchDatabase(LOCAL_SERVER, "luoshi_bench");
    url = scratch.url;
    dropScratch = () => scratch.drop();
  }
  const prisma = createPrismaClient(url);
  const pool = new pg.Pool({ connectionString: url, max: poolMax() });
  let generated: GeneratedPlan | undefined;
  try {
    console.log(`数据库: ${new URL(url).host}${new URL(url).pathname}${dropScratch ? "(临时库,结束后删除)" : ""}`);
    console.log(`机器: ${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ""}, Node ${process.version}`);
    await applyMigrations(url);

    let start = performance.now();
    generated = await generateBenchPlan(prisma);
    const c = generated.counts;
    console.log(
      `生成: ${c.tasks} 项任务, ${c.leaders} 位分管领导, ${c.units} 个单位, ${c.taskUnits} 条任务—单位, ` +
        `${c.targets} 个指标(${c.tasksWithTargets} 项任务), ${c.periods} 个季度, ${c.reports} 份报告, ${c.actuals} 个实绩数` +
        `(${ms(performance.now() - start)})`,
    );
    console.log(`  报告状态: ${JSON.stringify(c.reportsByState)}; 逾期 ${c.lateReports}; 缺牵头单位报告 ${c.missingLeadReports} 次`);
    // As autovacuum would leave a database in use (statistics, visibility map), and so that it
    // does not start on the fresh rows in the middle of the measurements.
    await pool.query(`VACUUM ANALYZE "Task", "TaskUnit", "Target", "ProgressReport", "ProgressActual", "ReportingPeriod", "Unit", "Leader", "Plan"`);

    const measure = async (query: OverviewQuery) => {
      let result: Overview | null = null;
      const timing = await compare({
        overview: async () => (result = await loadOverview(prisma, office, query)),
        raw: () => rawRead(pool, query.planId, query.quarter),
        // For comparison only: what the selected period alone costs to read.
        rawPeriod: () => rawRead(pool, query.planId, query.quarter, query.quarter),
      });
      return {
        timing,
        result: result as Overview | null,
        rows: await rawRead(pool, query.planId, query.quarter),
        periodRows: await rawRead(pool, query.planId, query.quarter, query.quarter),
      };
    };

    start = performance.now();
    const q2 = await measure({ planId: generated.planId, quarter: 2 });
    if (!q2.result) throw new Error("loadOverview 没有找到生成的计划");
    const total = progressStatusOrder.reduce((sum, status) => sum + q2.result!.statusCounts[status], 0);
    if (q2.result.taskCount !== c.tasks || total !== c.tasks) {
      throw new Error(`结果不对: ${q2.result.taskCount} 项任务,各状态合计 ${total},应为 ${c.tasks}`);
    }
    const ratio = q2.timing.overview.median / q2.timing.raw.median;
    console.log(`\nloadOverview(第2季度,市府办),${RUNS} 次(另预热 ${WARMUP} 次):`);
    console.log(timingLine("loadOverview", q2.timing.overview));
    console.log(timingLine(`原始 SQL(同样的 ${q2.rows} 行)`, q2.timing.raw));
    console.log(`  倍数(中位数): ${ratio.toFixed(2)}×`);
    console.log(timingLine(`参考 — 原始 SQL 只读第2季度的报告(${q2.periodRows} 行,不含趋势图所需的第1季度)`, q2.timing.rawPeriod));
    console.log(`  参考倍数: ${(q2.timing.overview.median / q2.timing.rawPeriod.median).toFixed(2)}×`);
    console.log(
      `  结果: ${JSON.stringify(q2.result.statusCounts)}; 慢于序时 ${q2.result.behind.length} 项; ` +
        `未报/逾期单位 ${q2.result.lagging.length} 个; JSON ${Math.round(JSON.stringify(q2.result).length / 1024)} KB`,
    );

    // For information: the year's end reads all four quarters (the trend covers every period).
    const q4 = await measure({ planId: generated.planId, quarter: 4 });
    console.log(`\n参考 — 第4季度(读四个季度的报告):`);
    console.log(timingLine("loadOverview", q4.timing.overview));
    console.log(timingLine(`原始 SQL(同样的 ${q4.rows} 行)`, q4.timing.raw));
    console.log(`  倍数(中位数): ${(q4.timing.overview.median / q4.timing.raw.median).toFixed(2)}×`);
    console.log(`(测量用时 ${ms(performance.now() - start)})`);

    const failures: string[] = [];
    if (q2.timing.overview.median >= TARGET_MS) failures.push(`中位数 ${ms(q2.timing.overview.median)} ≥ ${TARGET_MS} ms`);
    if (ratio > TARGET_RATIO) failures.push(`倍数 ${ratio.toFixed(2)}× > ${TARGET_RATIO}×`);
    if (failures.length) {
      console.error(`\n未达标: ${failures.join(";")}`);
      return 1;
    }
    console.log(`\n达标: < ${TARGET_MS} ms,且 ≤ ${TARGET_RATIO}× 原始 SQL。`);
    return 0;
  } finally {
    if (generated && !dropScratch) await removeBenchPlan(prisma, generated).catch((error) => console.error("清理生成的计划失败:", error));
    await pool.end();
    await prisma.$disconnect();
    await dropScratch?.();
  }
}

runBench(main);
