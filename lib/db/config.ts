/** Where the database is, read from the environment the launcher (scripts/demo.ts) or the operator sets. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("未设置 DATABASE_URL:请用 `npm run demo` 启动(会自动使用内置数据库),或设置 DATABASE_URL 指向 PostgreSQL。");
  }
  return url;
}

/** Connections per process: DATABASE_POOL_MAX, else 10 (the demo sets EMBEDDED_POOL_MAX of scripts/embedded-db.ts on its embedded database). */
export function poolMax(): number {
  const value = Number(process.env.DATABASE_POOL_MAX);
  return Number.isInteger(value) && value > 0 ? value : 10;
}

/**
 * How long a transaction waits to begin: for a free connection of the pool and, on the embedded
 * database, for the backend that other connections' transactions hold (scripts/pglite-server.ts).
 * A plain query waits for a connection without limit; Prisma's default for a transaction, 2 s,
 * failed saves under a burst of 50 concurrent filings (scripts/reliability/embedded-burst.ts).
 */
export const TRANSACTION_MAX_WAIT_MS = 30_000;
