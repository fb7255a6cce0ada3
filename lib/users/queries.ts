import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Accounts for the office's account page, by role then name; never the password hash. */
export async function listUsers(prisma: PrismaClient) {
  return prisma.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    select: { id: true, username: true, displayName: true, role: true, unitId: true, leaderName: true, active: true, email: true, mobile: true, unit: { select: { name: true, government: true } } },
  });
}

/** Every unit, by government and name, for choosing a staff member's unit. */
export async function listUnits(prisma: PrismaClient) {
  return prisma.unit.findMany({ orderBy: [{ government: "asc" }, { name: "asc" }], select: { id: true, government: true, name: true } });
}

/** The signed-in user's own email address and mobile number, for the form on the inbox page. */
export async function ownContact(prisma: PrismaClient, userId: number) {
  return prisma.user.findUnique({ where: { id: userId }, select: { email: true, mobile: true } });
}
