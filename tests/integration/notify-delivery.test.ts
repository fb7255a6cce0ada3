import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deliverDue } from "@/lib/notify/deliver";
import { enqueueNotice } from "@/lib/notify/outbox";
import { createTransports, type Transports } from "@/lib/notify/transports";
import { wakeDelivery } from "@/lib/notify/wake";
import { startRobotStandIn, startSmtpStandIn } from "../support/notify-standins";

/**
 * Delivery of the outbox to a real SMTP server and a stand-in for the DingTalk and WeCom robots,
 * in this process (deliverDue with a controllable clock) and by the runner as its own process
 * (`npm run notify`), killed mid-send and run twice at once.
 */
let prisma: PrismaClient;
let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
let robots: Awaited<ReturnType<typeof startRobotStandIn>>;
let transports: Transports;
let unitId: number;
let userIds: number[];
const tag = randomUUID().slice(0, 8);
const SECRET = "SEC-test-secret";

beforeAll(async () => {
  prisma = createPrismaClient();
  smtp = await startSmtpStandIn();
  robots = await startRobotStandIn();
  transports = createTransports({ transport: smtp.url, from: "落实 <noreply@luoshi.test>" });
  const unit = await prisma.unit.create({ data: { government: `投递测试-${tag}`, name: "测试局" } });
  unitId = unit.id;
  userIds = [];
  for (const name of ["a", "b"]) {
    const user = await prisma.user.create({
      data: { username: `notify-${name}-${tag}`, displayName: `填报员${name}`, role: "unit_staff", unitId, email: `${name}-${tag}@example.test` },
    });
    userIds.push(user.id);
  }
});

beforeEach(async () => {
  // The files share one database: messages other files enqueued are not this file's to send.
  await prisma.outboxMessage.deleteMany();
  await prisma.unitRobot.deleteMany({ where: { unitId } });
  smtp.received.length = 0;
  robots.received.length = 0;
  robots.attempts.length = 0;
});

afterAll(async () => {
  await smtp.close();
  await robots.close();
  await prisma.$disconnect();
});

async function notice(key: string, users = userIds) {
  return prisma.$transaction((tx) => enqueueNotice(tx, { key, subject: `催报 ${key}`, body: "请于本周内提交。", userIds: users, robotUnitIds: [unitId] }));
}

async function addRobots(...robotsToAdd: Array<{ platform: "dingtalk" | "wecom"; path: string; secret?: string }>) {
  for (const robot of robotsToAdd) {
    await prisma.unitRobot.create({ data: { unitId, platform: robot.platform, name: robot.path, webhookUrl: `${robots.base}${robot.path}`, secret: robot.secret ?? null } });
  }
}

describe("delivering the outbox", () => {
  it("sends each message exactly once, by email, to a signed DingTalk robot and to a WeCom robot; the same notice again enqueues nothing", async () => {
    await addRobots({ platform: "dingtalk", path: `/dingtalk/${SECRET}`, secret: SECRET }, { platform: "wecom", path: "/wecom" });
    expect(await notice(`once-${tag}`)).toEqual({ enqueued: 6, skipped: 0 });
    expect(await deliverDue(prisma, { transports })).toEqual({ sent: 4, retrying: 0, failed: 0 });
    expect(await deliverDue(prisma, { transports })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await notice(`once-${tag}`)).toEqual({ enqueued: 0, skipped: 6 });
    expect(await deliverDue(prisma, { transports })).toEqual({ sent: 0, retrying: 0, failed: 0 });

    expect(smtp.received.map((mail) => mail.to).sort()).toEqual([`a-${tag}@example.test`, `b-${tag}@example.test`]);
    const rows = await prisma.outboxMessage.findMany({ where: { channel: "email" }, orderBy: { id: "asc" } });
    expect(smtp.received.map((mail) => mail.messageId).sort()).toEqual(rows.map((row) => `<outbox-${row.id}@luoshi.test>`).sort());
    expect(robots.received.map((hook) => hook.path).sort()).toEqual([`/dingtalk/${SECRET}`, "/wecom"]);
    const dingtalk = robots.received.find((hook) => hook.path.startsWith("/dingtalk"))!;
    expect(dingtalk.body).toEqual({ msgtype: "markdown", markdown: { title: `催报 once-${tag}`, text: `### 催报 once-${tag}\n\n请于本周内提交。` } });
    expect(robots.received.find((hook) => hook.path === "/wecom")!.body).toEqual({ msgtype: "markdown", markdown: { content: `### 催报 once-${tag}\n\n请于本周内提交。` } });
    const states = await prisma.outboxMessage.groupBy({ by: ["channel", "state"], _count: true, orderBy: { channel: "asc" } });
    expect(states.map((row) => [row.channel, row.state, row._count])).toEqual([
      ["email", "sent", 2],
      ["dingtalk", "sent", 1],
      ["wecom", "sent", 1],
      ["inapp", "sent", 2],
    ]);
  });

  it("refuses a DingTalk request whose signature does not match: the message fails with DingTalk's answer", async () => {
    await addRobots({ platform: "dingtalk", path: `/dingtalk/${SECRET}`, secret: "SEC-someone-elses" });
    await notice(`sign-${tag}`, []);
    expect(await deliverDue(prisma, { transports, maxAttempts: 1 })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(robots.received).toEqual([]);
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { channel: "dingtalk" } })).toMatchObject({ state: "failed", lastError: "errcode 310000: sign not match" });
  });

  it("retries a failing endpoint with a doubling wait, then marks the message failed with the error", async () => {
    await addRobots({ platform: "wecom", path: "/fail" });
    await notice(`fail-${tag}`, []);
    let now = new Date("2026-12-01T08:00:00Z");
    const options = { transports, now: () => now, maxAttempts: 3, backoffMs: 60_000 };
    const message = () => prisma.outboxMessage.findFirstOrThrow({ where: { channel: "wecom" } });
    // Enqueued at the real time, so due at once under this clock too.
    expect(await deliverDue(prisma, options)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await message()).toMatchObject({ state: "pending", attempts: 1, nextAttemptAt: new Date("2026-12-01T08:01:00Z"), lastError: expect.stringContaining("HTTP 500") });
    now = new Date("2026-12-01T08:00:59Z");
    expect(await deliverDue(prisma, options)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    now = new Date("2026-12-01T08:01:00Z");
    expect(await deliverDue(prisma, options)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await message()).toMatchObject({ attempts: 2, nextAttemptAt: new Date("2026-12-01T08:03:00Z") });
    now = new Date("2026-12-01T08:03:00Z");
    expect(await deliverDue(prisma, options)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await message()).toMatchObject({ state: "failed", attempts: 3, sentAt: null, lastError: expect.stringContaining("HTTP 500") });
    now = new Date("2026-12-02T08:00:00Z");
    expect(await deliverDue(prisma, options)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(robots.attempts).toEqual(["/fail", "/fail", "/fail"]);
  });
});

