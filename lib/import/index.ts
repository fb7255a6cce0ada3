import type { UnitDirectory } from "@/lib/units/aliases";
import { toSimplified } from "@/lib/units/aliases";
import { hasCellTable, parseCellLines } from "./cell-lines";
import { ParseContext } from "./context";
import { isLeaderHeading, parseLeaderHeadings } from "./leader-headings";
import { isLeaderTableHeader, parsePipeTable } from "./pipe-table";
import { isPolicyTableHeader, parsePolicyList } from "./policy-list";
import { isTraditional, splitLines } from "./text";
import { unreadFigures } from "@/lib/targets/parse";
import { ImportError, type DocumentFormat, type LeadChoice, type ParseResult, type ParserOutput } from "./types";
import { isWorkReport, parseWorkReport } from "./work-report";

export * from "./types";

const PARSERS: Record<DocumentFormat, (ctx: ParseContext) => ParserOutput> = {
  "pipe-table": parsePipeTable,
  "policy-list": parsePolicyList,
  "leader-headings": parseLeaderHeadings,
  "cell-lines": parseCellLines,
  "work-report": parseWorkReport,
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
  return null;
}

/**
 * Which kind of document this is, judged from the content alone (file names are
 * arbitrary). The file name is accepted for symmetry with parseDocument only.
 */
export function detectFormat(_fileName: string, content: string): DocumentFormat | null {
  return formatOf(simplifiedLines(content).lines);
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
    throw new ImportError(
      "无法识别的文件格式:既不是按分管市长分组的表格、责任分解通知、政策清单,也不是政府工作报告",
      null,
    );
  }
  const ctx = new ParseContext(fileName, lines, originalLines, knownUnits, leadChoice);
  const out = PARSERS[format](ctx);
  // No silent misses: a figure the target parser could not read is named for the office to check.
  for (const task of out.tasks) {
    for (const figure of unreadFigures(task.text)) ctx.warn(task.line, `任务文字中有“${figure}”,像是数量目标,但未能识别,请核对`);
  }
  ctx.reportSkipped();
  const rule = ctx.leadRule;
  return {
    ...out,
    plan: { ...out.plan, sourceFile: fileName, format },
    warnings: ctx.warnings,
    leadRule: rule && { convention: rule.convention, source: rule.source, line: rule.line },
    leadChoice: rule ? null : leadChoice,
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
