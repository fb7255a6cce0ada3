/**
 * Task tables in any column order, identified by their header names (序号, 工作任务, 分管市领导, 牵头单位,
 * 配合单位/责任单位, 完成时限, 完成情况, 备注): a sheet of an .xlsx, a table of a .docx, a .csv/.tsv, or
 * tab- or pipe-separated lines of a text file. The header row need not be the first (a title row may stand
 * above it); a row whose cells all hold one text (a merged row) is a section heading.
 */
import { toSimplified } from "@/lib/units/aliases";
import { parseChineseNumber } from "@/lib/text/numerals";
import type { ParseContext } from "./context";
import { layoutLeadConvention, listedUnits, splitLeadUnits } from "./leads";
import { titleGovernment, uniqueNumbers, type NumberedDraft } from "./layout-common";
import { PERIOD_LABEL, progressTableSubject, quarterOf, splitProgress } from "./pipe-table";
import type { SourceTable } from "./source";
import { commonYear, compact, detectGovernment, firstYear, isTraditional, noticeTitle, pipeCells, pipeCount, splitLeader } from "./text";
import { ImportError, type ParserOutput } from "./types";

type Field = "number" | "task" | "leader" | "lead" | "co" | "units" | "deadline" | "progress" | "remark";

// Order matters: "一季度完成情况" is progress before anything else, "牵头市领导" a leader before a lead unit.
const FIELDS: Array<[Field, RegExp]> = [
  ["number", /^(序号|编号)$/],
  ["progress", /(完成|进展|推进|落实)情况|进度/],
  ["deadline", /完成时限|时间节点|完成时间|时限/],
  ["leader", /^(分管(\(市\))?市?领导|牵头市?领导|责任市?领导|分管副?市长|市领导)$/],
  ["lead", /^(牵头(责任)?单位|主办单位|牵头部门)$/],
  ["co", /^(配合|协办|协作|参与)(责任)?(单位|部门)$/],
  ["units", /^责任(单位|部门)$/],
  ["task", /^((主要|重点)?(工作)?任务(内容|名称)?|目标任务|工作内容)$/],
  ["remark", /^备注$/],
];

// A title row may stand above the header; further down a header is not a header.
const HEADER_SEARCH_ROWS = 6;

function fieldOf(cell: string): Field | null {
  // Headers of a traditional-character file name the same columns ("責任單位").
  const c = compact(toSimplified(cell)).replace(/[(]/g, "(").replace(/[)]/g, ")");
  return FIELDS.find(([, re]) => re.test(c))?.[0] ?? null;
}

type Columns = Partial<Record<Field, number>>;

function columnsOf(row: string[]): Columns | null {
  const cols: Columns = {};
  row.forEach((cell, i) => {
    const field = fieldOf(cell);
    if (field && cols[field] === undefined) cols[field] = i;
  });
  const hasUnits = cols.lead !== undefined || cols.co !== undefined || cols.units !== undefined;
  return cols.task !== undefined && hasUnits ? cols : null;
}

function headerRow(table: SourceTable): number {
  return table.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => columnsOf(row) !== null);
}

/** Whether the table has a header row naming at least the task and a unit column. */
export function isHeaderTable(table: SourceTable): boolean {
  return headerRow(table) !== -1;
}

/**
 * The table in a text file's lines: tab-separated lines (a spreadsheet saved as text) or pipe rows,
 * with the lines above it as one-cell title rows; null when there is none.
 */
export function tableFromLines(lines: string[], name = "正文表格"): SourceTable | null {
  const tabbed = lines.filter((l) => l.includes("\t")).length;
  const split: ((l: string) => string[] | null) | null =
    tabbed >= 2
      ? (l) => (l.includes("\t") ? l.split("\t").map((c) => c.trim()) : null)
      : lines.filter((l) => pipeCount(l) >= 2).length >= 2
        ? (l) => (pipeCount(l) >= 2 ? pipeCells(l) : null)
        : null;
  if (!split) return null;
  const rows: string[][] = [];
  let started = false;
  for (const line of lines) {
    const cells = split(line);
    if (cells) {
      started = true;
      rows.push(cells);
    } else if (!started && line.trim()) {
      rows.push([line.trim()]);
    }
  }
  return { name, rows };
}

interface TableRead {
  output: ParserOutput;
  drafts: NumberedDraft[];
}

