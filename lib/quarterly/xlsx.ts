import ExcelJS from "exceljs";
import { quarterLabels } from "@/lib/periods/quarters";
import { progressStatusLabels } from "@/lib/progress/status";
import type { QuarterlyTable } from "@/lib/quarterly/table";

/**
 * The quarterly table as an .xlsx workbook in the layout of seeds/000: a title row across the
 * five columns, the header row, then one row per task with the leader cell merged down over the
 * leader's rows. Prints on A4 landscape, one page wide, the header row repeated on every page.
 * Pure: the same table gives the same cells (see tests/unit/quarterly-xlsx.test.ts).
 */

export type QuarterlyTableData = Pick<QuarterlyTable, "title" | "quarter" | "columns" | "rows">;

export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;

/** Column widths in characters of the default font; a CJK character takes about two. */
export const COLUMN_WIDTHS = [10, 6, 42, 80, 24] as const;

/** Excel refuses longer cell texts. */
export const MAX_CELL_CHARS = 32767;
const TRUNCATED = "…(内容过长,已截断)";
/** Excel's largest row height, in points. */
const MAX_ROW_HEIGHT = 409;
const LINE_HEIGHT = 15;
const FONT = "宋体";

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const borders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** The text as written to a cell: at most MAX_CELL_CHARS characters. */
export function cellText(text: string): string {
  return text.length <= MAX_CELL_CHARS ? text : text.slice(0, MAX_CELL_CHARS - TRUNCATED.length) + TRUNCATED;
}

function charWidth(ch: string): number {
  // CJK ideographs, full-width punctuation and forms take about two digit widths.
  return /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u2018-\u201d\u2026]/.test(ch) ? 2.1 : 1.1;
}

/** Lines a wrapped text takes in a column of the given width (an estimate: Excel does not fit merged or saved rows). */
export function wrappedLines(text: string, columnWidth: number): number {
  const usable = Math.max(1, columnWidth - 1.5);
  return text.split("\n").reduce((lines, paragraph) => {
    const width = [...paragraph].reduce((sum, ch) => sum + charWidth(ch), 0);
    return lines + Math.max(1, Math.ceil(width / usable));
  }, 0);
}

function rowHeight(texts: string[]): number {
  const lines = Math.max(1, ...texts.map((text, column) => wrappedLines(text, COLUMN_WIDTHS[column])));
  return Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 6);
}

/** The note on the progress cell of a task whose lead unit filed without a figure. */
export function missingFiguresNote(targets: readonly string[]): string {
  return `${progressStatusLabels.missing_figure}:${targets.join("、")}`;
}

/** [first, last] sheet rows of each leader cell spanning two or more rows (the table's leaderRowSpan). */
export function leaderMerges(rows: QuarterlyTableData["rows"]): Array<{ leader: string | null; from: number; to: number }> {
  return rows.flatMap((row, index) =>
    row.leaderRowSpan > 1 ? [{ leader: row.leader, from: FIRST_DATA_ROW + index, to: FIRST_DATA_ROW + index + row.leaderRowSpan - 1 }] : [],
  );
}

export async function quarterlyTableXlsx(table: QuarterlyTableData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "落实";
  workbook.title = table.title;

  const sheet = workbook.addWorksheet(`${quarterLabels[table.quarter]}完成情况`, {
    views: [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as needed
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: "&C第 &P 页,共 &N 页" },
  });
  sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));

  const title = sheet.getRow(TITLE_ROW);
  title.getCell(1).value = table.title;
  title.getCell(1).font = { name: "黑体", size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: "center", vertical: "middle" };
  title.height = 32;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, 5);

  const header = sheet.getRow(HEADER_ROW);
  table.columns.forEach((label, index) => {
    const cell = header.getCell(index + 1);
    cell.value = label;
    cell.font = { name: "黑体", size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E5E4" } };
    cell.border = borders;
  });
  header.height = 30;

  const body = { name: FONT, size: 11 };
  table.rows.forEach((data, index) => {
    const row = sheet.getRow(FIRST_DATA_ROW + index);
    const texts = [data.leader ?? "", String(data.number), cellText(data.text), cellText(data.progress), data.units];
    // Empty texts stay empty cells rather than empty strings.
    const values: ExcelJS.CellValue[] = [data.leader, data.number, texts[2] || null, texts[3] || null, texts[4] || null];
    values.forEach((value, column) => {
      const cell = row.getCell(column + 1);
      // The leader's name sits on the first row of the leader's block only, as in the document.
      cell.value = column === 0 && data.leaderRowSpan === 0 ? null : value;
      cell.font = body;
      cell.border = borders;
      cell.alignment =
        column === 0
          ? // At the top of the merged block, so that the name prints on the block's first page.
            { horizontal: "center", vertical: "top", wrapText: true }
          : { horizontal: column === 1 ? "center" : "left", vertical: "middle", wrapText: true };
    });
    // A missing figure is flagged as a note (Excel's red corner), not in the cell's text: the
    // table is the official document, the flag a reminder for whoever compiles it.
    if (data.missingFigures.length > 0) row.getCell(4).note = missingFiguresNote(data.missingFigures);
    // The leader cell is merged, so it never decides the height.
    row.height = rowHeight(["", ...texts.slice(1)]);
  });

  for (const merge of leaderMerges(table.rows)) sheet.mergeCells(merge.from, 1, merge.to, 1);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
