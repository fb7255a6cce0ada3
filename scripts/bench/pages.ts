/**
 * `npm run bench -- pages`: the pages as the production server sends them, against what their
 * data alone costs.
 *
 * It serves the production build (`next start`, so `npm run build` first) on a loopback port
 * against a scratch database holding the seed documents, the demo accounts and a generated plan
 * (scripts/bench/generate.ts) of 2,000 tasks, then 20,000 (BENCH_PAGE_SIZES="2000,20000"), and
 * signs in as the office through next-auth's credentials endpoint. It prints:
 *
 * - the HTML size of the dashboard, the quarterly table, a task page and "my tasks", for the
 *   seeded plan (the 000 plan, Q1) and for each generated plan (Q2);
 * - under 20 connections, requests/s and latency of the dashboard, the quarterly table and the
 *   task page, each beside its data alone (the lib/ reads the page makes, called in this process
 *   by 20 callers at once on a pool of the server's size), and of a static file of the same
 *   server;
 * - the CPU time a call costs: the server's (its process group, from /proc) for a page, this
 *   process's for the data alone;
 * - how each figure grows from the first plan size to the last, against linear growth.
 *
 * Exits 1 when the seeded plan's dashboard is 150 KB or more, when a dashboard page costs more
 * than 2× its data alone (cost: 1 ÷ requests/s, at each plan size), or when the CPU time of a page
 * or of its data (the time per call where /proc is missing), or a page's HTML, grows faster than
 * the plan; 2 when it cannot run.
 *
 * Database: always a scratch one, on DATABASE_URL's server if set, else on the local server.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { loadOverview } from "@/lib/dashboard/overview";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { listPlanPeriods } from "@/lib/periods/queries";
import type { Quarter } from "@/lib/periods/quarters";
import type { Actor } from "@/lib/permissions";
import { loadQuarterlyTable } from "@/lib/quarterly/table";
import { getTaskDetail } from "@/lib/tasks/queries";
import { applyMigrations } from "../db/engine";
import { DEMO_PASSWORD, seedAccounts, seedDocuments, seedPeriods } from "../seed";
import { generateBenchPlan } from "./generate";
import { agentFor, groupCpu, httpCaller, ownCpu, runLoad, type Caller, type LoadOptions, type LoadResult } from "./load";
import { benchDatabase } from "./scratch";
import { startServer, ticksPerSecond } from "./server";
import { ms, runBench } from "./timing";

const SIZES = (process.env.BENCH_PAGE_SIZES ?? "2000,20000").split(",").map(Number);
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS) || 4;
// At least one call per connection, however slow (a dashboard of 20,000 tasks takes seconds a call).
const LOAD: LoadOptions = { concurrency: CONNECTIONS, seconds: SECONDS, minCalls: CONNECTIONS, maxSeconds: 60, maxCalls: 5000 };
// The code is warm after the first plan; a few calls open connections and fill caches.
const WARMUP: LoadOptions = { concurrency: 5, seconds: 0, minCalls: 5, maxSeconds: 60, maxCalls: 5 };
const MAX_SEEDED_DASHBOARD_KB = 150;
const MAX_PAGE_TO_DATA = 2;
/**
 * Growth over the plan's is checked with this much room for measurement noise: the CPU time a call
 * costs varied by up to a tenth between runs here (garbage collection, other work on the machine).
 */
const GROWTH_NOISE = 1.1;
const root = process.cwd();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);

/** Signs in through next-auth's credentials endpoint as a browser's form would; returns the session cookie. */
async function signIn(base: string, username: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, username, password: DEMO_PASSWORD, callbackUrl: base, json: "true" }),
  });
  const session = cookiesOf(response).find((cookie) => cookie.includes("session-token="));
  if (!session) throw new Error(`${username} 登录失败: HTTP ${response.status}`);
  return session;
}

