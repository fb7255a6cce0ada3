import { describe, expect, it } from "vitest";
import { ImportError, MappingNeeded, parseSource, type ParseResult } from "@/lib/import";
import { ParseContext } from "@/lib/import/context";
import { headerSignature, parseHeaderTable } from "@/lib/import/header-table";
import { readSource } from "@/lib/import/files";
import type { SourceTable } from "@/lib/import/source";
import { importFormValues, importInputSchema } from "@/lib/zod/import";
import { buildXlsx } from "../support/files";

const TITLE = "嘉兴市2034年重点工作任务清单";
const HEADER = ["编号", "事项内容", "主办", "协办", "时限"];
const ROWS = [
  ["1", "新建公办幼儿园5所", "市教育局", "市住建局、市自然资源和规划局", "年底前"],
  ["2", "完成老旧小区改造30个", "市住建局", "", "9月底前"],
];
/** A sheet whose header names no field this import knows: 主办/协办 instead of 牵头单位/配合单位. */
const UNKNOWN: SourceTable = { name: "Sheet1", rows: [[TITLE, TITLE, TITLE, TITLE, TITLE], HEADER, ...ROWS] };
const MAPPING = { signature: "编号|事项内容|主办|协办|时限", fields: ["number", "task", "lead", "units", "deadline"] as const };

const rows = (result: Pick<ParseResult, "tasks">) =>
  result.tasks.map((t) => [t.number, t.text, t.units.map((u) => (u.lead ? `★${u.name}` : u.name)).join("、"), t.deadline]);

