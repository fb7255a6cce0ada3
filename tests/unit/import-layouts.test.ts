import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError, detectFormat, parseDocument, type ParsedTask } from "@/lib/import";
import { ParseContext } from "@/lib/import/context";
import { isHeaderTable, parseHeaderTable, parseTables, tableFromLines } from "@/lib/import/header-table";
import { isNumberedItems, itemUnits, parseNumberedItems } from "@/lib/import/numbered-items";
import type { SourceDocument, SourceTable } from "@/lib/import/source";
import { NOTICE, PROGRESS_TSV, SHEET } from "../fixtures/layout-samples";

const SEEDS = join(__dirname, "../../seeds");

/** Units as the document names them, with the lead flag the parser decided. */
const units = (t: ParsedTask) => t.units.map((u) => (u.lead ? `★${u.rawName}` : u.rawName));
const targets = (t: ParsedTask) => t.targets.map((g) => `${g.kind} ${g.cmp} ${g.value}${g.unit}`);

function context(source: SourceDocument): ParseContext {
  return new ParseContext(source.fileName, source.lines, null);
}

describe("numbered items (another city's notice)", () => {
  const ctx = context(NOTICE);
  const out = parseNumberedItems(ctx);
  const byNumber = (n: string) => out.tasks.find((t) => t.number === n)!;

  it("is recognised from the content and comes after the five seed formats", () => {
    expect(isNumberedItems(NOTICE.lines)).toBe(true);
    expect(detectFormat("upload.txt", NOTICE.lines.join("\n"))).toBe("numbered-items");
    expect(isNumberedItems(["会议纪要", "1. 今天开会讨论了三件事。", "2. 散会。"])).toBe(false);
  });

  it("reads the plan from the notice", () => {
    expect(out.plan).toEqual({
      year: 2025,
      government: "温州市",
      title: "温州市人民政府办公室关于印发2025年市政府工作报告重点工作任务分解的通知",
      kind: "key_tasks",
      leadConvention: "first_listed",
    });
    expect(out.leaders).toEqual([]);
  });

  it("takes every item with its text, section and line; headings and the closing part are not tasks", () => {
    expect(out.tasks.map((t) => [t.number, t.line, t.section, t.text])).toEqual([
      ["1", 5, "主要预期目标", "地区生产总值增长6%左右。"],
      ["2", 6, "主要预期目标", "一般公共预算收入增长5%。"],
      ["3", 7, "主要预期目标", "城镇新增就业8000人以上。"],
      ["4", 11, "扩大有效投资", "完成重大项目投资1200亿元。"],
      ["5", 13, "扩大有效投资", "新开工亿元以上产业项目100个。"],
      ["6", 15, "增进民生福祉", "新建改造城乡公园20个。"],
      ["7", 16, "增进民生福祉", "新增养老床位2000张。"],
      ["8", 17, "增进民生福祉", "推进城镇老旧小区改造,完成改造小区50个。"],
      ["9", 19, "增进民生福祉", "实施教育提质工程,新增学位5000个。"],
    ]);
    expect(out.tasks.every((t) => t.leader === null && t.kind === "key" && t.parent === null)).toBe(true);
  });

  it("splits units and decides leads: 牵头/配合 explicitly, otherwise the first listed", () => {
    expect(out.tasks.map((t) => [t.number, units(t)])).toEqual([
      ["1", ["★市发展改革委"]],
      ["2", ["★市财政局", "市税务局"]],
      ["3", ["★市人力社保局", "市教育局"]],
      ["4", ["★市发展改革委", "市住建局", "市自然资源和规划局"]],
      ["5", ["★市经信局", "市商务局"]],
      ["6", ["★市住建局"]],
      ["7", ["★市民政局", "市卫生健康委", "市财政局"]],
      ["8", ["★市住建局", "市财政局"]],
      ["9", ["★市教育局", "市发展改革委", "市财政局"]],
    ]);
  });

  it("reads the targets and the deadline", () => {
    expect(targets(byNumber("1"))).toEqual(["growth ~ 6%"]);
    expect(targets(byNumber("2"))).toEqual(["growth >= 5%"]);
    expect(targets(byNumber("3"))).toEqual(["quantity >= 8000人"]);
    expect(targets(byNumber("4"))).toEqual(["quantity >= 120000000000元"]);
    expect(targets(byNumber("7"))).toEqual(["quantity >= 2000张"]);
    expect(targets(byNumber("8"))).toEqual(["quantity >= 50个"]);
    expect(targets(byNumber("9"))).toEqual(["quantity >= 5000个"]);
    expect(byNumber("9").deadline).toBe("2025年9月");
    expect(byNumber("1").deadline).toBeNull();
  });

  it("reads a 完成时限 line below units given in a bracket, the bracket not part of the last unit's name", () => {
    const lines = [
      "台州市人民政府办公室关于印发2025年重点工作任务分解的通知",
      "一、重点工作",
      "5. 新开工亿元以上产业项目100个。(责任单位:市经信局、市商务局)",
      "完成时限:6月底前",
      "6、新建改造城乡公园20个。(市住建局负责)",
    ];
    const result = parseDocument("台州.txt", lines.join("\n"), undefined, "first_listed");
    expect(result.tasks.map((task) => [task.number, units(task), task.deadline ?? null])).toEqual([
      ["5", ["★市经信局", "市商务局"], "6月底前"],
      ["6", ["★市住建局"], null],
    ]);
  });

  it("says which numbered part it skipped", () => {
    ctx.reportSkipped();
    // The closing signature and date are the notice's, not a part left out.
    expect(ctx.warnings.map((w) => w.message)).toEqual([
      "第23行:编号段落“三、工作要求”没有责任单位,未作为任务导入",
      "第24行未导入(无责任单位的编号段落的正文):“各地各部门要高度重视,确保各项任务按期完成。”",
    ]);
  });

  it("imports through parseDocument with the same tasks", () => {
    const result = parseDocument(NOTICE.fileName, NOTICE.lines.join("\n"));
    expect(result.plan.format).toBe("numbered-items");
    expect(result.tasks).toHaveLength(9);
    expect(result.units.map((u) => u.name)).toHaveLength(new Set(result.units.map((u) => u.name)).size);
  });
});

