import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "@/scripts/db/engine";
import { EMBEDDED_POOL_MAX, startEmbeddedDatabase, type EmbeddedDatabase } from "@/scripts/embedded-db";
import { checkBurst, prepareBurst, runBurst } from "@/scripts/reliability/filing-burst";

/**
 * The embedded database (one PGlite backend behind the wire protocol) under concurrent requests,
 * whatever database the other integration tests use: it starts its own, with the demo's pool size.
 */
let embedded: EmbeddedDatabase;
let prisma: PrismaClient;
// Prisma's default for an interactive transaction's whole run: no transaction of Prisma's sits idle longer.
const IDLE_IN_TRANSACTION_MS = 5_000;

beforeAll(async () => {
  embedded = await startEmbeddedDatabase({ idleInTransactionMs: IDLE_IN_TRANSACTION_MS });
  await applyMigrations(embedded.url);
  prisma = createPrismaClient(embedded.url, EMBEDDED_POOL_MAX);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await embedded?.stop();
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe("the embedded database under concurrent requests", () => {
  it("stores 50 concurrent save+submit flows, and lets one of five filings of the same report through per version", async () => {
    const plan = await prepareBurst(prisma, { flows: 50, contenders: 5 });
    const outcome = await runBurst(prisma, plan);
    const check = await checkBurst(prisma, plan, outcome);
    expect(check.errors).toEqual([]);
    expect(check.inconsistencies).toEqual([]);
    expect(check.stored).toBe(50);
    // One save and one submission of the shared report won; the other four of each got the conflict.
    expect(check.contended).toEqual({ saves: 1, submits: 1, conflicts: 8 });
  });

  it("runs a transaction whole: others wait for its end and never see what it rolled back", async () => {
    const unit = await prisma.unit.findFirstOrThrow({ orderBy: { id: "asc" } });
    const rollback = new Error("rollback");
    let outside: Promise<string[]> | undefined;
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "Unit" WHERE id = ${unit.id} FOR UPDATE`;
        await tx.unit.update({ where: { id: unit.id }, data: { name: `${unit.name}(未提交)` } });
        // Requests on other connections meanwhile, as the corrections test makes them.
        outside = Promise.all([1, 2, 3].map(async () => (await prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).name));
        // Queries of one transaction at once (code does Promise.all inside transactions).
        const [count, same] = await Promise.all([tx.unit.count(), tx.unit.findUniqueOrThrow({ where: { id: unit.id } }), tx.$queryRaw`SELECT 1`]);
        expect(count).toBeGreaterThan(0);
        expect(same.name).toBe(`${unit.name}(未提交)`);
        await sleep(300);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await outside).toEqual([unit.name, unit.name, unit.name]);
  });

  it("rolls back the transaction of a connection that goes away, and serves the others", async () => {
    const gone = await connect(embedded.url);
    gone.on("error", () => undefined);
    await gone.query("BEGIN");
    await gone.query(`UPDATE "Unit" SET name = name || '(断开)' WHERE id = (SELECT min(id) FROM "Unit")`);
    const waiting = prisma.unit.count({ where: { name: { endsWith: "(断开)" } } });
    await sleep(100);
    gone.connection.stream.destroy(); // no Terminate message: the socket just goes
    expect(await waiting).toBe(0);
  });

  it("closes a connection idle inside a transaction after the timeout, so that the others go on", async () => {
    const idle = await connect(embedded.url);
    const closed = new Promise<Error>((resolve) => idle.on("error", resolve));
    await idle.query("BEGIN");
    await idle.query("CREATE TABLE idle_left (n int)");
    const started = performance.now();
    // Waits for the backend until the idle transaction is ended, then finds no such table.
    await expect(prisma.$queryRaw`SELECT count(*) FROM idle_left`).rejects.toThrow(/idle_left/);
    expect(performance.now() - started).toBeGreaterThan(IDLE_IN_TRANSACTION_MS / 2);
    expect((await closed).message).toMatch(/idle-in-transaction timeout/);
  });
});
