import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/db/factory";

// One client per server process, made on first use so that `next build` needs no database.
// Kept on globalThis because Next's dev server reloads modules.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function db(): PrismaClient {
  return (globalForPrisma.prisma ??= createPrismaClient());
}
