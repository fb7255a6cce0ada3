import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ReviewState } from "@/lib/generated/prisma/enums";
import { publicRevision } from "@/lib/public/revision";
import { forgetPublicRevision } from "@/lib/public/revision-memo";

/**
 * The public revision token (migration 20261130030000_public_revision) is what tells every app
 * instance that its cached public pages are stale. It must move with every change the public can
 * read — whoever writes it — and stay put through the drafts, submissions and reviews saved all
 * quarter long, or the cache would be thrown away at every keystroke of a unit's staff.
 */
let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
const government = `公开版本测试${tag}`;
let planId: number;
let taskId: number;
let targetId: number;
let unitId: number;
let periodId: number;

const token = async () => (await prisma.publicRevision.findUniqueOrThrow({ where: { id: 1 } })).token;

/** Whether `change` moved the token. */
async function moves(change: () => Promise<unknown>): Promise<boolean> {
  const before = await token();
  await change();
  return (await token()) !== before;
}

beforeAll(async () => {
  prisma = createPrismaClient();
  const plan = await prisma.plan.create({ data: { year: 2032, government, title: `版本${tag}`, kind: "key_tasks", leadConvention: "star", sourceFile: "public-revision.test" } });
  planId = plan.id;
  unitId = (await prisma.unit.create({ data: { government, name: "发改局" } })).id;
  periodId = (await prisma.reportingPeriod.create({ data: { planId, quarter: 1, opensAt: new Date("2032-04-01"), dueAt: new Date("2032-04-16") } })).id;
  const task = await prisma.task.create({
    data: {
      planId,
      numberScope: "key",
      number: "1",
      kind: "key",
      text: "新增光伏装机6万千瓦",
      units: { create: { unitId, isLead: true, position: 0 } },
      targets: { create: { position: 0, kind: "quantity", comparator: "gte", value: 60000, unit: "千瓦", originalText: "新增光伏装机6万千瓦" } },
    },
    include: { targets: true },
  });
  taskId = task.id;
  targetId = task.targets[0].id;
});

afterAll(async () => {
  await prisma.plan.deleteMany({ where: { id: planId } });
  await prisma.unit.deleteMany({ where: { government } });
  await prisma.$disconnect();
});

describe("the public revision token", () => {
  it("moves when a plan, a task's target or its units change", async () => {
    expect(await moves(() => prisma.target.update({ where: { id: targetId }, data: { value: 70000 } }))).toBe(true);
    expect(await moves(() => prisma.plan.update({ where: { id: planId }, data: { title: `版本${tag}改` } }))).toBe(true);
    expect(await moves(() => prisma.taskUnit.updateMany({ where: { taskId }, data: { isLead: true } }))).toBe(true);
    expect(await moves(() => prisma.reportingPeriod.update({ where: { id: periodId }, data: { closed: true } }))).toBe(true);
  });

  it("stays put through a draft, its figures, a submission, an approval and a return; moves on publication and on a published figure", async () => {
    const report = await prisma.progressReport.create({ data: { taskId, unitId, periodId, narrative: "草稿" } });
    expect(await moves(() => prisma.progressActual.create({ data: { reportId: report.id, targetId, value: 1000 } }))).toBe(false);
    expect(await moves(() => prisma.progressReport.update({ where: { id: report.id }, data: { narrative: "草稿二" } }))).toBe(false);
    expect(await moves(() => prisma.progressReport.update({ where: { id: report.id }, data: { state: ReviewState.submitted } }))).toBe(false);
    expect(await moves(() => prisma.progressReport.update({ where: { id: report.id }, data: { state: ReviewState.returned, reviewComment: "请补充" } }))).toBe(false);
    expect(await moves(() => prisma.progressReport.update({ where: { id: report.id }, data: { state: ReviewState.approved } }))).toBe(false);

    expect(await moves(() => prisma.progressReport.update({ where: { id: report.id }, data: { state: ReviewState.published, publishedAt: new Date() } }))).toBe(true);
    expect(await moves(() => prisma.progressActual.update({ where: { reportId_targetId: { reportId: report.id, targetId } }, data: { value: 2000 } }))).toBe(true);
    expect(await moves(() => prisma.progressReport.delete({ where: { id: report.id } }))).toBe(true);
  });

  it("stays put when the change is rolled back, and moves when a transaction of many changes commits", async () => {
    const before = await token();
    const rolledBack = prisma.$transaction(async (tx) => {
      await tx.target.update({ where: { id: targetId }, data: { value: 80000 } });
      throw new Error("rolled back");
    });
    await expect(rolledBack).rejects.toThrow("rolled back");
    expect(await token()).toBe(before);
    await prisma.$transaction(async (tx) => {
      for (const value of [81000, 82000, 83000]) await tx.target.update({ where: { id: targetId }, data: { value } });
    });
    const after = await prisma.publicRevision.findUniqueOrThrow({ where: { id: 1 } });
    expect(after.token).not.toBe(before);
  });

  it("is read once a second by the app, and afresh after the app's own change", async () => {
    forgetPublicRevision();
    const first = await publicRevision(prisma);
    await prisma.target.update({ where: { id: targetId }, data: { value: 90000 } });
    // Within the second the token read before is served (no database read per page view)…
    expect(await publicRevision(prisma)).toBe(first);
    // …a change made by this process is seen at once…
    forgetPublicRevision();
    const second = await publicRevision(prisma);
    expect(second).not.toBe(first);
    expect(second).toBe(await token());
    // …and another process's change within a second.
    await prisma.target.update({ where: { id: targetId }, data: { value: 91000 } });
    expect(await publicRevision(prisma, Date.now() + 1_001)).toBe(await token());
  });
});
