import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite and pg are Node libraries; keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // The import page sends a whole document to a server action: up to IMPORT_MAX_BYTES (4 MB,
  // lib/zod/import.ts), where Next's default stops at 1 MB. A little more is let through so that
  // a larger file reaches the action and gets its message (文件过大), not a failed request.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
};

export default nextConfig;
