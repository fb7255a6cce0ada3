import { describe, expect, it } from "vitest";
import { confirmationMessage, filingWarnings, type CheckedTarget } from "@/lib/reports/checks";

const projects: CheckedTarget = { id: 1, originalText: "130个", kind: "quantity", value: 130, unit: "个" };
const investment: CheckedTarget = { id: 2, originalText: "800亿元以上", kind: "quantity", value: 8e10, unit: "元" };
const growth: CheckedTarget = { id: 3, originalText: "增长5%", kind: "growth", value: 5, unit: "%" };

describe("the findings to confirm before a submission", () => {
  it("are none for plausible figures", () => {
    expect(filingWarnings([projects, investment, growth], { 1: 113, 2: 3.5e10, 3: 6.2 }, [{ targetId: 1, quarter: 1, value: 113 }])).toEqual([]);
  });

  it("ask about a year-to-date quantity below the unit's figure of an earlier quarter, in the target's unit", () => {
    expect(filingWarnings([projects, investment], { 1: 82, 2: 2e10 }, [{ targetId: 1, quarter: 1, value: 113 }, { targetId: 2, quarter: 2, value: 3.5e10 }])).toEqual([
      "130个:累计完成82个,低于一季度已填报的113个(累计数一般不会减少)",
      "800亿元以上:累计完成200亿元,低于二季度已填报的350亿元(累计数一般不会减少)",
    ]);
  });

  it("do not ask about a rate lower than last quarter's: a growth rate is not cumulative", () => {
    expect(filingWarnings([growth], { 3: 4.1 }, [{ targetId: 3, quarter: 1, value: 11.1 }])).toEqual([]);
  });

  it("ask about a figure more than ten times its target, of any kind", () => {
    expect(filingWarnings([investment, growth], { 2: 8.1e11, 3: 51 }, [])).toEqual([
      "800亿元以上:8100亿元超过全年目标的10倍,请核对单位",
      "增长5%:51%超过全年目标的10倍,请核对单位",
    ]);
    expect(filingWarnings([investment], { 2: 8e11 }, [])).toEqual([]);
    // Against a target of zero, no figure is "ten times" it.
    expect(filingWarnings([{ ...projects, value: 0 }], { 1: 5 }, [])).toEqual([]);
  });

  it("ask about a negative count or amount, but not about a fall in a rate", () => {
    expect(filingWarnings([projects, growth], { 1: -3, 3: -5.5 }, [{ targetId: 1, quarter: 1, value: 113 }])).toEqual(["130个:累计完成-3个是负数"]);
  });

  it("name every target left without a figure, last", () => {
    expect(filingWarnings([projects, investment, growth], { 1: 1301, 2: null }, [])).toEqual([
      "130个:1301个超过全年目标的10倍,请核对单位",
      "缺少数据:800亿元以上、增长5%",
    ]);
  });

  it("are what a refused submission says", () => {
    expect(confirmationMessage(["缺少数据:6兆瓦以上", "6万千瓦:61万千瓦超过全年目标的10倍,请核对单位"])).toBe(
      "提交前请确认:缺少数据:6兆瓦以上;6万千瓦:61万千瓦超过全年目标的10倍,请核对单位",
    );
  });
});
