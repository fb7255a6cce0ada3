import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError, parseDocument, parseSource, tableAsPipeLines } from "@/lib/import";
import { SCANNED_PDF, readSource, sourceKind } from "@/lib/import/files";
import { buildDocx, buildPdf, buildXlsx, type DocxCell } from "../support/files";

/** Every file type the import reads, each built here from known content and read back exactly. */
const SEEDS = join(__dirname, "../../seeds");
const seedName = (prefix: string) => readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
const seedText = (prefix: string) => readFileSync(join(SEEDS, seedName(prefix)), "utf8");
const utf8 = (text: string) => new TextEncoder().encode(text);

async function importError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportError) return error.message;
    throw error;
  }
  throw new Error("expected an ImportError");
}

/**
 * The start of the quarterly table 000 (header, 周军波's first two rows, 张斌's first two), as its text and as
 * table rows: a leader's name is written on that leader's first row only, as in the text.
 */
const TITLE = "2025年政府工作报告重点工作一季度完成情况";
const seed000 = seedText("000").split("\n");
const rows000 = [0, 1, 2, 5, 6].map((i) => seed000[i]);
const cells000 = rows000.map((line) => line.replace(/\s*\|\s*$/, "").split(/\s*\|\s*/));
const text000 = [TITLE, ...rows000].join("\n");

describe("readSource: the type from the content", () => {
  it("knows a PDF, a .docx and an .xlsx by their bytes whatever their names, and text kinds by the name", async () => {
    expect(sourceKind("通知.txt", buildPdf(["一"]))).toBe("pdf");
    expect(sourceKind("通知.txt", await buildDocx(["一"]))).toBe("docx");
    expect(sourceKind("通知.docx", await buildXlsx([{ name: "表", rows: [["一"]] }]))).toBe("xlsx");
    expect(sourceKind("进度.CSV", utf8("a,b"))).toBe("csv");
    expect(sourceKind("进度.tsv", utf8("a\tb"))).toBe("tsv");
    expect(sourceKind("通知", utf8("a"))).toBe("text");
  });

  it("refuses an old .doc/.xls, another zip, and an empty file with what to do", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await importError(readSource("通知.doc", ole))).toBe("旧版 Word/Excel 文件(.doc/.xls)无法读取;请在 Word/Excel 中另存为 .docx/.xlsx 后再导入");
    expect(await importError(readSource("通知.zip", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])))).toBe("文件是压缩包,但不是 Word(.docx)或 Excel(.xlsx)文件");
    expect(await importError(readSource("空.txt", new Uint8Array()))).toBe("文件为空");
  });
});

describe("readSource: text", () => {
  it("reads UTF-8 (its byte order mark dropped) and GB18030, which Chinese Windows saves", async () => {
    expect(await readSource("a.txt", utf8("\uFEFF第一行\r\n第二行"))).toEqual({ fileName: "a.txt", lines: ["第一行", "第二行"], tables: [] });
    const gbk = new Uint8Array([0xb7, 0xd6, 0xb9, 0xdc, 0xca, 0xd0, 0xb3, 0xa4, 0x0a, 0xc5, 0xa9, 0xd2, 0xb5]); // 分管市长\n农业
    expect((await readSource("a.txt", gbk)).lines).toEqual(["分管市长", "农业"]);
  });

  it("refuses a text file holding NUL: it is of another kind", async () => {
    expect(await importError(readSource("a.txt", utf8("分管\u0000市长")))).toMatch(/^文件中含有空字符\(NUL\),不是文本文件;可导入的文件类型:Word/);
  });

  it("reads every seed exactly as its text was read before files were uploaded", async () => {
    for (const prefix of ["000", "001", "002", "003", "004"]) {
      const text = seedText(prefix);
      const source = await readSource(seedName(prefix), utf8(text));
      expect(source.tables).toEqual([]);
      expect(parseSource(source)).toEqual(parseDocument(seedName(prefix), text));
    }
  });
});

