/**
 * Column mappings of tables whose headers the import does not recognise: the office's own (sent with the page's
 * form, or given to `npm run import --map`) and those remembered in ImportMapping from an earlier import, keyed by
 * the header's signature (header-table.ts headerSignature). The import page and the command line read a file by
 * these same rules and remember the mappings an import was read by in that import's transaction.
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ImportError, MappingNeeded, parseSource, type ColumnMapping, type LeadChoice, type ParseResult, type TableToMap } from "./index";
import type { SourceDocument } from "./source";
import { headerCellKey } from "./header-table";
import { MAPPED_FIELDS, MAPPED_FIELD_LABELS, NOT_IMPORTED_LABEL, type MappedField } from "./types";

type Db = PrismaClient | Prisma.TransactionClient;

export type MappedRead =
  | { ok: true; result: ParseResult; tables: TableToMap[]; applied: ColumnMapping[] }
  | { ok: false; message: string; tables: TableToMap[] };

/** Mappings remembered from earlier imports for these header signatures. */
export async function rememberedMappings(db: Db, signatures: string[]): Promise<ColumnMapping[]> {
  if (signatures.length === 0) return [];
  const rows = await db.importMapping.findMany({ where: { signature: { in: signatures } } });
  const known = new Set<string>(MAPPED_FIELDS);
  return rows.map((row) => ({
    signature: row.signature,
    fields: (Array.isArray(row.fields) ? row.fields : []).map((f) => (typeof f === "string" && known.has(f) ? (f as MappedField) : null)),
  }));
}

function parseWith(source: SourceDocument, leadChoice: LeadChoice | null, mappings: ColumnMapping[]): { result: ParseResult } | { tables: TableToMap[]; error: MappingNeeded } {
  try {
    return { result: parseSource(source, undefined, leadChoice, mappings) };
  } catch (error) {
    if (error instanceof MappingNeeded) return { tables: error.tables, error };
    throw error;
  }
}

/**
 * Parses a document, reading a table whose headers are not recognised by the mapping given for its header, else by
 * the one remembered for it (db null: none is looked up). tables lists every such table with the mapping applied to
 * it (or the fields its header suggests, where none was); applied, the mappings the result was read by. An
 * ImportError of the file itself (or of a mapping given) is thrown, as parseSource throws it.
 */
export async function readWithMappings(db: Db | null, source: SourceDocument, leadChoice: LeadChoice | null, given: ColumnMapping[]): Promise<MappedRead> {
  const first = parseWith(source, leadChoice, given);
  const tables = "result" in first ? (first.result.tablesToMap ?? []) : first.tables;
  const givenSignatures = new Set(given.map((m) => m.signature));
  const remembered = db
    ? await rememberedMappings(
        db,
        tables.map((t) => t.signature).filter((s) => !givenSignatures.has(s)),
      )
    : [];
  const mappings = [...given, ...remembered];
  let parsed = first;
  try {
    if (remembered.length > 0) parsed = parseWith(source, leadChoice, mappings);
  } catch (error) {
    // A remembered mapping the file cannot be read by still leaves its tables to map again.
    if (error instanceof ImportError) return { ok: false, message: error.message, tables };
    throw error;
  }
  const shown = tables.map((table) => {
    const mapping = mappings.find((m) => m.signature === table.signature);
    return mapping ? { ...table, fields: mapping.fields, remembered: !givenSignatures.has(table.signature), applied: true } : table;
  });
  if (!("result" in parsed)) return { ok: false, message: parsed.error.message, tables: shown };
  const used = new Set(shown.map((t) => t.signature));
  return { ok: true, result: parsed.result, tables: shown, applied: mappings.filter((m) => used.has(m.signature)) };
}

/** Remembers the mappings an import was read by, for the next file of the same header; called in the import's transaction. */
export async function rememberMappings(tx: Prisma.TransactionClient, read: Extract<MappedRead, { ok: true }>): Promise<void> {
  for (const mapping of read.applied) {
    const header = read.tables.find((t) => t.signature === mapping.signature)?.header ?? [];
    await tx.importMapping.upsert({
      where: { signature: mapping.signature },
      create: { signature: mapping.signature, header, fields: mapping.fields },
      update: { header, fields: mapping.fields },
    });
  }
}

/** One "列名=内容" of `npm run import --map`: the column as its header names it, and the field (null: 不导入). */
export interface MapEntry {
  column: string;
  field: MappedField | null;
}

