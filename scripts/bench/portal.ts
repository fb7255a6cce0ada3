/**
 * `npm run bench -- portal`: the public portal's pages (app/public) against a static file of the
 * same size served by the same server.
 *
 * It serves the production build (`next start`, so `npm run build` first) on a loopback port
 * against a scratch database holding the seed documents as the demo does (the 000 plan has Q1
 * published), picks the plan with the most published reports and its task with the most, and
 * sends each page, then a static file of `public/` holding the very same HTML (so the same
 * bytes), with autocannon: 50 connections for BENCH_SECONDS (10) each, after 200 warm-up requests,
 * in the order plan page, its twin, the task page's twin, the task page (so neither kind always
 * runs first). It prints requests/s (the mean of autocannon's per-second counts), the p95 latency
 * (computed from every 2xx response's own latency: autocannon reports p90 and p97.5, no p95), the
 * CPU time per request of the server and of this process (autocannon shares the machine with the
 * server), and the plan page's HTML bytes and JavaScript bytes (every `<script src>`, module or
 * script preload it references, fetched, plus inline scripts).
 *
 * Exits 1 when a page answers less than half its static twin's requests/s, or when any request
 * failed or answered other than 2xx; 2 when it cannot run.
 */
import autocannon from "autocannon";
import { randomBytes } from "node:crypto";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/factory";
import { applyMigrations } from "../db/engine";
import { seedAccounts, seedDocuments, seedPeriods } from "../seed";
import { groupCpu, ownCpu } from "./load";
import { benchDatabase } from "./scratch";
import { startServer, ticksPerSecond, type BenchServer } from "./server";
import { ms, runBench, summarise } from "./timing";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const WARMUP_REQUESTS = 200;
/** A page must answer at least this share of its static twin's requests/s. */
const MIN_PAGE_TO_STATIC = 0.5;
const root = process.cwd();

/** Terminal columns of a string: a CJK character takes two. */
const columns = (text: string) => [...text].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
const padEnd = (text: string, width: number) => text + " ".repeat(Math.max(0, width - columns(text)));
const padStart = (text: string, width: number) => " ".repeat(Math.max(0, width - columns(text))) + text;

interface Measured {
  rate: number;
  p95: number;
  median: number;
  responses: number;
  /** Anything but a 2xx answer: other statuses, connection errors, timeouts. */
  failures: number;
  /** Bytes on the wire per response (headers and body). */
  wireBytes: number;
  serverCpuPerRequest: number | null;
  benchCpuPerRequest: number;
  seconds: number;
}

/**
 * autocannon against one URL. Its latency histogram has no p95, so every 2xx response's latency is
 * kept (from its 'response' event, in ms at hrtime resolution) and the p95 computed from them.
 */