describe("readSource: CSV and TSV", () => {
  it("reads a CSV by RFC 4180: a quoted field holds commas, line breaks and doubled quotes", async () => {
    const csv = '序号,工作任务,责任单位\r\n1,"新增光伏装机6万千瓦,其中分布式4万千瓦。\n全年完成",★发改局\r\n2,"推进""三量齐升""",经信局\r\n';
    expect(await readSource("进度.csv", utf8(csv))).toEqual({
      fileName: "进度.csv",
      lines: [],
      tables: [
        {
          name: "进度",
          rows: [
            ["序号", "工作任务", "责任单位"],
            ["1", "新增光伏装机6万千瓦,其中分布式4万千瓦。\n全年完成", "★发改局"],
            ["2", '推进"三量齐升"', "经信局"],
          ],
        },
      ],
    });
  });

  it("reads a TSV, and a .csv whose first line is separated by tabs as a TSV", async () => {
    const tsv = "序号\t工作任务\t牵头单位\n1\t固定资产投资增长5%。\t发改局\n";
    const rows = [
      ["序号", "工作任务", "牵头单位"],
      ["1", "固定资产投资增长5%。", "发改局"],
    ];
    expect((await readSource("进度.tsv", utf8(tsv))).tables).toEqual([{ name: "进度", rows }]);
    expect((await readSource("另存为.csv", utf8(tsv))).tables).toEqual([{ name: "另存为", rows }]);
  });

  it("names the line of a CSV whose quotes do not pair", async () => {
    expect(await importError(readSource("坏.csv", utf8('序号,任务\n1,"未闭合\n')))).toMatch(/CSV 文件格式有误/);
  });
});

describe("readSource: .docx", () => {
  it("reads a table with a leader cell merged down and a title cell merged across, the text in every cell it covers", async () => {
    const docx = await buildDocx([
      "平湖市2025年重点工作责任分解",
      [
        [{ text: "重点工作任务表", columnSpan: 4 }],
        ["分管领导", "序号", "工作任务", "责任单位"],
        [{ text: "周军波", rowSpan: "start" }, "1", "一般公共预算收入增长2.5%。", "★财政局\n税务局"],
        [{ text: "", rowSpan: "continue" }, "2", "税收 <收入> & 非税收入", "税务局"],
      ],
      "附件:无",
    ]);
    const source = await readSource("分解.docx", docx);
    expect(source).toEqual({
      fileName: "分解.docx",
      lines: ["平湖市2025年重点工作责任分解", "附件:无"],
      tables: [
        {
          name: "表格1",
          rows: [
            ["重点工作任务表", "重点工作任务表", "重点工作任务表", "重点工作任务表"],
            ["分管领导", "序号", "工作任务", "责任单位"],
            ["周军波", "1", "一般公共预算收入增长2.5%。", "★财政局\n税务局"],
            ["周军波", "2", "税收 <收入> & 非税收入", "税务局"],
          ],
        },
      ],
    });
    // As pipe lines, the merged title is one line and the units of a cell's lines stay apart.
    expect(tableAsPipeLines(source.tables[0])).toEqual([
      "重点工作任务表",
      "分管领导 | 序号 | 工作任务 | 责任单位 |",
      "周军波 | 1 | 一般公共预算收入增长2.5%。 | ★财政局、税务局 |",
      "周军波 | 2 | 税收 <收入> & 非税收入 | 税务局 |",
    ]);
  });

  it("reads numbered paragraphs, written numbers and Word's own list numbering alike", async () => {
    const docx = await buildDocx([
      "一、稳定经济增长",
      "1. 生产总值增长6%左右。(市发展改革委负责)",
      { numbered: ["固定资产投资增长5%。", "社会消费品零售总额增长5.5%。"] },
      "二、民生实事",
    ]);
    expect((await readSource("通知.docx", docx)).lines).toEqual([
      "一、稳定经济增长",
      "1. 生产总值增长6%左右。(市发展改革委负责)",
      "1. 固定资产投资增长5%。",
      "2. 社会消费品零售总额增长5.5%。",
      "二、民生实事",
    ]);
  });

  it("refuses a broken .docx", async () => {
    const docx = await buildDocx(["一"]);
    expect(await importError(readSource("坏.docx", docx.slice(0, 200)))).toBe("Word 文件已损坏或无法打开;请在 Word 中打开后另存为 .docx 再导入");
  });
});

describe("readSource: .xlsx", () => {
  it("reads every sheet, a merged leader cell repeated on each of its rows, separate 牵头/配合 columns kept apart", async () => {
    const xlsx = await buildXlsx([
      {
        name: "重点工作",
        rows: [
          ["2025年重点工作任务分解表", null, null, null, null, null],
          ["序号", "工作任务", "牵头市领导", "牵头单位", "配合单位", "完成时限"],
          [1, "新增光伏装机6万千瓦。", "张斌", "发改局", "经信局、建设局", "年底前"],
          [2, "新增省级数字农业工厂2家。", null, "农业农村局", null, "6月底前"],
          [3, "腾出水域指标100亩。", null, "水利局", "自然资源和规划局", "2025年9月"],
          [null, null, null, null, null, null],
          [4, "城镇新增就业8000人以上。", "周军波", "人力社保局", "", "三季度"],
        ],
        merges: ["A1:F1", "C3:C5"],
      },
      { name: "民生实事", rows: [["项目", "责任单位"], ["新建幼儿园3所", "教育局"]] },
      { name: "空白", rows: [] },
    ]);
    expect(await readSource("任务.xlsx", xlsx)).toEqual({
      fileName: "任务.xlsx",
      lines: [],
      tables: [
        {
          name: "重点工作",
          rows: [
            Array(6).fill("2025年重点工作任务分解表"),
            ["序号", "工作任务", "牵头市领导", "牵头单位", "配合单位", "完成时限"],
            ["1", "新增光伏装机6万千瓦。", "张斌", "发改局", "经信局、建设局", "年底前"],
            ["2", "新增省级数字农业工厂2家。", "张斌", "农业农村局", "", "6月底前"],
            ["3", "腾出水域指标100亩。", "张斌", "水利局", "自然资源和规划局", "2025年9月"],
            ["4", "城镇新增就业8000人以上。", "周军波", "人力社保局", "", "三季度"],
          ],
        },
        {
          name: "民生实事",
          rows: [
            ["项目", "责任单位"],
            ["新建幼儿园3所", "教育局"],
          ],
        },
      ],
    });
  });
});

