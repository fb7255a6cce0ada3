/**
 * The public revision token as this process last read it (lib/public/revision.ts reads it; this
 * module holds it). Plain state without a database client, so that proxy.ts can ask whether it is
 * fresh before any route runs.
 */

/** How long a token read is trusted: another instance's change shows within this time. */
export const FRESH_MS = 1_000;

export interface RevisionMemo {
  token: string | null;
  readAt: number;
  pending: Promise<string> | null;
  /** Counts `forgetPublicRevision` calls: a read begun before one must not be kept as fresh. */
  generation: number;
}

// Shared by every bundle of the process (the proxy, route handlers and server actions are bundled apart).
const MEMO_KEY = Symbol.for("luoshi.publicRevision");
export const revisionMemo: RevisionMemo = ((globalThis as Record<symbol, RevisionMemo | undefined>)[MEMO_KEY] ??= {
  token: null,
  readAt: 0,
  pending: null,
  generation: 0,
});

/** The token if it was read within FRESH_MS and not forgotten since; else null (a route reads it again). */
export function freshRevision(now: number = Date.now()): string | null {
  return revisionMemo.token !== null && now - revisionMemo.readAt < FRESH_MS ? revisionMemo.token : null;
}

/** After a change made by this process: the next public page reads the token afresh. */
export function forgetPublicRevision(): void {
  revisionMemo.readAt = 0;
  revisionMemo.generation += 1;
  revisionMemo.pending = null;
}
