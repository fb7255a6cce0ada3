import "server-only";
import { isIP } from "node:net";
import pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { databaseUrl } from "@/lib/db/config";

/**
 * Sign-in attempts, counted in PostgreSQL (the "SignInLimit" table) so that every app instance
 * counts the same attempts and a restart forgets nothing. A key is locked once its attempts in a
 * 15-minute window pass its limit, until the window ends.
 *
 * Every attempt is counted before the password is checked, in one atomic step per key, so that
 * parallel guesses cannot all pass a check made before any of them was recorded; a successful
 * sign-in then gives its attempt back.
 *
 * Keys: the account name always. The client's address only where the operator declares which
 * request header a trusted reverse proxy sets (TRUSTED_PROXY_HEADER, e.g. "x-real-ip" or
 * "x-forwarded-for"): the app itself cannot see the address, and a header anyone can send must not
 * decide whose attempts are counted together. Without the setting there is no per-address limit —
 * never one shared key that would lock everybody out — and the account's own 5 attempts are the
 * limit. With an address, those 5 are counted per account and address, so that someone elsewhere
 * who knows a user name cannot lock its owner out; the account as a whole and the address as a
 * whole (an office's staff share one address) have wider limits that stop guessing spread over
 * many addresses or many accounts.
 */

export const MAX_FAILURES = 5;
/** Attempts at one account from all addresses together, where addresses are known. */
export const ACCOUNT_CEILING = 50;
/** Attempts from one address at all accounts together. */
export const ADDRESS_LIMIT = 50;
export const WINDOW_SECONDS = 15 * 60;

export type Headers = Record<string, unknown> | undefined;

export interface LimitKey {
  key: string;
  limit: number;
  /** Whether a successful sign-in starts this count again (the account's), or gives its attempt back (the address's). */
  clearedBySuccess: boolean;
}

/**
 * The client's address from a trusted proxy's header: the entry `hops` from the end (each proxy
 * appends the address it saw; entries before those are whatever the client sent). Ports and the
 * IPv4-mapped prefix are dropped, and an IPv6 address counts by its /64 network, which one client
 * holds whole. Null when the header does not carry a usable address.
 */
export function clientAddress(value: string, hops = 1): string | null {
  const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
  if (hops < 1 || entries.length < hops) return null;
  let address = entries[entries.length - hops];
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/^::ffff:(?=[\d.]+$)/i, "");
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return `${ipv6Groups(address).slice(0, 4).join(":")}::/64`;
  return null;
}

/** The eight groups of an IPv6 address, "::" expanded. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.toLowerCase().split("::");
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  return [...groups(head), ...(tail === undefined ? [] : Array<string>(missing).fill("0")), ...groups(tail)].map((group) =>
    group.replace(/^0+(?=.)/, ""),
  );
}

/** The keys an attempt counts against, each with its limit. */
export function limitKeys(
  username: string,
  headers: Headers,
  trustedHeader = process.env.TRUSTED_PROXY_HEADER,
  hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 1),
): LimitKey[] {
  const account = `account:${username.trim().toLowerCase()}`;
  const header = trustedHeader?.trim().toLowerCase();
  const value = header ? headers?.[header] : undefined;
  const address = typeof value === "string" ? clientAddress(value, hops) : null;
  if (!address) return [{ key: account, limit: MAX_FAILURES, clearedBySuccess: true }];
  return [
    { key: `${account}@${address}`, limit: MAX_FAILURES, clearedBySuccess: true },
    { key: account, limit: ACCOUNT_CEILING, clearedBySuccess: true },
    { key: `address:${address}`, limit: ADDRESS_LIMIT, clearedBySuccess: false },
  ];
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
      // The library's own limit is never reached: each key's limit is compared here.
      points: Number.MAX_SAFE_INTEGER,
      duration: WINDOW_SECONDS,
    });
  }

  /**
   * Counts an attempt against every key, each in one atomic upsert; returns the milliseconds until
   * the attempt may be made again when a key is past its limit (the attempt is refused), else 0.
   */
  async count(keys: readonly LimitKey[]): Promise<number> {
    const states = await Promise.all(keys.map(({ key }) => this.limiter.penalty(key, 1)));
    return Math.max(0, ...states.map((state, i) => (state.consumedPoints > keys[i].limit ? state.msBeforeNext : 0)));
  }

  /**
   * After a successful sign-in the account's counts start again; the address gets this attempt
   * back but keeps the others, so that signing in to one account between guesses does not reset
   * the guesses at others.
   */
  async succeeded(keys: readonly LimitKey[]): Promise<void> {
    await Promise.all(keys.map(({ key, clearedBySuccess }) => (clearedBySuccess ? this.limiter.delete(key) : this.limiter.reward(key, 1))));
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
