/**
 * Breakdown notice copied from a web page (001): each table cell on its own line —
 * 序号, task text, units — with units sometimes wrapped onto a second line. A table
 * whose header has 项目名称 (annex 2) holds livelihood projects: the project name
 * comes only on the project's first row, followed by numbered sub-items.
 */
import { NumberTracker, type ParseContext } from "./context";
import { commonYear, compact, firstYear, noticeTitle } from "./text";
import { ImportError, type LeadConvention, type ParsedParent, type ParsedTask, type ParserOutput } from "./types";
import { joinWrappedUnits, looksLikeUnitLine } from "./unit-list";

interface Cell {
  line: number;
  text: string;
}

interface Table {
  title: string | null;
  titleLine: number | null;
  headerLine: number;
  livelihood: boolean;
  firstRow: number; // line of the first 序号 cell
}

const ROW_NUMBER = /^\d{1,4}$/;
const SUB_ITEM = /^(\d{1,3})\s*[..、]\s*(.+)$/;
const ANNEX = /^附\s*件\s*\d*\s*[::]?$/;
const NOTE = /^注\s*[::]/;

export function hasCellTable(lines: string[]): boolean {
  return findTables(lines).length > 0;
}

function findTables(lines: string[]): Table[] {
  const tables: Table[] = [];
  lines.forEach((line, i) => {
    if (compact(line) !== "序号") return;
    const headers: string[] = [];
    let j = i + 1;
    for (; j < lines.length && headers.length < 6; j++) {
      const cell = compact(lines[j]);
      if (!cell) continue;
      if (ROW_NUMBER.test(cell)) break;
      headers.push(cell);
    }
    if (!headers.some((h) => h.includes("责任单位")) || j >= lines.length) return;
    const titleAt = lines.slice(0, i).findLastIndex((l) => l.trim() && !ANNEX.test(l.trim()));
    const title = titleAt === -1 ? null : lines[titleAt].trim();
    tables.push({
      title,
      titleLine: titleAt === -1 ? null : titleAt + 1,
      headerLine: i + 1,
      livelihood: headers.some((h) => h.includes("项目名称")) || /民生/.test(title ?? ""),
      firstRow: j + 1,
    });
  });
  return tables;
}

/** Cells of each row: the 序号 line and the non-empty lines up to the next row. */
function readRows(ctx: ParseContext, table: Table): Array<{ line: number; number: string; cells: Cell[] }> {
  const rows: Array<{ line: number; number: string; cells: Cell[] }> = [];
  for (let no = table.firstRow; no <= ctx.lines.length; no++) {
    const text = ctx.line(no).trim();
    if (!text) continue;
    if (NOTE.test(text) || ANNEX.test(text) || compact(text) === "序号") break;
    if (ROW_NUMBER.test(text)) {
      rows.push({ line: no, number: text, cells: [] });
      continue;
    }
    const row = rows[rows.length - 1];
    // After the units cell only another unit line may follow; anything else is
    // page furniture after the table ("打印本页").
    const inUnits = row.cells.length >= 2 && looksLikeUnitLine(row.cells[row.cells.length - 1].text);
    if (inUnits && !looksLikeUnitLine(text)) break;
    row.cells.push({ line: no, text });
  }
  return rows;
}

/** Splits a row's cells into leading text cells and the (possibly wrapped) unit list. */
function splitCells(cells: Cell[]): { texts: Cell[]; units: string } {
  let firstUnit = cells.findIndex((c, i) => i > 0 && looksLikeUnitLine(c.text));
  if (firstUnit === -1) firstUnit = cells.length;
  return {
    texts: cells.slice(0, firstUnit),
    units: joinWrappedUnits(cells.slice(firstUnit).map((c) => c.text)),
  };
}

/** Original spelling of text taken from these cells (a traditional file), else null. */
function originalOf(ctx: ParseContext, cells: Cell[], text: string): string | null {
  const parts = cells.map((c) => ctx.original(c.line, cells.length === 1 ? text : c.text));
  return parts.some((p) => p === null) ? null : parts.join("");
}

