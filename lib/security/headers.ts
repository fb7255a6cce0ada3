/**
 * The security headers of every response, set by `proxy.ts` (pages, route handlers, the auth API,
 * static files). Plain functions of their inputs, so that they can be tested without Next.
 *
 * Scripts: Next's App Router writes inline scripts into every page (the React Server Components
 * payload, `self.__next_f.push(…)`, and React's own), then loads its chunks by inserting `<script>`
 * elements. The policy allows them with a nonce made afresh for each request plus 'strict-dynamic':
 * Next reads the nonce from the request's Content-Security-Policy header and stamps it on every
 * script it renders; scripts those scripts load are trusted in turn. An injected `<script>` has no
 * nonce and does not run. The price: a page must be rendered per request (its HTML cannot be a
 * build-time or cached copy, whose scripts would carry no nonce or a stale one); its data may still
 * be cached. Today every page is rendered per request anyway (the layout reads the session).
 */

export type Env = Record<string, string | undefined>;

/** A fresh, unguessable nonce (128 bits, base64): one per request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether the app is served to browsers over HTTPS, which decides Strict-Transport-Security.
 * The operator says so by giving the public address: `NEXTAUTH_URL=https://…` (TLS usually ends at
 * a reverse proxy, so the connection Node sees is plain HTTP). A client's `X-Forwarded-Proto` is
 * believed only where the operator declared a proxy that sets it (`AUTH_TRUST_HOST`, the variable
 * with which next-auth, too, believes the X-Forwarded-* headers); otherwise anyone could send it.
 */
export function servedOverHttps(env: Env, forwardedProto: string | null): boolean {
  if (/^https:\/\//i.test(env.NEXTAUTH_URL?.trim() ?? "")) return true;
  const trustsProxy = /^(1|true|yes)$/i.test(env.AUTH_TRUST_HOST?.trim() ?? "");
  return trustsProxy && forwardedProto?.split(",")[0].trim().toLowerCase() === "https";
}

/**
 * The Content-Security-Policy. In development React needs `eval` for its debugging aids and Next's
 * error overlay injects `<style>` elements, so the development server gets those two allowances.
 */
export function contentSecurityPolicy({ nonce, dev = false, scripts = true }: { nonce: string; dev?: boolean; scripts?: boolean }): string {
  const directives = [
    "default-src 'self'",
    // The public portal's pages are plain HTML without a script (components/portal): none may run.
    // 'self' only matters to browsers without 'strict-dynamic' (CSP 2); Next 16 supports none of them.
    scripts ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}` : "script-src 'none'",
    // Stylesheets come from /_next/static. `style="…"` attributes are allowed: server-rendered pages
    // carry them (the dashboard's status colours and bars, chart heights).
    // No inline <style> element is needed, so none is allowed (except for the development overlay).
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** Everything the browser is told not to use. An empty allowlist `()` denies a feature to every frame. */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "browsing-topics",
  "camera",
  "display-capture",
  "encrypted-media",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** One year; no includeSubDomains: other sites under the city's domain may still be served over HTTP. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000";

/** The headers of one response. */
export function securityHeaders({ nonce, https, dev = false, scripts = true }: { nonce: string; https: boolean; dev?: boolean; scripts?: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy({ nonce, dev, scripts }),
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    // Full address to this site, the origin alone to other HTTPS sites, nothing over HTTP. Not
    // no-referrer: under it Chromium sends `Origin: null` with a form posted without JavaScript, and
    // Next refuses a server action whose Origin is not this host.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}

/** The public portal's addresses (app/public): pages rendered without any script. */
export function isPortalPath(pathname: string): boolean {
  return pathname === "/public" || pathname.startsWith("/public/");
}

/**
 * The names next-auth gives the sign-in cookie: plain over HTTP, `__Secure-` over HTTPS, and cut
 * into `.0`, `.1`, … when too long for one cookie (a cut one always has `.0`).
 */
export const SESSION_COOKIE_NAMES = ["next-auth.session-token", "next-auth.session-token.0", "__Secure-next-auth.session-token", "__Secure-next-auth.session-token.0"] as const;

/** Whether a request carries a sign-in cookie of next-auth (whether it is still valid is checked later). */
export function hasSessionCookie(cookieNames: readonly string[]): boolean {
  return cookieNames.some((name) => (SESSION_COOKIE_NAMES as readonly string[]).includes(name));
}
