import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { ReviewState } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/permissions";
import {
  attachmentsVisibleTo,
  canReadAttachment,
  canReadReport,
  canReadTask,
  countsForViewer,
  reportCountedSql,
  reportVisibilitySql,
  reportsCountedFor,
  reportsVisibleTo,
  taskVisibilitySql,
  tasksVisibleTo,
  type TaskScope,
  type Viewer,
} from "@/lib/reporting/visibility";

/**
 * The visibility rules exist once, as data, and are rendered three ways: a predicate, a Prisma
 * where and a SQL condition. On a plan holding every kind of task (a leader's, another leader's,
 * none; lead, co- and unlisted units) with reports in every state, the three must select the same
 * rows for every kind of viewer.
 */
let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
const government = `可见性测试${tag}`;
const planIds: number[] = [];
let units: Record<"A" | "B" | "C" | "D", number>;

const STATES = Object.values(ReviewState);

beforeAll(async () => {
  prisma = createPrismaClient();
  const made = await Promise.all(["A", "B", "C", "D"].map((name) => prisma.unit.create({ data: { government, name: `${name}单位` } })));
  units = { A: made[0].id, B: made[1].id, C: made[2].id, D: made[3].id };
  // Two plans of the same shape, four periods each: the states, dealt in turn over all the rows,
  // give every relation (lead, co-, unlisted unit) reports in all five states.
  let slot = 0;
  for (const title of ["甲", "乙"]) {
    const plan = await prisma.plan.create({
      data: { year: 2031, government, title: `${title}${tag}`, kind: "key_tasks", leadConvention: "star", sourceFile: "visibility.test" },
    });
    planIds.push(plan.id);
    const [l1, l2] = await Promise.all(["王一", "李二"].map((name) => prisma.leader.create({ data: { planId: plan.id, name: `${name}${tag}` } })));
    const shapes: Array<{ leaderId: number | null; links: Array<[keyof typeof units, boolean]>; reporters: Array<keyof typeof units> }> = [
      // A leads, B helps; C reported without being listed.
      { leaderId: l1.id, links: [["A", true], ["B", false]], reporters: ["A", "B", "C"] },
      { leaderId: l2.id, links: [["B", true]], reporters: ["B", "A"] },
      // No leader; two leads.
      { leaderId: null, links: [["A", true], ["C", true]], reporters: ["A", "C"] },
      // No units at all (a heading, or a task whose units were all dropped), yet a report.
      { leaderId: l1.id, links: [], reporters: ["D"] },
    ];
    const periods = await Promise.all([1, 2, 3, 4].map((quarter) =>
      prisma.reportingPeriod.create({ data: { planId: plan.id, quarter, opensAt: new Date("2031-01-01"), dueAt: new Date("2031-12-31") } }),
    ));
    for (const [index, shape] of shapes.entries()) {
      const task = await prisma.task.create({
        data: {
          planId: plan.id,
          leaderId: shape.leaderId,
          numberScope: "key",
          number: String(index + 1),
          kind: "key",
          text: `任务${index + 1}`,
          units: { create: shape.links.map(([unit, isLead], position) => ({ unitId: units[unit], isLead, position })) },
        },
      });
      for (const reporter of shape.reporters) {
        for (const period of periods) {
          await prisma.progressReport.create({ data: { taskId: task.id, unitId: units[reporter], periodId: period.id, state: STATES[slot++ % STATES.length] } });
        }
      }
    }
  }
  // Each report carries one attachment marked public and one not.
  const reports = await prisma.progressReport.findMany({ where: { task: { planId: { in: planIds } } }, select: { id: true } });
  await prisma.attachment.createMany({
    data: reports.flatMap((report) =>
      [true, false].map((isPublic) => ({
        reportId: report.id,
        storageKey: `visibility-${tag}/${report.id}-${isPublic}`,
        fileName: "佐证.pdf",
        contentType: "application/pdf",
        size: 1,
        sha256: "0",
        public: isPublic,
      })),
    ),
  });
});

afterAll(async () => {
  await prisma.plan.deleteMany({ where: { id: { in: planIds } } });
  await prisma.unit.deleteMany({ where: { government } });
  await prisma.$disconnect();
});

const staff = (unit: keyof typeof units | null): Actor => ({ id: -1, role: "unit_staff", unitId: unit ? units[unit] : null, leaderName: null, displayName: "填报员" });
const leader = (name: string | null): Actor => ({ id: -2, role: "leader", unitId: null, leaderName: name === null ? null : `${name}${tag}`, displayName: "领导" });
const viewers: Array<[string, () => Viewer]> = [
  ["the public", () => null],
  ["the office", () => ({ id: -3, role: "office", unitId: null, leaderName: null, displayName: "市府办" })],
  ...(["A", "B", "C", "D"] as const).map((unit): [string, () => Viewer] => [`staff of unit ${unit}`, () => staff(unit)]),
  ["staff without a unit", () => staff(null)],
  ["the leader 王一", () => leader("王一")],
  ["the leader 李二", () => leader("李二")],
  ["a leader without a name", () => leader(null)],
];

async function rows() {
  const tasks = await prisma.task.findMany({
    where: { planId: { in: planIds } },
    select: { id: true, leader: { select: { name: true } }, units: { select: { unitId: true, isLead: true } } },
  });
  const scopes = new Map<number, TaskScope>(tasks.map((task) => [task.id, { leaderName: task.leader?.name ?? null, units: task.units }]));
  const reports = await prisma.progressReport.findMany({ where: { taskId: { in: [...scopes.keys()] } }, select: { id: true, taskId: true, unitId: true, state: true } });
  return { scopes, reports };
}

const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);
const inPlans = () => Prisma.sql`${Prisma.join(planIds)}`;