export function parseCellLines(ctx: ParseContext): ParserOutput {
  const tables = findTables(ctx.lines);
  if (tables.length === 0) throw new ImportError("无法识别的文件格式:未找到“序号/责任单位”表头", null);
  const allText = ctx.lines.join("\n");
  const convention: LeadConvention = ctx.convention("star");
  const tasks: ParsedTask[] = [];
  const parents: ParsedParent[] = [];
  const numbers = new NumberTracker(ctx);

  for (const table of tables) {
    if (table.titleLine !== null) ctx.use(table.titleLine);
    ctx.use(table.headerLine, table.firstRow - 1);
  }
  for (const [t, table] of tables.entries()) {
    const rows = readRows(ctx, table);
    if (rows.length === 0) throw new ImportError(`第${table.headerLine}行:表头之后没有数据行`, table.headerLine);
    for (const row of rows) ctx.use(row.line, row.cells[row.cells.length - 1]?.line ?? row.line);
    // What follows a table up to the next one (or the end) is no row of it: an annex number ("附件2") is
    // the next table's label, anything else is named.
    const end = tables[t + 1]?.headerLine ?? ctx.lines.length + 1;
    for (let no = table.firstRow; no < end; no++) if (ANNEX.test(ctx.line(no).trim())) ctx.use(no);
    ctx.skipUnread(table.firstRow, end - 1, "表格之后的内容,不是任务");
    let project: ParsedParent | null = null;
    for (const row of rows) {
      numbers.check(`table${t}`, table.title ? `“${table.title}”的` : "", row.number, row.line);
      if (row.cells.length === 0) throw new ImportError(`第${row.line}行:序号 ${row.number} 缺少任务内容`, row.line);
      const { texts, units: unitText } = splitCells(row.cells);
      const base = {
        line: row.line,
        leader: null,
        leaderTitle: null,
        section: table.title,
        progress: [],
      };

      if (!table.livelihood) {
        const text = texts.map((c) => c.text).join("");
        const originalText = originalOf(ctx, texts, text);
        const parsed = unitsAndTargets(ctx, text, unitText, convention, row.line);
        tasks.push({ ...base, number: row.number, kind: "key", parent: null, text, originalText, ...parsed });
        continue;
      }

      // Livelihood table: a first cell without "N." that is followed by more text is the project name.
      let contentCells = texts;
      if (!SUB_ITEM.test(texts[0].text) && texts.length >= 2) {
        const [name] = texts;
        project = {
          kind: "livelihood_project",
          number: String(parents.length + 1),
          title: name.text,
          originalTitle: ctx.original(name.line, name.text),
          line: row.line,
          leader: null,
          leadUnit: null,
        };
        parents.push(project);
        contentCells = texts.slice(1);
      }
      if (!project) throw new ImportError(`第${row.line}行:民生实事项目缺少项目名称`, row.line);
      const content = contentCells.map((c) => c.text).join("");
      const sub = SUB_ITEM.exec(content);
      const projectNumber = project.number;
      const number = sub ? sub[1] : String(tasks.filter((x) => x.parent === projectNumber).length + 1);
      const text = sub ? sub[2] : content;
      numbers.check(`project${project.number}`, `项目“${project.title}”的`, number, row.line);
      const originalText = originalOf(ctx, contentCells, text);
      const parsed = unitsAndTargets(ctx, text, unitText, convention, row.line);
      tasks.push({ ...base, number, kind: "livelihood", parent: projectNumber, text, originalText, ...parsed });
    }
  }

  const title = noticeTitle(ctx.lines) ?? tables[0].title ?? ctx.fileName;
  const year = firstYear(title) ?? firstYear(tables[0].title ?? "") ?? commonYear(allText);
  if (year === null) throw new ImportError("无法从文件内容确定年度", null);
  const government = ctx.government();

  return {
    plan: { year, government, title, kind: "key_tasks", leadConvention: convention },
    leaders: [],
    parents,
    tasks,
    glossary: [],
  };
}

function unitsAndTargets(ctx: ParseContext, text: string, unitText: string, convention: LeadConvention, line: number) {
  const units = ctx.units(unitText, convention, line);
  if (units.length === 0) ctx.warn(line, "缺少责任单位");
  return { units, targets: ctx.targets(text) };
}
