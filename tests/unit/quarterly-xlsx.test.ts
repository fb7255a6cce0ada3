import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { formatProgress, formatUnits, quarterlyColumns, quarterlyTitle, type QuarterlyRow } from "@/lib/quarterly/table";
import { COLUMN_WIDTHS, MAX_CELL_CHARS, cellText, leaderMerges, missingFiguresNote, quarterlyTableXlsx, wrappedLines, type QuarterlyTableData } from "@/lib/quarterly/xlsx";

function row(leader: string | null, leaderRowSpan: number, number: number, text: string, progress = "", units = "发改局", missingFigures: string[] = []): QuarterlyRow {
  return { taskId: 0, leader, leaderRowSpan, number, text, progress, units, missingFigures };
}

const table: QuarterlyTableData = {
  title: quarterlyTitle(2025, 2),
  quarter: 2,
  columns: quarterlyColumns(2),
  rows: [
    row("周军波", 2, 1, "一般公共预算收入增长2.5%。", "1-6月份全市一般公共预算收入完成…", "★财政局、税务局"),
    row("周军波", 0, 2, "坚持政府“过紧日子”。", "发改局:甲\n金融发展中心:乙", "财政局"),
    row("张斌", 1, 1, "固定资产投资增长5%。", "一季度项目开工…", "发改局", ["增长≥5%"]),
    row("宋怡玲", 3, 1, "任务一"),
    row("宋怡玲", 0, 2, "任务二"),
    row("宋怡玲", 0, 3, "任务三"),
    row(null, 1, 1, "没有分管市长的任务"),
    row(null, 1, 2, "另一项"),
  ],
};

async function reread(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0];
}

describe("quarterly table cells", () => {
  it("title and the fourth column name the quarter as 000 does", () => {
    expect(quarterlyTitle(2025, 1)).toBe("2025年政府工作报告重点工作一季度完成情况");
    expect(quarterlyColumns(1)).toEqual(["分管市长", "序号", "主要工作任务", "一季度重点工作完成情况", "责任单位"]);
  });

  it("stars lead units only where not every listed unit leads (star convention)", () => {
    const a = { name: "财政局", isLead: true };
    const b = { name: "税务局", isLead: false };
    expect(formatUnits([a, b], "star")).toBe("★财政局、税务局");
    expect(formatUnits([a], "star")).toBe("财政局");
    expect(formatUnits([a, { ...b, isLead: true }], "star")).toBe("财政局、税务局");
    expect(formatUnits([a, b], "first_listed")).toBe("财政局、税务局");
    expect(formatUnits([], "star")).toBe("");
  });

  it("prefixes unit names only when several units' narratives are shown", () => {
    expect(formatProgress([])).toBe("");
    expect(formatProgress([{ unit: "发改局", narrative: " 完成 " }])).toBe("完成");
    expect(formatProgress([{ unit: "发改局", narrative: "甲" }, { unit: "金融发展中心", narrative: "乙" }])).toBe("发改局:甲\n金融发展中心:乙");
    // An empty narrative does not count, and a unit that wrote its own prefix is not prefixed twice.
    expect(formatProgress([{ unit: "发改局", narrative: "甲" }, { unit: "税务局", narrative: "  " }])).toBe("甲");
    expect(formatProgress([{ unit: "发改局", narrative: "发改局:甲" }, { unit: "税务局", narrative: "乙" }])).toBe("发改局:甲\n税务局:乙");
  });
});

