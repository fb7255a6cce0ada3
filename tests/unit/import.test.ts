import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LEAD_CHOICE_REQUIRED, detectFormat, leadChoiceMissing, parseDocument, type LeadChoice, type ParseResult, type ParsedTask } from "@/lib/import";
import { progressTableSubject } from "@/lib/import/pipe-table";
import { UnitDirectory } from "@/lib/units/aliases";

const SEEDS = join(__dirname, "../../seeds");

function seed(prefix: string): { name: string; content: string } {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  return { name, content: readFileSync(join(SEEDS, name), "utf8") };
}

function parseSeed(prefix: string, units?: UnitDirectory): ParseResult {
  const { name, content } = seed(prefix);
  return parseDocument(name, content, units);
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function task(result: ParseResult, where: Partial<ParsedTask>): ParsedTask {
  const found = result.tasks.filter((t) => Object.entries(where).every(([k, v]) => t[k as keyof ParsedTask] === v));
  expect(found).toHaveLength(1);
  return found[0];
}

const units = (t: ParsedTask) => t.units.map((u) => ({ name: u.name, lead: u.lead }));

describe("format detection uses the content, not the file name", () => {
  it.each([
    ["000", "pipe-table"],
    ["001", "cell-lines"],
    ["002", "work-report"],
    ["003", "leader-headings"],
    ["004", "policy-list"],
  ])("%s is %s", (prefix, format) => {
    expect(detectFormat("upload.txt", seed(prefix).content)).toBe(format);
  });
});

describe("000 quarterly progress table", () => {
  const result = parseSeed("000");

  it("holds 148 tasks under 7 leaders", () => {
    expect(result.tasks).toHaveLength(148);
    expect(result.leaders.map((l) => l.name)).toEqual(["周军波", "张斌", "宋怡玲", "周启程", "金一", "陈之超", "管立松"]);
    expect(countBy(result.tasks, (t) => t.leader!)).toEqual({
      周军波: 4,
      张斌: 25,
      宋怡玲: 15,
      周启程: 11,
      金一: 66,
      陈之超: 19,
      管立松: 8,
    });
    expect(result.tasks.every((t) => t.kind === "key" && t.parent === null)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it("describes the plan as Pinghu's 2025 key tasks, with this table as their Q1 progress", () => {
    expect(result.plan).toMatchObject({
      year: 2025,
      government: "平湖市",
      // The plan is named after what the table reports on, not after the quarter: Q2's pages must not say 一季度.
      title: "2025年政府工作报告重点工作",
      kind: "key_tasks",
      leadConvention: "star",
      period: { year: 2025, quarter: 1 },
      format: "pipe-table",
    });
  });

  it("names the plan of a titled table after its subject, whatever the quarter", () => {
    const table = (title: string, quarterHeader: string) =>
      parseDocument("q.txt", `${title}\n分管市长 | 序号 | 主要工作任务 | ${quarterHeader} | 责任单位 |\n张斌 | 1 | 固定资产投资增长5%。 | 1-6月增长6%。 | ★发改局 |\n`).plan;
    expect(table("平湖市2025年政府工作报告重点工作二季度完成情况", "二季度完成情况")).toMatchObject({ title: "平湖市2025年政府工作报告重点工作", period: { quarter: 2 } });
    expect(table("2025年市政府重点工作1-9月推进情况表", "1-9月进展")).toMatchObject({ title: "2025年市政府重点工作", period: { quarter: 3 } });
    expect(table("2025年政府工作报告重点工作第一季度落实情况汇总表", "完成情况")).toMatchObject({ title: "2025年政府工作报告重点工作" });
    expect(progressTableSubject("2025年政府工作报告重点工作")).toBe("2025年政府工作报告重点工作");
  });

  it("numbers restart per leader and lines point into the file", () => {
    const t = task(result, { leader: "张斌", number: "1" });
    expect(t.line).toBe(6);
    expect(t.text).toBe("固定资产投资增长5%。");
    expect(t.targets.some((x) => x.value === 5)).toBe(true);
  });

  it("a ★ unit leads, the others co-operate", () => {
    const t = task(result, { leader: "周军波", number: "1" });
    expect(units(t)).toEqual([
      { name: "财政局", lead: true },
      { name: "税务局", lead: false },
    ]);
  });

  it("several units without a star all lead", () => {
    expect(units(task(result, { leader: "宋怡玲", number: "2" }))).toEqual([
      { name: "教育局", lead: true },
      { name: "卫生健康局", lead: true },
    ]);
  });

  it("splits a progress cell on unit-name prefixes", () => {
    const t = task(result, { leader: "金一", number: "11" });
    expect(t.progress.map((p) => p.unit)).toEqual(["发改局", "金融发展中心"]);
    expect(t.progress[0].text).toMatch(/^完善支持小微企业融资协调工作机制/);
    expect(t.progress[1].text).toMatch(/^截至2月末,嘉兴融担公司/);
  });

  it("keeps an unprefixed progress cell whole, colons inside the text included", () => {
    const t = task(result, { leader: "张斌", number: "13" });
    expect(t.progress).toHaveLength(1);
    expect(t.progress[0].unit).toBeNull();
    expect(t.progress[0].text).toMatch(/^截至3月底:农房改造/);
    expect(task(result, { leader: "陈之超", number: "3" }).progress).toHaveLength(1);
  });

  it("keeps a task shared by two leaders under both", () => {
    const a = task(result, { leader: "陈之超", number: "5" });
    const b = task(result, { leader: "管立松", number: "4" });
    expect(a.text).toBe("创新“集中检查日”“企业白名单”等制度,让“无事不扰、有事必应”成为常态。");
    expect(b.text).toBe(a.text);
    expect(b.progress[0].text).not.toBe(a.progress[0].text);
    expect(task(result, { leader: "金一", number: "55" }).text).toBe(task(result, { leader: "管立松", number: "6" }).text);
  });

  it("files bracketed unit names under one record with aliases", () => {
    const t = task(result, { leader: "金一", number: "22" });
    expect(t.units[0]).toEqual({ name: "组织部", rawName: "组织部(人才办)", lead: true });
    expect(result.units.find((u) => u.name === "组织部")?.aliases).toEqual(["人才办"]);
    expect(result.units.find((u) => u.name === "人社局")?.aliases).toEqual(["人力社保局"]);
  });
});

describe("001 Pinghu 2024 breakdown notice", () => {
  const result = parseSeed("001");
  const key = result.tasks.filter((t) => t.kind === "key");
  const livelihood = result.tasks.filter((t) => t.kind === "livelihood");

  it("holds 122 key tasks and 23 livelihood sub-items under 10 projects", () => {
    expect(key).toHaveLength(122);
    expect(key.map((t) => t.number)).toEqual(Array.from({ length: 122 }, (_, i) => String(i + 1)));
    expect(livelihood).toHaveLength(23);
    expect(result.parents).toHaveLength(10);
    expect(result.parents.every((p) => p.kind === "livelihood_project")).toBe(true);
    expect(countBy(livelihood, (t) => t.parent!)).toEqual({ 1: 2, 2: 4, 3: 4, 4: 2, 5: 2, 6: 2, 7: 3, 8: 1, 9: 1, 10: 2 });
    // The web page's last line is the one part left out; the preamble, annex titles and the ★ notes are read.
    expect(result.warnings).toEqual([{ line: 953, message: "第953行未导入(表格之后的内容,不是任务):“打印本页 关闭窗口”" }]);
  });

  it("reads the plan from the notice", () => {
    expect(result.plan).toMatchObject({
      year: 2024,
      government: "平湖市",
      title: "平湖市人民政府办公室关于印发2024年政府工作报告重点工作和政府重点民生实事项目责任分解的通知",
      kind: "key_tasks",
      leadConvention: "star",
    });
    expect(result.plan.period).toBeUndefined();
    expect(result.leaders).toEqual([]);
  });

  it("a single unit leads", () => {
    const t = task(result, { kind: "key", number: "1" });
    expect(t.text).toBe("生产总值增长6%左右。");
    expect(t.line).toBe(33);
    expect(units(t)).toEqual([{ name: "发改局", lead: true }]);
  });

  it("several units without a star all lead (the note under the table)", () => {
    expect(units(task(result, { kind: "key", number: "7" }))).toEqual([
      { name: "发改局", lead: true },
      { name: "农业农村局", lead: true },
    ]);
  });

  it("joins a unit list wrapped onto the next line, even mid-name", () => {
    expect(units(task(result, { kind: "key", number: "40" }))).toEqual([
      { name: "农房改善办", lead: true },
      { name: "自然资源和规划局", lead: false },
      { name: "建设局", lead: false },
      { name: "农业农村局", lead: false },
    ]);
    expect(task(result, { kind: "key", number: "117" }).units.map((u) => u.name)).toEqual([
      "应急管理局",
      "消防救援大队",
      "建设局",
      "公安局",
      "市场监管局",
      "交通运输局",
    ]);
  });

  it("reads livelihood projects and their numbered sub-items", () => {
    expect(result.parents[0]).toMatchObject({ number: "1", title: "城市空间开发利用项目", line: 791 });
    expect(result.parents[9]).toMatchObject({ number: "10", title: "体育设施社会开放项目" });
    const sports = task(result, { kind: "livelihood", parent: "10", number: "1" });
    expect(sports.text).toBe("在全面开放校园室外运动场所的基础上,城区不少于10个校园室内体育场馆向社会开放;");
    expect(units(sports)).toEqual([
      { name: "文旅体局", lead: true },
      { name: "教育局", lead: false },
      { name: "文旅集团", lead: false },
    ]);
    // a project with one unnumbered item
    const fire = task(result, { kind: "livelihood", parent: "8" });
    expect(fire.number).toBe("1");
    expect(fire.text).toMatch(/^为23个安置小区/);
  });
});

describe("002 Pinghu 2022 work report", () => {
  const { content } = seed("002");
  const result = parseSeed("002");

  it("keeps the whole text and no tasks", () => {
    expect(result.documentText).toBe(content);
    expect(result.tasks).toEqual([]);
    expect(result.plan).toMatchObject({ year: 2022, government: "平湖市", title: "2022年嘉兴市平湖市政府工作报告", kind: "work_report" });
    expect(result.leaders).toEqual([{ name: "周军波", title: "代市长" }]);
  });

  it("reads the numbered glossary of slogans, without the site's advertising", () => {
    expect(result.glossary.map((g) => g.number)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    expect(result.glossary[1]).toMatchObject({ number: 2, term: "3510" });
    expect(result.glossary[1].explanation).toMatch(/^“35”指融入省级毗邻产城融合发展区/);
    expect(result.glossary[2]).toEqual({ number: 3, term: "田园五镇", explanation: "平湖新仓、广陈与上海金山廊下、吕巷、张堰五个镇。" });
    expect(result.glossary[0].explanation).toBe("平湖市含嘉兴港区、嘉兴电厂;平湖(管理口径)指平湖市不含嘉兴港区、嘉兴电厂。");
    // an entry continued across a page break, and one starting mid-line
    expect(result.glossary[18].explanation).toBe("《区域全面经济伙伴关系协定》,由东盟10国和中国、日本、韩国、澳大利亚、新西兰共同签署。");
    expect(result.glossary[19].term).toBe("“1512”“141”");
    expect(result.glossary[38]).toEqual({ number: 39, term: "政治三力", explanation: "政治判断力、政治领悟力、政治执行力。" });
    for (const entry of result.glossary) expect(entry.explanation).not.toMatch(/大牛工程师|资料库|政府工作报告$|- \d+ -/);
  });
});

describe("003 Jiaxing 2025 breakdown notice", () => {
  const result = parseSeed("003");
  const key = result.tasks.filter((t) => t.kind === "key");
  const livelihood = result.tasks.filter((t) => t.kind === "livelihood");

  it("holds 133 key tasks under 8 leaders and 33 livelihood items under 7", () => {
    expect(countBy(key, (t) => t.leader!)).toEqual({
      李军: 3,
      颜海荣: 40,
      齐力: 4,
      邢海华: 11,
      王慧琳: 16,
      林万乐: 14,
      戴锋: 43,
      张海燕: 2,
    });
    expect(livelihood).toHaveLength(33);
    expect(new Set(livelihood.map((t) => t.leader)).size).toBe(7);
    expect(result.parents.map((p) => p.leader)).toEqual(["颜海荣", "齐力", "邢海华", "王慧琳", "林万乐", "戴锋", "张海燕"]);
    expect(result.warnings).toEqual([]);
  });

  it("reads leaders with their titles and the plan", () => {
    expect(result.leaders.slice(0, 3)).toEqual([
      { name: "李军", title: "市长" },
      { name: "颜海荣", title: "常务副市长" },
      { name: "齐力", title: "副市长" },
    ]);
    expect(result.plan).toMatchObject({ year: 2025, government: "嘉兴市", kind: "key_tasks", leadConvention: "first_listed" });
    expect(result.plan.title).toBe("嘉兴市人民政府办公室关于印发2025年政府工作报告重点工作和政府民生实事项目责任分解的通知");
  });

  it("the first listed unit leads, 市 prefixes and remarks dropped", () => {
    const t = task(result, { kind: "key", leader: "李军", number: "1" });
    expect(t.section).toBe("李军市长牵头重点工作");
    expect(t.units).toEqual([
      { name: "财政局", rawName: "市财政局", lead: true },
      { name: "经信局", rawName: "市经信局", lead: false },
      { name: "科技局", rawName: "市科技局", lead: false },
    ]);
    // 嘉兴's 市发展改革委 is a commission: it keeps its name and is not filed under 平湖's 发改局.
    expect(units(task(result, { kind: "key", leader: "颜海荣", number: "1" }))).toEqual([{ name: "发展改革委", lead: true }]);
    expect(units(task(result, { kind: "key", leader: "李军", number: "3" }))).toEqual([
      { name: "市府办", lead: true },
      { name: "市政府直属各单位", lead: false },
      { name: "各县(市、区)政府", lead: false },
    ]);
    expect(task(result, { kind: "key", leader: "李军", number: "3" }).units.filter((u) => u.group).map((u) => u.name)).toEqual([
      "市政府直属各单位",
      "各县(市、区)政府",
    ]);
    const named = new Set(result.tasks.flatMap((t) => t.units.map((u) => u.name)));
    expect(named).toContain("卫生健康委");
    expect(named).not.toContain("发改局");
    expect(named).not.toContain("卫生健康局");
    expect(result.units.find((u) => u.name === "发展改革委")).toMatchObject({ aliases: ["发改委"], group: false });
    expect(result.units.filter((u) => u.group).map((u) => u.name).sort()).toEqual(["各县(市)政府", "各县(市、区)政府", "市政府直属各单位"].sort());
  });

  it("never makes a group lead: the first listed unit after it leads", () => {
    // 003 with its first task's list led by a group: "列第一位的为牵头" picks the first unit.
    const text = seed("003").content.replace("责任单位:市财政局、市经信局、市科技局(", "责任单位:各县(市、区)政府、市发展改革委、市财政局(");
    const parsed = parseDocument("g.txt", text);
    expect(parsed.tasks[0].units).toEqual([
      { name: "各县(市、区)政府", rawName: "各县(市、区)政府", lead: false, group: true },
      { name: "发展改革委", rawName: "市发展改革委", lead: true },
      { name: "财政局", rawName: "市财政局", lead: false },
    ]);
  });

  it("reads livelihood items with their units in parentheses", () => {
    const t = task(result, { kind: "livelihood", leader: "齐力", number: "6" });
    expect(t.parent).toBe("2");
    expect(t.text).toBe("为3万名以上学生提供“家门口”的爱心暑期托管服务。");
    expect(units(t)).toEqual([
      { name: "团市委", lead: true },
      { name: "教育局", lead: false },
    ]);
  });

  it("matches units against a directory and reports only the unknown ones", () => {
    const known = new UnitDirectory([{ name: "发改局" }, { name: "人力社保局" }]);
    const withDir = parseSeed("003", known);
    expect(withDir.newUnits).not.toContain("发改局");
    expect(withDir.newUnits).not.toContain("人社局");
    expect(withDir.newUnits).toContain("财政局");
    expect(task(withDir, { kind: "key", leader: "邢海华", number: "1" }).units[0].name).toBe("人力社保局");
    expect(known.records).toHaveLength(2); // a parse does not change the caller's directory
  });
});

describe("004 Pinghu 2025 policy package (traditional characters)", () => {
  const result = parseSeed("004");

  const annex = result.tasks.filter((t) => !t.number.startsWith("("));
  const clauses = result.tasks.filter((t) => t.number.startsWith("("));

  it("holds its 8 areas and 33 annex items", () => {
    expect(result.parents.map((p) => p.title)).toEqual([
      "推进教育科技人才一体发展",
      "加快先进制造业发展",
      "推进服务业高质量发展",
      "推进高水平交通强市建设",
      "推进高水平对外开放",
      "全力扩大有效投资",
      "推进城乡融合发展",
      "保障和改善民生",
    ]);
    // The areas are the body's headings "一、…(由科技局牵头)"; the annex rows go under the same ones.
    expect(result.parents.map((p) => p.line)).toEqual([8, 17, 27, 36, 42, 50, 56, 64]);
    expect(annex).toHaveLength(33);
    expect(result.tasks.every((t) => t.kind === "policy" && t.leader === null)).toBe(true);
    expect(countBy(annex, (t) => t.parent!)).toEqual({ 1: 4, 2: 4, 3: 4, 4: 5, 5: 4, 6: 3, 7: 4, 8: 5 });
    expect(annex.map((t) => t.number)).toEqual(Array.from({ length: 33 }, (_, i) => String(i + 1)));
  });

  it("holds the body's 50 clauses (一)…(五十), each with its units, under its area", () => {
    expect(clauses).toHaveLength(50);
    expect(clauses[0].number).toBe("(一)");
    expect(clauses[49].number).toBe("(五十)");
    expect(countBy(clauses, (t) => t.parent!)).toEqual({ 1: 7, 2: 8, 3: 7, 4: 4, 5: 6, 6: 4, 7: 6, 8: 8 });
    // No clause shares its area and number with an annex item (Task is unique per plan, scope and number).
    const keys = result.tasks.map((t) => `${t.parent}/${t.number}`);
    expect(new Set(keys).size).toBe(keys.length);

    const first = clauses[0];
    expect(first).toMatchObject({ line: 10, parent: "1", section: "平湖市推动经济高质量发展若干政策(2025年版)" });
    expect(first.text).toBe(
      "推动高能级科创平台提质增效。建立重大科创平台考核评价、支持、淘汰机制。支持创新能力突出的企业和单位牵头建设全省重点实验室,对新认定的给予每家最高200万元补助。对新认定的国家级、省级科技企业孵化器的民营企业分别给予最高150万元、100万元奖励。实施科创平台“伙伴计划”,建立“平台+高校+企业(用户)+产业链”结对合作机制,对参与国家、省重点实验室的联合共建单位分别给予最高50万元、25万元奖励。",
    );
    expect(first.originalText).toMatch(/^推動高能級科創平臺提質增效。/);
    // "(责任单位:科技局、经信局、财政局,列第一位的为牵头单位,下同)": the remark is not a unit.
    expect(units(first)).toEqual([
      { name: "科技局", lead: true },
      { name: "经信局", lead: false },
      { name: "财政局", lead: false },
    ]);
    const talent = clauses[5];
    expect(talent.number).toBe("(六)");
    expect(talent.units.map((u) => u.rawName)).toEqual(["组织部<人才办>", "科技局", "人力社保局"]);
    expect(talent.units.map((u) => u.lead)).toEqual([true, false, false]);
    const aged = clauses.find((t) => t.number === "(四十八)")!;
    expect(aged).toMatchObject({ line: 71, parent: "8" });
    expect(units(aged)).toEqual([{ name: "民政局", lead: true }]);
    expect(units(clauses[49])).toEqual([
      { name: "民政局", lead: true },
      { name: "医保局", lead: false },
      { name: "残联", lead: false },
    ]);
    expect(clauses[49].targets.map((t) => [t.cmp, t.value, t.unit])).toContainEqual([">=", 90, "人"]);
  });

  it("takes no cap or rate of support for a target: a clause of subsidies keeps only what is to be achieved", () => {
    const targetsOf = (number: string) => clauses.find((t) => t.number === number)!.targets.map((target) => target.text);
    expect(targetsOf("(十)")).toEqual(["2家"]);
    expect(targetsOf("(十三)")).toEqual(["30家", "10家"]);
    expect(targetsOf("(十六)")).toEqual([]);
    expect(targetsOf("(二十七)")).toEqual(["300家次以上", "增长25%以上"]);
    expect(targetsOf("(二十八)")).toEqual([]);
    expect(result.tasks.flatMap((t) => t.targets).filter((target) => /最高|不超过/.test(target.text))).toEqual([]);
    expect(result.tasks.flatMap((t) => t.targets)).toHaveLength(132);
  });

  it("says where the lead rule was found", () => {
    expect(result.leadRule).toEqual({ convention: "first_listed", source: "第10行:“列第一位的为牵头单位”", line: 10 });
    expect(result.leadRuleNeeded).toBe(false);
  });

  it("names every block it does not import, with why", () => {
    expect(result.warnings.map((w) => [w.line, w.message.replace(/:“.*$/, "")])).toEqual([
      [1, "第1–7行未导入(通知抬头与导语,不是任务)"],
      ...[9, 18, 28, 37, 43, 51, 57, 65].map((line) => [line, `第${line}行未导入(领域概述(资金安排与总体目标),不是条款)`]),
      [74, "第74–75行未导入(条款之后的说明,不是任务)"],
      [76, "第76–77行未导入(附件标题)"],
      [112, "第112行未导入(表格之后的内容,不是任务)"],
    ]);
    expect(result.warnings[0].message).toBe("第1–7行未导入(通知抬头与导语,不是任务):“各镇人民政府、街道办事处,平湖经济技术开发区管委…”");
  });

  it("converts to simplified characters and keeps the original", () => {
    expect(result.plan).toMatchObject({
      year: 2025,
      government: "平湖市",
      title: "平湖市推动经济高质量发展若干政策(2025年版)",
      kind: "policy_list",
      leadConvention: "first_listed",
    });
    const first = task(result, { number: "1" });
    expect(first.section).toBe("平湖市积极争取上级政策事项清单");
    expect(first.line).toBe(79);
    expect(first.text).toBe("支持开展关键核心技术攻关。支持科技领军企业联合高校、科研院所、产业链上下游企业组建创新联合体,争取省“尖兵”“领雁”科技计划项目立项2项以上。");
    expect(first.originalText).toBe("支持開展關鍵核心技術攻關。支持科技領軍企業聯合高校、科研院所、產業鏈上下游企業組建創新聯合體,爭取省“尖兵”“領雁”科技計劃項目立項2項以上。");
    expect(result.parents[0].originalTitle).toBe("推進教育科技人才一體發展");
  });

  it("takes each area's lead from the prose and the first listed unit as the item's lead", () => {
    expect(result.parents.map((p) => p.leadUnit)).toEqual(["科技局", "经信局", "发改局", "交通运输局", "商务局", "发改局", "农业农村局", "人社局"]);
    const land = task(result, { number: "22" });
    expect(land.parent).toBe("6");
    expect(units(land)).toEqual([
      { name: "发改局", lead: true },
      { name: "财政局", lead: false },
      { name: "自然资源和规划局", lead: false },
      { name: "金融发展中心", lead: false },
    ]);
    expect(land.units[0].rawName).toBe("发改局");
  });
});

describe("documents of the same kinds from other years and places", () => {
  it("a county's half-year table with a title line and empty leader cells", () => {
    const content = [
      "2024年政府工作报告重点工作上半年完成情况",
      "| 分管副县长 | 序号 | 主要工作任务 | 上半年完成情况 | 责任单位 |",
      "| 王五 | 1 | 新增城镇就业5000人以上。 | 县人力社保局:新增就业3100人。 县财政局:安排资金200万元。 | ★县人力社保局、县财政局 |",
      "|  | 2 | 统筹抓好河长制。 | 开展巡河12次。 | 县水利局 |",
      "| 赵六副县长 | 1 | 完成造林1000亩。 | 完成600亩。 | 县自然资源和规划局 |",
    ].join("\n");
    const result = parseDocument("t.txt", content);
    expect(result.plan).toMatchObject({ title: "2024年政府工作报告重点工作", year: 2024, period: { year: 2024, quarter: 2 } });
    expect(result.leaders).toEqual([
      { name: "王五", title: null },
      { name: "赵六", title: "副县长" },
    ]);
    expect(result.tasks.map((t) => `${t.leader}${t.number}`)).toEqual(["王五1", "王五2", "赵六1"]);
    expect(result.tasks[0].progress).toEqual([
      { unit: "人社局", text: "新增就业3100人。" },
      { unit: "财政局", text: "安排资金200万元。" },
    ]);
    expect(units(result.tasks[0])).toEqual([
      { name: "人社局", lead: true },
      { name: "财政局", lead: false },
    ]);
    expect(result.warnings).toEqual([{ line: null, message: "未能从文件内容确定政府名称" }]);
  });

  it("a county notice grouped by leader, with a task text wrapped over two lines", () => {
    const content = [
      "嘉善县人民政府办公室关于印发2026年政府工作报告重点工作和民生实事项目责任分解的通知",
      "2026年政府工作报告重点工作责任分解",
      "一、王五县长牵头重点工作",
      "1.推进某某工程建设,",
      "完成投资10亿元以上。",
      "责任单位:县发改局、县财政局(列第一位的为牵头或汇总单位,下同)",
      "2026年政府民生实事项目责任分解",
      "一、赵六副县长牵头事项",
      "1.新建口袋公园3个。(责任单位:县建设局、县综合执法局)",
    ].join("\n");
    const result = parseDocument("t.txt", content);
    expect(result.plan).toMatchObject({ government: "嘉善县", year: 2026, leadConvention: "first_listed" });
    const [key, livelihood] = result.tasks;
    expect(key).toMatchObject({ leader: "王五", leaderTitle: "县长", kind: "key", line: 4, text: "推进某某工程建设,完成投资10亿元以上。" });
    expect(units(key)).toEqual([
      { name: "发改局", lead: true },
      { name: "财政局", lead: false },
    ]);
    expect(livelihood).toMatchObject({ leader: "赵六", kind: "livelihood", parent: "1", text: "新建口袋公园3个。" });
    expect(result.parents).toEqual([
      { kind: "livelihood_project", number: "1", title: "赵六副县长牵头事项", originalTitle: null, line: 8, leader: "赵六", leadUnit: null },
    ]);
  });

  it("a one-cell-per-line table without the ★ note: several units all lead", () => {
    const content = ["2023年政府工作报告重点工作责任分解", "序号", "主要工作任务", "责任单位", "1", "生产总值增长5%。", "发改局、统计局", "2", "建成公园2个。", "建设局"].join("\n");
    const result = parseDocument("t.txt", content);
    expect(result.plan).toMatchObject({ title: "2023年政府工作报告重点工作责任分解", year: 2023, leadConvention: "star" });
    expect(result.tasks.map(units)).toEqual([
      [
        { name: "发改局", lead: true },
        { name: "统计局", lead: true },
      ],
      [{ name: "建设局", lead: true }],
    ]);
  });

  it("a policy list that numbers its items per area", () => {
    const content = [
      "附件",
      "争取上级政策事项清单(2026年)",
      "领域 | 争取事项 | 具体目标 | 责任单位 |",
      "一、产业发展 | 1.争取专项资金。 | 争取1亿元以上。 | 经信局、财政局 |",
      "2.争取重大项目。 | 争取3个。 | 发改局 | |",
      "二、民生保障 | 1.争取养老补助。 | 争取5000万元。 | 民政局 |",
    ].join("\n");
    const result = parseDocument("t.txt", content);
    expect(result.plan).toMatchObject({ title: "争取上级政策事项清单(2026年)", year: 2026, kind: "policy_list", leadConvention: "first_listed" });
    expect(result.parents.map((p) => `${p.number}${p.title}`)).toEqual(["1产业发展", "2民生保障"]);
    expect(result.tasks.map((t) => `${t.parent}/${t.number}`)).toEqual(["1/1", "1/2", "2/1"]);
    expect(units(result.tasks[0])).toEqual([
      { name: "经信局", lead: true },
      { name: "财政局", lead: false },
    ]);
  });
});

describe("the lead rule: read from the document, or chosen by the office", () => {
  it("names where each seed states its rule: ★ marks, a note, or the first-listed remark", () => {
    expect(parseSeed("000").leadRule).toEqual({ convention: "star", source: "第2行起:单位前的“★”标记", line: 2 });
    expect(parseSeed("001").leadRule).toEqual({ convention: "star", source: "第777行:“带“★”的为牵头单位”", line: 777 });
    expect(parseSeed("003").leadRule).toEqual({ convention: "first_listed", source: "第17行:“列第一位的为牵头或汇总单位”", line: 17 });
    // The work report lists no units: no rule, and none needed.
    expect(parseSeed("002")).toMatchObject({ leadRule: null, leadRuleNeeded: false });
    for (const prefix of ["000", "001", "003", "004"]) expect(parseSeed(prefix).leadRuleNeeded).toBe(false);
  });

  it("a choice never overrides the document's own rule", () => {
    const content = readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith("003"))!), "utf8");
    const chosen = parseDocument("003.txt", content, undefined, "all_lead");
    expect(chosen.leadChoice).toBeNull();
    expect(units(task(chosen, { leader: "李军", number: "1" })).map((u) => u.lead)).toEqual([true, false, false]);
  });

  const noRule = [
    "海盐县人民政府",
    "争取上级政策事项清单(2031年)",
    "领域 | 争取事项 | 具体目标 | 责任单位 |",
    "一、产业发展 | 1.争取专项资金。 | 争取1亿元以上。 | 经信局、财政局 |",
    "2.争取重大项目。 | 争取3个。 | 发改局 | |",
  ].join("\n");

  it("a document without a rule needs a choice; each choice reads its lists its own way", () => {
    const open = parseDocument("t.txt", noRule);
    expect(open).toMatchObject({ leadRule: null, leadChoice: null, leadRuleNeeded: true });
    expect(leadChoiceMissing(open)).toBe(LEAD_CHOICE_REQUIRED);
    const leads = (choice: LeadChoice) => {
      const result = parseDocument("t.txt", noRule, undefined, choice);
      expect(leadChoiceMissing(result)).toBeNull();
      return [result.plan.leadConvention, result.tasks.map((t) => t.units.map((u) => u.lead))];
    };
    expect(leads("first_listed")).toEqual(["first_listed", [[true, false], [true]]]);
    expect(leads("all_lead")).toEqual(["star", [[true, true], [true]]]);
    // "none" marks no lead in a list of several; a single unit still leads (DOMAIN.md), and the
    // import keeps the first listed as the one lead every task must have.
    expect(leads("none")).toEqual(["first_listed", [[false, false], [true]]]);
  });

  it("a document whose lists each name one unit needs no choice", () => {
    const single = noRule.replace("经信局、财政局", "经信局");
    expect(parseDocument("t.txt", single)).toMatchObject({ leadRule: null, leadRuleNeeded: false });
  });
});

describe("targets in full-width characters and Chinese numerals, and figures that cannot be read", () => {
  // 003 with task 团市委 12 rewritten: full-width digits, a written-out percentage and a unit the parser does not know.
  const lines = seed("003").content.split("\n");
  const at = lines.findIndex((line) => line.startsWith("12.新增青年驿站20个以上"));
  lines[at] = "12.新增青年驿站２０个以上,城镇就业增长百分之六左右,新增绿地200公顷以上。(责任单位:团市委)";
  const result = parseDocument("003.txt", lines.join("\n"));
  const task = result.tasks.find((t) => t.line === at + 1)!;

  it("reads the targets", () => {
    expect(task.targets.map(({ kind, cmp, value, unit, text }) => ({ kind, cmp, value, unit, text }))).toEqual([
      { kind: "quantity", cmp: ">=", value: 20, unit: "个", text: "20个以上" },
      { kind: "growth", cmp: "~", value: 6, unit: "%", text: "增长百分之六左右" },
    ]);
  });

  it("names the figure it could not read, on its line, and nothing else", () => {
    expect(result.warnings).toEqual([
      { line: at + 1, message: `第${at + 1}行:任务文字中有“200公顷以上”,像是数量目标,但未能识别,请核对` },
    ]);
  });
});
