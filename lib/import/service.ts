import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { ImportError, MappingNeeded, leadChoiceMissing, parseSource, type ColumnMapping, type ParseResult, type TableToMap } from "@/lib/import";
import { readSource } from "@/lib/import/files";
import { MAPPED_FIELDS, type MappedField } from "@/lib/import/types";
import type { SourceDocument } from "@/lib/import/source";
import { persistImport, previewUnits, type ImportOutcome } from "@/lib/import/persist";
import { outcomeMessage, previewSummary, type ImportSummary } from "@/lib/import/summary";
import { canImport, type Actor } from "@/lib/permissions";
import type { ImportInput } from "@/lib/zod/import";

type Parsed =
  | { ok: true; result: ParseResult; tables: TableToMap[]; applied: ColumnMapping[] }
  | { ok: false; message: string; tables: TableToMap[] };

/** Mappings remembered from earlier imports for these header signatures. */
async function rememberedMappings(prisma: PrismaClient, signatures: string[]): Promise<ColumnMapping[]> {
  if (signatures.length === 0) return [];
  const rows = await prisma.importMapping.findMany({ where: { signature: { in: signatures } } });
  const known = new Set<string>(MAPPED_FIELDS);
  return rows.map((row) => ({
    signature: row.signature,
    fields: (Array.isArray(row.fields) ? row.fields : []).map((f) => (typeof f === "string" && known.has(f) ? (f as MappedField) : null)),
  }));
}

function parseWith(source: SourceDocument, input: ImportInput, mappings: ColumnMapping[]): { result: ParseResult } | { tables: TableToMap[]; error?: ImportError } {
  try {
    return { result: parseSource(source, undefined, input.leadChoice ?? null, mappings) };
  } catch (error) {
    if (error instanceof MappingNeeded) return { tables: error.tables, error };
    throw error;
  }
}

/**
 * Reads the uploaded file's bytes (its type from its content, lib/import/files.ts) and parses them. The preview and
 * the import each get the file itself and read it the same way, so what is imported is what was previewed; nothing
 * is kept between the two. A table whose headers are not recognised is read by the office's mapping sent with the
 * form, else by the mapping remembered for its header from an earlier import; tables lists every such table with
 * the mapping applied to it (or the fields its header suggests, where none was).
 */
async function parse(prisma: PrismaClient, input: ImportInput): Promise<Parsed> {
  let tables: TableToMap[] = [];
  try {
    const source = await readSource(input.fileName, new Uint8Array(await input.file.arrayBuffer()));
    const given = input.mappings ?? [];
    const first = parseWith(source, input, given);
    tables = "result" in first ? (first.result.tablesToMap ?? []) : first.tables;
    const givenSignatures = new Set(given.map((m) => m.signature));
    const remembered = await rememberedMappings(
      prisma,
      tables.map((t) => t.signature).filter((s) => !givenSignatures.has(s)),
    );
    const mappings = [...given, ...remembered];
    const parsed = remembered.length > 0 ? parseWith(source, input, mappings) : first;
    const shown = tables.map((table) => {
      const mapping = mappings.find((m) => m.signature === table.signature);
      return mapping ? { ...table, fields: mapping.fields, remembered: !givenSignatures.has(table.signature), applied: true } : table;
    });
    if (!("result" in parsed)) return { ok: false, message: parsed.error?.message ?? "表头无法识别", tables: shown };
    const used = new Set(shown.map((t) => t.signature));
    return { ok: true, result: parsed.result, tables: shown, applied: mappings.filter((m) => used.has(m.signature)) };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, message: error.message, tables };
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
      for (const mapping of parsed.applied) {
        const header = parsed.tables.find((t) => t.signature === mapping.signature)?.header ?? [];
        await tx.importMapping.upsert({
          where: { signature: mapping.signature },
          create: { signature: mapping.signature, header, fields: mapping.fields },
          update: { header, fields: mapping.fields },
        });
      }
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
