import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { commitImport, previewImport } from "@/lib/import/service";
import { upload } from "../support/files";
import type { Actor } from "@/lib/permissions";
import { correctLead, correctTarget } from "@/lib/tasks/corrections";
import { seedDocuments, seedFiles } from "@/scripts/seed";

/** The office's corrections to what the parser read, and the import page's preview and commit. */
let prisma: PrismaClient;
let office: Actor;
let staff: Actor;
const tag = randomUUID().slice(0, 8);
const file003 = seedFiles().find((file) => path.basename(file).startsWith("003_"))!;
const document003 = upload(path.basename(file003), readFileSync(file003, "utf8"));

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  const officeUser = await prisma.user.create({ data: { username: `office-${tag}`, displayName: "市府办", role: "office" } });
  const unit = await prisma.unit.findFirstOrThrow({ where: { government: "嘉兴市", name: "财政局" } });
  const staffUser = await prisma.user.create({ data: { username: `staff-${tag}`, displayName: "财政局", role: "unit_staff", unitId: unit.id } });
  office = { id: officeUser.id, role: "office", unitId: null, leaderName: null, displayName: officeUser.displayName };
  staff = { id: staffUser.id, role: "unit_staff", unitId: unit.id, leaderName: null, displayName: staffUser.displayName };
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function firstTaskOf003() {
  return prisma.task.findFirstOrThrow({
    where: { plan: { government: "嘉兴市", year: 2025 }, text: { startsWith: "发挥省高端装备产业基金" } },
    include: { units: { orderBy: { position: "asc" }, include: { unit: true } } },
  });
}

describe("lead corrections", () => {
  it("are refused to anyone but the office", async () => {
    const task = await firstTaskOf003();
    const result = await correctLead(prisma, staff, { taskId: task.id, unitId: task.units[1].unitId, isLead: true });
    expect(result.ok).toBe(false);
    expect((await firstTaskOf003()).units[1].isLead).toBe(false);
  });

  it("keep at least one lead unit", async () => {
    const task = await firstTaskOf003();
    expect(task.units.filter((link) => link.isLead).map((link) => link.unit.name)).toEqual(["财政局"]);
    const result = await correctLead(prisma, office, { taskId: task.id, unitId: task.units[0].unitId, isLead: false });
    expect(result).toMatchObject({ ok: false, message: "每项任务至少要有一个牵头单位。" });
  });

  it("survive importing the document again, and are recorded in the history", async () => {
    const task = await firstTaskOf003();
    expect(await correctLead(prisma, office, { taskId: task.id, unitId: task.units[1].unitId, isLead: true })).toMatchObject({ ok: true });
    const imported = await commitImport(prisma, office, document003);
    expect(imported).toMatchObject({ ok: true, outcome: { tasks: { created: 0, removed: 0 } } });
    const after = await firstTaskOf003();
    expect(after.units.map((link) => [link.unit.name, link.isLead])).toEqual([
      ["财政局", true],
      ["经信局", true],
      ["科技局", false],
    ]);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { taskId: task.id, action: "unit.lead" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorId: office.id, before: { isLead: false }, after: { isLead: true } });
  });
});

