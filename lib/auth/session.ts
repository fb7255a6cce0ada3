import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { resumeSession } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/permissions";

/**
 * The signed-in person as the database knows them now: the session must still be live (not signed
 * out, expired or revoked, lib/auth/sessions.ts) and the account active; a changed role takes
 * effect at once, whatever the session cookie says. Null for the anonymous public.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession<typeof authOptions, { uid?: number; sid?: string }>(authOptions);
  if (!session?.uid || !session.sid) return null;
  return resumeSession(db(), session.sid, session.uid);
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
