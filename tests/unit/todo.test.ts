import { describe, expect, it } from "vitest";
import { filingPeriodFor, needOf } from "@/lib/tasks/todo";

const day = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const q2 = { id: 2, quarter: 2, dueAt: day("2025-07-16") };
const q3 = { id: 3, quarter: 3, dueAt: day("2025-10-16") };

describe("what a task needs from the unit in a quarter", () => {
  it("is returned while a sent-back report is reworked, until it is submitted again", () => {
    expect(needOf({ state: "returned", reviewComment: "请补充" })).toBe("returned");
    expect(needOf({ state: "draft", reviewComment: "请补充" })).toBe("returned");
    expect(needOf({ state: "submitted", reviewComment: null })).toBe("filed");
    expect(needOf({ state: "draft", reviewComment: null })).toBe("to_file");
    expect(needOf(null)).toBe("to_file");
    for (const state of ["approved", "published"] as const) expect(needOf({ state, reviewComment: "好" })).toBe("filed");
  });
});

describe("the quarter a task page opens for filing", () => {
  it("is the one whose report was returned, even when a later one is still to file", () => {
    const reports = new Map([[2, { state: "returned" as const, reviewComment: "请补充" }]]);
    expect(filingPeriodFor([q3, q2], (period) => reports.get(period.id) ?? null)).toBe(q2);
    const laterReturned = new Map([[3, { state: "returned" as const, reviewComment: "请补充" }]]);
    expect(filingPeriodFor([q2, q3], (period) => laterReturned.get(period.id) ?? null)).toBe(q3);
  });

  it("else the one due soonest that still needs a report, else the latest", () => {
    expect(filingPeriodFor([q3, q2], () => null)).toBe(q2);
    const filedQ2 = new Map([[2, { state: "submitted" as const, reviewComment: null }]]);
    expect(filingPeriodFor([q2, q3], (period) => filedQ2.get(period.id) ?? null)).toBe(q3);
    const allFiled = { state: "approved" as const, reviewComment: null };
    expect(filingPeriodFor([q3, q2], () => allFiled)).toBe(q3);
    expect(filingPeriodFor([], () => null)).toBeUndefined();
  });
});
