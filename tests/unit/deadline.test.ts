import { describe, expect, it } from "vitest";
import { expectedFigure, expectedShare, targetProgress, taskProgress } from "@/lib/progress";
import { describeDeadline, dueDateOf, dueDateValue, readDeadline } from "@/lib/progress/deadline";

const due = (iso: string) => dueDateValue(iso);
const cst = (local: string) => new Date(`${local}:00+08:00`);

describe("readDeadline: 完成时限 as the date it is due by", () => {
  it.each([
    ["6月底前", "2025-06-30"],
    ["6月底", "2025-06-30"],
    ["６月底前", "2025-06-30"], // full-width digits
    ["六月底前", "2025-06-30"],
    ["年底前", "2025-12-31"],
    ["12月底", "2025-12-31"],
    ["十二月底前", "2025-12-31"],
    ["2025年9月", "2025-09-30"],
    ["2025年底前", "2025-12-31"],
    ["2025年", "2025-12-31"],
    ["三季度", "2025-09-30"],
    ["第三季度", "2025-09-30"],
    ["一季度末", "2025-03-31"],
    ["Q2", "2025-06-30"],
    ["上半年", "2025-06-30"],
    ["下半年", "2025-12-31"],
    ["年内完成", "2025-12-31"],
    ["6月15日前", "2025-06-15"],
    ["2月", "2025-02-28"], // the month's own last day
    ["3月-6月", "2025-06-30"], // a range is due at its end
    ["2025年6月至12月", "2025-12-31"],
    ["2026年3月", "2026-03-31"],
  ])("%s → %s", (text, date) => {
    expect(readDeadline(text, 2025)).toEqual({ kind: "date", dueOn: date });
  });

  it("takes a deadline without a year in the plan's year (29 February only in a leap year)", () => {
    expect(readDeadline("2月底", 2024)).toEqual({ kind: "date", dueOn: "2024-02-29" });
    expect(readDeadline("6月底前", 2026)).toEqual({ kind: "date", dueOn: "2026-06-30" });
  });

  it("reads ongoing wording as no date, and words without a date as unknown", () => {
    expect(readDeadline("长期坚持", 2025)).toEqual({ kind: "ongoing" });
    expect(readDeadline("持续推进", 2025)).toEqual({ kind: "ongoing" });
    expect(readDeadline("尽快", 2025)).toEqual({ kind: "unknown" });
    expect(readDeadline("13月", 2025)).toEqual({ kind: "unknown" });
    expect(readDeadline("", 2025)).toEqual({ kind: "unknown" });
  });
});

describe("dueDateOf: the due date 序时进度 uses, with the preview's warning", () => {
  it("uses a date within the plan's year", () => {
    expect(dueDateOf("6月底前", 2025)).toEqual({ dueOn: "2025-06-30", warning: null });
    expect(dueDateOf(null, 2025)).toEqual({ dueOn: null, warning: null });
    expect(dueDateOf("长期坚持", 2025)).toEqual({ dueOn: null, warning: null });
  });

  it("names a deadline it cannot use: unread, after the plan's year or before it", () => {
    expect(dueDateOf("尽快", 2025)).toEqual({ dueOn: null, warning: "完成时限“尽快”未能识别为日期,序时进度按年底计,请核对" });
    expect(dueDateOf("2026年底前", 2025).dueOn).toBeNull();
    expect(dueDateOf("2026年底前", 2025).warning).toContain("在2025年之后");
    expect(dueDateOf("2024年9月", 2025).dueOn).toBeNull();
    expect(dueDateOf("2024年9月", 2025).warning).toContain("早于计划年度");
  });

  it("shows the deadline with the date it is judged by", () => {
    expect(describeDeadline("6月底前", due("2025-06-30"))).toBe("6月底前(6月30日)");
    expect(describeDeadline("尽快", null)).toBe("尽快(序时进度按年底计)");
    expect(describeDeadline(null, null)).toBeNull();
  });
});

