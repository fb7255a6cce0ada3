/** Where the database is, read from the environment the launcher (scripts/demo.ts) or the operator sets. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("未设置 DATABASE_URL:请用 `npm run demo` 启动(会自动使用内置数据库),或设置 DATABASE_URL 指向 PostgreSQL。");
  }
  return url;
}

/** The embedded database serves one connection at a time, so its launcher sets DATABASE_POOL_MAX=1. */
export function poolMax(): number {
  const value = Number(process.env.DATABASE_POOL_MAX);
  return Number.isInteger(value) && value > 0 ? value : 10;
}