async function fetchPage(base: string, pathname: string, cookie: string): Promise<string> {
  const response = await fetch(`${base}${pathname}`, { headers: { cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${pathname}: HTTP ${response.status}`);
  return response.text();
}

/** The task of a plan with the most reports, then the most targets: the heaviest task page. */
async function heaviestTask(sql: pg.Pool, planId: number): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `SELECT t.id FROM "Task" t WHERE t."planId" = $1 AND NOT EXISTS (SELECT 1 FROM "Task" c WHERE c."parentId" = t.id)
     ORDER BY (SELECT count(*) FROM "ProgressReport" r WHERE r."taskId" = t.id) DESC,
              (SELECT count(*) FROM "Target" g WHERE g."taskId" = t.id) DESC, t.id LIMIT 1`,
    [planId],
  );
  return rows[0].id;
}

/** A unit staff account for the plan's unit with the most tasks (for "my tasks"). */
async function unitAccount(prisma: PrismaClient, sql: pg.Pool, planId: number, username: string): Promise<string> {
  const { rows } = await sql.query<{ unitId: number }>(
    `SELECT tu."unitId" FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId" WHERE t."planId" = $1
     GROUP BY tu."unitId" ORDER BY count(*) DESC, tu."unitId" LIMIT 1`,
    [planId],
  );
  await prisma.user.create({
    data: { username, displayName: `基准测试 ${username}`, role: "unit_staff", unitId: rows[0].unitId, passwordHash: await hashPassword(DEMO_PASSWORD) },
  });
  return username;
}

interface Pair {
  page: LoadResult;
  data?: LoadResult;
}

async function measure(call: Caller, cpu: () => number | null): Promise<LoadResult> {
  await runLoad(call, WARMUP);
  return runLoad(call, LOAD, cpu);
}

const loadLine = (label: string, r: LoadResult) =>
  `  ${label.padEnd(22)} ${r.rate.toFixed(1).padStart(7)} 次/秒  中位数 ${ms(r.median).padStart(10)}  p95 ${ms(r.p95).padStart(10)}  CPU ${r.cpuPerCall === null ? "—" : ms(r.cpuPerCall)}/次  (${r.calls} 次${r.errors ? `, 失败 ${r.errors} 次` : ""}, ${r.seconds.toFixed(1)} 秒)`;

/** Cost of a call: the time the server (or this process) spends per call at saturation, in ms. */
const cost = (r: LoadResult) => 1000 / r.rate;

async function main(): Promise<number> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("没有生产构建:请先运行 npm run build。");
    return 2;
  }
  const scratch = await benchDatabase("luoshi_bench_pages", "页面基准测试");
  if (!scratch) return 2;
  const prisma = createPrismaClient(scratch.url);
  const sql = new pg.Pool({ connectionString: scratch.url, max: 2 });
  let app: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    console.log(`数据库: ${new URL(scratch.url).host}${new URL(scratch.url).pathname}(临时库,结束后删除)`);
    console.log(`机器: ${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ""}, Node ${process.version}, 负载 ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    await applyMigrations(scratch.url);
    let start = performance.now();
    await seedDocuments(prisma);
    await seedPeriods(prisma);
    await seedAccounts(prisma);
    console.log(`示例数据: ${ms(performance.now() - start)}`);
    const seeded = await prisma.plan.findFirstOrThrow({ where: { government: "平湖市", year: 2025, kind: "key_tasks", periods: { some: { quarter: 1 } } } });
    const officeUser = await prisma.user.findUniqueOrThrow({ where: { username: "office" } });
    const office: Actor = { id: officeUser.id, role: "office", unitId: null, leaderName: null, displayName: officeUser.displayName };

    app = await startServer(scratch.url, root);
    console.log(
      `服务: next start ${app.base}(生产构建);每项 ${CONNECTIONS} 个连接,至少 ${SECONDS} 秒且至少 ${LOAD.minCalls} 次、至多 ${LOAD.maxSeconds} 秒(先预热 ${WARMUP.maxCalls} 次)`,
    );
    const cookie = await signIn(app.base, "office");
    const fagai = await signIn(app.base, "fagai");

    // ---- The seeded plan ----------------------------------------------------------------------
    const seededTask = await heaviestTask(sql, seeded.id);
    const pages = (planId: number, quarter: number, task: number) => ({
      dashboard: `/plans/${planId}/dashboard?q=${quarter}`,
      table: `/plans/${planId}/table/${quarter}`,
      task: `/tasks/${task}`,
    });
    const seededPages = pages(seeded.id, 1, seededTask);
    const sizes = new Map<string, Record<string, number>>();
    const sizeOf = async (label: string, urls: Record<string, string>, myCookie: string) => {
      const row: Record<string, number> = {};
      for (const [name, url] of Object.entries(urls)) row[name] = Buffer.byteLength(await fetchPage(app!.base, url, cookie));
      row.my = Buffer.byteLength(await fetchPage(app!.base, "/my", myCookie));
      sizes.set(label, row);
      return row;
    };
    const seededSizes = await sizeOf("示例计划(000,一季度)", seededPages, fagai);

    // A static file of the same server: the first script the dashboard loads.
    const dashboardHtml = await fetchPage(app.base, seededPages.dashboard, cookie);
    const staticPath = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(dashboardHtml)?.[1];
    if (!staticPath) throw new Error("仪表盘页面里没有找到静态脚本");

    const agent = agentFor(CONNECTIONS);
    const serverCpu = () => groupCpu(app!.child.pid!, ticksPerSecond);
    const measurePage = (url: string) => measure(page(url), serverCpu);
    const measureData = (call: Caller) => measure(call, ownCpu);
    const page = (url: string) => httpCaller(`${app!.base}${url}`, { cookie, agent, timeoutMs: 120_000 });
    const dashboardData = (planId: number, quarter: Quarter): Caller => async () => {
      await listPlanPeriods(prisma, planId);
      await loadOverview(prisma, office, { planId, quarter });
      return 0;
    };
    // The page's first page, as the page reads it.
    const tableData = (planId: number, quarter: Quarter): Caller => async () => {
      await loadQuarterlyTable(prisma, office, planId, quarter, { page: 1 });
      return 0;
    };
    const taskData = (taskId: number): Caller => async () => {
      await getTaskDetail(prisma, office, taskId);
      return 0;
    };
    // Opening the pool is not the data's cost.
    await prisma.$queryRaw`SELECT 1`;

    console.log(`\n示例计划的仪表盘(${CONNECTIONS} 个连接):`);
    const seededDashboard: Pair = { page: await measurePage(seededPages.dashboard), data: await measureData(dashboardData(seeded.id, 1)) };
    console.log(loadLine("页面", seededDashboard.page));
    console.log(loadLine("数据(loadOverview)", seededDashboard.data!));
    console.log(`  页面/数据: ${(cost(seededDashboard.page) / cost(seededDashboard.data!)).toFixed(2)}×`);
    const staticFile = await measurePage(staticPath);
    console.log(loadLine(`静态文件(${kb(staticFile.bytes)})`, staticFile));

    // ---- Generated plans ---------------------------------------------------------------------
    const results = new Map<number, Record<"dashboard" | "table" | "task" | "static", Pair>>();
    for (const [i, size] of SIZES.entries()) {
      start = performance.now();
      const generated = await generateBenchPlan(prisma, { tasks: size, label: `p${size}` });
      const c = generated.counts;
      console.log(
        `\n===== ${size} 项任务 =====\n生成: ${c.tasks} 项任务, ${c.taskUnits} 条任务—单位, ${c.targets} 个指标, ${c.reports} 份报告, ${c.actuals} 个实绩数(${ms(performance.now() - start)})`,
      );
      start = performance.now();
      await sql.query(`VACUUM ANALYZE "Task", "TaskUnit", "Target", "ProgressReport", "ProgressActual", "ReportingPeriod", "Unit", "Leader", "Plan"`);
      const staff = await signIn(app.base, await unitAccount(prisma, sql, generated.planId, `bench${i}`));
      const task = await heaviestTask(sql, generated.planId);
      console.log(`准备: ${ms(performance.now() - start)}`);
      const urls = pages(generated.planId, 2, task);
      await sizeOf(`${size} 项任务(二季度)`, urls, staff);

      const pair = async (label: string, url: string, data: Caller, dataLabel: string): Promise<Pair> => {
        const result = { page: await measurePage(url), data: await measureData(data) };
        console.log(loadLine(`${label}(${kb(result.page.bytes)})`, result.page));
        console.log(loadLine(dataLabel, result.data));
        console.log(`  页面/数据: ${(cost(result.page) / cost(result.data)).toFixed(2)}×`);
        return result;
      };
      results.set(size, {
        dashboard: await pair("仪表盘", urls.dashboard, dashboardData(generated.planId, 2), "数据(loadOverview)"),
        table: await pair("季度表", urls.table, tableData(generated.planId, 2), "数据(loadQuarterlyTable)"),
        task: await pair("任务页", urls.task, taskData(task), "数据(getTaskDetail)"),
        static: { page: await measurePage(staticPath) },
      });
      console.log(loadLine("静态文件", results.get(size)!.static.page));
    }
    agent.destroy();

    // ---- Summary ------------------------------------------------------------------------------
    const failures: string[] = [];
    console.log(`\nHTML 大小(市府办;我的任务为单位填报员):`);
    console.log(`  ${"".padEnd(24)}${["仪表盘", "季度表", "任务页", "我的任务"].map((h) => h.padStart(10)).join("")}`);
    for (const [label, row] of sizes) {
      console.log(`  ${label.padEnd(24)}${[row.dashboard, row.table, row.task, row.my].map((b) => kb(b).padStart(12)).join("")}`);
    }
    if (seededSizes.dashboard >= MAX_SEEDED_DASHBOARD_KB * 1024) {
      failures.push(`示例计划的仪表盘 ${kb(seededSizes.dashboard)} ≥ ${MAX_SEEDED_DASHBOARD_KB} KB`);
    }
    for (const [size, result] of results) {
      const ratio = cost(result.dashboard.page) / cost(result.dashboard.data!);
      if (ratio > MAX_PAGE_TO_DATA) failures.push(`${size} 项任务的仪表盘页面是数据的 ${ratio.toFixed(2)}× > ${MAX_PAGE_TO_DATA}×`);
    }

    if (SIZES.length > 1) {
      const [first, last] = [SIZES[0], SIZES.at(-1)!];
      const linear = last / first;
      const a = results.get(first)!;
      const b = results.get(last)!;
      console.log(
        `\n从 ${first} 到 ${last} 项任务(${linear}×)的增长,括号内为与线性增长之比(≤ 1 为不超过线性;检查 CPU/次与 HTML,允许误差 ${Math.round((GROWTH_NOISE - 1) * 100)}%):`,
      );
      const grow = (label: string, from: number, to: number, checked: boolean) => {
        const growth = to / from;
        const toLinear = growth / linear;
        console.log(`  ${label.padEnd(26)} ${growth.toFixed(2).padStart(7)}×  (${toLinear.toFixed(2)})`);
        if (checked && toLinear > GROWTH_NOISE) failures.push(`${label} 增长 ${growth.toFixed(2)}×,超过线性(${linear}×,允许误差 ${Math.round((GROWTH_NOISE - 1) * 100)}%)`);
      };
      // What a call costs: CPU time per call where /proc tells it (other work on the machine hardly
      // changes it), checked; the time per call at saturation (1 ÷ requests/s), which that work
      // does change, printed beside it (and checked where CPU time is unknown).
      const growCost = (label: string, from: LoadResult, to: LoadResult) => {
        const cpuKnown = from.cpuPerCall !== null && to.cpuPerCall !== null;
        if (cpuKnown) grow(`${label} CPU/次`, from.cpuPerCall!, to.cpuPerCall!, true);
        grow(`${label} 每次用时(吞吐)`, cost(from), cost(to), !cpuKnown);
      };
      for (const name of ["dashboard", "table", "task"] as const) {
        const label = { dashboard: "仪表盘", table: "季度表", task: "任务页" }[name];
        growCost(`${label} 页面`, a[name].page, b[name].page);
        grow(`${label} 页面 p95`, a[name].page.p95, b[name].page.p95, false);
        growCost(`${label} 数据`, a[name].data!, b[name].data!);
        grow(`${label} HTML`, a[name].page.bytes, b[name].page.bytes, true);
      }
      grow("静态文件 每次用时(吞吐)", cost(a.static.page), cost(b.static.page), false);
    }

    if (failures.length) {
      console.error(`\n未达标:\n  ${failures.join("\n  ")}`);
      return 1;
    }
    console.log(
      `\n达标: 示例计划的仪表盘 < ${MAX_SEEDED_DASHBOARD_KB} KB,仪表盘页面 ≤ ${MAX_PAGE_TO_DATA}× 其数据${SIZES.length > 1 ? ",用时与页面大小的增长不超过线性" : ""}。`,
    );
    return 0;
  } finally {
    app?.stop();
    await sql.end();
    await prisma.$disconnect();
    await scratch.drop();
  }
}

runBench(main);