describe("every task keeps a lead unit", () => {
  const notice = (units: string, year = 2033) =>
    upload(
      "测试市重点工作.txt",
      [
      `测试市人民政府关于印发${year}年重点工作责任分解的通知`,
      `各有关单位:现将${year}年重点工作责任分解印发给你们。(列第一位的为牵头或汇总单位,下同)`,
      "一、张三市长牵头重点工作",
      "1.新增光伏装机6万千瓦。",
      `责任单位:${units}`,
      ].join("\n"),
    );
  const links = async () =>
    (
      await prisma.taskUnit.findMany({
        where: { task: { plan: { government: "测试市", year: 2033 }, number: "1" } },
        orderBy: { position: "asc" },
        include: { unit: true },
      })
    ).map((link) => [link.unit.name, link.isLead]);

  it("even when corrections and a changed document together would leave it none: the first listed leads", async () => {
    expect(await commitImport(prisma, office, notice("市发改局、市财政局"))).toMatchObject({ ok: true });
    expect(await links()).toEqual([["发改局", true], ["财政局", false]]);
    const task = await prisma.task.findFirstOrThrow({ where: { plan: { government: "测试市", year: 2033 }, number: "1" }, include: { units: { include: { unit: true } } } });
    const unitId = (name: string) => task.units.find((link) => link.unit.name === name)!.unitId;
    expect(await correctLead(prisma, office, { taskId: task.id, unitId: unitId("财政局"), isLead: true })).toMatchObject({ ok: true });
    expect(await correctLead(prisma, office, { taskId: task.id, unitId: unitId("发改局"), isLead: false })).toMatchObject({ ok: true });
    // The new document drops 财政局, the only lead left; 发改局 stays corrected to a co-unit.
    expect(await commitImport(prisma, office, notice("市发改局、市税务局"))).toMatchObject({ ok: true });
    expect(await links()).toEqual([["发改局", true], ["税务局", false]]);
  });

  it("even when two people remove a task's two leads at the same moment: one of them is refused", async () => {
    expect(await commitImport(prisma, office, notice("市发改局、市财政局", 2034))).toMatchObject({ ok: true });
    const task = await prisma.task.findFirstOrThrow({ where: { plan: { government: "测试市", year: 2034 }, number: "1" }, include: { units: true } });
    const [first, second] = task.units.sort((a, b) => a.position - b.position);
    expect(await correctLead(prisma, office, { taskId: task.id, unitId: second.unitId, isLead: true })).toMatchObject({ ok: true });
    // Both requests start while another transaction holds the task's units, so that both have read
    // the task before either writes: only a check made under the lock sees the other's removal.
    let racing: Promise<Array<Awaited<ReturnType<typeof correctLead>>>> | undefined;
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "TaskUnit" WHERE "taskId" = ${task.id} FOR UPDATE`;
      racing = Promise.all([first, second].map((link) => correctLead(prisma, office, { taskId: task.id, unitId: link.unitId, isLead: false })));
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    const results = await racing!;
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toEqual({ ok: false, message: "每项任务至少要有一个牵头单位。" });
    expect(await prisma.taskUnit.count({ where: { taskId: task.id, isLead: true } })).toBe(1);
  });

  it("holds for every task of every document imported", async () => {
    const leaderless = await prisma.task.count({ where: { units: { some: {} }, NOT: { units: { some: { isLead: true } } } } });
    expect(leaderless).toBe(0);
  });
});

describe("target corrections", () => {
  it("mark the target corrected, or confirmed when nothing changed", async () => {
    const target = await prisma.target.findFirstOrThrow({ where: { task: { plan: { government: "平湖市", year: 2025 }, text: "固定资产投资增长5%。" } } });
    const same = { targetId: target.id, kind: target.kind, comparator: target.comparator, value: target.value, unit: target.unit };
    expect(await correctTarget(prisma, staff, { ...same, value: 99 })).toMatchObject({ ok: false });
    expect(await correctTarget(prisma, office, same)).toMatchObject({ ok: true, message: "已确认目标。" });
    expect((await prisma.target.findUniqueOrThrow({ where: { id: target.id } })).review).toBe("confirmed");
    expect(await correctTarget(prisma, office, { ...same, value: 5.5 })).toMatchObject({ ok: true, message: "目标已更正。" });
    expect(await prisma.target.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ review: "corrected", value: 5.5 });
  });
});

describe("the import page", () => {
  it("previews without writing, for the office only", async () => {
    const plans = await prisma.plan.count();
    expect(await previewImport(prisma, staff, document003)).toMatchObject({ ok: false });
    const preview = await previewImport(prisma, office, document003);
    expect(preview.ok && preview.summary.tasks.length).toBe(166);
    expect(await prisma.plan.count()).toBe(plans);
  });

  it("names the problem of a document it cannot read and writes nothing", async () => {
    const tasks = await prisma.task.count();
    const result = await commitImport(prisma, office, upload("note.txt", "会议通知\n请各单位准时参加。\n"));
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toMatch(/^无法导入:/);
    expect(await prisma.task.count()).toBe(tasks);
  });
});
