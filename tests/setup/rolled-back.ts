import { expect } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Runs `body` in a transaction that is always rolled back, so state changed for a check never persists. */
export async function rolledBack(prisma: PrismaClient, body: (tx: PrismaClient) => Promise<void>) {
  const rollback = new Error("rollback");
  await expect(
    prisma.$transaction(
      async (tx) => {
        await body(tx as unknown as PrismaClient);
        throw rollback;
      },
      { timeout: 60_000, maxWait: 30_000 },
    ),
  ).rejects.toBe(rollback);
}
