import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit, type RobotAudit } from "@/lib/audit/record";
import { canManageRobots, type Actor } from "@/lib/permissions";
import type { RobotInput } from "@/lib/zod/notify";

/**
 * A webhook URL carries its robot's access token: shown back with the token cut to its first and
 * last four characters, so the office can tell robots apart without the page giving it away.
 */
export function maskWebhook(webhookUrl: string): string {
  try {
    const url = new URL(webhookUrl);
    for (const [name, value] of [...url.searchParams]) url.searchParams.set(name, maskToken(value));
    return `${url.origin}${url.pathname}${url.search ? `?${decodeURIComponent(url.searchParams.toString())}` : ""}`;
  } catch {
    return maskToken(webhookUrl);
  }
}

function maskToken(value: string): string {
  return value.length <= 8 ? "****" : `${value.slice(0, 4)}…${value.slice(-4)}`;
}

function audit(robot: { unitId: number; platform: RobotAudit["platform"]; name: string; webhookUrl: string; secret: string | null }): RobotAudit {
  return { unitId: robot.unitId, platform: robot.platform, name: robot.name, webhook: maskWebhook(robot.webhookUrl), signed: robot.secret !== null };
}

/** Every unit's robots for the office, masked: the secret only as set or not. */
export async function listRobots(prisma: PrismaClient, actor: Actor) {
  if (!canManageRobots(actor)) return [];
  const robots = await prisma.unitRobot.findMany({
    orderBy: [{ unit: { government: "asc" } }, { unit: { name: "asc" } }, { id: "asc" }],
    select: { id: true, platform: true, name: true, webhookUrl: true, secret: true, unit: { select: { id: true, government: true, name: true } } },
  });
  return robots.map(({ webhookUrl, secret, ...robot }) => ({ ...robot, webhook: maskWebhook(webhookUrl), signed: secret !== null }));
}

export async function addRobot(prisma: PrismaClient, actor: Actor, input: RobotInput): Promise<ActionResult<{ robotId: number }>> {
  if (!canManageRobots(actor)) return failure(FORBIDDEN);
  const unit = await prisma.unit.findUnique({ where: { id: input.unitId }, select: { kind: true } });
  if (!unit) return failure("请按提示修改。", { unitId: ["没有这个单位"] });
  if (unit.kind === "group") return failure("请按提示修改。", { unitId: ["这是一组单位,不单独接收催报,请选择具体单位"] });
  return prisma.$transaction(async (tx) => {
    const robot = await tx.unitRobot.create({ data: input });
    await recordAudit(tx, { actorId: actor.id, action: "robot.create", entityType: "UnitRobot", entityId: robot.id, before: null, after: audit(robot) });
    return { ok: true as const, message: `已添加群机器人 ${robot.name}。`, robotId: robot.id };
  });
}

/** Messages still waiting for a deleted robot fail with the reason (lib/notify/deliver.ts); those sent keep their record. */
export async function removeRobot(prisma: PrismaClient, actor: Actor, input: { robotId: number }): Promise<ActionResult> {
  if (!canManageRobots(actor)) return failure(FORBIDDEN);
  return prisma.$transaction(async (tx) => {
    const robot = await tx.unitRobot.findUnique({ where: { id: input.robotId } });
    if (!robot) return failure("这个群机器人已被删除。");
    await tx.unitRobot.delete({ where: { id: robot.id } });
    await recordAudit(tx, { actorId: actor.id, action: "robot.delete", entityType: "UnitRobot", entityId: robot.id, before: audit(robot), after: { deleted: true } });
    return { ok: true as const, message: `已删除群机器人 ${robot.name}。` };
  });
}
