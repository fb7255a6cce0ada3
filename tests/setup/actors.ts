import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";

/**
 * A new account of the seeded 平湖市 government and the actor it signs in as: unit staff of
 * `unitName`, a leader named `leaderName`, or the office. `tag` keeps names apart between test
 * files sharing one database; the display name ("发改局 ab12cd34") is what pages and histories show.
 */
export async function createActor(prisma: PrismaClient, tag: string, role: Actor["role"], unitName: string | null, leaderName: string | null): Promise<Actor> {
  const unit = unitName ? await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: unitName } } }) : null;
  const user = await prisma.user.create({
    data: { username: `${role}-${tag}-${randomUUID().slice(0, 8)}`, displayName: `${unitName ?? leaderName ?? role} ${tag}`, role, unitId: unit?.id ?? null, leaderName },
  });
  return { id: user.id, role, unitId: user.unitId, leaderName, displayName: user.displayName };
}
