import type { UnitDirectory } from "@/lib/units/aliases";
import { toSimplified } from "@/lib/units/aliases";
import { hasCellTable, parseCellLines } from "./cell-lines";
import { ParseContext } from "./context";
import { isHeaderTable, parseTables, tableFromLines } from "./header-table";
import { isLeaderHeading, parseLeaderHeadings } from "./leader-headings";
import { isNumberedItems, parseNumberedItems } from "./numbered-items";
import { isLeaderTableHeader, parsePipeTable } from "./pipe-table";
import { isPolicyTableHeader, parsePolicyList } from "./policy-list";
import { isTraditional, splitLines } from "./text";
import { ImportError, type DocumentFormat, type ParseResult, type ParserOutput } from "./types";
import { isWorkReport, parseWorkReport } from "./work-report";

export * from "./types";

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

export function parseDocument(fileName: string, content: string, knownUnits?: UnitDirectory): ParseResult {
  if (!content.replace(/^\uFEFF/, "").trim()) throw new ImportError("文件为空", null);
  const { lines, originalLines } = simplifiedLines(content);
  const format = formatOf(lines);
  if (!format) {
    throw new ImportError(
      "无法识别的文件格式:既不是按分管市长分组的表格、责任分解通知、政策清单,也不是政府工作报告",
      null,
    );
  }
  const ctx = new ParseContext(fileName, lines, originalLines, knownUnits);
  const out = PARSERS[format](ctx);
  return {
    ...out,
    plan: { ...out.plan, sourceFile: fileName, format },
    warnings: ctx.warnings,
    newUnits: ctx.newUnits(),
    units: ctx.documentUnits(),
  };
}
