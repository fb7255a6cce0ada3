import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, hasSessionCookie, isPortalPath, newNonce, securityHeaders, servedOverHttps } from "@/lib/security/headers";

/** The directives of a policy by name. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe("nonce", () => {
  it("is fresh for every request and of a form Next extracts from the policy", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("content security policy", () => {
  const policy = directives(contentSecurityPolicy({ nonce: "abc123==" }));

  it("runs only the scripts that carry this response's nonce, and what they load", () => {
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy["script-src"]).not.toContain("'unsafe-inline'");
    expect(policy["script-src"]).not.toContain("'unsafe-eval'");
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'none'"]);
  });

  it("takes stylesheets from this site and allows style attributes (charts, status colours), not <style> elements", () => {
    expect(policy["style-src"]).toEqual(["'self'"]);
    expect(policy["style-src-attr"]).toEqual(["'unsafe-inline'"]);
  });

  it("cannot be framed, posts forms and fetches only to this site", () => {
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["form-action"]).toEqual(["'self'"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
    expect(policy["default-src"]).toEqual(["'self'"]);
  });

  it("allows eval and inline styles only to the development server", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "abc123==", dev: true }));
    expect(dev["script-src"]).toContain("'unsafe-eval'");
    expect(dev["style-src"]).toContain("'unsafe-inline'");
  });
});

describe("the public portal", () => {
  it("runs no script at all: its pages are plain HTML", () => {
    const portal = directives(securityHeaders({ nonce: "abc123==", https: false, scripts: false })["Content-Security-Policy"]);
    expect(portal["script-src"]).toEqual(["'none'"]);
    expect(portal["style-src"]).toEqual(["'self'"]);
  });

  it("is /public and what is under it, nothing else", () => {
    for (const path of ["/public", "/public/plans/1", "/public/tasks/2", "/public/search"]) expect(isPortalPath(path), path).toBe(true);
    for (const path of ["/", "/publications", "/plans/1/table/1", "/api/v1/plans", "/tasks/1"]) expect(isPortalPath(path), path).toBe(false);
  });
});

describe("HTTPS", () => {
  it("is known from the public address the operator gives", () => {
    expect(servedOverHttps({ NEXTAUTH_URL: "https://luoshi.example.gov.cn" }, null)).toBe(true);
    expect(servedOverHttps({ NEXTAUTH_URL: "HTTPS://luoshi.example.gov.cn/" }, null)).toBe(true);
    expect(servedOverHttps({ NEXTAUTH_URL: "http://localhost:3000" }, null)).toBe(false);
    expect(servedOverHttps({}, null)).toBe(false);
  });

  it("is not taken from a client's X-Forwarded-Proto unless the operator declared a proxy that sets it", () => {
    expect(servedOverHttps({ NEXTAUTH_URL: "http://localhost:3000" }, "https")).toBe(false);
    expect(servedOverHttps({}, "https")).toBe(false);
    expect(servedOverHttps({ AUTH_TRUST_HOST: "true" }, "https")).toBe(true);
    expect(servedOverHttps({ AUTH_TRUST_HOST: "1" }, "https, http")).toBe(true);
    expect(servedOverHttps({ AUTH_TRUST_HOST: "true" }, "http")).toBe(false);
    expect(servedOverHttps({ AUTH_TRUST_HOST: "true" }, null)).toBe(false);
    expect(servedOverHttps({ AUTH_TRUST_HOST: "false" }, "https")).toBe(false);
  });
});

describe("security headers", () => {
  it("are the same on every response but for the nonce, and Strict-Transport-Security only over HTTPS", () => {
    const plain = securityHeaders({ nonce: "abc123==", https: false });
    expect(plain).toEqual({
      "Content-Security-Policy": contentSecurityPolicy({ nonce: "abc123==" }),
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
      "Permissions-Policy": expect.stringContaining("camera=(), display-capture=()"),
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(securityHeaders({ nonce: "abc123==", https: true })["Strict-Transport-Security"]).toBe("max-age=31536000");
  });

  it("deny every feature the app never uses", () => {
    const features = securityHeaders({ nonce: "n", https: false })["Permissions-Policy"].split(", ");
    for (const feature of features) expect(feature).toMatch(/^[a-z-]+=\(\)$/);
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(features).toContain(`${feature}=()`);
  });
});

describe("session cookie", () => {
  // Without one, / is the portal (next.config.ts rewrites) under a policy without scripts (proxy.ts).
  it("is recognised under each name next-auth gives it, and no other", () => {
    for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token", "next-auth.session-token.0", "__Secure-next-auth.session-token.0"]) {
      expect(hasSessionCookie(["luoshi-care", name]), name).toBe(true);
    }
    expect(hasSessionCookie([])).toBe(false);
    expect(hasSessionCookie(["luoshi-care", "next-auth.csrf-token", "next-auth.callback-url"])).toBe(false);
  });
});
