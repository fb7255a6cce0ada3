import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie, isPortalPath, newNonce, securityHeaders, servedOverHttps } from "@/lib/security/headers";

/**
 * Security headers on every response: pages, route handlers, the auth API and /_next/static (no
 * matcher, so the proxy runs for every request). A fresh nonce goes into the Content-Security-Policy
 * of the request, where Next finds it and stamps it on the scripts of the page it renders, and into
 * the same header of the response. See lib/security/headers.ts.
 */
export function proxy(request: NextRequest) {
  // The home page of a visitor who has not signed in is the public portal (app/public), by the
  // rewrite of next.config.ts, which the proxy runs before: it gets the portal's policy here.
  const portalHome = request.nextUrl.pathname === "/" && !hasSessionCookie(request.cookies.getAll().map((cookie) => cookie.name));
  const headers = securityHeaders({
    nonce: newNonce(),
    https: servedOverHttps(process.env, request.headers.get("x-forwarded-proto")),
    dev: process.env.NODE_ENV === "development",
    scripts: !(portalHome || isPortalPath(request.nextUrl.pathname)),
  });
  // Replaces whatever policy the client sent: only this nonce may reach the renderer.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete("content-security-policy-report-only");
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
