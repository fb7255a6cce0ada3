import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { canCorrectTasks, type Actor } from "@/lib/permissions";

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
  if (!canCorrectTasks(actor)) return failure(FORBIDDEN);
  // In id order, as the import places them, so that importing the document again moves nothing.
  const memberIds = [...new Set(input.memberIds)].sort((a, b) => a - b);
  return prisma.$transaction(async (tx): Promise<ActionResult<{ tasksExpanded: number }>> => {
    const group = await tx.unit.findUnique({ where: { id: input.groupId }, select: { id: true, kind: true, government: true } });
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
    return { ok: true, message: `已设定群组成员 ${memberIds.length} 个,${tasksExpanded} 项任务增加了配合单位。`, tasksExpanded };
  });
}
