import "server-only";
import type { ReactElement } from "react";
import { cachedForRevision } from "@/lib/public/cache";
import { etagOf } from "@/lib/public/open-data";
import { caresFor as caresForCookie, etagMatches, pageHeaders, pageKey, rememberPage, rememberedPage, type PageBytes } from "@/lib/public/page-memory";
import { PortalDocument, type PortalPageMeta } from "@/components/portal/document";
import { NotFoundView } from "@/components/portal/search";

/**
 * How the portal's route handlers answer: a whole HTML document rendered to static markup (no
 * script, no hydration: components/portal), cached whole under the public revision where the
 * page is the same for everyone, with an ETag so that a reload of an unchanged page costs a 304.
 */

function caresFor(request: Request): boolean {
  return caresForCookie(request.headers.get("cookie"));
}

/** The path and query of the request, as the 关怀版 switch comes back to it. */
function pathOf(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

interface RenderedPage {
  html: string;
  etag: string;
}

async function render(meta: PortalPageMeta, body: ReactElement): Promise<RenderedPage> {
  // react-dom/server is loaded when first needed: Next refuses a static import of it in the server
  // bundle, whose pages are React Server Components; these pages are plain HTML instead.
  const { renderToStaticMarkup } = await import("react-dom/server");
  const html = `<!DOCTYPE html>${renderToStaticMarkup(<PortalDocument meta={meta}>{body}</PortalDocument>)}`;
  return { html, etag: etagOf(html) };
}

function respond(request: Request, page: RenderedPage | PageBytes, status = 200): Response {
  const headers = pageHeaders(page.etag);
  if (status === 200 && etagMatches(request.headers.get("if-none-match"), page.etag)) return new Response(null, { status: 304, headers });
  return new Response("html" in page ? page.html : (page.body as Uint8Array<ArrayBuffer>), { status, headers });
}

const memoryKey = (request: Request, path: string) => pageKey(caresFor(request), path);

/**
 * The page at `path` if this process rendered it for the request's public revision: looked up
 * before anything is read, so a page view of a cached page costs no more than this. Only pages
 * that were validated and rendered are there, so a made-up address is never found.
 */
export function rememberedPortalPage(request: Request, revision: string, path: string): Response | null {
  const page = rememberedPage(revision, memoryKey(request, path));
  return page ? respond(request, page) : null;
}

/**
 * A page that is the same for every visitor (in each of the two views): rendered once per public
 * revision into Next's data cache, and kept as bytes in this process (lib/public/page-memory.ts).
 * `revision` is the one the request's reads were made under (lib/public/cache.ts publicReads).
 * `path` is the page's canonical address, built by the route from what it validated — never the
 * raw request, whose made-up query strings would each fill an entry — and names everything the
 * page depends on.
 */
export async function cachedPortalPage(
  request: Request,
  revision: string,
  path: string,
  build: () => Promise<{ meta: Omit<PortalPageMeta, "care" | "path">; body: ReactElement }>,
): Promise<Response> {
  const care = caresFor(request);
  const key = memoryKey(request, path);
  const remembered = rememberedPage(revision, key);
  if (remembered) return respond(request, remembered);
  const page = await cachedForRevision(revision, ["page", care ? "care" : "standard", path], async () => {
    const { meta, body } = await build();
    return render({ ...meta, care, path }, body);
  });
  return respond(request, rememberPage(revision, key, { body: new TextEncoder().encode(page.html), etag: page.etag }));
}

/** A page rendered for this request alone (a search: its words are the visitor's own). */
export async function portalPage(request: Request, meta: Omit<PortalPageMeta, "care" | "path">, body: ReactElement): Promise<Response> {
  return respond(request, await render({ ...meta, care: caresFor(request), path: pathOf(request) }, body));
}

export async function portalNotFound(request: Request, message: string): Promise<Response> {
  const page = await render({ title: "没有找到", description: message, care: caresFor(request), path: pathOf(request) }, <NotFoundView message={message} />);
  return respond(request, page, 404);
}
