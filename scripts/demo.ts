import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db/factory";
import { startRunner, type Runner } from "@/lib/notify/runner";
import { createTransports } from "@/lib/notify/transports";
import { authSecret, authSecretProblem } from "@/lib/security/secret";
import { applyMigrations } from "./db/engine";
import { EMBEDDED_POOL_MAX, startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded-db";
import { DEMO_PASSWORD, demoAccounts, seedAccounts, seedDocuments, seedPeriods } from "./seed";

/**
 * `npm run demo`: database (the DATABASE_URL server, or an embedded PostgreSQL kept in .data/),
 * migrations, seed data, then the app. `--prod` serves a `next build` with `next start`.
 */
const { values: options } = parseArgs({
  options: {
    prod: { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    // This machine only by default: the demo's accounts share a published password.
    hostname: { type: "string", default: "127.0.0.1" },
  },
});

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  // LUOSHI_DATA_DIR=memory:// keeps the data in memory only (browser tests start from the seed every run).
  const dataDir = process.env.LUOSHI_DATA_DIR ?? path.join(process.cwd(), ".data", "pglite");
  embedded = await startEmbeddedDatabase({ dataDir });
  process.env.DATABASE_URL = embedded.url;
  process.env.DATABASE_POOL_MAX ??= String(EMBEDDED_POOL_MAX);
  console.log(`内置数据库已启动(数据目录 ${dataDir})`);
} else {
  console.log(`使用 DATABASE_URL 指定的数据库 ${new URL(process.env.DATABASE_URL).host}`);
}

/** The demo's own session secret, made once and kept in .data/ (a production start refuses to run without one). */
function demoSecret(): string {
  const file = path.join(process.cwd(), ".data", "auth-secret");
  const kept = existsSync(file) ? readFileSync(file, "utf8").trim() : "";
  if (!authSecretProblem({ NEXTAUTH_SECRET: kept })) return kept;
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

let runner: Runner | undefined;

async function shutdown(code: number): Promise<never> {
  await runner?.stop().catch(() => undefined);
  await embedded?.stop().catch(() => undefined);
  process.exit(code);
}

try {
  // In-process: an embedded database is served by this process and cannot answer a child process that blocks on it.
  const applied = await applyMigrations(process.env.DATABASE_URL);
  if (applied.length > 0) console.log(`已应用迁移 ${applied.length} 个`);
} catch (error) {
  console.error("数据库迁移失败,已停止:", error instanceof Error ? error.message : error);
  await shutdown(1);
}

const prisma = createPrismaClient();
try {
  const started = performance.now();
  const seeded = await seedDocuments(prisma);
  for (const { file, outcome } of seeded) {
    console.log(`导入 ${file}: 新增任务 ${outcome.tasks.created},更新 ${outcome.tasks.updated},未变 ${outcome.tasks.unchanged}`);
  }
  await seedPeriods(prisma);
  await seedAccounts(prisma);
  console.log(`示例数据就绪(${Math.round(performance.now() - started)} ms)`);
} catch (error) {
  console.error("导入示例数据失败:", error instanceof Error ? error.message : error);
  await prisma.$disconnect();
  await shutdown(1);
}
await prisma.$disconnect();

// The message runner (lib/notify/runner.ts) in this process: email over SMTP_URL / SMTP_HOST if
// set (else emails fail with the reason, shown on 消息投递), group-chat robots, retries.
try {
  runner = await startRunner({ connectionString: process.env.DATABASE_URL, prisma: createPrismaClient(process.env.DATABASE_URL, 2), transports: createTransports() });
  console.log("消息投递已启动");
} catch (error) {
  console.error("消息投递未能启动(催报仍记录在站内):", error instanceof Error ? error.message : error);
}

// Sessions need a signing secret; a demo without one gets a random secret kept beside its data.
if (!authSecret(process.env)) process.env.NEXTAUTH_SECRET = demoSecret();
process.env.NEXTAUTH_URL ??= `http://localhost:${options.port}`;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const next = spawn("npx", ["next", options.prod ? "start" : "dev", "--port", options.port, "--hostname", options.hostname], {
  stdio: "inherit",
  env: process.env,
});
console.log(`\n落实 已在 http://localhost:${options.port} 启动`);
console.log(`示例账号(密码均为 ${DEMO_PASSWORD}):`);
for (const account of demoAccounts) console.log(`  ${account.username.padEnd(10)} ${account.displayName}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => next.kill(signal));
}
next.on("exit", (code) => void shutdown(code ?? 0));
