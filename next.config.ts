import type { NextConfig } from "next";
import { SESSION_COOKIE_NAMES } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // PGlite and pg are Node libraries; keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // The import page sends a whole document to a server action: up to IMPORT_MAX_BYTES (4 MB,
  // lib/zod/import.ts), where Next's default stops at 1 MB. A little more is let through so that
  // a larger file reaches the action and gets its message (文件过大), not a failed request.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
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
