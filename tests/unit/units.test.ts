import { describe, expect, it } from "vitest";
import { UnitDirectory, canonicalUnitName, isUnitGroup, organisationType, unitAliasesOf } from "@/lib/units/aliases";
import { joinWrappedUnits, leadFlags, looksLikeUnitLine, splitUnitList } from "@/lib/import/unit-list";

describe("canonicalUnitName", () => {
  it.each([
    // the 市 prefix of 003 ("市财政局") goes
    ["市财政局", "财政局"],
    ["市经信局", "经信局"],
    ["市民政局", "民政局"],
    ["市总工会", "总工会"],
    ["市人民银行", "人民银行"],
    ["市自然资源和规划局", "自然资源和规划局"],
    // ... but not where 市 belongs to the name
    ["市府办", "市府办"],
    ["市政府各部门", "市政府各部门"],
    ["市属各单位", "市属各单位"],
    ["市政府直属各单位", "市政府直属各单位"],
    ["市场监管局", "市场监管局"],
    ["市市场监管局", "市场监管局"],
    ["团市委", "团市委"],
    ["市委办", "市委办"],
    // party departments written 市委…
    ["市委组织部", "组织部"],
    ["市委政法委", "政法委"],
    ["市委改革办", "改革办"],
    // county and district documents do the same with 县 / 区
    ["县财政局", "财政局"],
    ["县委组织部", "组织部"],
    ["区住建局", "住建局"],
    ["县政府办公室", "县政府办公室"],
    ["县城投集团", "县城投集团"],
    // standard abbreviations
    // within one organisation type only: a commission (委) is never filed under a bureau's (局) name
    ["市发展改革委", "发展改革委"],
    ["发改委", "发展改革委"],
    ["发展和改革委员会", "发展改革委"],
    ["发改局", "发改局"],
    ["市发改局", "发改局"],
    ["发展和改革局", "发改局"],
    ["人力社保局", "人社局"],
    ["市人力社保局", "人社局"],
    ["人力资源和社会保障局", "人社局"],
    ["市卫生健康委", "卫生健康委"],
    ["卫健委", "卫生健康委"],
    ["卫生健康局", "卫生健康局"],
    ["卫健局", "卫生健康局"],
    ["市政府办公室", "市府办"],
    ["市委社工部", "社会工作部"],
    // brackets name the same unit another way
    ["组织部(人才办)", "组织部"],
    ["组织部(人才办)", "组织部"],
    ["市委组织部(市委人才办)", "组织部"],
    ["发改局(服务业发展局)", "发改局"],
    ["供销社(农合联)", "供销社"],
    // traditional characters (004)
    ["發改局", "发改局"],
    ["組織部<人才辦>", "组织部"],
    ["自然資源和規劃局", "自然资源和规划局"],
    ["衛生健康局", "卫生健康局"],
    ["郵政管理局", "邮政管理局"],
    // stars, spaces, stray separators
    ["★财政局", "财政局"],
    [" 财 政 局 ", "财政局"],
    ["财政局、", "财政局"],
    // brackets inside a name stay
    ["各县(市、区)政府", "各县(市、区)政府"],
    ["金控(人才)集团", "金控(人才)集团"],
    ["“三改一拆”办", "“三改一拆”办"],
  ])("%s → %s", (raw, canonical) => {
    expect(canonicalUnitName(raw)).toBe(canonical);
  });
});

describe("unitAliasesOf", () => {
  it("keeps the bracketed name and the long form an abbreviation replaced", () => {
    expect(unitAliasesOf("组织部(人才办)")).toEqual(["人才办"]);
    expect(unitAliasesOf("市委组织部(市委人才办)")).toEqual(["人才办"]);
    expect(unitAliasesOf("市人力社保局")).toEqual(["人力社保局"]);
    // the built-in abbreviation of the unit's own name is recorded too
    expect(unitAliasesOf("市发展改革委")).toEqual(["发改委"]);
    expect(unitAliasesOf("市卫生健康委")).toEqual(["卫健委"]);
    expect(unitAliasesOf("发展和改革委员会")).toEqual(["发展和改革委员会", "发改委"]);
    expect(unitAliasesOf("市财政局")).toEqual([]);
    expect(unitAliasesOf("各县(市、区)政府")).toEqual([]);
  });
});

