import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { ImportError, leadChoiceMissing, parseSource, type ParseResult } from "@/lib/import";
import { readSource } from "@/lib/import/files";
import { persistImport, previewUnits, type ImportOutcome } from "@/lib/import/persist";
import { outcomeMessage, previewSummary, type ImportSummary } from "@/lib/import/summary";
import { canImport, type Actor } from "@/lib/permissions";
import type { ImportInput } from "@/lib/zod/import";

/**
 * Reads the uploaded file's bytes (its type from its content, lib/import/files.ts) and parses them. The preview and
 * the import each get the file itself and read it the same way, so what is imported is what was previewed; nothing
 * is kept between the two.
 */
async function parse(input: ImportInput): Promise<{ ok: true; result: ParseResult } | { ok: false; message: string }> {
  try {
    const source = await readSource(input.fileName, new Uint8Array(await input.file.arrayBuffer()));
    return { ok: true, result: parseSource(source, undefined, input.leadChoice ?? null) };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Parses without writing, for the office to look over before importing; the units are matched
 * against those on record exactly as the import will match them.
 */
export async function previewImport(prisma: PrismaClient, actor: Actor, input: ImportInput): Promise<ActionResult<{ summary: ImportSummary }>> {
  if (!canImport(actor)) return failure(FORBIDDEN);
  const parsed = await parse(input);
  if (!parsed.ok) return failure(`无法导入:${parsed.message}`);
  return { ok: true, summary: previewSummary(parsed.result, await previewUnits(prisma, parsed.result)) };
}

/**
 * Writes the document and its audit row in one transaction; importing the same file again
 * changes nothing.
 */
export async function commitImport(prisma: PrismaClient, actor: Actor, input: ImportInput): Promise<ActionResult<{ outcome: ImportOutcome }>> {
  if (!canImport(actor)) return failure(FORBIDDEN);
  const parsed = await parse(input);
  if (!parsed.ok) return failure(`无法导入:${parsed.message}`);
  // Never assumed: a document without a lead rule waits for the office's choice.
  const missing = leadChoiceMissing(parsed.result);
  if (missing) return failure(missing);
  const outcome = await persistImport(prisma, parsed.result, {
    inTransaction: (tx, outcome) =>
      recordAudit(tx, {
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
        },
      }),
  });
  return { ok: true, message: outcomeMessage(outcome), outcome };
}
