import { describe, expect, it } from "vitest";
import { behindFindings, behindMessage, missingReasons, type BehindCheck, type BehindTarget } from "@/lib/reports/behind";
import { reportText } from "@/lib/quarterly/text";

const solar: BehindTarget = { id: 1, originalText: "新增光伏装机6万千瓦", kind: "quantity", comparator: "gte", value: 60000, unit: "千瓦" };
const revenue: BehindTarget = { id: 2, originalText: "一般公共预算收入增长2.5%", kind: "growth", comparator: "gte", value: 2.5, unit: "%" };
const lead = (targets: BehindTarget[], quarter: BehindCheck["quarter"] = 2, dueOn: Date | null = null): BehindCheck => ({ targets, dueOn, leads: true, quarter });

describe("whether a filing is behind (慢于序时), by the dashboard's rule", () => {
  it("names a quantity below its share of the year, with its 序时进度", () => {
    // 1万 of 6万千瓦 after Q2: 16.7 % done, 50 % expected.
    expect(behindFindings(lead([solar]), { figures: { 1: 10000 }, qualitativeStatus: null })).toEqual([
      "新增光伏装机6万千瓦:完成1万千瓦,目标≥6万千瓦,完成率16.7%,序时进度50%",
    ]);
  });

  it("finds nothing for a figure on track or ahead, nor for a target without a figure", () => {
    expect(behindFindings(lead([solar]), { figures: { 1: 30000 }, qualitativeStatus: null })).toEqual([]);
    expect(behindFindings(lead([solar, revenue]), { figures: { 1: null }, qualitativeStatus: null })).toEqual([]);
  });

  it("judges a growth rate directly, naming only the targets behind", () => {
    expect(behindFindings(lead([solar, revenue]), { figures: { 1: 40000, 2: 1.9 }, qualitativeStatus: null })).toEqual(["一般公共预算收入增长2.5%:增长1.9%,目标≥2.5%"]);
  });

  it("judges by the task's deadline: due in June, half the target after Q1 is on track, after Q2 it is late", () => {
    const june = new Date("2025-06-30T00:00:00Z");
    expect(behindFindings(lead([solar], 1, june), { figures: { 1: 30000 }, qualitativeStatus: null })).toEqual([]);
    expect(behindFindings(lead([solar], 2, june), { figures: { 1: 30000 }, qualitativeStatus: null })).toHaveLength(1);
  });

  it("holds a qualitative task still 推进中 past its deadline behind, and not before it or without one", () => {
    const june = new Date("2025-06-30T00:00:00Z");
    expect(behindFindings(lead([], 2, june), { figures: {}, qualitativeStatus: "in_progress" })).toEqual(["定性任务,单位填报:推进中,已到完成时限(6月30日)"]);
    expect(behindFindings(lead([], 2, june), { figures: {}, qualitativeStatus: "completed" })).toEqual([]);
    expect(behindFindings(lead([], 1, june), { figures: {}, qualitativeStatus: "in_progress" })).toEqual([]);
    expect(behindFindings(lead([], 2), { figures: {}, qualitativeStatus: "not_started" })).toEqual([]);
  });

  it("does not hold a co-unit's input against the year's target: only a lead unit's figure is the task's", () => {
    expect(behindFindings({ ...lead([solar]), leads: false }, { figures: { 1: 10000 }, qualitativeStatus: null })).toEqual([]);
  });
});

describe("the reasons a submission behind needs", () => {
  const findings = ["新增光伏装机6万千瓦:…"];

  it("asks for both 存在问题 and 下一步措施, each on its own field", () => {
    expect(missingReasons(findings, { problems: "", nextSteps: " " })).toEqual({
      problems: ["慢于序时,提交前请填写存在问题"],
      nextSteps: ["慢于序时,提交前请填写下一步措施"],
    });
    expect(missingReasons(findings, { problems: "项目并网延后", nextSteps: "" })).toEqual({ nextSteps: ["慢于序时,提交前请填写下一步措施"] });
  });

  it("asks for nothing once both are given, or when nothing is behind", () => {
    expect(missingReasons(findings, { problems: "项目并网延后", nextSteps: "督促7月底前并网" })).toBeNull();
    expect(missingReasons([], { problems: "", nextSteps: "" })).toBeNull();
  });

  it("says what is behind in the message", () => {
    expect(behindMessage(["甲", "乙"])).toBe("本季度填报慢于序时,提交前请填写存在问题和下一步措施。甲;乙");
  });
});

describe("a report's text in the quarterly table", () => {
  it("is the narrative followed by the reasons given, each a sentence", () => {
    expect(reportText({ narrative: "新增光伏装机1万千瓦", problems: "组件到货延迟", nextSteps: "督促7月底前并网。" })).toBe(
      "新增光伏装机1万千瓦。存在问题:组件到货延迟。下一步措施:督促7月底前并网。",
    );
    expect(reportText({ narrative: "新增光伏装机1万千瓦。", problems: "", nextSteps: "加快推进" })).toBe("新增光伏装机1万千瓦。下一步措施:加快推进");
  });

  it("is the narrative alone where the report gives no reasons", () => {
    expect(reportText({ narrative: " 完成37.58亿元。 ", problems: "", nextSteps: "" })).toBe("完成37.58亿元。");
  });
});