// The names a field may be given by: as the page offers it (任务, 牵头单位 …), its own (task, lead …), or text for task.
const FIELD_NAMES = new Map<string, MappedField | null>([
  ...MAPPED_FIELDS.map((field) => [field, field] as const),
  ...MAPPED_FIELDS.map((field) => [MAPPED_FIELD_LABELS[field], field] as const),
  ["text", "task"],
  ["配合单位", "units"],
  ["责任单位", "units"],
  [NOT_IMPORTED_LABEL, null],
  ["none", null],
]);

const FIELD_CHOICES = `${[...MAPPED_FIELDS.map((field) => MAPPED_FIELD_LABELS[field]), NOT_IMPORTED_LABEL].join("、")}(或 ${[...MAPPED_FIELDS, "none"].join("、")})`;

/** "任务内容=text,责任处室=units" as entries, or a message saying what in it is wrong. */
export function parseMapOption(text: string): { ok: true; entries: MapEntry[] } | { ok: false; message: string } {
  const entries: MapEntry[] = [];
  for (const pair of text.split(/[,,]/).map((p) => p.trim()).filter(Boolean)) {
    const at = pair.search(/[==]/);
    const column = at > 0 ? pair.slice(0, at).trim() : "";
    const name = at > 0 ? pair.slice(at + 1).trim() : "";
    if (!column || !name) return { ok: false, message: `--map 的“${pair}”应写成“列名=内容”,如“任务内容=任务”` };
    const field = FIELD_NAMES.get(name) ?? FIELD_NAMES.get(name.toLowerCase());
    if (field === undefined) return { ok: false, message: `--map 的“${pair}”:不知道“${name}”是什么内容;可指定的内容:${FIELD_CHOICES}` };
    entries.push({ column, field });
  }
  if (entries.length === 0) return { ok: false, message: "--map 没有给出任何“列名=内容”" };
  return { ok: true, entries };
}

/**
 * The mappings `--map` gives the unrecognised tables: each table one of whose header cells it names is read by the
 * fields its header suggests, with the named columns set as given (as the page preselects the suggestion and the
 * office changes what it must). A named column no such table has is an error, naming the headers there are.
 */
export function mappingsFromOption(entries: MapEntry[], tables: TableToMap[]): { ok: true; mappings: ColumnMapping[] } | { ok: false; message: string } {
  const used = new Set<MapEntry>();
  const mappings = tables.flatMap((table) => {
    const keys = table.header.map(headerCellKey);
    const fields = [...table.fields];
    let named = false;
    for (const entry of entries) {
      const column = keys.indexOf(headerCellKey(entry.column));
      if (column === -1) continue;
      fields[column] = entry.field;
      used.add(entry);
      named = true;
    }
    return named ? [{ signature: table.signature, fields }] : [];
  });
  const unknown = entries.filter((entry) => !used.has(entry));
  if (unknown.length > 0) {
    const headers = tables.map((table) => `表格“${table.name}”:${table.header.join(" | ")}`).join(";");
    return { ok: false, message: `--map 中的列${unknown.map((e) => `“${e.column}”`).join("")}不在文件中表头未能识别的表格里${headers ? `(${headers})` : "(文件中没有这样的表格)"}` };
  }
  return { ok: true, mappings };
}

/** For the command line: which columns of each table were not recognised, and how to map them with --map. */
export function mappingHelp(tables: TableToMap[], file: string): string {
  const lines: string[] = [];
  for (const table of tables) {
    const unknown = table.header.filter((cell, i) => cell.trim() !== "" && table.fields[i] === null);
    const known = table.header.flatMap((cell, i) => (table.fields[i] ? [`“${cell}”为${MAPPED_FIELD_LABELS[table.fields[i]]}`] : []));
    lines.push(`表格“${table.name}”的表头未能识别:${table.header.join(" | ")}`);
    lines.push(`  未能识别的列:${unknown.map((cell) => `“${cell}”`).join("")}`);
    if (known.length > 0) lines.push(`  已识别的列:${known.join(",")}`);
  }
  const sample = tables[0]?.header.filter((cell, i) => cell.trim() !== "" && tables[0].fields[i] === null) ?? [];
  const example = [sample[0] && `${sample[0]}=任务`, sample[1] && `${sample[1]}=牵头单位`].filter(Boolean).join(",");
  lines.push("请用 --map 指定各列对应的内容(未指定的列按已识别的读取,其余不导入),须有“任务”列和“牵头单位”或“配合单位/责任单位”列,例如:");
  lines.push(`  npm run import -- --map "${example || "列名=任务,列名=牵头单位"}" ${file}`);
  lines.push(`可指定的内容:${FIELD_CHOICES}`);
  lines.push("导入成功后记住这一对应,下次表头相同的文件不必再指定。");
  return lines.join("\n");
}
