/**
 * Item 7 of issue 12, for every reader: when a part of a document is left out, the preview says which lines and why.
 * Blank lines, titles, preambles, signatures, lead-rule notes and header rows are read, not left out, and not named.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument, parseSource } from "@/lib/import";

const SEEDS = join(__dirname, "../../seeds");
const seed = (prefix: string) => {
  const name = readdirSync(SEEDS).find((file) => file.startsWith(prefix))!;
  return parseDocument(name, readFileSync(join(SEEDS, name), "utf8"));
};
/** The warnings naming a part left out (a test document may also lack, say, its government's name). */
const messages = (result: { warnings: Array<{ message: string }> }) =>
  result.warnings.map((warning) => warning.message).filter((message) => /未导入|未读入/.test(message));

describe("quarterly progress table (pipe table)", () => {
  const result = parseDocument(
    "q1.txt",
    [
      "平湖市2025年政府工作报告重点工作一季度完成情况",
      "填报单位:市府办督查室",
      "",
      "分管市长 | 序号 | 主要工作任务 | 一季度完成情况 | 责任单位 | 联系人 |",
      "张斌 | 1 | 固定资产投资增长5%。 | 增长11.1%。 | 发改局 | 王芳 |",
      "以下为张斌同志分管的其他工作",
      "2 | 新增规上工业企业200家。 | 新增51家。 | ★经信局 | |",
      "",
      "打印本页",
    ].join("\n"),
  );

  it("reads every row", () => {
    expect(result.tasks.map((task) => task.text)).toEqual(["固定资产投资增长5%。", "新增规上工业企业200家。"]);
  });

  it("names the lines above the header, between the rows and after the table, and the column it does not know", () => {
    expect(messages(result)).toEqual([
      "第4行表头中“联系人”列(1行有内容)未导入(列名未能识别)",
      "第2行未导入(表头之前的说明,不是任务):“填报单位:市府办督查室”",
      "第6行未导入(表格中的非表格内容):“以下为张斌同志分管的其他工作”",
      "第9行未导入(表格之后的内容,不是任务):“打印本页”",
    ]);
  });

  it("says nothing of the seed, which has nothing besides its title, header and rows", () => {
    expect(seed("000").warnings).toEqual([]);
  });
});

describe("notice copied from a web page, one cell a line (001)", () => {
  it("names the page's own last line, and not the preamble, annex labels, table titles or the ★ notes", () => {
    expect(messages(seed("001"))).toEqual(["第953行未导入(表格之后的内容,不是任务):“打印本页 关闭窗口”"]);
  });

  it("names a paragraph between two tables", () => {
    const lines = readFileSync(join(SEEDS, readdirSync(SEEDS).find((file) => file.startsWith("001"))!), "utf8").split("\n");
    const annex = lines.indexOf("附件2");
    lines.splice(annex, 0, "以上任务请于每季度末报送进展。");
    const result = parseDocument("001.txt", lines.join("\n"));
    expect(messages(result)).toContain(`第${annex + 1}行未导入(表格之后的内容,不是任务):“以上任务请于每季度末报送进展。”`);
    expect(result.tasks).toHaveLength(145);
  });
});

describe("notice grouped by leader (003)", () => {
  it("says nothing of the seed", () => {
    expect(seed("003").warnings).toEqual([]);
  });

  it("names a line that is no task, unit list or heading, once for a block of them", () => {
    const result = parseDocument(
      "003.txt",
      [
        "2025年政府工作报告重点工作责任分解",
        "一、李军市长牵头重点工作",
        "1.地区生产总值增长6%左右。",
        "责任单位:市发展改革委",
        "各单位要按季度报送进展情况。",
        "",
        "请于每季度末前报送。",
        "2.居民消费价格指数涨幅3%以内。",
        "责任单位:市发展改革委",
      ].join("\n"),
    );
    expect(result.tasks).toHaveLength(2);
    expect(messages(result)).toEqual(["第5–7行未导入(不是任务、责任单位或标题):“各单位要按季度报送进展情况。”"]);
  });
});

describe("numbered items", () => {
  const result = parseDocument(
    "温州.txt",
    [
      "温州市人民政府办公室关于印发2025年重点工作任务分解的通知",
      "各县(市、区)人民政府:",
      "一、重点任务",
      "坚持稳中求进工作总基调。",
      "1. 地区生产总值增长6%左右。(市发展改革委负责)",
      "2. 一般公共预算收入增长5%。(市财政局负责)",
      "各地要抓好落实。",
      "温州市人民政府办公室",
      "2025年2月20日",
    ].join("\n"),
  );

  it("names the prose under a heading and the lines outside every item, not the preamble or the signature", () => {
    expect(result.tasks.map((task) => task.text)).toEqual(["地区生产总值增长6%左右。", "一般公共预算收入增长5%。"]);
    expect(messages(result)).toEqual([
      "第4行未导入(标题下的说明文字,不是任务):“坚持稳中求进工作总基调。”",
      "第7行未导入(不属于任何编号条目):“各地要抓好落实。”",
    ]);
  });
});

describe("header-named table", () => {
  const table = {
    name: "任务表",
    rows: [
      ["序号", "重点任务", "牵头单位", "目标值", "备注", ""],
      ["1", "新建停车位3000个", "市建设局", "3000", "", "见附件"],
      ["2", "新增养老床位2000张", "市民政局", "", "含民办", ""],
    ],
  };
  const result = parseSource({ fileName: "任务.xlsx", lines: ["嘉兴市2025年重点工作任务"], tables: [table] });

  it("names each column it leaves out with how many rows hold text in it, by why", () => {
    expect(result.tasks).toHaveLength(2);
    expect(messages(result)).toEqual([
      "表格“任务表”中“目标值”列(1行有内容)、“第6列”列(1行有内容)未导入(列名未能识别)",
      "表格“任务表”中“备注”列(1行有内容)未导入(任务不保存备注)",
    ]);
  });

  it("does not name a column the office chose not to import", () => {
    const mapped = parseSource({ fileName: "任务.xlsx", lines: ["嘉兴市2025年重点工作任务"], tables: [{ ...table, rows: [["编号", "内容", "部门", "目标值", "说明", ""], ...table.rows.slice(1)] }] }, undefined, null, [
      { signature: "编号|内容|部门|目标值|说明", fields: ["number", "task", "lead", null, null, null] },
    ]);
    expect(mapped.tasks).toHaveLength(2);
    expect(messages(mapped).filter((message) => message.includes("未导入"))).toEqual([]);
  });
});

describe("work report (002)", () => {
  it("keeps the whole text, and names what its glossary leaves out", () => {
    const result = seed("002");
    expect(result.glossary).toHaveLength(39);
    expect(messages(result).filter((message) => message.includes("未读入名词解释"))).toEqual([
      "第255–329行未读入名词解释(夹在名词解释之间的短句,像是表格的单元格,保留在报告全文中):“指标2022年嘉兴市平湖市政府工作报告”",
      "第429–434行未读入名词解释(名词解释之后的内容,保留在报告全文中):“温馨提示:”",
    ]);
  });
});