describe("quarterlyTableXlsx", () => {
  it("writes the title, header and one row per task, the leader merged over its rows", async () => {
    const sheet = await reread(await quarterlyTableXlsx(table));
    expect(sheet.name).toBe("二季度完成情况");
    expect(sheet.getCell("A1").value).toBe("2025年政府工作报告重点工作二季度完成情况");
    expect(sheet.getRow(2).values).toEqual([undefined, "分管市长", "序号", "主要工作任务", "二季度重点工作完成情况", "责任单位"]);
    expect(sheet.rowCount).toBe(2 + table.rows.length);
    expect(sheet.model.merges.sort()).toEqual(["A1:E1", "A3:A4", "A6:A8"]);
    table.rows.forEach((data, index) => {
      const r = sheet.getRow(3 + index);
      expect(r.getCell(1).value).toBe(data.leader);
      expect(r.getCell(2).value).toBe(data.number);
      expect(r.getCell(3).value).toBe(data.text);
      expect(r.getCell(4).value).toBe(data.progress || null);
      expect(r.getCell(5).value).toBe(data.units || null);
    });
    // Only the first row of a block holds the name; the merged cells below show the master's.
    expect(sheet.getCell("A4").isMerged).toBe(true);
    expect(sheet.getCell("A4").master.address).toBe("A3");
    // Rows without a leader are not merged together.
    expect(sheet.getCell("A9").isMerged).toBe(false);
    expect(sheet.getCell("A9").value).toBeNull();
  });

  it("flags a lead report without a figure as a note on the progress cell, leaving the official text as filed", async () => {
    const sheet = await reread(await quarterlyTableXlsx(table));
    expect(sheet.getCell("D5").value).toBe("一季度项目开工…");
    expect(sheet.getCell("D5").note).toBe("已填报,缺少数据:增长≥5%");
    expect(missingFiguresNote(["≥30家", "≥70家"])).toBe("已填报,缺少数据:≥30家、≥70家");
    const noted = [];
    for (let r = 3; r <= sheet.rowCount; r++) for (let c = 1; c <= 5; c++) if (sheet.getCell(r, c).note) noted.push(sheet.getCell(r, c).address);
    expect(noted).toEqual(["D5"]);
  });

  it("lists the merges leaderMerges computes", () => {
    expect(leaderMerges(table.rows)).toEqual([
      { leader: "周军波", from: 3, to: 4 },
      { leader: "宋怡玲", from: 6, to: 8 },
    ]);
    expect(leaderMerges([])).toEqual([]);
  });

  it("prints on A4 landscape, one page wide, the header row repeated", async () => {
    const sheet = await reread(await quarterlyTableXlsx(table));
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "2:2",
    });
    expect(sheet.columns.map((column) => column.width)).toEqual([...COLUMN_WIDTHS]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
  });

  it("wraps and borders every table cell and sizes rows to their text", async () => {
    const sheet = await reread(await quarterlyTableXlsx(table));
    for (let r = 2; r <= sheet.rowCount; r++) {
      for (let c = 1; c <= 5; c++) {
        const cell = sheet.getCell(r, c);
        expect(cell.alignment?.wrapText, cell.address).toBe(true);
        expect(cell.border?.top?.style, cell.address).toBe("thin");
        expect(cell.border?.right?.style, cell.address).toBe("thin");
      }
    }
    // Two lines of progress make a taller row than one.
    expect(sheet.getRow(4).height).toBeGreaterThan(sheet.getRow(5).height);
  });

  it("keeps an empty table valid", async () => {
    const sheet = await reread(await quarterlyTableXlsx({ ...table, rows: [] }));
    expect(sheet.rowCount).toBe(2);
    expect(sheet.model.merges).toEqual(["A1:E1"]);
  });

  it("cuts texts Excel cannot hold", async () => {
    const long = "进".repeat(MAX_CELL_CHARS + 10);
    expect(cellText(long)).toHaveLength(MAX_CELL_CHARS);
    expect(cellText(long).endsWith("已截断)")).toBe(true);
    const sheet = await reread(await quarterlyTableXlsx({ ...table, rows: [row("金一", 1, 1, "任务", long)] }));
    expect(sheet.getCell("D3").value).toHaveLength(MAX_CELL_CHARS);
    expect(sheet.getRow(3).height).toBeLessThanOrEqual(409);
  });

  it("estimates wrapped lines with CJK characters two columns wide", () => {
    expect(wrappedLines("", 40)).toBe(1);
    expect(wrappedLines("甲".repeat(18), 40)).toBe(1);
    expect(wrappedLines("甲".repeat(40), 40)).toBe(3);
    expect(wrappedLines("甲\n乙", 40)).toBe(2);
  });
});
