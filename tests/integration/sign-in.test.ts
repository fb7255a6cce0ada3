import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { WRONG_CREDENTIALS, checkSignIn } from "@/lib/auth/sign-in";
import { MAX_FAILURES, SignInLimiter, limitKeys } from "@/lib/auth/sign-in-limit";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "@/scripts/db/engine";
import { startEmbeddedDatabase } from "@/scripts/embedded-db";

/**
 * The sign-in limit lives in PostgreSQL: two app instances count the same failures. It counts per
 * account, and per address only where a trusted proxy reports the address; a request without that
 * header, or a forged X-Forwarded-For, never puts everybody under one count.
 */
let prisma: PrismaClient;
const pools: pg.Pool[] = [];
const tag = randomUUID().slice(0, 8);
const PASSWORD = "correct-horse-battery";
const names = { alice: `alice-${tag}`, bob: `bob-${tag}`, carol: `carol-${tag}` };

/** One app instance's limiter, over a pool of its own. */
function instance(): SignInLimiter {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  pools.push(pool);
  return new SignInLimiter(pool);
}

beforeAll(async () => {
  prisma = createPrismaClient();
  const passwordHash = await hashPassword(PASSWORD);
  for (const username of Object.values(names)) await prisma.user.create({ data: { username, displayName: username, role: "office", passwordHash } });
});

afterAll(async () => {
  await prisma.signInLimit.deleteMany({ where: { key: { contains: tag } } });
  await Promise.all(pools.map((pool) => pool.end()));
  await prisma.$disconnect();
});

const attempt = (limiter: SignInLimiter, username: string, password: string, headers: Record<string, string> = {}) =>
  checkSignIn(prisma, limiter, { username, password }, headers);

describe("the keys an attempt counts against", () => {
  it("are the account alone without a trusted proxy, whatever the request claims", () => {
    expect(limitKeys("Alice", { "x-forwarded-for": "203.0.113.9" }, undefined)).toEqual(["account:alice"]);
    expect(limitKeys("alice", {}, "x-real-ip")).toEqual(["account:alice"]);
  });

  it("add the address a declared proxy header gives, the hop that proxy appended", () => {
    expect(limitKeys("alice", { "x-real-ip": "198.51.100.7" }, "X-Real-IP")).toEqual(["account:alice", "address:198.51.100.7"]);
    expect(limitKeys("alice", { "x-forwarded-for": "10.0.0.1, 198.51.100.7" }, "x-forwarded-for")).toEqual(["account:alice", "address:198.51.100.7"]);
  });
});

describe("too many failures", () => {
  it("lock the account on every instance, even for the right password; other accounts sign in", async () => {
    const [first, second] = [instance(), instance()];
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await attempt(i % 2 ? first : second, names.alice, "wrong-password")).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    }
    for (const limiter of [first, second]) {
      expect(await attempt(limiter, names.alice, PASSWORD)).toEqual({ ok: false, message: "登录失败次数过多,请 15 分钟后再试" });
    }
    // The same "address" (no trusted proxy declared): not grouped with alice.
    expect(await attempt(second, names.bob, PASSWORD, { "x-forwarded-for": "203.0.113.9" })).toMatchObject({ ok: true });
  });

  it("count again from zero after a successful sign-in", async () => {
    const limiter = instance();
    for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt(limiter, names.carol, "wrong-password");
    expect(await attempt(limiter, names.carol, PASSWORD)).toMatchObject({ ok: true });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt(limiter, names.carol, "wrong-password");
    expect(await attempt(limiter, names.carol, PASSWORD)).toMatchObject({ ok: true });
  });

  it("from one address behind a declared proxy lock that address across accounts", async () => {
    const previous = process.env.TRUSTED_PROXY_HEADER;
    process.env.TRUSTED_PROXY_HEADER = "x-real-ip";
    try {
      const limiter = instance();
      const address = { "x-real-ip": `192.0.2.${Math.floor(Math.random() * 200) + 1}-${tag}` };
      for (let i = 0; i < MAX_FAILURES; i++) await attempt(limiter, `nobody-${i}-${tag}`, "guess", address);
      expect(await attempt(limiter, names.bob, PASSWORD, address)).toMatchObject({ ok: false, message: expect.stringContaining("登录失败次数过多") });
      // Another address is not affected.
      expect(await attempt(limiter, names.bob, PASSWORD, { "x-real-ip": `198.51.100.1-${tag}` })).toMatchObject({ ok: true });
    } finally {
      if (previous === undefined) delete process.env.TRUSTED_PROXY_HEADER;
      else process.env.TRUSTED_PROXY_HEADER = previous;
    }
  });
});

describe("on the embedded database", () => {
  it("counts through several connections of one pool, which share the database's one session", async () => {
    const embedded = await startEmbeddedDatabase();
    const pool = new pg.Pool({ connectionString: embedded.url, max: 2 });
    try {
      await applyMigrations(embedded.url);
      const limiter = new SignInLimiter(pool);
      const keys = Array.from({ length: 6 }, (_, i) => `account:embedded-${i}-${tag}`);
      // Several at once: the pool opens both its connections.
      await Promise.all(keys.map((key) => limiter.recordFailure([key])));
      for (let i = 1; i < MAX_FAILURES; i++) await limiter.recordFailure([keys[0]]);
      expect(await Promise.all(keys.map((key) => limiter.retryAfter([key])))).toEqual([expect.any(Number), 0, 0, 0, 0, 0]);
      expect(await limiter.retryAfter([keys[0]])).toBeGreaterThan(0);
    } finally {
      await pool.end();
      await embedded.stop();
    }
  });
});