describe("UnitDirectory", () => {
  it("matches every spelling of the seeds to one record", () => {
    const dir = new UnitDirectory();
    const first = dir.resolve("发改局");
    expect(first.created).toBe(true);
    for (const raw of ["市发改局", "发展改革局", "發改局", "发改局(服务业发展局)", "★发改局"]) {
      const match = dir.resolve(raw);
      expect(match.created).toBe(false);
      expect(match.record).toBe(first.record);
    }
    expect(dir.records).toHaveLength(1);
    expect(first.record.aliases).toEqual(expect.arrayContaining(["发展改革局", "服务业发展局"]));
  });

  it("keeps a commission apart from a bureau: 市发展改革委 is a unit of its own, 发改委 its alias", () => {
    const dir = new UnitDirectory([{ name: "发改局" }]);
    const commission = dir.resolve("市发展改革委");
    expect(commission.created).toBe(true);
    expect(commission.record).toMatchObject({ name: "发展改革委", aliases: ["发改委"] });
    expect(dir.find("发改委")).toBe(commission.record);
    expect(dir.find("发展和改革委员会")).toBe(commission.record);
    expect(dir.find("发改局")?.name).toBe("发改局");
    expect(dir.find("市卫生健康委")).toBeUndefined();
  });

  it("reaches a unit through an alias learned from brackets", () => {
    const dir = new UnitDirectory();
    const org = dir.resolve("组织部(人才办)").record;
    expect(dir.find("人才办")).toBe(org);
    expect(dir.find("市委人才办")).toBe(org);
    expect(dir.find("組織部<人才辦>")).toBe(org);
    expect(dir.find("市委组织部(市委人才办)")).toBe(org);
  });

  it("keeps the name a stored unit already has", () => {
    const dir = new UnitDirectory([{ name: "人力社保局" }, { name: "市府办", aliases: ["市外事办"] }]);
    expect(dir.find("市人力资源和社会保障局")?.name).toBe("人力社保局");
    expect(dir.find("人社局")?.name).toBe("人力社保局");
    expect(dir.find("市政府办公室")?.name).toBe("市府办");
    expect(dir.find("市外事办")?.name).toBe("市府办");
    expect(dir.find("财政局")).toBeUndefined();
  });

  it("does not let an alias point at two units", () => {
    const dir = new UnitDirectory([{ name: "网信办" }]);
    const propaganda = dir.resolve("宣传部(网信办)");
    expect(propaganda.created).toBe(true);
    expect(propaganda.record.name).toBe("宣传部");
    expect(propaganda.record.aliases).not.toContain("网信办");
    expect(dir.find("网信办")?.name).toBe("网信办");
  });

  it("clones independently", () => {
    const dir = new UnitDirectory([{ name: "财政局" }]);
    const copy = dir.clone();
    copy.resolve("税务局");
    expect(copy.find("税务局")).toBeDefined();
    expect(dir.find("税务局")).toBeUndefined();
  });
});

describe("splitUnitList", () => {
  it("splits on 、,, and ; outside brackets", () => {
    expect(splitUnitList("★财政局、税务局")).toEqual(["★财政局", "税务局"]);
    expect(splitUnitList("市政府办公室、市政府直属各单位,各县(市、区)政府")).toEqual([
      "市政府办公室",
      "市政府直属各单位",
      "各县(市、区)政府",
    ]);
    expect(splitUnitList("教育局;卫生健康局")).toEqual(["教育局", "卫生健康局"]);
  });

  it("drops the lead-unit remark of 003 and 004", () => {
    expect(splitUnitList("责任单位:市财政局、市经信局、市科技局(列第一位的为牵头或汇总单位,下同)")).toEqual([
      "市财政局",
      "市经信局",
      "市科技局",
    ]);
    expect(splitUnitList("科技局、经信局、财政局,列第一位的为牵头单位,下同")).toEqual(["科技局", "经信局", "财政局"]);
  });

  it("expands a 政府 written once for several places", () => {
    expect(splitUnitList("市科技局,南湖区、秀洲区、嘉善县政府")).toEqual(["市科技局", "南湖区政府", "秀洲区政府", "嘉善县政府"]);
    expect(splitUnitList("市发展改革委、嘉兴经济技术开发区,南湖区、秀洲区、嘉善县政府")).toEqual([
      "市发展改革委",
      "嘉兴经济技术开发区",
      "南湖区政府",
      "秀洲区政府",
      "嘉善县政府",
    ]);
  });
});