const nonEmpty = (row: string[]) => row.map((c) => c.trim()).filter(Boolean);

/** documentText: the rest of the document, for a year no title of this table gives. */
function readTable(table: SourceTable, ctx: ParseContext, documentText = ""): TableRead {
  const h = headerRow(table);
  if (h === -1) throw new ImportError(`表格“${table.name}”的表头无法识别`, null);
  const allCells = table.rows.flat().join("\n");
  // Conversion is character for character, so a cell's original is the cell as read.
  const traditional = isTraditional(allCells);
  const rows = traditional ? table.rows.map((r) => r.map(toSimplified)) : table.rows;
  const header = rows[h];
  const cols = columnsOf(header)!;
  const at = (row: string[], field: Field) => (cols[field] === undefined ? "" : (row[cols[field]] ?? "").trim());
  const warn = (row: number, message: string) => ctx.warn(null, `表格“${table.name}”第${row}行:${message}`);
  const titleRows = rows.slice(0, h).map((r) => nonEmpty(r)[0] ?? "").filter(Boolean);
  const convention = layoutLeadConvention(ctx, [...ctx.lines, allCells].join("\n"));
  // Beside a 牵头单位 column, a 责任单位 column lists the other units.
  const coColumns = cols.lead === undefined ? [] : [cols.co, cols.units].filter((c): c is number => c !== undefined);

  const leaders: ParserOutput["leaders"] = [];
  const drafts: NumberedDraft[] = [];
  const progressCells: string[] = [];
  let leader: { name: string; title: string | null } | null = null;
  let section: string | null = null;
  let sectionIndex = 0;

  for (let r = h + 1; r < rows.length; r++) {
    const rowNo = r + 1;
    // Text tables (000) leave a leader's later rows without the leader cell altogether.
    const row = rows[r].length === header.length - 1 && cols.leader === 0 ? ["", ...rows[r]] : rows[r];
    const filled = nonEmpty(row);
    if (filled.length === 0) continue;
    const text = at(row, "task");
    const distinct = new Set(filled);
    // A merged row across the table (its text repeated in every cell) or a lone heading is a section.
    if (distinct.size === 1 && (filled.length >= 2 || !text)) {
      section = filled[0];
      sectionIndex++;
      continue;
    }
    if (!text) {
      warn(rowNo, "工作任务为空,已跳过");
      continue;
    }
    if (cols.leader !== undefined) {
      const cell = at(row, "leader");
      // Empty under a leader: the leader above continues (a merged cell saved without its repeats).
      if (cell) {
        const parsed = splitLeader(cell);
        if (!parsed) warn(rowNo, `分管领导“${cell}”不是单个姓名,按原文记录`);
        leader = parsed ?? { name: compact(cell), title: null };
        if (!leaders.some((l) => l.name === leader!.name)) leaders.push(leader);
      }
    }
    const numberCell = at(row, "number").replace(/^[((](.+)[))]$/, "$1").replace(/[.．、]$/, "");
    const number = /^\d+$/.test(numberCell)
      ? String(Number(numberCell))
      : numberCell && parseChineseNumber(numberCell) !== null
        ? String(parseChineseNumber(numberCell))
        : numberCell || String(drafts.filter((d) => d.path[0] === sectionIndex).length + 1);
    const units =
      cols.lead !== undefined
        ? splitLeadUnits(ctx, at(row, "lead"), coColumns.map((c) => (row[c] ?? "").trim()).filter(Boolean).join("、"), rowNo)
        : listedUnits(ctx, at(row, cols.units !== undefined ? "units" : "co"), convention, rowNo);
    if (units.length === 0) warn(rowNo, "缺少责任单位");
    const deadline = at(row, "deadline");
    progressCells.push(at(row, "progress"));
    drafts.push({
      path: [sectionIndex],
      scope: leader?.name ?? "-",
      task: {
        line: rowNo,
        leader: leader?.name ?? null,
        leaderTitle: leader?.title ?? null,
        number,
        kind: "key",
        parent: null,
        section,
        text,
        originalText: traditional ? (table.rows[r][cols.task! - (row.length - rows[r].length)] ?? "").trim() : null,
        units,
        targets: ctx.targets(text),
        progress: [],
        deadline: deadline || null,
      },
    });
  }
  if (drafts.length === 0) throw new ImportError(`表格“${table.name}”表头之后没有数据行`, null);
  // Second pass: every unit of the table is known now, so a progress cell splits on any of them.
  drafts.forEach((d, i) => (d.task.progress = splitProgress(ctx, progressCells[i])));

  const titleText = titleRows.join(" ") || null;
  const progressHeader = cols.progress === undefined ? "" : compact(header[cols.progress]);
  const periodLabel = cols.progress === undefined ? null : (PERIOD_LABEL.exec(progressHeader)?.[1] ?? PERIOD_LABEL.exec(compact(titleText ?? ""))?.[1] ?? null);
  const quarter = periodLabel ? quarterOf(periodLabel) : null;
  if (cols.progress !== undefined && quarter === null) warn(h + 1, `无法从表头“${header[cols.progress]}”或标题判断季度,完成情况未导入`);

  const year = firstYear(titleText ?? "") ?? firstYear(progressHeader) ?? commonYear([...ctx.lines, allCells, documentText].join("\n"));
  if (year === null) throw new ImportError(`表格“${table.name}”:无法从文件内容确定年度`, null);
  // A sheet's own name ("重点任务") beats a made-up title; "Sheet1" / "表格1" do not.
  const namedSheet = /^(sheet|工作表|表格|正文表格)\s*\d*$/i.test(table.name.trim()) ? null : table.name.trim();
  let title = titleText ?? noticeTitle(ctx.lines) ?? namedSheet ?? `${year}年${cols.progress === undefined ? "重点工作任务" : "政府工作报告重点工作"}`;
  if (cols.progress !== undefined) title = progressTableSubject(title);
  const government =
    detectGovernment([...ctx.lines, ...titleRows]) ?? titleGovernment(titleText ?? "");

  return {
    drafts,
    output: {
      plan: {
        year,
        government: government ?? "",
        title,
        kind: "key_tasks",
        leadConvention: convention,
        ...(quarter ? { period: { year, quarter } } : {}),
      },
      leaders,
      parents: [],
      tasks: drafts.map((d) => d.task),
      glossary: [],
    },
  };
}

