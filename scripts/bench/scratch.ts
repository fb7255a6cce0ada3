import { createScratchDatabase, isReachable, withDatabaseName } from "../database-server";

export const LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * A scratch database for a benchmark, on DATABASE_URL's server if set, else on the local server;
 * null (after saying so) when that server does not answer.
 */
export async function benchDatabase(prefix: string, bench: string) {
  const server = process.env.DATABASE_URL ? withDatabaseName(process.env.DATABASE_URL, "postgres") : LOCAL_SERVER;
  if (!(await isReachable(server))) {
    console.error(`PostgreSQL(${new URL(server).host})未响应:无法运行${bench}。`);
    return null;
  }
  return createScratchDatabase(server, prefix);
}
