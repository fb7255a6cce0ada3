import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGliteServer, type PGliteServerOptions } from "./pglite-server";

/** Connections per app process on the embedded database (DATABASE_POOL_MAX unless set). */
export const EMBEDDED_POOL_MAX = 4;

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL compiled to WASM) behind the PostgreSQL wire protocol, so the app
 * and the migration tool talk to it through the same driver as to a real server.
 * `dataDir` keeps the data between runs; without it the database lives in memory.
 * PGlite is one backend, which scripts/pglite-server.ts lends to one connection at a time.
 */
export async function startEmbeddedDatabase(
  options: { dataDir?: string; port?: number } & Pick<PGliteServerOptions, "idleInTransactionMs"> = {},
): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGliteServer(db, { host: "127.0.0.1", port: options.port, idleInTransactionMs: options.idleInTransactionMs });
  const port = await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
