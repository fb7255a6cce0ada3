/**
 * The portal's rendered pages of the current public revision, kept in this process as bytes: the
 * hot copy in front of Next's data cache. A page view then costs neither the JSON parse of a
 * data-cache entry (a plan's page is 150 KB) nor the text's encoding to UTF-8; `npm run bench --
 * portal` measured both as most of a page's time. Entries of an earlier revision are dropped the
 * moment a newer one is asked for; the memory holds at most MAX_BYTES, oldest entries leaving first.
 */

export interface PageBytes {
  body: Uint8Array;
  etag: string;
}

const MAX_BYTES = 64 * 1024 * 1024;

interface Memory {
  revision: string | null;
  pages: Map<string, PageBytes>;
  bytes: number;
}

// Shared by every bundle of the process, like the revision memo (lib/public/revision.ts).
const KEY = Symbol.for("luoshi.portalPages");
const memory: Memory = ((globalThis as Record<symbol, Memory | undefined>)[KEY] ??= { revision: null, pages: new Map(), bytes: 0 });

function sameRevision(revision: string): void {
  if (memory.revision === revision) return;
  memory.revision = revision;
  memory.pages.clear();
  memory.bytes = 0;
}

/** The page if it is remembered for this revision; changes nothing (the proxy asks this). */
export function pageOf(revision: string, key: string): PageBytes | undefined {
  return memory.revision === revision ? memory.pages.get(key) : undefined;
}

export function rememberedPage(revision: string, key: string): PageBytes | undefined {
  sameRevision(revision);
  return memory.pages.get(key);
}

export function rememberPage(revision: string, key: string, page: PageBytes): PageBytes {
  sameRevision(revision);
  const previous = memory.pages.get(key);
  if (previous) memory.bytes -= previous.body.byteLength;
  memory.pages.set(key, page);
  memory.bytes += page.body.byteLength;
  for (const [oldest, entry] of memory.pages) {
    if (memory.bytes <= MAX_BYTES) break;
    memory.pages.delete(oldest);
    memory.bytes -= entry.body.byteLength;
  }
  return page;
}

/** The key of a page in the memory: the view (关怀版 or not) and the page's canonical address. */
export function pageKey(care: boolean, path: string): string {
  return `${care ? "care" : "standard"} ${path}`;
}

/** The 关怀版 cookie (app/public/care/route.ts). */
export const CARE_COOKIE = "luoshi-care";

/** Whether the request asks for the 关怀版 view. */
export function caresFor(cookieHeader: string | null): boolean {
  return /(?:^|;\s*)luoshi-care=1(?:;|$)/.test(cookieHeader ?? "");
}

/** The headers of a portal page. */
export function pageHeaders(etag: string): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    // Revalidated at every view: a publication shows on the next load; an unchanged page costs a 304.
    "Cache-Control": "public, no-cache",
    // The 关怀版 cookie changes the page.
    Vary: "Cookie",
    ETag: etag,
  };
}

/** Whether an If-None-Match header names this ETag (weak or strong): the browser holds that very body. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  return ifNoneMatch !== null && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
