import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { WRONG_CREDENTIALS, checkSignIn } from "@/lib/auth/sign-in";
import { ADDRESS_LIMIT, MAX_FAILURES, SignInLimiter, clientAddress, limitKeys } from "@/lib/auth/sign-in-limit";
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
const names = { alice: `alice-${tag}`, bob: `bob-${tag}`, carol: `carol-${tag}`, dave: `dave-${tag}`, erin: `erin-${tag}` };

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
  const keys = (...args: Parameters<typeof limitKeys>) => limitKeys(...args).map(({ key, limit }) => `${key} ${limit}`);

  it("are the account alone without a trusted proxy, whatever the request claims", () => {
    expect(keys("Alice", { "x-forwarded-for": "203.0.113.9" }, undefined)).toEqual(["account:alice 5"]);
    expect(keys("alice", {}, "x-real-ip")).toEqual(["account:alice 5"]);
  });

  it("add the address a declared proxy header gives: the account there, the account anywhere, the address", () => {
    const behindProxy = ["account:alice@198.51.100.7 5", "account:alice 50", "address:198.51.100.7 50"];
    expect(keys("alice", { "x-real-ip": "198.51.100.7" }, "X-Real-IP")).toEqual(behindProxy);
    expect(keys("alice", { "x-forwarded-for": "10.0.0.1, 198.51.100.7" }, "x-forwarded-for")).toEqual(behindProxy);
  });

  it("read the address the trusted proxies appended, whatever the client put before it", () => {
    expect(clientAddress("203.0.113.9, 198.51.100.7")).toBe("198.51.100.7");
    expect(clientAddress("203.0.113.9, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    // Fewer entries than proxies: the request did not come through them all.
    expect(clientAddress("198.51.100.7", 2)).toBeNull();
  });

  it("count one client once: ports and the IPv4-mapped prefix dropped, IPv6 by its /64", () => {
    expect(clientAddress("198.51.100.7:5555")).toBe("198.51.100.7");
    expect(clientAddress("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(clientAddress("[2001:db8:1:2::7]:443")).toBe("2001:db8:1:2::/64");
    expect(clientAddress("2001:0db8:0001:0002:ffff:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(clientAddress("::1")).toBe("0:0:0:0::/64");
    expect(clientAddress("unknown")).toBeNull();
    expect(clientAddress("")).toBeNull();
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

  it("cannot all get through when sent at once: each attempt is counted before the password is checked", async () => {
    const limiter = instance();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(limiter, names.dave, "wrong-password")));
    const messages = results.map((result) => (result.ok ? "signed in" : result.message));
    expect(messages.filter((message) => message === WRONG_CREDENTIALS)).toHaveLength(MAX_FAILURES);
    expect(messages.filter((message) => message.includes("登录失败次数过多"))).toHaveLength(20 - MAX_FAILURES);
  });

  describe("behind a declared proxy", () => {
    let previous: string | undefined;
    beforeAll(() => {
      previous = process.env.TRUSTED_PROXY_HEADER;
      process.env.TRUSTED_PROXY_HEADER = "x-real-ip";
    });
    afterAll(() => {
      if (previous === undefined) delete process.env.TRUSTED_PROXY_HEADER;
      else process.env.TRUSTED_PROXY_HEADER = previous;
    });
    // Addresses unique to this run, so that earlier runs on the same database count nothing here.
    const octet = () => Math.floor(Math.random() * 250) + 1;
    const address = () => ({ "x-real-ip": `10.${octet()}.${octet()}.${octet()}` });

    it("lock an account only where the failures came from: its owner elsewhere still signs in", async () => {
      const limiter = instance();
      const [attacker, owner] = [address(), address()];
      for (let i = 0; i < MAX_FAILURES; i++) await attempt(limiter, names.erin, "guess", attacker);
      expect(await attempt(limiter, names.erin, PASSWORD, attacker)).toMatchObject({ ok: false, message: expect.stringContaining("登录失败次数过多") });
      expect(await attempt(limiter, names.erin, PASSWORD, owner)).toMatchObject({ ok: true });
    });

    it("lock an address after many failures across accounts, not after an office's few typos", async () => {
      const limiter = instance();
      const office = address();
      for (let i = 0; i < MAX_FAILURES; i++) await attempt(limiter, `nobody-${i}-${tag}`, "typo", office);
      expect(await attempt(limiter, names.bob, PASSWORD, office)).toMatchObject({ ok: true });
      for (let i = MAX_FAILURES; i < ADDRESS_LIMIT; i++) await attempt(limiter, `nobody-${i}-${tag}`, "guess", office);
      expect(await attempt(limiter, names.bob, PASSWORD, office)).toMatchObject({ ok: false, message: expect.stringContaining("登录失败次数过多") });
      // Another address is not affected.
      expect(await attempt(limiter, names.bob, PASSWORD, address())).toMatchObject({ ok: true });
    });
  });
});

describe("on the embedded database", () => {
  it("counts through several connections of one pool, which share the database's one session", async () => {
    const embedded = await startEmbeddedDatabase();
    const pool = new pg.Pool({ connectionString: embedded.url, max: 2 });
    try {
      await applyMigrations(embedded.url);
      const limiter = new SignInLimiter(pool);
      const keys = Array.from({ length: 6 }, (_, i) => limitKeys(`embedded-${i}-${tag}`, {}));
      // Several at once: the pool opens both its connections.
      expect(await Promise.all(keys.map((key) => limiter.count(key)))).toEqual([0, 0, 0, 0, 0, 0]);
      for (let i = 1; i < MAX_FAILURES; i++) expect(await limiter.count(keys[0])).toBe(0);
      expect(await limiter.count(keys[0])).toBeGreaterThan(0);
      expect(await limiter.count(keys[1])).toBe(0);
    } finally {
      await pool.end();
      await embedded.stop();
    }
  });
});