describe("序时进度 with a deadline", () => {
  it("expects a task due at the end of June whole at Q2's end, half at Q1's", () => {
    expect([1, 2, 3, 4].map((q) => expectedShare(q as 1 | 2 | 3 | 4, due("2025-06-30")))).toEqual([0.5, 1, 1, 1]);
    expect([1, 2, 3, 4].map((q) => expectedShare(q as 1 | 2 | 3 | 4, due("2025-09-30")))).toEqual([1 / 3, 2 / 3, 1, 1]);
    expect(expectedShare(1, due("2025-03-31"))).toBe(1);
    // 15 June is 5.5 months in: Q1 is 3 / 5.5.
    expect(expectedShare(1, due("2025-06-15"))).toBeCloseTo(3 / 5.5, 9);
  });

  it("is the year end as before without a deadline, or with one at the year end", () => {
    expect([1, 2, 3, 4].map((q) => expectedShare(q as 1 | 2 | 3 | 4, null))).toEqual([0.25, 0.5, 0.75, 1]);
    expect([1, 2, 3, 4].map((q) => expectedShare(q as 1 | 2 | 3 | 4, due("2025-12-31")))).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it("runs by day to the due date when judged on a date", () => {
    expect(expectedShare(cst("2025-03-31T12:00"), due("2025-06-30"))).toBeCloseTo(90 / 181, 9);
    expect(expectedShare(cst("2025-06-30T12:00"), due("2025-06-30"))).toBe(1);
    expect(expectedShare(cst("2025-08-01T12:00"), due("2025-06-30"))).toBe(1);
    expect(expectedShare({ year: 2025, date: cst("2024-12-20T10:00") }, due("2025-06-30"))).toBe(0);
  });

  it("expects the pro-rata figure by the due date", () => {
    const investment = { kind: "quantity", comparator: "gte", value: 1200, unit: "亿元" } as const;
    expect(expectedFigure(investment, 1, due("2025-06-30"))).toBe(600);
    expect(expectedFigure(investment, 2, due("2025-06-30"))).toBe(1200);
    expect(expectedFigure(investment, 1)).toBe(300);
  });

  it("judges a quantity short of its target at its due date 慢于序时, though on pace for the year", () => {
    const parks = { kind: "quantity", comparator: "gte", value: 20, unit: "个" } as const;
    expect(targetProgress(parks, 15, 2).status).toBe("ahead"); // 75 % against 50 %
    expect(targetProgress(parks, 15, 2, { due: due("2025-06-30") })).toMatchObject({
      status: "behind",
      expectedShare: 1,
      reason: "完成15个,目标≥20个,完成率75%,序时进度100%",
    });
    expect(targetProgress(parks, 10, 1, { due: due("2025-06-30") })).toMatchObject({ status: "on_track", expectedShare: 0.5 });
    expect(targetProgress(parks, 20, 2, { due: due("2025-06-30") }).status).toBe("completed");
  });

  it("judges a growth target met by its due date 已完成", () => {
    const growth = { kind: "growth", comparator: "gte", value: 5, unit: "%" } as const;
    expect(targetProgress(growth, 5.2, 2).status).toBe("on_track");
    expect(targetProgress(growth, 5.2, 2, { due: due("2025-06-30") }).status).toBe("completed");
  });

  it("judges a qualitative task still under way past its deadline 慢于序时, and not before it", () => {
    expect(taskProgress([], "in_progress", 2, { due: due("2025-06-30") })).toMatchObject({ status: "behind", reason: "定性任务,单位填报:推进中,已到完成时限" });
    expect(taskProgress([], "in_progress", 1, { due: due("2025-06-30") }).status).toBe("in_progress");
    expect(taskProgress([], "completed", 2, { due: due("2025-06-30") }).status).toBe("completed");
    expect(taskProgress([], null, 2, { due: due("2025-06-30") }).status).toBe("not_filed");
    // Without a deadline the unit's own word stands, at the year end too.
    expect(taskProgress([], "in_progress", 4).status).toBe("in_progress");
  });
});
