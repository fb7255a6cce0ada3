import pg from "pg";
import { expect, inject } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { defaultPeriodSchedule, type Quarter } from "@/lib/periods/quarters";
import type { Actor } from "@/lib/permissions";
import { DEMO_PASSWORD } from "./http";

/** A Prisma client of the suite's database, for setting up and checking (the app has its own). */
export function suitePrisma(url = inject("databaseUrl"), poolMax = 4): PrismaClient {
  return createPrismaClient(url, poolMax);
}

/** The 2025 plan of 平湖市 (seed 000), whose second quarter is open for filing. */
export async function demoPlan(prisma: PrismaClient) {
  return prisma.plan.findFirstOrThrow({
    where: { government: "平湖市", year: 2025, kind: "key_tasks", periods: { some: { quarter: 2 } } },
    include: { periods: { orderBy: { quarter: "asc" } } },
  });
}

/**
 * A period of the demo plan for one test file alone (reports are per task, unit and period, so its
 * reports meet no other file's); `remove` deletes it with its reports at the end.
 */
export async function privatePeriod(prisma: PrismaClient, quarter: Quarter) {
  const plan = await demoPlan(prisma);
  await prisma.reportingPeriod.deleteMany({ where: { planId: plan.id, quarter } });
  const period = await prisma.reportingPeriod.create({ data: { planId: plan.id, quarter, ...defaultPeriodSchedule(plan.year, quarter) } });
  return { plan, period, remove: () => prisma.reportingPeriod.deleteMany({ where: { id: period.id } }) };
}

const unitOf = (prisma: PrismaClient, name: string) =>
  prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name } } });

let demoHash: Promise<string> | undefined;

/** An account with the demo password (created if missing), as the Actor services take. */
export async function account(prisma: PrismaClient, username: string, role: Role, unitName?: string): Promise<Actor> {
  const unitId = unitName ? (await unitOf(prisma, unitName)).id : null;
  demoHash ??= hashPassword(DEMO_PASSWORD);
  const user = await prisma.user.upsert({
    where: { username },
    create: { username, displayName: `${unitName ?? role} ${username}`, role, unitId, passwordHash: await demoHash },
    update: {},
  });
  return { id: user.id, role: user.role, unitId: user.unitId, leaderName: user.leaderName, displayName: user.displayName };
}

/** The tasks of the demo plan a unit is on, in id order, with their targets. */
export async function tasksOf(prisma: PrismaClient, planId: number, unitName: string) {
  const unit = await unitOf(prisma, unitName);
  return prisma.task.findMany({
    where: { planId, units: { some: { unitId: unit.id } } },
    orderBy: { id: "asc" },
    select: { id: true, text: true, units: { select: { unitId: true, isLead: true } }, targets: { select: { id: true, kind: true, unit: true }, orderBy: { id: "asc" } } },
  });
}

/** Every table but the sign-in bookkeeping (sessions, sign-in counts), which reading pages touches. */
const CONTENT_TABLES = [
  "AuditEvent",
  "GlossaryEntry",
  "Leader",
  "Plan",
  "ProgressActual",
  "ProgressReport",
  "ReportingPeriod",
  "Target",
  "Task",
  "TaskUnit",
  "Unit",
  "UnitAlias",
  "User",
] as const;

/** Row count and a digest of every row of every content table: equal fingerprints, unchanged database. */
export async function fingerprint(prisma: PrismaClient): Promise<Record<string, string>> {
  const rows = await prisma.$queryRawUnsafe<Array<{ name: string; digest: string }>>(
    CONTENT_TABLES.map(
      (table) => `SELECT '${table}' AS name, count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t`,
    ).join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/**
 * The reports of a period as their history says they should be: each report's audit rows are
 * exactly one per version (every save and submission writes one in its transaction), the last of
 * them records the version, text, state and figures the report holds, and its figures are those.
 * A write that lost its audit row, or an audit row whose write was lost, shows here.
 */
export async function expectConsistentReports(prisma: PrismaClient, periodId: number) {
  const reports = await prisma.progressReport.findMany({
    where: { periodId },
    include: { actuals: { select: { targetId: true, value: true } } },
    orderBy: { id: "asc" },
  });
  const audits = await prisma.auditEvent.findMany({
    where: { entityType: "ProgressReport", entityId: { in: reports.map((report) => String(report.id)) } },
    orderBy: { id: "asc" },
  });
  for (const report of reports) {
    const history = audits.filter((audit) => audit.entityId === String(report.id));
    const last = history.at(-1)?.after as { version: number; narrative: string; state: string; actuals: Record<string, number> } | undefined;
    const actuals = Object.fromEntries(report.actuals.map((actual) => [String(actual.targetId), actual.value]));
    expect({ report: report.id, audits: history.length, last }).toEqual({
      report: report.id,
      audits: report.version,
      last: expect.objectContaining({ version: report.version, narrative: report.narrative, state: report.state, actuals }),
    });
  }
  // Figures belong to a saved report only.
  const orphans = await prisma.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM "ProgressActual" a LEFT JOIN "ProgressReport" r ON r.id = a."reportId" WHERE r.id IS NULL`;
  expect(orphans[0].n).toBe(0);
  return reports;
}

/** Terminates every connection to the database but the caller's; returns how many. */
export async function terminateBackends(admin: pg.Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ terminated: boolean }>(
    "SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [database],
  );
  return rows.filter((row) => row.terminated).length;
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** A plain connection to the server of the suite's database (its `postgres` database), for watching and terminating. */
export async function adminClient(): Promise<pg.Client> {
  const url = new URL(inject("databaseUrl"));
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}
