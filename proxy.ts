import { NextResponse, type NextRequest } from "next/server";
import { caresFor, etagMatches, pageHeaders, pageKey, pageOf } from "@/lib/public/page-memory";
import { freshRevision } from "@/lib/public/revision-memo";
import { hasSessionCookie, isPortalPath, newNonce, securityHeaders, servedOverHttps } from "@/lib/security/headers";

/**
 * Security headers on every response: pages, route handlers, the auth API and /_next/static (no
 * matcher, so the proxy runs for every request). A fresh nonce goes into the Content-Security-Policy
 * of the request, where Next finds it and stamps it on the scripts of the page it renders, and into
 * the same header of the response. See lib/security/headers.ts.
 *
 * The public portal (app/public) is answered here when this process holds the page, rendered for
 * the current public revision, in memory (lib/public/page-memory.ts): the page is the same bytes
 * for every visitor, so routing it to its handler would only add the handler's cost. Whatever is
 * not held — another address, a search, a revision not read within the second — goes on to the
 * route, which renders or finds the page and keeps it.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // The home page of a visitor who has not signed in is the public portal (app/public), by the
  // rewrite of next.config.ts, which the proxy runs before: it gets the portal's policy here. An
  // empty cookie is no cookie, for the rewrite's `missing` test as here.
  const portalHome = pathname === "/" && !hasSessionCookie(request.cookies.getAll().filter((cookie) => cookie.value !== "").map((cookie) => cookie.name));
  const portal = portalHome || isPortalPath(pathname);
  const headers = securityHeaders({
    nonce: newNonce(),
    https: servedOverHttps(process.env, request.headers.get("x-forwarded-proto")),
    dev: process.env.NODE_ENV === "development",
    scripts: !portal,
  });

  if (portal && request.method === "GET") {
    const revision = freshRevision();
    const page = revision === null ? undefined : pageOf(revision, pageKey(caresFor(request.headers.get("cookie")), portalHome ? "/public" : `${pathname}${search}`));
    if (page) {
      const answer = { ...pageHeaders(page.etag), ...headers };
      if (etagMatches(request.headers.get("if-none-match"), page.etag)) return new NextResponse(null, { status: 304, headers: answer });
      return new NextResponse(page.body as Uint8Array<ArrayBuffer>, { status: 200, headers: answer });
    }
  }

  // Replaces whatever policy the client sent: only this nonce may reach the renderer.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete("content-security-policy-report-only");
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
