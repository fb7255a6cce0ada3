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
import { ImportError, MappingNeeded, type ColumnMapping, type MappedField, type ParserOutput, type TableToMap } from "./types";

type Field = MappedField | "co";

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

/** A header cell as signatures hold it: simplified, no spaces, half-width brackets, no "|". */
export function headerCellKey(cell: string): string {
  return compact(toSimplified(cell)).replace(/[(]/g, "(").replace(/[)]/g, ")").replace(/\|/g, "|");
}

/**
 * A header row's shape, the key a column mapping is remembered by: its cells normalised (simplified, no spaces,
 * half-width brackets), empty cells at the end dropped, joined with "|". Two files of the same shape share it.
 */
export function headerSignature(row: string[]): string {
  const cells = row.map(headerCellKey);
  while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
  return cells.join("|");
}

/**
 * Where the office may map an unrecognised table's columns: the first of its top rows with two or more different
 * texts (a title merged across the table repeats one text), or -1.
 */
function candidateHeaderRow(table: SourceTable): number {
  return table.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => new Set(row.map((c) => c.trim()).filter(Boolean)).size >= 2);
}

/** The columns a mapping gives, or an error naming what it lacks: a task column and a unit column, as recognised headers need. */
function mappedColumns(table: SourceTable, mapping: ColumnMapping): Columns {
  const cols: Columns = {};
  mapping.fields.forEach((field, i) => {
    if (field && cols[field] === undefined) cols[field] = i;
  });
  if (cols.task === undefined || (cols.lead === undefined && cols.units === undefined)) {
    throw new ImportError(`表格“${table.name}”的列对应须指定“任务”列和“牵头单位”或“配合单位/责任单位”列`, null);
  }
  return cols;
}

/** The row of the table the mapping was made for (its header has the mapping's signature), or -1. */
function mappedHeaderRow(table: SourceTable, mapping: ColumnMapping): number {
  return table.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => headerSignature(row) === mapping.signature);
}

/** The mapping made for this table's header, if any. */
function mappingFor(table: SourceTable, mappings: ColumnMapping[]): ColumnMapping | null {
  return mappings.find((m) => mappedHeaderRow(table, m) !== -1) ?? null;
}

/** An unrecognised table as the preview offers it for mapping, each column's field guessed where its header names one; null when it has no header-like row. */
export function tableToMap(table: SourceTable): TableToMap | null {
  const h = candidateHeaderRow(table);
  if (h === -1) return null;
  const header = table.rows[h].map((c) => c.trim());
  const fields = header.map((cell) => {
    const field = fieldOf(cell);
    return field === "co" ? "units" : field;
  });
  return { name: table.name, signature: headerSignature(header), header, fields };
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
function readTable(table: SourceTable, ctx: ParseContext, documentText = "", mapping: ColumnMapping | null = null): TableRead {
  const h = mapping ? mappedHeaderRow(table, mapping) : headerRow(table);
  if (h === -1) throw new ImportError(`表格“${table.name}”的表头无法识别`, null);
  const allCells = table.rows.flat().join("\n");
  // Conversion is character for character, so a cell's original is the cell as read.
  const traditional = isTraditional(allCells);
  const rows = traditional ? table.rows.map((r) => r.map(toSimplified)) : table.rows;
  const header = rows[h];
  // An explicit mapping (the office's) names the columns where the headers do not.
  const cols = mapping ? mappedColumns(table, mapping) : columnsOf(header)!;
  const at = (row: string[], field: Field) => (cols[field] === undefined ? "" : (row[cols[field]] ?? "").trim());
  const warn = (row: number, message: string) => ctx.warn(null, `表格“${table.name}”第${row}行:${message}`);
  const titleRows = rows.slice(0, h).map((r) => nonEmpty(r)[0] ?? "").filter(Boolean);
  const convention = layoutLeadConvention(ctx, [...ctx.lines, allCells].join("\n"));
  // Beside a 牵头单位 column, a 责任单位 column lists the other units.
  const coColumns = cols.lead === undefined ? [] : [cols.co, cols.units].filter((c): c is number => c !== undefined);

  const leaders: ParserOutput["leaders"] = [];
  const drafts: NumberedDraft[] = [];
  const progressCells: string[] = [];
  const taskRows: string[][] = [];
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
    taskRows.push(row);
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
  ctx.skipColumns(`表格“${table.name}”中`, header, taskRows, unreadColumnReason(cols, mapping));
  // Second pass: every unit of the table is known now, so a progress cell splits on any of them.
  drafts.forEach((d, i) => (d.task.progress = splitProgress(ctx, progressCells[i])));

  // A Word table's title is often a paragraph above it ("德清县2031年重点工作任务分解表"), not a row of its own.
  const titleText = titleRows.join(" ") || ctx.lines.map((line) => line.trim()).find((line) => titleGovernment(line) !== null) || null;
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

/**
 * A column whose header names no field (or a second column of one field) and 备注, which a task does not keep, are
 * left out; columns the office mapped to 不导入 are its own choice.
 */
function unreadColumnReason(cols: Columns, mapping: ColumnMapping | null): (column: number) => string | null {
  const read = new Set(Object.entries(cols).flatMap(([field, index]) => (field === "remark" ? [] : [index])));
  return (column) => {
    if (read.has(column) || (mapping && mapping.fields[column] === null)) return null;
    return column === cols.remark ? "任务不保存备注" : "列名未能识别";
  };
}

function warnGovernment(output: ParserOutput, ctx: ParseContext): void {
  if (!output.plan.government) ctx.warn(null, "未能从文件内容确定政府名称");
}

/** One table with recognised headers, or with the columns an explicit mapping gives, as a plan's tasks. */
export function parseHeaderTable(table: SourceTable, ctx: ParseContext, mapping: ColumnMapping | null = null): ParserOutput {
  const { output, drafts } = readTable(table, ctx, "", mapping);
  uniqueNumbers(drafts);
  warnGovernment(output, ctx);
  return output;
}

/**
 * Every recognised table of a document (several sheets or tables: their tasks one after another, the
 * plan as the first table names it); a table whose headers are not recognised is read by the office's
 * mapping for its header where one is given, else skipped with a warning and offered for mapping
 * (tablesToMap). When no table is read at all, MappingNeeded carries the tables to map.
 */
export function parseTables(tables: SourceTable[], ctx: ParseContext, mappings: ColumnMapping[] = []): ParserOutput {
  const reads: TableRead[] = [];
  const skipped: string[] = [];
  const toMap: TableToMap[] = [];
  const allText = tables.map((t) => t.rows.map((r) => r.join(" ")).join("\n")).join("\n");
  for (const table of tables) {
    if (!table.rows.some((r) => nonEmpty(r).length > 0)) continue;
    const mapping = mappingFor(table, mappings);
    const offered = isHeaderTable(table) ? null : tableToMap(table);
    if (offered) toMap.push(offered);
    if (mapping) reads.push(readTable(table, ctx, allText, mapping));
    else if (isHeaderTable(table)) reads.push(readTable(table, ctx, allText));
    else skipped.push(table.name);
  }
  if (reads.length === 0) {
    const names = skipped.map((n) => `表格“${n}”`).join("、");
    const message = `无法识别的文件格式:${names || "文件中没有表格"}${names ? "的表头无法识别" : ""}`;
    if (toMap.length > 0) throw new MappingNeeded(`${message};可在预览中指定各列对应的内容`, toMap);
    throw new ImportError(message, null);
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
    ...(toMap.length > 0 ? { tablesToMap: toMap } : {}),
  };
}