function cannon(url: string, options: { seconds?: number; amount?: number }, serverCpu: () => number | null): Promise<Measured> {
  const latencies: number[] = [];
  const serverBefore = serverCpu();
  const benchBefore = ownCpu();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        // A fixed duration, or a fixed count (the warm-up); a request gets 10 s at most.
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? SECONDS }),
        timeout: 10,
        // Identity, as autocannon sends it: no compression on either side.
        headers: { accept: "text/html" },
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const serverAfter = serverCpu();
        const answered = result.requests.total + result.errors;
        const { median, p95 } = summarise(latencies.length ? latencies : [Number.NaN]);
        resolve({
          rate: result.requests.mean,
          p95,
          median,
          responses: result.requests.total,
          failures: result.non2xx + result.errors + result.timeouts,
          wireBytes: result["2xx"] ? result.throughput.total / result["2xx"] : 0,
          serverCpuPerRequest: serverBefore !== null && serverAfter !== null && answered ? (serverAfter - serverBefore) / answered : null,
          benchCpuPerRequest: answered ? (ownCpu() - benchBefore) / answered : 0,
          seconds: result.duration,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

/** A GET without compression; throws unless 200. */
async function get(url: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { "accept-encoding": "identity" }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * The JavaScript a page makes the browser load: the bytes of every script it references (`<script
 * src>`, `<link rel="modulepreload">`, `<link rel="preload" as="script">`), fetched from the
 * server, plus the text of its inline scripts (JSON data blocks included: they are inside
 * `<script>` all the same).
 */
async function javascriptBytes(pageUrl: string, html: string): Promise<{ bytes: number; scripts: number }> {
  const sources = new Set<string>();
  let bytes = 0;
  let scripts = 0;
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    scripts += 1;
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1];
    if (src) sources.add(src);
    else bytes += Buffer.byteLength(body);
  }
  for (const [link] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = /\brel\s*=\s*["']?([^"'>]+)/i.exec(link)?.[1]?.toLowerCase() ?? "";
    const as = /\bas\s*=\s*["']?([^"'\s>]+)/i.exec(link)?.[1]?.toLowerCase();
    const href = /\bhref\s*=\s*["']?([^"'\s>]+)/i.exec(link)?.[1];
    if (href && (rel.includes("modulepreload") || (rel.includes("preload") && as === "script"))) {
      scripts += 1;
      sources.add(href);
    }
  }
  for (const src of sources) bytes += (await get(new URL(src.replaceAll("&amp;", "&"), pageUrl).href)).length;
  return { bytes, scripts };
}

async function main(): Promise<number> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("没有生产构建:请先运行 npm run build。");
    return 2;
  }
  const scratch = await benchDatabase("luoshi_bench_portal", "门户基准测试");
  if (!scratch) return 2;
  const prisma = createPrismaClient(scratch.url);
  const sql = new pg.Pool({ connectionString: scratch.url, max: 1 });
  let app: BenchServer | undefined;

  // The static twins: Next serves only the files of public/ it found when it started, so they are
  // created (empty) before the server, and filled with the pages' HTML once it has sent them.
  const twinName = (page: string) => `bench-${page}-${randomBytes(6).toString("hex")}.html`;
  const twins = { plan: twinName("plan"), task: twinName("task") };
  const twinPath = (name: string) => path.join(root, "public", name);
  const removeTwins = () => {
    for (const name of Object.values(twins)) rmSync(twinPath(name), { force: true });
  };
  // Interrupted (Ctrl-C, a CI timeout): no stray file in public/, no server left running.
  const interrupted = (signal: NodeJS.Signals) => {
    removeTwins();
    app?.stop();
    console.error(`\n${signal}:已删除静态文件并停止服务。`);
    void scratch.drop().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  try {
    console.log(`数据库: ${new URL(scratch.url).host}${new URL(scratch.url).pathname}(临时库,结束后删除)`);
    console.log(`机器: ${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ""}, Node ${process.version}, 负载 ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    await applyMigrations(scratch.url);
    await seedDocuments(prisma);
    await seedPeriods(prisma);
    await seedAccounts(prisma);

    // The plan with the most published reports, and its task with the most: pages that show
    // published progress, as a visitor would look them up.
    const { rows } = await sql.query<{ planId: number; taskId: number; reports: string }>(
      `WITH published AS (
         SELECT t."planId", r."taskId", count(*) AS reports FROM "ProgressReport" r JOIN "Task" t ON t.id = r."taskId"
         WHERE r.state = 'published' GROUP BY t."planId", r."taskId")
       SELECT "planId", "taskId", reports FROM published
       ORDER BY sum(reports) OVER (PARTITION BY "planId") DESC, "planId", reports DESC, "taskId" LIMIT 1`,
    );
    if (!rows.length) throw new Error("示例数据里没有已公开的进展");
    const { planId, taskId } = rows[0];

    for (const name of Object.values(twins)) writeFileSync(twinPath(name), "");
    app = await startServer(scratch.url, root);
    const base = app.base;
    const urls = { plan: `${base}/public/plans/${planId}`, task: `${base}/public/tasks/${taskId}` };
    const planHtml = await get(urls.plan);
    const taskHtml = await get(urls.task);
    if (!planHtml.includes(`/public/tasks/${taskId}`)) throw new Error(`计划页 ${urls.plan} 没有列出任务 ${taskId}`);
    writeFileSync(twinPath(twins.plan), planHtml);
    writeFileSync(twinPath(twins.task), taskHtml);
    const statics = { plan: `${base}/${twins.plan}`, task: `${base}/${twins.task}` };
    for (const [page, url] of Object.entries(statics)) {
      const served = await get(url);
      if (!served.equals(page === "plan" ? planHtml : taskHtml)) throw new Error(`${url} 与页面的内容不同`);
    }
    console.log(
      `服务: next start ${base}(生产构建);计划 ${planId} 的公开页、任务 ${taskId} 的公开页,各与同一服务的静态文件(同一 HTML)对比;` +
        `每项 ${CONNECTIONS} 个连接 ${SECONDS} 秒(先预热 ${WARMUP_REQUESTS} 次);autocannon 与服务共用本机 CPU`,
    );

    const serverCpu = () => groupCpu(app!.child.pid!, ticksPerSecond);
    const runs: Array<{ label: string; page: "plan" | "task"; kind: "page" | "static"; url: string; bytes: number }> = [
      { label: "计划页", page: "plan", kind: "page", url: urls.plan, bytes: planHtml.length },
      { label: "静态文件(计划页大小)", page: "plan", kind: "static", url: statics.plan, bytes: planHtml.length },
      { label: "静态文件(任务页大小)", page: "task", kind: "static", url: statics.task, bytes: taskHtml.length },
      { label: "任务页", page: "task", kind: "page", url: urls.task, bytes: taskHtml.length },
    ];
    for (const run of runs) {
      const warm = await cannon(run.url, { amount: WARMUP_REQUESTS }, serverCpu);
      if (warm.failures) throw new Error(`${run.url} 预热时失败 ${warm.failures} 次`);
    }
    const results = new Map<string, Measured>();
    for (const run of runs) results.set(`${run.page}:${run.kind}`, await cannon(run.url, { seconds: SECONDS }, serverCpu));

    const cpu = (value: number | null) => (value === null ? "—" : ms(value));
    const header = ["", "次/秒", "中位数", "p95", "HTML 字节", "线上字节/次", "非 2xx", "服务 CPU/次", "压测 CPU/次"];
    const widths = [22, 8, 11, 11, 11, 13, 8, 13, 13];
    const row = (cells: string[]) => `  ${cells.map((cell, i) => (i === 0 ? padEnd(cell, widths[i]) : padStart(cell, widths[i]))).join("")}`;
    console.log(`\n${row(header)}`);
    for (const run of runs) {
      const r = results.get(`${run.page}:${run.kind}`)!;
      const cells = [run.label, r.rate.toFixed(0), ms(r.median), ms(r.p95), String(run.bytes), String(Math.round(r.wireBytes)), String(r.failures), cpu(r.serverCpuPerRequest), ms(r.benchCpuPerRequest)];
      console.log(`${row(cells)}  (${r.responses} 次, ${r.seconds.toFixed(1)} 秒)`);
    }

    const js = await javascriptBytes(urls.plan, planHtml.toString("utf8"));
    console.log(`\n计划页: HTML ${planHtml.length} 字节,JavaScript ${js.bytes} 字节(${js.scripts} 个脚本)`);

    const failures: string[] = [];
    for (const page of ["plan", "task"] as const) {
      const label = page === "plan" ? "计划页" : "任务页";
      const dynamic = results.get(`${page}:page`)!;
      const twin = results.get(`${page}:static`)!;
      const ratio = dynamic.rate / twin.rate;
      console.log(`${label}/静态文件: ${(ratio * 100).toFixed(0)}% 的吞吐`);
      if (ratio < MIN_PAGE_TO_STATIC) failures.push(`${label} ${dynamic.rate.toFixed(0)} 次/秒 < 静态文件 ${twin.rate.toFixed(0)} 次/秒的一半`);
    }
    for (const run of runs) {
      const r = results.get(`${run.page}:${run.kind}`)!;
      if (r.failures) failures.push(`${run.label}: ${r.failures} 次非 2xx 或失败`);
    }
    if (failures.length) {
      console.error(`\n未达标:\n  ${failures.join("\n  ")}`);
      return 1;
    }
    console.log(`\n达标: 公开页面的吞吐不低于同样大小静态文件的 ${MIN_PAGE_TO_STATIC * 100}%,全部为 2xx。`);
    return 0;
  } finally {
    removeTwins();
    app?.stop();
    await sql.end();
    await prisma.$disconnect();
    await scratch.drop();
  }
}

runBench(main);
