import type { UnitDirectory } from "@/lib/units/aliases";
import { toSimplified } from "@/lib/units/aliases";
import { hasCellTable, parseCellLines } from "./cell-lines";
import { ParseContext } from "./context";
import { isHeaderTable, parseTables, tableFromLines } from "./header-table";
import { isLeaderHeading, parseLeaderHeadings } from "./leader-headings";
import { isNumberedItems, parseNumberedItems } from "./numbered-items";
import { isLeaderTableHeader, parsePipeTable } from "./pipe-table";
import { isPolicyTableHeader, parsePolicyList } from "./policy-list";
import type { SourceDocument, SourceTable } from "./source";
import { isTraditional, splitLines } from "./text";
import { unreadFigures } from "@/lib/targets/parse";
import { dueDateOf } from "@/lib/progress/deadline";
import { ImportError, type ColumnMapping, type DocumentFormat, type LeadChoice, type ParseResult, type ParserOutput } from "./types";
import { looksLikeUnitName } from "./unit-list";
import { isWorkReport, parseWorkReport } from "./work-report";

export * from "./types";
export type { SourceDocument, SourceTable } from "./source";

const PARSERS: Record<DocumentFormat, (ctx: ParseContext) => ParserOutput> = {
  "pipe-table": parsePipeTable,
  "policy-list": parsePolicyList,
  "leader-headings": parseLeaderHeadings,
  "cell-lines": parseCellLines,
  "work-report": parseWorkReport,
  // A tab- or pipe-separated table in a text file (a spreadsheet saved as text).
  "header-table": (ctx) => parseTables([tableFromLines(ctx.lines)!], ctx),
  "numbered-items": parseNumberedItems,
};

function simplifiedLines(content: string): { lines: string[]; originalLines: string[] | null } {
  const lines = splitLines(content);
  if (!isTraditional(content)) return { lines, originalLines: null };
  return { lines: lines.map(toSimplified), originalLines: lines };
}

function formatOf(lines: string[]): DocumentFormat | null {
  if (lines.some(isLeaderTableHeader)) return "pipe-table";
  if (lines.some(isPolicyTableHeader)) return "policy-list";
  if (lines.some(isLeaderHeading) && lines.some((l) => /责任单位\s*[::]/.test(l))) return "leader-headings";
  if (hasCellTable(lines)) return "cell-lines";
  if (isWorkReport(lines)) return "work-report";
  // Layouts beyond the five seeds come after them, so each seed keeps its own parser.
  const table = tableFromLines(lines);
  if (table && isHeaderTable(table)) return "header-table";
  if (isNumberedItems(lines)) return "numbered-items";
  return null;
}

/**
 * Which kind of document this is, judged from the content alone (file names are
 * arbitrary). The file name is accepted for symmetry with parseDocument only.
 */
export function detectFormat(_fileName: string, content: string): DocumentFormat | null {
  return formatOf(simplifiedLines(content).lines);
}

const UNKNOWN_FORMAT = "无法识别的文件格式:既不是按分管市长分组的表格、责任分解通知、政策清单,也不是政府工作报告";

/**
 * A table cell as one line of a pipe table: a cell's lines are run together — with 、 where each is a unit's name
 * (a units cell "★财政局" / "税务局" stays two units), else as they are (Chinese needs no space) — and a "|"
 * inside a cell, which would split it, becomes a full-width one.
 */
function pipeCell(cell: string): string {
  const parts = cell.split("\n");
  const joined = parts.length > 1 && parts.every(looksLikeUnitName) ? parts.join("、") : parts.join("");
  return joined.replace(/\|/g, "|");
}

/**
 * A table as the lines of a pipe table ("a | b | c |", the layout of the quarterly table's text), so that today's
 * parsers read it. A row whose cells all hold the same text is a title merged across the table: one line.
 */
export function tableAsPipeLines(table: SourceTable): string[] {
  return table.rows.map((row) => {
    const cells = row.map(pipeCell);
    const filled = new Set(cells.filter((cell) => cell !== ""));
    if (filled.size === 1 && cells.length > 1) return [...filled][0];
    return `${cells.join(" | ")} |`;
  });
}

/**
 * Parses a document read from a file of any type (lib/import/files.ts). Its text lines are read as today's text
 * documents are. Where they are no known format, a table of a seed layout (000's quarterly table in a .docx) is read
 * as its text would be: the tables follow the lines (a title paragraph above the table stays its title) as pipe-table
 * lines. Any other tables are read each on its own by their header names (parseTables): each sheet of an .xlsx
 * is a table of its own, and a table whose headers are not recognised is read by the office's mapping for its
 * header (mappings) or else skipped with a warning and offered for mapping.
 */
