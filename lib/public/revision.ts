import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { freshRevision, revisionMemo } from "@/lib/public/revision-memo";

/**
 * The public revision: a token that changes, by database triggers, in the same transaction as
 * anything the public reads (migration 20261130030000_public_revision). Cached public pages are
 * keyed by it, so a page is rendered again once after each change, whoever made it — this app
 * instance, another one, or `npm run import`.
 *
 * The token is read at most once a second per process (concurrent requests share the read), so
 * a page view does not cost a database read; an instance that did not make the change sees it
 * within that second. The instance that made it forgets the token at once (`forgetPublicRevision`,
 * called by the actions that publish, correct or import), so its own next page is current. When
 * the database cannot be read, the last token known keeps serving what is cached.
 */

const memo = revisionMemo;

export async function publicRevision(prisma: PrismaClient, now: number = Date.now()): Promise<string> {
  const fresh = freshRevision(now);
  if (fresh !== null) return fresh;
  const generation = memo.generation;
  memo.pending ??= prisma.publicRevision
    .findUnique({ where: { id: 1 }, select: { token: true } })
    .then((row) => {
      // No row (a database emptied by hand): a token of its own, until the first change writes one.
      const token = row?.token ?? "none";
      memo.token = token;
      memo.readAt = generation === memo.generation ? Date.now() : 0;
      return token;
    })
    .catch((error: unknown) => {
      if (memo.token === null) throw error;
      // The database cannot be read: the pages cached for the last token are served, and the next
      // attempt waits its second rather than every request waiting for a timeout.
      memo.readAt = Date.now();
      return memo.token;
    })
    .finally(() => {
      memo.pending = null;
    });
  return memo.pending;
}


