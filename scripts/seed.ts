import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { parseDocument } from "@/lib/import";
import { persistImport, type ImportOutcome } from "@/lib/import/persist";
import { defaultPeriodSchedule } from "@/lib/periods/quarters";

export const seedDirectory = path.join(process.cwd(), "seeds");

/** The official documents shipped as seed data, in file-name order. */
export function seedFiles(): string[] {
  return readdirSync(seedDirectory)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => path.join(seedDirectory, name));
}

/** Imports every seed document; safe to run on every start because import is idempotent. */
export async function seedDocuments(prisma: PrismaClient): Promise<Array<{ file: string; outcome: ImportOutcome }>> {
  const results = [];
  for (const file of seedFiles()) {
    const parsed = parseDocument(path.basename(file), readFileSync(file, "utf8"));
    results.push({ file: path.basename(file), outcome: await persistImport(prisma, parsed) });
  }
  return results;
}

/** Demo password of every seeded account (README lists the accounts). */
export const DEMO_PASSWORD = "luoshi-demo-2025";

export const demoAccounts = [
  { username: "office", displayName: "市府办 李明", role: "office" },
  { username: "fagai", displayName: "发改局 张伟", role: "unit_staff", unit: "发改局" },
  { username: "shangwu", displayName: "商务局 陈静", role: "unit_staff", unit: "商务局" },
  { username: "zhangbin", displayName: "张斌", role: "leader", leaderName: "张斌" },
] as const;

/** The demo city: 平湖市, whose 2025 quarterly table (seed 000) the accounts work on. */
const DEMO_GOVERNMENT = "平湖市";

/** One account per role, created only where missing so that changes made in the app survive a restart. */
export async function seedAccounts(prisma: PrismaClient): Promise<string[]> {
  const created: string[] = [];
  // Argon2 is deliberately slow: hash only when an account is actually missing, not on every start.
  let passwordHash: string | undefined;
  for (const account of demoAccounts) {
    if (await prisma.user.findUnique({ where: { username: account.username }, select: { id: true } })) continue;
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    const unitId =
      "unit" in account
        ? (await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: DEMO_GOVERNMENT, name: account.unit } } })).id
        : null;
    await prisma.user.create({
      data: {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        unitId,
        leaderName: "leaderName" in account ? account.leaderName : null,
        passwordHash,
      },
    });
    created.push(account.username);
  }
  return created;
}

/**
 * The second quarter of the 2025 plan open for filing, as the office would open it once the
 * first quarter's table (imported from seed 000) is compiled and closed.
 */
export async function seedPeriods(prisma: PrismaClient): Promise<void> {
  const plan = await prisma.plan.findFirst({
    where: { government: DEMO_GOVERNMENT, year: 2025, kind: "key_tasks", periods: { some: { quarter: 1 } } },
  });
  if (!plan || (await prisma.reportingPeriod.findUnique({ where: { planId_quarter: { planId: plan.id, quarter: 2 } } }))) return;
  await prisma.$transaction([
    prisma.reportingPeriod.update({ where: { planId_quarter: { planId: plan.id, quarter: 1 } }, data: { closed: true } }),
    prisma.reportingPeriod.create({ data: { planId: plan.id, quarter: 2, ...defaultPeriodSchedule(plan.year, 2) } }),
  ]);
}
