import { spawn } from "node:child_process";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import { createScratchDatabase } from "../../scripts/database-server";
import { applyMigrations } from "../../scripts/db/engine";
import { seedFiles } from "../../scripts/seed";
import { databaseName, fingerprint } from "./support/db";

/**
 * Issue 9, item 7.3: the process importing a document is killed (kill -9: no handler runs, no
 * ROLLBACK is sent) while its transaction is open. The database must be as before: no plan, no
 * tasks, no units — the transaction dies with the connection.
 */

const DOCUMENT = seedFiles()[0];

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let watcher: pg.Client;

beforeEach(async () => {
  scratch = await createScratchDatabase(inject("serverUrl"), "luoshi_rel_import");
  await applyMigrations(scratch.url);
  watcher = new pg.Client({ connectionString: inject("serverUrl") });
  await watcher.connect();
});

afterEach(async () => {
  await watcher?.end();
  await scratch?.drop();
});

/** `npm run import -- FILE` into the scratch database, in a process group of its own. */
function startImport() {
  const child = spawn("npm", ["run", "--silent", "import", "--", DOCUMENT], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: scratch.url, NODE_ENV: "production" },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    exited,
    done: () => done,
    output: () => output,
    /** kill -9 of npm, the shell, tsx and node: the whole group. */
    kill: () => process.kill(-child.pid!, "SIGKILL"),
  };
}

interface Backend {
  pid: number;
  state: string | null;
  xid: string | null;
  wait: string | null;
  query: string;
}

/** The scratch database's backends but `except` (ours). */
async function backends(except: number[] = []): Promise<Backend[]> {
  const { rows } = await watcher.query<Backend>(
    `SELECT pid, state, backend_xid::text AS xid, wait_event_type AS wait, left(query, 120) AS query
       FROM pg_stat_activity WHERE datname = $1 AND pid <> ALL($2::int[])`,
    [databaseName(scratch.url), except],
  );
  return rows;
}

/** Polls every 10 ms (at most `timeoutMs`) until `found` picks a backend, or the import ends. */
async function waitForBackend(importing: ReturnType<typeof startImport>, found: (backend: Backend) => boolean, except: number[], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !importing.done()) {
    const match = (await backends(except)).find(found);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return null;
}

/** Waits (at most 15 s) until the server has noticed the killed client and ended its backend. */
async function expectBackendsGone(except: number[]) {
  const deadline = Date.now() + 15_000;
  while ((await backends(except)).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await backends(except)).toEqual([]);
}

async function contents() {
  const prisma = createPrismaClient(scratch.url, 1);
  try {
    return {
      counts: {
        plans: await prisma.plan.count(),
        tasks: await prisma.task.count(),
        units: await prisma.unit.count(),
        leaders: await prisma.leader.count(),
        targets: await prisma.target.count(),
        reports: await prisma.progressReport.count(),
      },
      fingerprint: await fingerprint(prisma),
    };
  } finally {
    await prisma.$disconnect();
  }
}

describe("npm run import killed with kill -9", () => {
  it("while its transaction has written the plan, units and tasks and waits on a lock: the database is unchanged", async () => {
    const before = await contents();
    expect(before.counts).toEqual({ plans: 0, tasks: 0, units: 0, leaders: 0, targets: 0, reports: 0 });
    // Hold the import at its last step (the quarter's period and reports), with everything before written.
    const locker = new pg.Client({ connectionString: scratch.url });
    await locker.connect();
    try {
      await locker.query('BEGIN; LOCK TABLE "ReportingPeriod" IN ACCESS EXCLUSIVE MODE');
      const lockerPid = (await locker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      const importing = startImport();
      const waiting = await waitForBackend(importing, (backend) => backend.xid !== null && backend.wait === "Lock", [lockerPid]);
      expect(waiting, `the import never waited on the lock inside its transaction:\n${importing.output()}`).not.toBeNull();
      expect(waiting!.query).toMatch(/ReportingPeriod/);
      // The tables its open transaction has written to (row-exclusive locks are taken by writes).
      const { rows } = await locker.query<{ table: string }>(
        `SELECT DISTINCT c.relname AS table FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
          WHERE l.pid = $1 AND l.mode = 'RowExclusiveLock' AND c.relkind = 'r'`,
        [waiting!.pid],
      );
      expect(rows.map((row) => row.table)).toEqual(expect.arrayContaining(["Plan", "Unit", "Task", "TaskUnit", "Target"]));
      importing.kill();
      expect(await importing.exited).toMatchObject({ signal: "SIGKILL" });
      await locker.query("ROLLBACK");
      await expectBackendsGone([lockerPid]);
    } finally {
      await locker.end();
    }
    expect(await contents()).toEqual(before);
  });

  it("at its first write, with nothing holding it back: the database is unchanged, and the import then runs to the end", async () => {
    const before = await contents();
    const importing = startImport();
    // The plan's INSERT gives the transaction an id: kill at once.
    const writing = await waitForBackend(importing, (backend) => backend.xid !== null, []);
    expect(writing, `the import finished before it was seen writing:\n${importing.output()}`).not.toBeNull();
    importing.kill();
    expect(await importing.exited).toMatchObject({ signal: "SIGKILL" });
    await expectBackendsGone([]);
    expect(await contents()).toEqual(before);

    // Nothing is left locked or half-made: the same import succeeds.
    const again = startImport();
    expect(await again.exited, again.output()).toEqual({ code: 0, signal: null });
    expect((await contents()).counts).toMatchObject({ plans: 1, tasks: expect.any(Number) });
    expect((await contents()).counts.tasks).toBeGreaterThan(100);
  });
});