describe("the runner as its own process", () => {
  const children = new Set<ChildProcess>();

  /**
   * `leaseSeconds` short only where a dead runner's message is to be taken over: a lease shorter
   * than a send lets a second runner take over a message still being sent (README, Messages), and
   * on this loaded machine a send can take seconds.
   */
  function startRunnerProcess(leaseSeconds: number): ChildProcess {
    const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/notify-runner.ts"], {
      env: { ...process.env, SMTP_URL: smtp.url, SMTP_FROM: "落实 <noreply@luoshi.test>", NOTIFY_LEASE_SECONDS: String(leaseSeconds), NOTIFY_POLL_SECONDS: "0.5" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.stdout?.resume();
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    children.add(child);
    return child;
  }

  function kill(child: ChildProcess, signal: NodeJS.Signals) {
    // npx starts tsx which starts node: the whole process group goes.
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
    children.delete(child);
    return new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
  }

  async function until(check: () => Promise<boolean>, what: string, seconds = 60) {
    for (let waited = 0; waited < seconds * 4; waited += 1) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const allSent = async () => (await prisma.outboxMessage.count({ where: { state: { not: "sent" } } })) === 0;

  afterAll(async () => {
    for (const child of children) await kill(child, "SIGKILL");
  });

  it("killed while a mail server holds a message, then started again, sends every message once", async () => {
    const arrived = smtp.hold();
    await prisma.user.createMany({
      data: [1, 2, 3].map((n) => ({ username: `notify-kill-${n}-${tag}`, displayName: `甲${n}`, role: "unit_staff" as const, unitId, email: `kill-${n}-${tag}@example.test` })),
    });
    const killUsers = await prisma.user.findMany({ where: { username: { startsWith: `notify-kill-` } }, select: { id: true } });
    await notice(`kill-${tag}`, killUsers.map((user) => user.id));
    const first = startRunnerProcess(3);
    await arrived;
    await kill(first, "SIGKILL");
    expect(smtp.received).toEqual([]);
    expect(await prisma.outboxMessage.count({ where: { state: "sending" } })).toBe(1);

    const second = startRunnerProcess(3);
    await until(allSent, "every message sent after the restart");
    await kill(second, "SIGTERM");
    expect(smtp.received.map((mail) => mail.to).sort()).toEqual([1, 2, 3].map((n) => `kill-${n}-${tag}@example.test`));
    const taken = await prisma.outboxMessage.findMany({ where: { channel: "email" }, select: { attempts: true } });
    expect(taken.map((row) => row.attempts).sort()).toEqual([1, 1, 2]);
  });

  it("two runners at once send each of many messages once", async () => {
    await addRobots({ platform: "dingtalk", path: `/dingtalk/${SECRET}`, secret: SECRET }, { platform: "wecom", path: "/wecom" });
    for (let n = 0; n < 12; n += 1) await notice(`two-${n}-${tag}`);
    const expected = await prisma.outboxMessage.count({ where: { channel: { not: "inapp" } } });
    expect(expected).toBe(48);
    // The app's wake-up after a commit is a pg-boss job, written through the app's own Prisma client.
    const created = () => prisma.$queryRaw<Array<{ count: bigint }>>`SELECT count(*) FROM pgboss.job WHERE name = 'notify-deliver' AND state = 'created'`;
    const before = (await created())[0].count;
    await wakeDelivery(prisma);
    expect((await created())[0].count).toBe(before + 1n);
    const runners = [startRunnerProcess(300), startRunnerProcess(300)];
    await until(allSent, "every message sent by two runners", 120);
    for (const runner of runners) await kill(runner, "SIGTERM");
    expect(smtp.received).toHaveLength(24);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(24);
    expect(robots.received).toHaveLength(24);
    expect(new Set(robots.received.map((hook) => `${hook.path} ${hook.body.markdown.title ?? hook.body.markdown.content}`)).size).toBe(24);
  });
});
