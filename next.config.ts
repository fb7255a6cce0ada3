import type { NextConfig } from "next";

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
  experimental: { serverActions: { bodySizeLimit: "12mb" }, proxyClientMaxBodySize: "12mb" },
};

export default nextConfig;
