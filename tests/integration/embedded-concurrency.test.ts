import { connect as connectSocket, type Socket } from "node:net";
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

  it("drops a client whose message length is impossible, and serves the others", async () => {
    for (const bytes of [
      // A startup packet shorter than its own header.
      [0, 0, 0, 4, 0, 3, 0, 0],
      // After startup: a query whose length field is 0xFFFFFFFF (read as -1), which would never move on.
      [...(await startupBytes()), 0x51, 0xff, 0xff, 0xff, 0xff],
    ]) {
      const socket = await openSocket();
      const closed = new Promise<string>((resolve) => {
        let answer = "";
        socket.on("data", (data) => (answer += data.toString("latin1")));
        socket.on("close", () => resolve(answer));
      });
      socket.write(Buffer.from(bytes));
      expect(await closed).toContain("invalid message length");
      expect(await prisma.unit.count()).toBeGreaterThan(0);
    }
  });

  it("does not commit an extended query whose client went away before its Sync", async () => {
    const setup = await connect(embedded.url);
    await setup.query("CREATE TABLE IF NOT EXISTS left_before_sync (n int)");
    const socket = await openSocket();
    socket.write(Buffer.from(await startupBytes()));
    await until(socket, "Z");
    // Parse, Bind, Execute of an INSERT, and no Sync: PostgreSQL would drop this work with the client.
    socket.write(Buffer.concat([frame("P", "\0INSERT INTO left_before_sync VALUES (1)\0\0\0"), frame("B", "\0\0\0\0\0\0\0\0"), frame("E", "\0\0\0\0\0")]));
    await until(socket, "C"); // CommandComplete: the insert ran
    socket.destroy();
    await sleep(100);
    expect((await setup.query<{ n: number }>("SELECT count(*)::int AS n FROM left_before_sync")).rows[0].n).toBe(0);
    await setup.end();
  });
});

/** A raw connection to the embedded database, for what a driver would never send. */
function openSocket(): Promise<Socket> {
  const { hostname, port } = new URL(embedded.url);
  return new Promise((resolve, reject) => {
    const socket = connectSocket(Number(port), hostname, () => resolve(socket));
    socket.on("error", reject);
  });
}

/** A protocol message: type byte, length, body. */
function frame(type: string, body: string): Buffer {
  const content = Buffer.from(body, "latin1");
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(4 + content.length, 1);
  return Buffer.concat([header, content]);
}

/** A startup message for protocol 3.0 as user postgres. */
async function startupBytes(): Promise<number[]> {
  const body = Buffer.concat([Buffer.from([0, 3, 0, 0]), Buffer.from("user\0postgres\0database\0postgres\0\0")]);
  const length = Buffer.alloc(4);
  length.writeInt32BE(4 + body.length);
  return [...Buffer.concat([length, body])];
}

/** Waits until the server has sent a message of this type. */
function until(socket: Socket, type: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = "";
    const onData = (data: Buffer) => {
      seen += data.toString("latin1");
      // Good enough for a test: the type byte of a message followed by the high byte of its length.
      if (seen.includes(`${type}\0`)) {
        socket.off("data", onData);
        resolve();
      }
    };
    socket.on("data", onData);
  });
}
