import "server-only";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LocalFolderStore } from "@/lib/storage/local";
import { S3Store } from "@/lib/storage/s3";
import type { BlobStore } from "@/lib/storage/store";

type Env = Record<string, string | undefined>;

/**
 * The attachments' store as the environment configures it (README, Configuration):
 * `LUOSHI_ATTACHMENT_STORE=s3` with the `LUOSHI_S3_*` variables for a bucket; otherwise a folder,
 * `LUOSHI_ATTACHMENTS_DIR`, by default `.data/attachments` — or, where the embedded database keeps
 * nothing (`LUOSHI_DATA_DIR=memory://`, the browser tests), a fresh temporary folder, so that a
 * run leaves nothing behind in the project either.
 */
export function storeFromEnv(env: Env): BlobStore {
  const kind = env.LUOSHI_ATTACHMENT_STORE?.trim() || "local";
  if (kind === "s3") {
    const names = ["LUOSHI_S3_ENDPOINT", "LUOSHI_S3_BUCKET", "LUOSHI_S3_ACCESS_KEY_ID", "LUOSHI_S3_SECRET_ACCESS_KEY"] as const;
    const missing = names.filter((name) => !env[name]?.trim());
    if (missing.length) throw new Error(`LUOSHI_ATTACHMENT_STORE=s3 需要设置 ${missing.join("、")}`);
    return new S3Store({
      endpoint: env.LUOSHI_S3_ENDPOINT!.trim(),
      bucket: env.LUOSHI_S3_BUCKET!.trim(),
      region: env.LUOSHI_S3_REGION?.trim() || "us-east-1",
      accessKeyId: env.LUOSHI_S3_ACCESS_KEY_ID!.trim(),
      secretAccessKey: env.LUOSHI_S3_SECRET_ACCESS_KEY!.trim(),
      virtualHosted: env.LUOSHI_S3_VIRTUAL_HOSTED?.trim() === "true",
    });
  }
  if (kind !== "local") throw new Error(`LUOSHI_ATTACHMENT_STORE 只能是 local 或 s3,而不是 ${JSON.stringify(kind)}`);
  const folder = env.LUOSHI_ATTACHMENTS_DIR?.trim();
  if (folder) return new LocalFolderStore(resolve(folder));
  if (env.LUOSHI_DATA_DIR?.trim() === "memory://") return new LocalFolderStore(mkdtempSync(join(tmpdir(), "luoshi-attachments-")));
  return new LocalFolderStore(resolve(".data/attachments"));
}

// One store per process: Next bundles route handlers and server actions apart, so a module-level
// variable could exist twice, and the two would pick different temporary folders.
const STORE = Symbol.for("luoshi.blobStore");
type Holder = { [STORE]?: BlobStore };

/** The process's store, made from the environment on first use. */
export function blobStore(): BlobStore {
  const holder = globalThis as Holder;
  return (holder[STORE] ??= storeFromEnv(process.env));
}
