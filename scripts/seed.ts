import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseDocument } from "@/lib/import";
import { persistImport, type ImportOutcome } from "@/lib/import/persist";

export const seedDirectory = path.join(process.cwd(), "seeds");

/** The official documents shipped as seed data, in file-name order. */
export function seedFiles(): string[] {
  return readdirSync(seedDirectory)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => path.join(seedDirectory, name));
}

/** Imports every seed document; safe to run on every start because import is idempotent. */
export async function seedDocuments(prisma: PrismaClient): Promise<Array<{ file: string; outcome: ImportOutcome }>> {
  const results = [];
  for (const file of seedFiles()) {
    const parsed = parseDocument(path.basename(file), readFileSync(file, "utf8"));
    results.push({ file: path.basename(file), outcome: await persistImport(prisma, parsed) });
  }
  return results;
}
