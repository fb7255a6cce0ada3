import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { ImportError, leadChoiceMissing, type TableToMap } from "@/lib/import";
import { readSource } from "@/lib/import/files";
import { readWithMappings, rememberMappings, type MappedRead } from "@/lib/import/mappings";
import { persistImport, previewUnits, type ImportOutcome } from "@/lib/import/persist";
import { outcomeMessage, previewSummary, type ImportSummary } from "@/lib/import/summary";
import { canImport, type Actor } from "@/lib/permissions";
import type { ImportInput } from "@/lib/zod/import";

/**
 * Reads the uploaded file's bytes (its type from its content, lib/import/files.ts) and parses them. The preview and
 * the import each get the file itself and read it the same way, so what is imported is what was previewed; nothing
 * is kept between the two. A table whose headers are not recognised is read by the office's mapping sent with the
 * form, else by the mapping remembered for its header from an earlier import (lib/import/mappings.ts).
 */
async function parse(prisma: PrismaClient, input: ImportInput): Promise<MappedRead> {
  try {
    const source = await readSource(input.fileName, new Uint8Array(await input.file.arrayBuffer()));
    return await readWithMappings(prisma, source, input.leadChoice ?? null, input.mappings ?? []);
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, message: error.message, tables: [] };
    throw error;
  }
}

/**
 * Parses without writing, for the office to look over before importing; the units are matched
 * against those on record exactly as the import will match them. Where the file could not be read
 * until the columns of a table are mapped, the failure carries the tables to map.
 */
export async function previewImport(
  prisma: PrismaClient,
  actor: Actor,
  input: ImportInput,
): Promise<ActionResult<{ summary: ImportSummary; tables: TableToMap[] }> | { ok: false; message: string; tables: TableToMap[] }> {
  if (!canImport(actor)) return failure(FORBIDDEN);
  const parsed = await parse(prisma, input);
  if (!parsed.ok) {
    if (parsed.tables.length > 0) return { ok: false, message: `无法导入:${parsed.message}`, tables: parsed.tables };
    return failure(`无法导入:${parsed.message}`);
  }
  return { ok: true, summary: previewSummary(parsed.result, await previewUnits(prisma, parsed.result)), tables: parsed.tables };
}

/**
 * Writes the document and its audit row in one transaction; importing the same file again
 * changes nothing.
 */
export async function commitImport(prisma: PrismaClient, actor: Actor, input: ImportInput): Promise<ActionResult<{ outcome: ImportOutcome }>> {
  if (!canImport(actor)) return failure(FORBIDDEN);
  const parsed = await parse(prisma, input);
  if (!parsed.ok) return failure(`无法导入:${parsed.message}`);
  // Never assumed: a document without a lead rule waits for the office's choice.
  const missing = leadChoiceMissing(parsed.result);
  if (missing) return failure(missing);
  const outcome = await persistImport(prisma, parsed.result, {
    inTransaction: async (tx, outcome) => {
      // The mappings this import was read by are remembered for the next file of the same header, with the import.
      await rememberMappings(tx, parsed);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "plan.import",
        entityType: "Plan",
        entityId: outcome.planId,
        after: {
          fileName: input.fileName,
          planCreated: outcome.planCreated,
          tasks: outcome.tasks,
          reportsCreated: outcome.reportsCreated,
          unitsCreated: outcome.unitsCreated,
          figuresKept: outcome.figuresKept,
          ...(parsed.applied.length > 0 ? { mappings: parsed.applied.map((m) => m.signature) } : {}),
        },
      });
    },
  });
  return { ok: true, message: outcomeMessage(outcome), outcome };
}