export function parseSource(
  source: SourceDocument,
  knownUnits?: UnitDirectory,
  leadChoice: LeadChoice | null = null,
  mappings: ColumnMapping[] = [],
): ParseResult {
  const text = source.lines.join("\n");
  if (source.tables.length === 0 || formatOf(simplifiedLines(text).lines) !== null) {
    return parseDocument(source.fileName, text, knownUnits, leadChoice);
  }
  const pipeTables = source.tables.map(tableAsPipeLines);
  const withTables = [...source.lines, ...pipeTables.flat()].join("\n");
  if (!withTables.trim()) throw new ImportError("文件为空", null);
  // Each table is judged with the document's lines on its own: rendered together, one sheet's header could make
  // another's rows look like a seed layout they are not (a 责任单位 | 完成时限 header read as a policy list).
  const filled = pipeTables.filter((_, index) => source.tables[index].rows.some((row) => row.some((cell) => cell.trim() !== "")));
  const formats = new Set(filled.map((table) => formatOf(simplifiedLines([...source.lines, ...table].join("\n")).lines)));
  const [only] = formats;
  if (formats.size === 1 && only !== null && only !== "header-table") return parseDocument(source.fileName, withTables, knownUnits, leadChoice);
  // The context holds the tables' text too, as before: a lead rule, title or government stated in a table is found.
  const { lines, originalLines } = simplifiedLines(withTables);
  const ctx = new ParseContext(source.fileName, lines, originalLines, knownUnits, leadChoice);
  return finish(ctx, parseTables(source.tables, ctx, mappings), "header-table");
}

/**
 * leadChoice is the office's answer where the document states no lead rule; it is ignored where
 * the document states one (the document's own rule wins).
 */
export function parseDocument(fileName: string, content: string, knownUnits?: UnitDirectory, leadChoice: LeadChoice | null = null): ParseResult {
  if (!content.replace(/^\uFEFF/, "").trim()) throw new ImportError("文件为空", null);
  const { lines, originalLines } = simplifiedLines(content);
  const format = formatOf(lines);
  if (!format) {
    throw new ImportError(UNKNOWN_FORMAT, null);
  }
  const ctx = new ParseContext(fileName, lines, originalLines, knownUnits, leadChoice);
  return finish(ctx, PARSERS[format](ctx), format);
}

/** A parser's output as the parse result: the warnings, lead rule and units the context collected added. */
function finish(ctx: ParseContext, out: ParserOutput, format: DocumentFormat): ParseResult {
  // No silent misses: a figure the target parser could not read is named for the office to check.
  for (const task of out.tasks) {
    for (const figure of unreadFigures(task.text)) ctx.warn(task.line, `任务文字中有“${figure}”,像是数量目标,但未能识别,请核对`);
    // 完成时限 sets the task's 序时进度; a deadline not read as a date is named, never dropped quietly.
    const { dueOn, warning } = dueDateOf(task.deadline, out.plan.year);
    task.dueOn = dueOn;
    if (warning) ctx.warn(task.line, warning);
  }
  ctx.reportSkipped();
  const rule = ctx.leadRule;
  return {
    ...out,
    plan: { ...out.plan, sourceFile: ctx.fileName, format },
    warnings: ctx.warnings,
    leadRule: rule && { convention: rule.convention, source: rule.source, line: rule.line },
    leadChoice: rule ? null : ctx.leadChoice,
    leadRuleNeeded: ctx.leadRuleNeeded,
    newUnits: ctx.newUnits(),
    units: ctx.documentUnits(),
  };
}

export const LEAD_CHOICE_REQUIRED =
  "文件未说明如何认定牵头单位(无“★”标记,也无“列第一位的为牵头单位”等说明):请在预览中选择“列第一位的为牵头单位”“所列单位均为牵头单位”或“不认定牵头单位”后再导入。";

/** The message refusing an import whose lead rule is neither stated nor chosen; null when it may go ahead. */
export function leadChoiceMissing(result: Pick<ParseResult, "leadRule" | "leadChoice" | "leadRuleNeeded">): string | null {
  return result.leadRuleNeeded && !result.leadRule && !result.leadChoice ? LEAD_CHOICE_REQUIRED : null;
}
