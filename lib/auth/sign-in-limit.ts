import "server-only";
import pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { databaseUrl } from "@/lib/db/config";

/**
 * Failed sign-ins, counted in PostgreSQL (the "SignInLimit" table) so that every app instance
 * counts the same failures and a restart forgets nothing: 5 failures in 15 minutes lock the key
 * until the window ends.
 *
 * Keys: always the account name. The client's address only where the operator declares which
 * request header a trusted reverse proxy sets (TRUSTED_PROXY_HEADER, e.g. "x-real-ip" or
 * "x-forwarded-for"): the app itself cannot see the address, and a header anyone can send must not
 * decide whose attempts are counted together. Without the setting there is no per-address limit —
 * never one shared key that would lock everybody out.
 */

export const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 15 * 60;

export type Headers = Record<string, unknown> | undefined;

/** The keys an attempt counts against: the account, and the address a trusted proxy reports. */
export function limitKeys(username: string, headers: Headers, trustedHeader = process.env.TRUSTED_PROXY_HEADER): string[] {
  const keys = [`account:${username.trim().toLowerCase()}`];
  const header = trustedHeader?.trim().toLowerCase();
  const value = header ? headers?.[header] : undefined;
  if (typeof value === "string") {
    // X-Forwarded-For lists every hop; the last entry is the one the trusted proxy appended.
    const address = value.split(",").at(-1)!.trim();
    if (address) keys.push(`address:${address}`);
  }
  return keys;
}

export class SignInLimiter {
  private readonly limiter: RateLimiterPostgres;

  constructor(pool: pg.Pool) {
    this.limiter = new RateLimiterPostgres({
      // The library names its prepared statements. A name belongs to a database session, and the
      // embedded database runs every connection in one session, where the second connection to
      // prepare a name fails ("already exists"): its queries go unnamed.
      storeClient: { query: ({ text, values }: pg.QueryConfig) => pool.query(text, values) },
      storeType: "pool",
      tableName: "SignInLimit",
      tableCreated: true, // by the migrations
      keyPrefix: "signin",
      points: MAX_FAILURES,
      duration: WINDOW_SECONDS,
    });
  }

  /** Milliseconds until every key may try again; 0 when none is locked. */
  async retryAfter(keys: string[]): Promise<number> {
    const states = await Promise.all(keys.map((key) => this.limiter.get(key)));
    return Math.max(0, ...states.map((state) => (state && state.consumedPoints >= MAX_FAILURES ? state.msBeforeNext : 0)));
  }

  async recordFailure(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.limiter.penalty(key, 1)));
  }

  /**
   * After a successful sign-in the account's count starts again; an address's does not, so that
   * signing in to one account between guesses does not reset the guesses at others.
   */
  async recordSuccess(keys: string[]): Promise<void> {
    await this.limiter.delete(keys[0]);
  }
}

const globalForLimiter = globalThis as unknown as { signInLimiter?: SignInLimiter };

/** The app's limiter, over a small pool of its own (made on first use, like the Prisma client). */
export function signInLimiter(): SignInLimiter {
  if (!globalForLimiter.signInLimiter) {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 2 });
    // An idle connection the database drops (a restart, a terminated backend) emits an error on
    // the pool: logged, and the pool connects again at the next query, instead of an uncaught
    // exception that would end a plain Node process.
    pool.on("error", (error) => console.error("登录限制的数据库连接断开:", error.message));
    globalForLimiter.signInLimiter = new SignInLimiter(pool);
  }
  return globalForLimiter.signInLimiter;
}