describe.each(viewers)("for %s, the predicate, the Prisma where and the SQL agree", (_name, viewerOf) => {
  it("on tasks", async () => {
    const viewer = viewerOf();
    const { scopes } = await rows();
    const byPredicate = sorted([...scopes].filter(([, scope]) => canReadTask(viewer, scope)).map(([id]) => id));
    const byWhere = sorted((await prisma.task.findMany({ where: { AND: [{ planId: { in: planIds } }, tasksVisibleTo(viewer)] }, select: { id: true } })).map((t) => t.id));
    const bySql = sorted(
      (await prisma.$queryRaw<Array<{ id: number }>>`SELECT t.id FROM "Task" t WHERE t."planId" IN (${inPlans()}) AND ${taskVisibilitySql(viewer, "t")}`).map((t) => t.id),
    );
    expect(byWhere).toEqual(byPredicate);
    expect(bySql).toEqual(byPredicate);
  });

  it.each([
    ["readable", canReadReport, reportsVisibleTo, reportVisibilitySql],
    ["counted as progress", countsForViewer, reportsCountedFor, reportCountedSql],
  ] as const)("on the reports %s", async (_kind, predicate, where, sql) => {
    const viewer = viewerOf();
    const { scopes, reports } = await rows();
    const byPredicate = sorted(reports.filter((report) => predicate(viewer, scopes.get(report.taskId)!, report)).map((report) => report.id));
    const byWhere = sorted(
      (await prisma.progressReport.findMany({ where: { AND: [{ taskId: { in: [...scopes.keys()] } }, where(viewer)] }, select: { id: true } })).map((r) => r.id),
    );
    const bySql = sorted(
      (
        await prisma.$queryRaw<Array<{ id: number }>>`
          SELECT r.id FROM "ProgressReport" r JOIN "Task" t ON t.id = r."taskId"
          WHERE t."planId" IN (${inPlans()}) AND ${sql(viewer, "r")}`
      ).map((r) => r.id),
    );
    expect(byWhere).toEqual(byPredicate);
    expect(bySql).toEqual(byPredicate);
  });

  it("on the attachments", async () => {
    const viewer = viewerOf();
    const { scopes } = await rows();
    const attachments = await prisma.attachment.findMany({
      where: { report: { taskId: { in: [...scopes.keys()] } } },
      select: { id: true, public: true, report: { select: { taskId: true, unitId: true, state: true } } },
    });
    const byPredicate = sorted(attachments.filter((a) => canReadAttachment(viewer, scopes.get(a.report.taskId)!, a.report, a)).map((a) => a.id));
    const byWhere = sorted(
      (await prisma.attachment.findMany({ where: { AND: [{ report: { taskId: { in: [...scopes.keys()] } } }, attachmentsVisibleTo(viewer)] }, select: { id: true } })).map((a) => a.id),
    );
    expect(byWhere).toEqual(byPredicate);
  });
});

describe("the rules themselves, on the same rows", () => {
  it("every state of every relation is present, so the agreement above covers them", async () => {
    const { scopes, reports } = await rows();
    const kinds = new Set(
      reports.map((report) => {
        const link = scopes.get(report.taskId)!.units.find((unit) => unit.unitId === report.unitId);
        return `${link ? (link.isLead ? "lead" : "co") : "unlisted"}:${report.state}`;
      }),
    );
    for (const relation of ["lead", "co", "unlisted"]) for (const state of STATES) expect(kinds, `${relation}:${state}`).toContain(`${relation}:${state}`);
  });

  it("drafts stay with their unit: nobody else reads one, the office included", async () => {
    const { scopes, reports } = await rows();
    const drafts = reports.filter((report) => report.state === "draft");
    for (const [name, viewerOf] of viewers) {
      const viewer = viewerOf();
      for (const draft of drafts) {
        const own = viewer?.role === "unit_staff" && viewer.unitId === draft.unitId && scopes.get(draft.taskId)!.units.some((unit) => unit.unitId === draft.unitId);
        expect(canReadReport(viewer, scopes.get(draft.taskId)!, draft), `${name} / draft ${draft.id}`).toBe(own);
      }
    }
  });
});

describe("attachments", () => {
  async function attachmentRows() {
    const { scopes } = await rows();
    const attachments = await prisma.attachment.findMany({
      where: { report: { taskId: { in: [...scopes.keys()] } } },
      select: { id: true, public: true, report: { select: { taskId: true, unitId: true, state: true } } },
    });
    return { scopes, attachments };
  }

  it("the public reads only the attachments marked public, and only of published reports", async () => {
    const { scopes, attachments } = await attachmentRows();
    const read = attachments.filter((a) => canReadAttachment(null, scopes.get(a.report.taskId)!, a.report, a));
    expect(read.length).toBeGreaterThan(0);
    for (const a of read) expect([a.public, a.report.state]).toEqual([true, "published"]);
    // Every published report's public attachment is there.
    expect(read.length).toBe(attachments.filter((a) => a.public && a.report.state === "published").length);
  });

  it("whoever reads a report for more than its publication reads all its attachments; others only the public ones", async () => {
    const { scopes, attachments } = await attachmentRows();
    for (const [name, viewerOf] of viewers) {
      const viewer = viewerOf();
      for (const a of attachments) {
        const scope = scopes.get(a.report.taskId)!;
        const asReader = canReadReport(viewer, scope, a.report);
        const beyondPublic = canReadReport(viewer, scope, a.report) && (a.report.state !== "published" || canReadReport(viewer, scope, { ...a.report, state: "approved" }));
        const expected = asReader && (a.public || beyondPublic);
        expect(canReadAttachment(viewer, scope, a.report, a), `${name} / attachment ${a.id}`).toBe(expected);
      }
    }
  });
});
