import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOverview } from "@/lib/dashboard/overview";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { remindUnit } from "@/lib/reports/remind";
import { correctLead } from "@/lib/tasks/corrections";
import { parseDocument } from "@/lib/import";
import { persistImport } from "@/lib/import/persist";
import { getTaskDetail } from "@/lib/tasks/queries";
import { defineGroupMembers, listGroups } from "@/lib/units/groups";
import { seedDocuments, seedPeriods } from "@/scripts/seed";

/**
 * Groups (各镇街道, 市政府各部门 …) on a task: shown on it, never lead, never expected to file, so
 * never in the dashboard's 未填报 list and never reminded (催报). 000 lists three groups beside
 * 发改局 on 周军波 2 and 3.
 */
let prisma: PrismaClient;
let planId: number;
let groupId: number;
let taskId: number;
let office: Actor;

beforeAll(async () => {
  prisma = createPrismaClient();
  const user = await prisma.user.create({ data: { username: `office-groups-${randomUUID().slice(0, 8)}`, displayName: "市府办", role: "office" } });
  office = { id: user.id, role: "office", unitId: null, leaderName: null, displayName: user.displayName };
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  const plan = await prisma.plan.findFirstOrThrow({ where: { government: "平湖市", year: 2025, kind: "key_tasks", periods: { some: { quarter: 1 } } } });
  planId = plan.id;
  groupId = (await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: "各镇街道" } } })).id;
  const task = await prisma.task.findFirstOrThrow({ where: { planId, leader: { name: "周军波" }, number: "2" }, select: { id: true } });
  taskId = task.id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("a group on a task", () => {
  it("is stored as a group, listed on the task but not as a lead", async () => {
    const links = await prisma.taskUnit.findMany({ where: { taskId }, orderBy: { position: "asc" }, select: { isLead: true, unit: { select: { name: true, kind: true } } } });
    const groups = links.filter((link) => link.unit.kind === "group");
    expect(groups.map((link) => link.unit.name)).toEqual(["市政府各部门", "市属各单位", "各镇街道"]);
    expect(groups.every((link) => !link.isLead)).toBe(true);
    expect(links.filter((link) => link.isLead).map((link) => link.unit.name)).not.toHaveLength(0);
  });

  it("is shown on the task page apart from the responsible units", async () => {
    const detail = (await getTaskDetail(prisma, office, taskId))!;
    expect(detail.groups.map((group) => group.name)).toEqual(["市政府各部门", "市属各单位", "各镇街道"]);
    expect(detail.task.units.map((link) => link.unit.name)).not.toContain("各镇街道");
  });

  it("is not asked to file: not in the 未填报 list nor among the dashboard's units, though nothing was filed for its tasks", async () => {
    const overview = (await loadOverview(prisma, office, { planId, quarter: 2 }))!;
    const reported = await prisma.progressReport.count({ where: { taskId, period: { quarter: 2 } } });
    expect(reported).toBe(0);
    // The task's own lead unit, which has not filed either, is listed: the list is not empty by accident.
    const lead = await prisma.taskUnit.findFirstOrThrow({ where: { taskId, isLead: true }, select: { unitId: true } });
    expect(overview.lagging.some((entry) => entry.unitId === lead.unitId && entry.missingTaskIds.includes(taskId))).toBe(true);
    expect(overview.lagging.some((entry) => entry.unitId === groupId)).toBe(false);
    expect(overview.options.units.some((unit) => unit.id === groupId)).toBe(false);
  });

  it("has nothing to be reminded of, and cannot be made lead", async () => {
    const period = await prisma.reportingPeriod.findFirstOrThrow({ where: { planId, quarter: 2 } });
    const before = await prisma.auditEvent.count({ where: { action: "report.remind" } });
    expect(await remindUnit(prisma, office, { periodId: period.id, unitId: groupId, note: "请报送" })).toMatchObject({ ok: false });
    expect(await prisma.auditEvent.count({ where: { action: "report.remind" } })).toBe(before);
    expect(await correctLead(prisma, office, { taskId, unitId: groupId, isLead: true })).toMatchObject({ ok: false, message: "单位群组不能作为牵头单位。" });
  });
});

