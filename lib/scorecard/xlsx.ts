import ExcelJS from "exceljs";
import { quarterLabels } from "@/lib/periods/quarters";
import type { ScorecardScope } from "@/lib/scorecard/load";
import { standingLabels } from "@/lib/scorecard/rules";
import type { ScoreRow, SortKey } from "@/lib/scorecard/score";

/**
 * The scorecard as an .xlsx workbook: a title row, the header row, then one row per unit in the
 * order the page shows them, counts as numbers and 按时率 as a percentage, so that the office can
 * sort and sum them again in Excel. Pure: the same rows give the same cells
 * (tests/unit/scorecard-xlsx.test.ts).
 */

export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;

/** The columns, in the page's order: the header and how a row fills it. */
export const SCORECARD_COLUMNS: ReadonlyArray<{ key: SortKey | "dueAsLead"; header: string; width: number; value: (row: ScoreRow) => string | number | null; percent?: true }> = [
  { key: "rank", header: "名次", width: 6, value: (row) => row.rank },
  { key: "name", header: "单位", width: 24, value: (row) => row.name },
  { key: "due", header: "应报", width: 8, value: (row) => row.due },
  { key: "dueAsLead", header: "其中牵头", width: 9, value: (row) => row.dueAsLead },
  { key: "onTime", header: standingLabels.onTime, width: 8, value: (row) => row.onTime },
  { key: "late", header: standingLabels.late, width: 8, value: (row) => row.late },
  { key: "returned", header: standingLabels.returned, width: 8, value: (row) => row.returned },
  { key: "missing", header: standingLabels.missing, width: 8, value: (row) => row.missing },
  { key: "pending", header: standingLabels.pending, width: 8, value: (row) => row.pending },
  { key: "onTimeRate", header: "按时率", width: 9, value: (row) => row.onTimeRate, percent: true },
  { key: "behind", header: "慢于序时", width: 9, value: (row) => row.behind },
  { key: "missingFigures", header: "已填报,缺少数据", width: 16, value: (row) => row.missingFigures },
];

/** "2025年 平湖市 … 一季度单位考核" */
export function scorecardTitle(plan: { year: number; government: string; title: string }, scope: ScorecardScope): string {
  return `${plan.year}年${plan.government}${plan.title} ${scope === "year" ? "全年" : quarterLabels[scope]}单位考核`;
}

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const borders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export async function scorecardXlsx(title: string, rows: readonly ScoreRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "落实";
  workbook.title = title;
  const sheet = workbook.addWorksheet("单位考核", {
    views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  sheet.columns = SCORECARD_COLUMNS.map((column) => ({ width: column.width }));

  const titleCell = sheet.getCell(TITLE_ROW, 1);
  titleCell.value = title;
  titleCell.font = { name: "黑体", size: 14, bold: true };
  titleCell.alignment = { horizontal: "center", vertical: "middle" };
  sheet.getRow(TITLE_ROW).height = 28;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, SCORECARD_COLUMNS.length);

  const header = sheet.getRow(HEADER_ROW);
  SCORECARD_COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { name: "黑体", size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E5E4" } };
    cell.border = borders;
  });

  rows.forEach((data, index) => {
    const row = sheet.getRow(FIRST_DATA_ROW + index);
    SCORECARD_COLUMNS.forEach((column, columnIndex) => {
      const cell = row.getCell(columnIndex + 1);
      cell.value = column.value(data);
      cell.border = borders;
      cell.font = { name: "宋体", size: 11 };
      if (column.percent) cell.numFmt = "0.0%";
      cell.alignment = { horizontal: columnIndex === 1 ? "left" : "center", vertical: "middle" };
    });
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
