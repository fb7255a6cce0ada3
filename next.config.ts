import type { NextConfig } from "next";
import { SESSION_COOKIE_NAMES } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // PGlite and pg are Node libraries; keep them out of the server bundle.
  // unpdf carries pdf.js, which loads parts of itself at run time: it stays a Node module too.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "unpdf"],
  poweredByHeader: false,
  // The import page uploads a whole file to a server action: up to IMPORT_MAX_BYTES (10 MB,
  // lib/zod/import.ts), where Next's default stops at 1 MB (a larger request fails before the
  // action runs, with no message of ours). A little more is let through, by the action and by the
  // proxy (proxy.ts) that every request passes, so that a larger file reaches the action and gets
  // its message (文件过大), not a failed request.
  // isrFlushToDisk: the portal's cached data and pages (lib/public/cache.ts) are keyed by a revision
  // that changes with every publication; on disk, every revision's copies would stay for good. In
  // memory (Next's LRU, 50 MB) the old ones make room for the new. The app has no other cache entries.
  experimental: { serverActions: { bodySizeLimit: "12mb" }, proxyClientMaxBodySize: "12mb", isrFlushToDisk: false },
  // The home page of a visitor who has not signed in is the public portal (app/public). Rewritten
  // here, not in proxy.ts: Next compares a proxy's rewrite with the request's own address, and when
  // the server listens on 127.0.0.1 (npm run demo) behind a proxy that says X-Forwarded-Proto:
  // https, the two differ and Next fetches https://localhost:PORT/public over the network from its
  // own plain-HTTP port, a 500 for every visitor (vercel/next.js#94745). A rewrite of the config
  // stays inside the server.
  async rewrites() {
    return {
      beforeFiles: [{ source: "/", missing: SESSION_COOKIE_NAMES.map((key) => ({ type: "cookie" as const, key })), destination: "/public" }],
      afterFiles: [],
      fallback: [],
    };
  },
};

export default nextConfig;
