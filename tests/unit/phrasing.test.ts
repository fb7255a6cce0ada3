import { describe, expect, it } from "vitest";
import { expectedFigure, targetProgress } from "@/lib/progress";
import { describeActual, describeProgress, describeTarget, formatPercent, formatQuantity } from "@/lib/reporting/phrasing";

/** One phrasing of targets and figures, shared by every page, export and reason. */
describe("formatQuantity", () => {
  it.each([
    [60000, "千瓦", "6万千瓦"],
    [2e10, "元", "200亿元"],
    [1265, "套", "1265套"],
    [34800, "吨标准煤", "3.48万吨标准煤"],
    // A unit that already carries its multiplier is never scaled again.
    [30000, "万元", "30000万元"],
    [1.5, "亿美元", "1.5亿美元"],
    [12000, "元/辆", "12000元/辆"],
    [2.5, "%", "2.5%"],
    [0.4, "个百分点", "0.4个百分点"],
    [-5.5, "%", "-5.5%"],
    [1 / 3, "万元", "0.3333万元"],
  ])("%d %s → %s", (value, unit, text) => {
    expect(formatQuantity(value, unit)).toBe(text);
  });

  it("reads the same in a reason as in a figure beside it", () => {
    const target = { kind: "quantity", comparator: "gte", value: 30000, unit: "万元" } as const;
    expect(targetProgress(target, 12000, 2).reason).toBe("完成12000万元,目标≥30000万元,完成率40%,序时进度50%");
    expect(describeTarget(target)).toBe("≥30000万元");
  });
});

describe("formatPercent", () => {
  it.each([
    [0.25, "25%"],
    [0.13, "13%"],
    [1.265, "126.5%"],
    // Half up, the same wherever a share is shown: 0.0555 is 5.6 % in a reason and on the dashboard.
    [0.0555, "5.6%"],
    // The decimal figure is rounded, not its binary approximation: 1.45 / 100 is stored as 0.0144999…
    [1.45 / 100, "1.5%"],
    [5.55 / 100, "5.6%"],
    [0.1445, "14.5%"],
    [91 / 365 + 90 / 365, "49.6%"],
    [0, "0%"],
    [-0.0555, "-5.6%"],
  ])("%d → %s", (share, text) => {
    expect(formatPercent(share)).toBe(text);
  });

  it("is the share a reason gives", () => {
    expect(targetProgress({ kind: "quantity", comparator: "gte", value: 1000, unit: "套" }, 55.5, 1).reason).toContain("完成率5.6%");
    // 水利局 filed 5.55亩 of 100亩 (seed 000, 张斌 9).
    expect(targetProgress({ kind: "quantity", comparator: "gte", value: 100, unit: "亩" }, 5.55, 1).reason).toBe("完成5.55亩,目标≥100亩,完成率5.6%,序时进度25%");
    expect(targetProgress({ kind: "quantity", comparator: "gte", value: 100, unit: "亩" }, 1.45, 1).reason).toContain("完成率1.5%");
  });
});

describe("describeProgress", () => {
  it("writes a status with its reason, as the dashboard and the task page show it", () => {
    expect(describeProgress(targetProgress({ kind: "growth", comparator: "gte", value: 2.5, unit: "%" }, 1.9, 1))).toBe("慢于序时:增长1.9%,目标≥2.5%");
    expect(describeProgress(targetProgress({ kind: "quantity", comparator: "gte", value: 8e10, unit: "元" }, null, 1, { filed: true }))).toBe(
      "已填报,缺少数据:未填数据,目标≥800亿元",
    );
  });
});

describe("describeTarget and describeActual", () => {
  it.each([
    [{ kind: "growth", comparator: "gte", value: 2.5, unit: "%" }, "增长≥2.5%"],
    [{ kind: "growth", comparator: "approx", value: 6, unit: "%" }, "增长6%左右"],
    [{ kind: "decrease", comparator: "gte", value: 3, unit: "%" }, "下降≥3%"],
    [{ kind: "level", comparator: "lte", value: 26, unit: "微克/立方米" }, "≤26微克/立方米"],
    [{ kind: "quantity", comparator: "eq", value: 130, unit: "个" }, "130个"],
    [{ kind: "quantity", comparator: "gt", value: 30, unit: "家" }, ">30家"],
  ] as const)("%o → %s", (target, text) => {
    expect(describeTarget(target)).toBe(text);
  });

  it("says which way a rate went", () => {
    const growth = { kind: "growth", comparator: "gte", value: 6, unit: "%" } as const;
    expect(describeActual(growth, -5.5)).toEqual({ text: "下降5.5%", reversed: true });
    expect(describeActual({ kind: "quantity", comparator: "lte", value: 15, unit: "项" }, 18)).toEqual({ text: "实际18项", reversed: false });
  });
});

describe("expectedFigure", () => {
  it("is the pro-rata share of a quantity to reach, and the target itself otherwise", () => {
    expect(expectedFigure({ kind: "quantity", comparator: "gte", value: 60000, unit: "千瓦" }, 1)).toBe(15000);
    expect(expectedFigure({ kind: "growth", comparator: "gte", value: 2.5, unit: "%" }, 1)).toBe(2.5);
    expect(expectedFigure({ kind: "quantity", comparator: "lte", value: 15, unit: "项" }, 2)).toBe(15);
    // No share of a target of zero or less (rule 6): a corrected target of -4 stays -4, not -1.
    expect(expectedFigure({ kind: "quantity", comparator: "gte", value: -4, unit: "个" }, 1)).toBe(-4);
  });
});
