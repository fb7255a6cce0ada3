import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/permissions";

/**
 * The signed-in person as the database knows them now: a deactivated account or a changed role
 * takes effect at once, whatever the session cookie says. Null for the anonymous public.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession<typeof authOptions, { uid?: number }>(authOptions);
  if (!session?.uid) return null;
  const user = await db().user.findUnique({
    where: { id: session.uid },
    select: { id: true, role: true, unitId: true, leaderName: true, displayName: true, active: true },
  });
  if (!user?.active) return null;
  return { id: user.id, role: user.role, unitId: user.unitId, leaderName: user.leaderName, displayName: user.displayName };
});

/**
 * The signed-in person a page needs: anonymous visitors go to sign-in and come back to `path`;
 * people the page is not for (`allowed` says no) go `elsewhere`, the home page unless told.
 */
export async function requireActor(path: string, allowed: (actor: Actor) => boolean = () => true, elsewhere = "/"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  if (!allowed(actor)) redirect(elsewhere);
  return actor;
}