function warnGovernment(output: ParserOutput, ctx: ParseContext): void {
  if (!output.plan.government) ctx.warn(null, "未能从文件内容确定政府名称");
}

/** One table with recognised headers, as a plan's tasks. */
export function parseHeaderTable(table: SourceTable, ctx: ParseContext): ParserOutput {
  const { output, drafts } = readTable(table, ctx);
  uniqueNumbers(drafts);
  warnGovernment(output, ctx);
  return output;
}

/**
 * Every recognised table of a document (several sheets or tables: their tasks one after another, the
 * plan as the first table names it); a table whose headers are not recognised is skipped with a warning.
 */
export function parseTables(tables: SourceTable[], ctx: ParseContext): ParserOutput {
  const reads: TableRead[] = [];
  const skipped: string[] = [];
  const allText = tables.map((t) => t.rows.map((r) => r.join(" ")).join("\n")).join("\n");
  for (const table of tables) {
    if (!table.rows.some((r) => nonEmpty(r).length > 0)) continue;
    if (isHeaderTable(table)) reads.push(readTable(table, ctx, allText));
    else skipped.push(table.name);
  }
  if (reads.length === 0) {
    const names = skipped.map((n) => `表格“${n}”`).join("、");
    throw new ImportError(`无法识别的文件格式:${names || "文件中没有表格"}${names ? "的表头无法识别" : ""}`, null);
  }
  for (const name of skipped) ctx.warn(null, `表格“${name}”的表头无法识别,已跳过`);
  // Tasks of different tables are told apart by the table's place when their numbers meet.
  const drafts = reads.flatMap((read, i) => read.drafts.map((d) => (reads.length > 1 ? { ...d, path: [i + 1, ...d.path] } : d)));
  uniqueNumbers(drafts);
  const first = reads[0].output;
  const leaders: ParserOutput["leaders"] = [];
  for (const l of reads.flatMap((read) => read.output.leaders)) if (!leaders.some((x) => x.name === l.name)) leaders.push(l);
  warnGovernment(first, ctx);
  const period = reads.map((read) => read.output.plan.period).find((p) => p !== undefined);
  return {
    plan: { ...first.plan, ...(period ? { period } : {}) },
    leaders,
    parents: [],
    tasks: drafts.map((d) => d.task),
    glossary: [],
  };
}
