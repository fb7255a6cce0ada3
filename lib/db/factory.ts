import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, poolMax, TRANSACTION_MAX_WAIT_MS } from "@/lib/db/config";

/** A Prisma client over node-postgres; scripts and tests make their own, the app shares one. */
export function createPrismaClient(url = databaseUrl(), max = poolMax()): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max }),
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
  });
}
