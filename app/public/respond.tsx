import "server-only";
import { createHash } from "node:crypto";
import type { ReactElement } from "react";
import { cachedForRevision } from "@/lib/public/cache";
import { PortalDocument, type PortalPageMeta } from "@/components/portal/document";
import { NotFoundView } from "@/components/portal/search";

/**
 * How the portal's route handlers answer: a whole HTML document rendered to static markup (no
 * script, no hydration: components/portal), cached whole under the public revision where the
 * page is the same for everyone, with an ETag so that a reload of an unchanged page costs a 304.
 */

/** The 关怀版 cookie (app/public/care/route.ts). */
export const CARE_COOKIE = "luoshi-care";

export function caresFor(request: Request): boolean {
  return /(?:^|;\s*)luoshi-care=1(?:;|$)/.test(request.headers.get("cookie") ?? "");
}

/** The path and query of the request, as the 关怀版 switch comes back to it. */
export function pathOf(request: Request): string {
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
  return { html, etag: `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"` };
}

function respond(request: Request, page: RenderedPage, status = 200): Response {
  const headers = {
    "Content-Type": "text/html; charset=utf-8",
    // Revalidated at every view: a publication shows on the next load; an unchanged page costs a 304.
    "Cache-Control": "public, no-cache",
    // The 关怀版 cookie changes the page.
    Vary: "Cookie",
    ETag: page.etag,
  };
  const match = request.headers.get("if-none-match");
  if (status === 200 && match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === page.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(page.html, { status, headers });
}

/**
 * A page that is the same for every visitor (in each of the two views): rendered once per public
 * revision, then served from the cache. `path` is the page's canonical address, built by the route
 * from what it validated — never the raw request, whose made-up query strings would each fill an
 * entry — and names everything the page depends on.
 */
export async function cachedPortalPage(request: Request, path: string, build: () => Promise<{ meta: Omit<PortalPageMeta, "care" | "path">; body: ReactElement }>): Promise<Response> {
  const care = caresFor(request);
  const page = await cachedForRevision(["page", care ? "care" : "standard", path], async () => {
    const { meta, body } = await build();
    return render({ ...meta, care, path }, body);
  });
  return respond(request, page);
}

/** A page rendered for this request alone (a search: its words are the visitor's own). */
export async function portalPage(request: Request, meta: Omit<PortalPageMeta, "care" | "path">, body: ReactElement): Promise<Response> {
  return respond(request, await render({ ...meta, care: caresFor(request), path: pathOf(request) }, body));
}

export async function portalNotFound(request: Request, message: string): Promise<Response> {
  const page = await render({ title: "没有找到", description: message, care: caresFor(request), path: pathOf(request) }, <NotFoundView message={message} />);
  return respond(request, page, 404);
}