describe("wrapped unit lists (001)", () => {
  it("joins a name split across lines without a separator", () => {
    expect(joinWrappedUnits(["★农房改善办、自然资源和", "规划局、建设局、农业农村局"])).toBe("★农房改善办、自然资源和规划局、建设局、农业农村局");
  });

  it("joins after a trailing 、 and after a complete name", () => {
    expect(joinWrappedUnits(["★文旅体局、教育局、", "文旅集团"])).toBe("★文旅体局、教育局、文旅集团");
    expect(joinWrappedUnits(["★政法委、信访局、公安局", "司法局"])).toBe("★政法委、信访局、公安局、司法局");
  });

  it("tells unit lines from task text", () => {
    expect(looksLikeUnitLine("★农房改善办、自然资源和")).toBe(true);
    expect(looksLikeUnitLine("规划局、建设局、农业农村局")).toBe(true);
    expect(looksLikeUnitLine("发改局(服务业发展局)")).toBe(true);
    expect(looksLikeUnitLine("“三改一拆”办")).toBe(true);
    expect(looksLikeUnitLine("新增保障性租赁住房1300套。")).toBe(false);
    expect(looksLikeUnitLine("交通安全星光工程项目")).toBe(false);
    expect(looksLikeUnitLine("统筹抓好林长制")).toBe(false);
  });
});

describe("leadFlags", () => {
  it("star: starred units lead", () => {
    expect(leadFlags(["★财政局", "税务局"], "star")).toEqual([true, false]);
  });
  it("star: without a star every listed unit leads", () => {
    expect(leadFlags(["发改局", "农业农村局"], "star")).toEqual([true, true]);
    expect(leadFlags(["发改局"], "star")).toEqual([true]);
  });
  it("first listed: the first unit leads", () => {
    expect(leadFlags(["市财政局", "市经信局", "市科技局"], "first_listed")).toEqual([true, false, false]);
    expect(leadFlags(["市财政局"], "first_listed")).toEqual([true]);
  });
});

describe("organisation types", () => {
  it("never maps a name to one of another type", () => {
    for (const [raw, canonical] of [
      ["市发展改革委", "发展改革委"],
      ["发展和改革委员会", "发展改革委"],
      ["卫生健康委员会", "卫生健康委"],
      ["发展和改革局", "发改局"],
      ["市政府办公室", "市府办"],
      ["人力资源和社会保障局", "人社局"],
    ]) {
      expect(canonicalUnitName(raw)).toBe(canonical);
      expect(organisationType(raw)).toBe(organisationType(canonical));
    }
    expect(organisationType("发展改革委")).not.toBe(organisationType("发改局"));
  });
});

describe("isUnitGroup", () => {
  it.each(["各镇街道", "各镇(街道)", "市政府各部门", "各县(市、区)政府", "各县(市)政府", "市属各单位", "市政府直属各单位", "平安建设领导小组成员单位", "市级有关部门", "★各镇街道"])(
    "%s is a group",
    (name) => expect(isUnitGroup(name)).toBe(true),
  );
  it.each(["发改局", "发展改革委", "南湖区政府", "当湖街道", "新仓镇", "九龙山管委会", "平湖经济技术开发区", "政法委", "“三改一拆”办"])("%s is a unit", (name) =>
    expect(isUnitGroup(name)).toBe(false),
  );
});
