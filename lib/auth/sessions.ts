import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";

/**
 * Signed-in sessions, kept in the database so that they can end on the server: the session cookie
 * (next-auth's JWT) only names one. A session ends
 * - 8 hours after signing in, however busy (SESSION_HOURS),
 * - after an idle period without a request (SESSION_IDLE_MINUTES, default 120),
 * - when its user signs out (that session),
 * - when the account is deactivated or its password changed (every session of the account).
 * `resumeSession` is where every request re-reads the account (lib/auth/session.ts), so an ended
 * session is refused at the next request, whatever the cookie still says.
 */

export const SESSION_HOURS = 8;
const SESSION_MS = SESSION_HOURS * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, not on every request. */
const TOUCH_MS = 60 * 1000;

export function idleMs(): number {
  const minutes = Number(process.env.SESSION_IDLE_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 120) * 60 * 1000;
}

/** A new session of the user; its id goes into the session cookie. */
export async function startSession(prisma: PrismaClient, userId: number, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await prisma.authSession.create({ data: { id, userId, createdAt: now, lastSeenAt: now } });
  return id;
}

export async function endSession(prisma: PrismaClient, sessionId: string, now = new Date()): Promise<void> {
  await prisma.authSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now } });
}

/** Ends every session of the account, in the transaction that deactivates it or changes its password. */
export async function endAllSessions(tx: Prisma.TransactionClient, userId: number, now = new Date()): Promise<number> {
  const { count } = await tx.authSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
  return count;
}

/** The signed-in person of a live session of `userId`, or null once the session has ended. */
export async function resumeSession(prisma: PrismaClient, sessionId: string, userId: number, now = new Date()): Promise<Actor | null> {
  const session = await prisma.authSession.findUnique({
    where: { id: sessionId },
    select: {
      userId: true,
      createdAt: true,
      lastSeenAt: true,
      endedAt: true,
      user: { select: { id: true, role: true, unitId: true, leaderName: true, displayName: true, active: true } },
    },
  });
  if (!session || session.userId !== userId || session.endedAt || !session.user.active) return null;
  const age = now.getTime() - session.createdAt.getTime();
  const idle = now.getTime() - session.lastSeenAt.getTime();
  if (age > SESSION_MS || idle > idleMs()) {
    await endSession(prisma, sessionId, now);
    return null;
  }
  if (idle > TOUCH_MS) await prisma.authSession.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  const { user } = session;
  return { id: user.id, role: user.role, unitId: user.unitId, leaderName: user.leaderName, displayName: user.displayName };
}