describe("numbered items under leader headings, numbering restarting per section", () => {
  const lines = `嘉善县2025年政府工作报告重点工作责任分解
带★的为牵头单位。
一、王明副县长牵头
(一)招商引资
1.引进亿元以上项目30个。(★县商务局、县经信局负责)
2.实际使用外资1亿美元。(县商务局负责)
(二)科技创新
1.新增高新技术企业60家。
责任单位:县科技局、★县经信局
二、李红副县长牵头
1.新增城镇就业岗位1.2万个。(县人力社保局负责)
2.完成农村公路提升改造50公里。
责任领导:张强
牵头单位:县交通运输局
配合单位:县财政局、各镇(街道)
3.新增托育机构
托位500个。(县卫生健康局牵头,县教育局配合)`.split("\n");
  const ctx = new ParseContext("嘉善.txt", lines, null);
  const out = parseNumberedItems(ctx);

  it("assigns leaders from the headings (an item's own 责任领导 wins) and keeps ★", () => {
    expect(out.leaders).toEqual([
      { name: "王明", title: "副县长" },
      { name: "李红", title: "副县长" },
      { name: "张强", title: null },
    ]);
    expect(out.plan.leadConvention).toBe("star");
    expect(out.tasks.map((t) => [t.leader, t.number, t.section, t.text, units(t)])).toEqual([
      ["王明", "1-1", "招商引资", "引进亿元以上项目30个。", ["★县商务局", "县经信局"]],
      ["王明", "1-2", "招商引资", "实际使用外资1亿美元。", ["★县商务局"]],
      ["王明", "2-1", "科技创新", "新增高新技术企业60家。", ["县科技局", "★县经信局"]],
      ["李红", "1", "李红副县长牵头", "新增城镇就业岗位1.2万个。", ["★县人力社保局"]],
      ["张强", "2", "李红副县长牵头", "完成农村公路提升改造50公里。", ["★县交通运输局", "县财政局", "各镇(街道)"]],
      ["李红", "3", "李红副县长牵头", "新增托育机构托位500个。", ["★县卫生健康局", "县教育局"]],
    ]);
    expect(ctx.warnings).toEqual([]);
  });

  it("reads the targets", () => {
    expect(out.tasks.map(targets)).toEqual([
      ["quantity >= 30个"],
      ["quantity >= 100000000美元"],
      ["quantity >= 60家"],
      ["quantity >= 12000个"],
      ["quantity >= 50公里"],
      ["quantity >= 500个"],
    ]);
  });
});

