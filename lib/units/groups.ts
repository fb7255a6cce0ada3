import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { canDefineGroups, type Actor } from "@/lib/permissions";

// Units in the order a Chinese reader looks them up (pinyin), the same on PostgreSQL and the embedded database,
// whose collations differ.
const collator = new Intl.Collator("zh-CN");
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

/** A group as the office's group page shows it: the tasks that name it and the units it stands for. */
export interface GroupEntry {
  id: number;
  name: string;
  members: Array<{ id: number; name: string }>;
  tasks: Array<{ id: number; year: number; planTitle: string; number: string; leader: string | null; text: string }>;
}

/** One government's groups, with the units of that government the office may pick as members. */
export interface GovernmentGroups {
  government: string;
  groups: GroupEntry[];
  units: Array<{ id: number; name: string }>;
}

/**
 * Every government's groups for the office's group page, each with its members and the tasks that
 * list it (newest plan first); governments without a group are left out. Null for anyone else.
 */
export async function listGroups(prisma: PrismaClient, actor: Actor): Promise<GovernmentGroups[] | null> {
  if (!canDefineGroups(actor)) return null;
  const groups = await prisma.unit.findMany({
    where: { kind: "group" },
    select: {
      id: true,
      name: true,
      government: true,
      members: { select: { member: { select: { id: true, name: true } } } },
      tasks: {
        select: {
          task: {
            select: { id: true, number: true, text: true, leader: { select: { name: true } }, plan: { select: { year: true, title: true } } },
          },
        },
        orderBy: [{ task: { plan: { year: "desc" } } }, { task: { planId: "asc" } }, { task: { sourceLine: "asc" } }],
      },
    },
  });
  const governments = [...new Set(groups.map((group) => group.government))];
  const units = await prisma.unit.findMany({
    where: { kind: "unit", government: { in: governments } },
    select: { id: true, name: true, government: true },
  });
  groups.sort(byName);
  units.sort(byName);
  return governments.sort(collator.compare).map((government) => ({
    government,
    groups: groups
      .filter((group) => group.government === government)
      .map((group) => ({
        id: group.id,
        name: group.name,
        members: group.members.map((link) => link.member).sort(byName),
        tasks: group.tasks.map(({ task }) => ({
          id: task.id,
          year: task.plan.year,
          planTitle: task.plan.title,
          number: task.number,
          leader: task.leader?.name ?? null,
          text: task.text,
        })),
      })),
    units: units.filter((unit) => unit.government === government).map(({ id, name }) => ({ id, name })),
  }));
}

/**
 * The office defines which units a group (各镇街道 …) stands for. Every task that lists the group
 * then has those units as co-units (配合, never lead), placed after the listed units, so that they
 * file, appear in 未填报 and can be reminded like any listed unit; importing the document again
 * keeps them (lib/import/persist.ts writeTaskUnits). Members only join: a unit taken out of a group
 * stays on the tasks it was put on, because it may have filed reports there.
 */
export async function defineGroupMembers(
  prisma: PrismaClient,
  actor: Actor,
  input: { groupId: number; memberIds: number[] },
): Promise<ActionResult<{ tasksExpanded: number }>> {
  if (!canDefineGroups(actor)) return failure(FORBIDDEN);
  // In id order, as the import places them, so that importing the document again moves nothing.
  const memberIds = [...new Set(input.memberIds)].sort((a, b) => a - b);
  return prisma.$transaction(async (tx): Promise<ActionResult<{ tasksExpanded: number }>> => {
    const group = await tx.unit.findUnique({
      where: { id: input.groupId },
      select: { id: true, kind: true, government: true, members: { select: { memberId: true } } },
    });
    if (!group || group.kind !== "group") return failure("没有找到这个单位群组。");
    const members = await tx.unit.findMany({ where: { id: { in: memberIds } }, select: { id: true, kind: true, government: true } });
    if (members.length !== memberIds.length || members.some((m) => m.kind !== "unit" || m.government !== group.government)) {
      return failure("群组成员须是同一政府的单位(不能是群组)。");
    }
    await tx.unitGroupMember.deleteMany({ where: { groupId: group.id } });
    await tx.unitGroupMember.createMany({ data: memberIds.map((memberId) => ({ groupId: group.id, memberId })) });
    const tasks = await tx.task.findMany({
      where: { units: { some: { unitId: group.id } } },
      select: { id: true, units: { select: { unitId: true, position: true } } },
    });
    let tasksExpanded = 0;
    for (const task of tasks) {
      const listed = new Set(task.units.map((link) => link.unitId));
      let position = Math.max(...task.units.map((link) => link.position)) + 1;
      const fresh = memberIds.filter((id) => !listed.has(id)).map((unitId) => ({ taskId: task.id, unitId, isLead: false, position: position++ }));
      if (fresh.length === 0) continue;
      await tx.taskUnit.createMany({ data: fresh });
      tasksExpanded += 1;
    }
    await recordAudit(tx, {
      action: "unit.group",
      actorId: actor.id,
      entityType: "Unit",
      entityId: group.id,
      before: { memberIds: group.members.map((link) => link.memberId).sort((a, b) => a - b) },
      after: { memberIds, tasksExpanded },
    });
    return { ok: true, message: `已设定群组成员 ${memberIds.length} 个,${tasksExpanded} 项任务增加了配合单位。`, tasksExpanded };
  });
}