describe("readSource: PDF", () => {
  it("reads a PDF's text layer, a line per line", async () => {
    const lines = ["嘉兴市2025年重点工作责任分解", "1. 生产总值增长6%左右。(市发展改革委负责)", "2. 城镇新增就业8000人以上。"];
    expect(await readSource("通知.pdf", buildPdf(lines))).toEqual({ fileName: "通知.pdf", lines, tables: [] });
  });

  it("says that a scanned PDF, with no text layer, cannot be read, and what to upload instead", async () => {
    expect(await importError(readSource("扫描件.pdf", buildPdf([])))).toBe(SCANNED_PDF);
    expect(SCANNED_PDF).toBe("这是扫描件或图片PDF,没有可读取的文字层;请上传Word/Excel文件或带文字的PDF");
  });

  it("says that a broken PDF cannot be opened", async () => {
    expect(await importError(readSource("坏.pdf", utf8("%PDF-1.4\n%%EOF\n")))).toBe("PDF 文件已损坏或无法打开");
  });
});

describe("parseSource: a table of a known layout in a file imports as its text does", () => {
  const expected = parseDocument("000.txt", text000);

  it("the text of the start of 000 is a quarterly table of four tasks", () => {
    expect(expected.plan).toMatchObject({ year: 2025, title: "2025年政府工作报告重点工作", format: "pipe-table", period: { year: 2025, quarter: 1 } });
    expect(expected.tasks.map((task) => [task.leader, task.number, task.units.map((unit) => `${unit.lead ? "★" : ""}${unit.name}`).join("、")])).toEqual([
      ["周军波", "1", "★财政局、税务局"],
      ["周军波", "2", "★市府办、市政府各部门、市属各单位、各镇街道"],
      ["张斌", "1", "★发改局"],
      ["张斌", "2", "★农业农村局"],
    ]);
  });

  it("from a .docx: the title a paragraph, the rows a table with each leader's cell merged down", async () => {
    const [header, ...body] = cells000;
    const table: DocxCell[][] = [header];
    for (const row of body) {
      // A leader's first row has five cells; the others continue the merged leader cell.
      table.push(row.length === 5 ? [{ text: row[0], rowSpan: "start" }, ...row.slice(1)] : [{ text: "", rowSpan: "continue" }, ...row]);
    }
    const source = await readSource("000.docx", await buildDocx([TITLE, table]));
    const result = parseSource(source);
    expect(result.tasks).toEqual(expected.tasks);
    expect(result.plan).toEqual({ ...expected.plan, sourceFile: "000.docx" });
    expect(result.leaders).toEqual(expected.leaders);
    expect(result.units).toEqual(expected.units);
  });

  it("from an .xlsx: the title a row merged across, each leader's cell merged down", async () => {
    const [header, ...body] = cells000;
    const rows = [[TITLE, null, null, null, null], header, ...body.map((row) => (row.length === 5 ? row : [null, ...row]))];
    const source = await readSource("000.xlsx", await buildXlsx([{ name: "一季度", rows, merges: ["A1:E1", "A3:A4", "A5:A6"] }]));
    const result = parseSource(source);
    expect(result.tasks).toEqual(expected.tasks);
    expect(result.plan).toEqual({ ...expected.plan, sourceFile: "000.xlsx" });
  });

  it("refuses a file of no known layout with the same message as a text of none", async () => {
    const docx = await buildDocx(["会议通知", [["时间", "地点"], ["3月1日", "市政府"]]]);
    expect(() => parseSource({ fileName: "会议.docx", lines: ["会议通知"], tables: [] })).toThrow(/^无法识别的文件格式/);
    await expect(readSource("会议.docx", docx).then((source) => parseSource(source))).rejects.toThrow(/^无法识别的文件格式/);
  });
});