describe("parseSource reads each table of a file on its own", () => {
  it("reads two sheets of different column orders each by its own header, and offers an unrecognised one for mapping", async () => {
    const xlsx = await buildXlsx([
      {
        name: "经济",
        rows: [[TITLE, null, null, null], ["序号", "牵头单位", "重点任务", "配合单位"], [1, "市发展改革委", "生产总值增长6%左右", "市统计局"]],
        merges: ["A1:D1"],
      },
      { name: "民生", rows: [["责任单位", "完成时限", "工作任务", "序号"], ["市民政局、市财政局", "6月底前", "新建养老服务中心3家", 1]] },
      { name: "Sheet1", rows: UNKNOWN.rows.slice(1) },
    ]);
    const result = parseSource(await readSource("清单.xlsx", xlsx), undefined, "first_listed");
    // Rendered as one pipe table, the sheets' rows were read by one header (here, as a policy list, refused).
    // Each sheet's task 1 is told apart by the sheet's place.
    expect(rows(result)).toEqual([
      ["1-0-1", "生产总值增长6%左右", "★发展改革委、统计局", null],
      ["2-0-1", "新建养老服务中心3家", "★民政局、财政局", "6月底前"],
    ]);
    expect(result.plan).toMatchObject({ year: 2034, government: "嘉兴市", title: TITLE, format: "header-table" });
    expect(result.warnings.map((w) => w.message)).toEqual(["表格“Sheet1”的表头无法识别,已跳过"]);
    expect(result.tablesToMap).toEqual([{ name: "Sheet1", signature: MAPPING.signature, header: HEADER, fields: ["number", null, null, null, "deadline"] }]);
  });

  it("refuses a file none of whose tables it recognises, carrying each table's header with the fields it names", async () => {
    const source = await readSource("清单.xlsx", await buildXlsx([{ name: "Sheet1", rows: UNKNOWN.rows, merges: ["A1:E1"] }]));
    let error: unknown = null;
    try {
      parseSource(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MappingNeeded);
    expect((error as MappingNeeded).message).toBe("无法识别的文件格式:表格“Sheet1”的表头无法识别;可在预览中指定各列对应的内容");
    // The title merged across the sheet is not the header: the first row of different texts is.
    expect((error as MappingNeeded).tables).toEqual([{ name: "Sheet1", signature: MAPPING.signature, header: HEADER, fields: ["number", null, null, null, "deadline"] }]);
  });

  it("reads a table by the office's mapping for its header, and leaves a mapping for another header unused", async () => {
    const source = await readSource("清单.xlsx", await buildXlsx([{ name: "Sheet1", rows: UNKNOWN.rows, merges: ["A1:E1"] }]));
    const other = { signature: "项目|金额", fields: ["task", "units"] as const };
    const result = parseSource(source, undefined, null, [{ ...other, fields: [...other.fields] }, { ...MAPPING, fields: [...MAPPING.fields] }]);
    expect(rows(result)).toEqual([
      ["1", "新建公办幼儿园5所", "★教育局、住建局、自然资源和规划局", "年底前"],
      ["2", "完成老旧小区改造30个", "★住建局", "9月底前"],
    ]);
    expect(result.plan).toMatchObject({ year: 2034, government: "嘉兴市", title: TITLE });
    // A column of leads states the rule itself: nothing to choose.
    expect(result.leadRuleNeeded).toBe(false);
    expect(result.warnings).toEqual([]);
  });
});

describe("parseHeaderTable with an explicit column mapping", () => {
  it("reads the mapped columns and ignores those mapped to nothing", () => {
    const ctx = new ParseContext("清单.xlsx", [], null);
    const out = parseHeaderTable(UNKNOWN, ctx, { signature: MAPPING.signature, fields: [null, "task", "units", null, null] });
    // Without a lead column the units column lists them all; the numbers are the rows' places.
    expect(rows(out)).toEqual([
      ["1", "新建公办幼儿园5所", "★教育局", null],
      ["2", "完成老旧小区改造30个", "★住建局", null],
    ]);
  });

  it("refuses a mapping without a task column or a unit column, naming what is needed", () => {
    const ctx = new ParseContext("清单.xlsx", [], null);
    const noUnits = { signature: MAPPING.signature, fields: ["number", "task", null, null, "deadline"] as Array<"number" | "task" | "deadline" | null> };
    expect(() => parseHeaderTable(UNKNOWN, ctx, noUnits)).toThrow(ImportError);
    expect(() => parseHeaderTable(UNKNOWN, ctx, noUnits)).toThrow("表格“Sheet1”的列对应须指定“任务”列和“牵头单位”或“配合单位/责任单位”列");
  });

  it("finds the header by its signature, which ignores spaces, bracket width, script and empty cells at the end", () => {
    expect(headerSignature([" 编 号", "事项内容(简述)", "主辦", "协办", "时限", "", ""])).toBe("编号|事项内容(简述)|主办|协办|时限");
    expect(headerSignature(["编号", "事项内容(简述)", "主办", "协办", "时限"])).toBe("编号|事项内容(简述)|主办|协办|时限");
    const ctx = new ParseContext("清单.xlsx", [], null);
    expect(() => parseHeaderTable(UNKNOWN, ctx, { signature: "编号|内容", fields: ["number", "task"] })).toThrow("表格“Sheet1”的表头无法识别");
  });
});

describe("the import form's column mappings", () => {
  const form = (mappings: string | null) => {
    const data = new FormData();
    data.set("file", new File(["x"], "清单.xlsx"));
    if (mappings !== null) data.set("mappings", mappings);
    return importInputSchema.safeParse(importFormValues(data));
  };

  it("reads them from one JSON field, none when absent", () => {
    expect(form(null).data?.mappings).toEqual([]);
    expect(form(JSON.stringify([MAPPING])).data?.mappings).toEqual([MAPPING]);
  });

  it("refuses a field that is no mapping: bad JSON, an unknown field name", () => {
    for (const bad of ["{", JSON.stringify([{ signature: MAPPING.signature, fields: ["number", "序号"] }])]) {
      const parsed = form(bad);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual([expect.stringMatching(/^mappings/)]);
    }
    expect(form("{").error?.issues[0].message).toBe("列对应有误,请重新选择");
  });
});