describe("a group whose members the office defined", () => {
  const unitId = async (name: string) => (await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name } } })).id;
  const linksOf = async (id: number) =>
    (await prisma.taskUnit.findMany({ where: { taskId: id }, orderBy: { position: "asc" }, select: { isLead: true, unit: { select: { name: true } } } })).map(
      (link) => `${link.unit.name}${link.isLead ? "★" : ""}`,
    );

  it("brings its members onto every task listing it as co-units, who are then expected to file; a re-import keeps them", async () => {
    const staff: Actor = { id: -3, role: "unit_staff", unitId: await unitId("当湖街道"), leaderName: null, displayName: "当湖街道" };
    const members = [await unitId("当湖街道"), await unitId("钟埭街道")];
    const other = await prisma.task.findFirstOrThrow({ where: { planId, leader: { name: "周军波" }, number: "3" }, select: { id: true } });
    const before = await linksOf(taskId);
    try {
      expect(await defineGroupMembers(prisma, staff, { groupId, memberIds: members })).toMatchObject({ ok: false });
      expect(await defineGroupMembers(prisma, office, { groupId: members[0], memberIds: [members[1]] })).toMatchObject({ ok: false, message: "没有找到这个单位群组。" });
      expect(await defineGroupMembers(prisma, office, { groupId, memberIds: [groupId] })).toMatchObject({ ok: false });
      expect(await prisma.unitGroupMember.count({ where: { groupId } })).toBe(0);
      expect(await defineGroupMembers(prisma, office, { groupId, memberIds: [members[1], members[0]] })).toMatchObject({ ok: true, tasksExpanded: 2 });
      expect(await linksOf(taskId)).toEqual([...before, "当湖街道", "钟埭街道"]);
      // Audited: who set which members, and from what.
      const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "unit.group", entityId: String(groupId) }, orderBy: { id: "desc" } });
      expect(event).toMatchObject({ actorId: office.id, entityType: "Unit", before: { memberIds: [] }, after: { memberIds: members, tasksExpanded: 2 } });
      // The task page shows the group with its members, the office's group page the same.
      const detail = (await getTaskDetail(prisma, office, taskId))!;
      expect(detail.groups.find((group) => group.id === groupId)).toEqual({ id: groupId, name: "各镇街道", members: ["当湖街道", "钟埭街道"] });
      const listed = (await listGroups(prisma, office))!.find((entry) => entry.government === "平湖市")!;
      expect(listed.groups.find((group) => group.id === groupId)?.members.map((member) => member.name)).toEqual(["当湖街道", "钟埭街道"]);
      expect((await linksOf(other.id)).slice(-2)).toEqual(["当湖街道", "钟埭街道"]);

      const overview = (await loadOverview(prisma, office, { planId, quarter: 2 }))!;
      const lagging = overview.lagging.find((entry) => entry.unitId === members[0]);
      expect(lagging?.missingTaskIds).toEqual(expect.arrayContaining([taskId, other.id]));
      expect(overview.lagging.some((entry) => entry.unitId === groupId)).toBe(false);

      const seeds = join(__dirname, "../../seeds");
      const file = readdirSync(seeds).find((name) => name.startsWith("000"))!;
      await persistImport(prisma, parseDocument(file, readFileSync(join(seeds, file), "utf8")));
      expect(await linksOf(taskId)).toEqual([...before, "当湖街道", "钟埭街道"]);
    } finally {
      // The other test files read these tasks as the seed lists them.
      await prisma.unitGroupMember.deleteMany({ where: { groupId } });
      await prisma.taskUnit.deleteMany({ where: { taskId: { in: [taskId, other.id] }, unitId: { in: members } } });
    }
    expect(await linksOf(taskId)).toEqual(before);
  });
});

describe("the office's group page", () => {
  it("lists each government's groups with the tasks naming them and the units that may be members; nobody else gets it", async () => {
    const governments = (await listGroups(prisma, office))!;
    const pinghu = governments.find((entry) => entry.government === "平湖市")!;
    const group = pinghu.groups.find((entry) => entry.id === groupId)!;
    expect(group.name).toBe("各镇街道");
    expect(group.members).toEqual([]);
    const named = await prisma.task.findMany({ where: { units: { some: { unitId: groupId } } }, select: { id: true } });
    expect(group.tasks.map((task) => task.id).sort((a, b) => a - b)).toEqual(named.map((task) => task.id).sort((a, b) => a - b));
    expect(group.tasks.find((task) => task.id === taskId)).toMatchObject({ year: 2025, leader: "周军波", number: "2" });
    // Only groups are listed as groups, only units of the same government offered as members.
    const units = await prisma.unit.findMany({ where: { government: "平湖市", kind: "unit" }, select: { id: true } });
    expect(pinghu.units.map((unit) => unit.id).sort((a, b) => a - b)).toEqual(units.map((unit) => unit.id).sort((a, b) => a - b));
    expect(pinghu.groups.map((entry) => entry.name)).toEqual(expect.arrayContaining(["市政府各部门", "市属各单位", "各镇街道"]));
    expect(governments.every((entry) => entry.groups.length > 0)).toBe(true);

    for (const actor of [
      { id: -3, role: "unit_staff", unitId: pinghu.units[0].id, leaderName: null, displayName: "单位" },
      { id: -4, role: "leader", unitId: null, leaderName: "周军波", displayName: "周军波" },
    ] satisfies Actor[]) {
      expect(await listGroups(prisma, actor)).toBeNull();
    }
  });

  it("saves members and their audit row in one transaction: when the audit row cannot be written, nothing changes", async () => {
    const member = (await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: "当湖街道" } } })).id;
    // An office account deleted since it signed in: its audit row names no user, so the transaction fails.
    const gone: Actor = { ...office, id: 2_000_000_000 };
    const links = await prisma.taskUnit.count({ where: { unitId: member } });
    await expect(defineGroupMembers(prisma, gone, { groupId, memberIds: [member] })).rejects.toThrow();
    expect(await prisma.unitGroupMember.count({ where: { groupId } })).toBe(0);
    expect(await prisma.taskUnit.count({ where: { unitId: member } })).toBe(links);
  });
});