describe("a header-named table in any column order", () => {
  it("is recognised below its title row", () => {
    expect(isHeaderTable(SHEET)).toBe(true);
    expect(isHeaderTable({ name: "x", rows: [["项目", "金额"], ["a", "1"]] })).toBe(false);
  });

  const ctx = context({ fileName: "清单.xlsx", lines: [], tables: [SHEET] });
  const out = parseHeaderTable(SHEET, ctx);

  it("reads the plan from the title row", () => {
    expect(out.plan).toEqual({ year: 2025, government: "嘉兴市", title: "嘉兴市2025年重点工作任务清单", kind: "key_tasks", leadConvention: "first_listed" });
    expect(out.leaders).toEqual([
      { name: "张斌", title: "副市长" },
      { name: "李军", title: null },
    ]);
  });

  it("reads every row: leader continued, section, number made unique, leads from the lead column, deadline", () => {
    expect(out.tasks.map((t) => [t.line, t.leader, t.number, t.section, t.text, units(t), t.deadline])).toEqual([
      [4, "张斌", "1", "一、扩大有效投资", "固定资产投资增长5%以上", ["★市发展改革委", "市统计局", "市财政局"], "6月底前"],
      [5, "张斌", "2", "一、扩大有效投资", "新增规上工业企业300家", ["★市经信局", "市商务局"], "年底前"],
      [7, "李军", "1", "二、增进民生福祉", "新建中小学10所", ["★市教育局", "市住建局", "市自然资源和规划局"], "三季度"],
      [8, "李军", "2", "二、增进民生福祉", "新增养老床位2000张", ["★市民政局"], null],
    ]);
    expect(out.tasks.map(targets)).toEqual([["growth >= 5%"], ["quantity >= 300家"], ["quantity >= 10所"], ["quantity >= 2000张"]]);
    // The one remark ("含技改项目") is not kept by a task, and the preview says so.
    expect(ctx.warnings).toEqual([{ line: null, message: "表格“重点任务”中“备注”列(1行有内容)未导入(任务不保存备注)" }]);
  });

  it("numbers restarting per section under one leader are told apart by their section", () => {
    const oneLeader: SourceTable = { name: "表格1", rows: SHEET.rows.map((r, i) => (i === 6 ? r.map((c) => (c === "李军" ? "" : c)) : r)) };
    const tasks = parseHeaderTable(oneLeader, new ParseContext("x.docx", [], null)).tasks;
    expect(tasks.map((t) => [t.leader, t.number])).toEqual([
      ["张斌", "1-1"],
      ["张斌", "1-2"],
      ["张斌", "2-1"],
      ["张斌", "2-2"],
    ]);
  });
});

describe("a progress table saved as tab-separated text", () => {
  const text = PROGRESS_TSV;

  it("is no longer refused: its tasks, leads, targets and progress are read as the 000 table's are", () => {
    expect(detectFormat("进度.tsv", text)).toBe("header-table");
    const result = parseDocument("进度.tsv", text);
    expect(result.plan).toMatchObject({
      year: 2025,
      government: "平湖市",
      title: "平湖市2025年政府工作报告重点工作",
      leadConvention: "star",
      period: { year: 2025, quarter: 1 },
      format: "header-table",
    });
    expect(result.tasks.map((t) => [t.leader, t.number, t.text, units(t), targets(t)])).toEqual([
      ["周军波", "1", "地区生产总值增长6%左右", ["★发改局", "统计局"], ["growth ~ 6%"]],
      ["周军波", "2", "新增规上工业企业200家", ["★经信局"], ["quantity >= 200家"]],
      ["张斌", "1", "新建学校5所", ["教育局", "★建设局"], ["quantity >= 5所"]],
    ]);
    expect(result.tasks.map((t) => t.progress)).toEqual([
      [
        { unit: "发改局", text: "一季度全市地区生产总值增长6.2%。" },
        { unit: "统计局", text: "开展季度核算。" },
      ],
      [{ unit: null, text: "新增规上工业企业51家" }],
      [{ unit: null, text: "已开工3所" }],
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe("a document of several tables", () => {
  const unknown: SourceTable = { name: "Sheet2", rows: [["项目", "金额"], ["办公用品", "1200"]] };

  it("parses every recognised table and names the one whose header it cannot read", () => {
    const second: SourceTable = { name: "Sheet3", rows: [["序号", "重点任务", "责任单位"], ["1", "新增停车位3000个", "市建设局、市公安局"]] };
    const ctx = new ParseContext("清单.xlsx", [], null);
    const out = parseTables([SHEET, unknown, second], ctx);
    expect(out.tasks.map((t) => [t.leader, t.number, units(t)])).toEqual([
      ["张斌", "1", ["★市发展改革委", "市统计局", "市财政局"]],
      ["张斌", "2", ["★市经信局", "市商务局"]],
      ["李军", "1", ["★市教育局", "市住建局", "市自然资源和规划局"]],
      ["李军", "2", ["★市民政局"]],
      [null, "1", ["★市建设局", "市公安局"]],
    ]);
    expect(ctx.warnings.map((w) => w.message)).toEqual(["表格“重点任务”中“备注”列(1行有内容)未导入(任务不保存备注)", "表格“Sheet2”的表头无法识别,已跳过"]);
  });

  it("refuses a document none of whose tables it can read, naming them", () => {
    const ctx = new ParseContext("x.xlsx", [], null);
    expect(() => parseTables([unknown], ctx)).toThrow(ImportError);
    expect(() => parseTables([unknown], ctx)).toThrow("无法识别的文件格式:表格“Sheet2”的表头无法识别");
  });
});

describe("the new parsers read the seeds of their layouts as the seeds' own parsers do", () => {
  const seedLines = (prefix: string) => {
    const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
    return { name, content: readFileSync(join(SEEDS, name), "utf8") };
  };
  // Everything the office checks on a task but its 序号, which the new parsers make unique per leader.
  const summary = (t: ParsedTask) => [t.leader, t.section, t.text, units(t).join("、"), targets(t).join(";"), JSON.stringify(t.progress)].join("|");

  it("000 as a header-named table: the same 148 tasks, numbers, leads, targets, progress and quarter", () => {
    const { name, content } = seedLines("000");
    const own = parseDocument(name, content);
    const lines = content.split("\n");
    const ctx = new ParseContext(name, lines, null);
    const out = parseTables([tableFromLines(lines)!], ctx);
    expect(out.tasks.map((t) => `${t.number}|${summary(t)}`)).toEqual(own.tasks.map((t) => `${t.number}|${summary(t)}`));
    expect(out.plan).toEqual({ year: own.plan.year, government: own.plan.government, title: own.plan.title, kind: own.plan.kind, leadConvention: own.plan.leadConvention, period: own.plan.period });
    expect(ctx.warnings).toEqual([]);
  });

  it("003 as numbered items: the same 166 tasks, leaders, sections, leads and targets", () => {
    const { name, content } = seedLines("003");
    const own = parseDocument(name, content);
    const ctx = new ParseContext(name, content.split("\n"), null);
    const out = parseNumberedItems(ctx);
    expect(out.tasks.map(summary)).toEqual(own.tasks.map(summary));
    expect(out.leaders).toEqual(own.leaders);
    // Its livelihood part restarts each leader's numbering: told apart by the part.
    expect(out.tasks.filter((t) => t.number.startsWith("2-")).length).toBe(own.tasks.filter((t) => t.kind === "livelihood").length);
  });
});

describe("the responsible units of a numbered item", () => {
  it.each([
    ["增长6%左右。(市发展改革委负责)", { text: "增长6%左右。", list: "市发展改革委", leads: null, coUnits: null }],
    ["增长5%。(市财政局牵头,市税务局配合)", { text: "增长5%。", list: null, leads: "市财政局", coUnits: "市税务局" }],
    ["增长5%。(市财政局牵头、市税务局配合)", { text: "增长5%。", list: null, leads: "市财政局", coUnits: "市税务局" }],
    ["完成改造。(市住建局、市财政局等按职责分工负责)", { text: "完成改造。", list: "市住建局、市财政局", leads: null, coUnits: null }],
    ["新增学位。(市教育局负责,市财政局配合)", { text: "新增学位。", list: null, leads: "市教育局", coUnits: "市财政局" }],
    ["新增学位。责任单位:市教育局、市财政局", { text: "新增学位。", list: "市教育局、市财政局", leads: null, coUnits: null }],
    ["新增学位。(牵头单位:市教育局;配合单位:各县(市、区)政府)", { text: "新增学位。", list: null, leads: "市教育局", coUnits: "各县(市、区)政府" }],
  ])("%s", (body, expected) => {
    expect(itemUnits(body)).toMatchObject(expected);
  });

  it("a bracket that names no unit is part of the text", () => {
    expect(itemUnits("开展培训100场(含线上)。")).toBeNull();
    expect(itemUnits("建成智慧工厂(由企业负责)。")).toBeNull();
  });
});

describe("a table in traditional characters", () => {
  it("is read in simplified characters, keeping the document's wording", () => {
    const table: SourceTable = {
      name: "表格1",
      rows: [
        ["序號", "工作任務", "責任單位"],
        ["1", "新建學校5所", "教育局、財政局"],
      ],
    };
    expect(isHeaderTable(table)).toBe(true);
    const ctx = new ParseContext("x.docx", ["2025年重點工作"], null);
    const [task] = parseTables([table], ctx).tasks;
    expect([task.text, task.originalText, units(task), targets(task)]).toEqual(["新建学校5所", "新建學校5所", ["★教育局", "财政局"], ["quantity >= 5所"]]);
  });
});
