import { describe, expect, it } from "vitest";
import { cstMidnight, defaultPeriodSchedule, nextQuarter, periodDays, periodFormDays, quarterName } from "@/lib/periods/quarters";

describe("a quarter's default filing dates", () => {
  it("open the day after the quarter ends and are due on the 15th of that month, end of day (Pinghu's Q2 2025: 2025-07-15)", () => {
    expect(defaultPeriodSchedule(2025, 2)).toEqual({ opensAt: cstMidnight(2025, 7, 1), dueAt: cstMidnight(2025, 7, 16) });
    expect(periodDays({ quarter: 2, ...defaultPeriodSchedule(2025, 2) })).toEqual({ quarter: 2, opensOn: "2025-07-01", dueOn: "2025-07-15" });
    expect(periodDays({ quarter: 1, ...defaultPeriodSchedule(2025, 1) })).toEqual({ quarter: 1, opensOn: "2025-04-01", dueOn: "2025-04-15" });
  });

  it("fall in January of the next year for the fourth quarter", () => {
    expect(periodDays({ quarter: 4, ...defaultPeriodSchedule(2024, 4) })).toEqual({ quarter: 4, opensOn: "2025-01-01", dueOn: "2025-01-15" });
  });
});

describe("the quarter the 填报期 form offers for a plan", () => {
  it("is the quarter after the plan's latest period, the first quarter for a plan without any", () => {
    expect(nextQuarter([])).toBe(1);
    expect(nextQuarter([{ quarter: 1 }])).toBe(2);
    expect(nextQuarter([{ quarter: 1 }, { quarter: 2 }])).toBe(3);
    // A quarter the office skipped stays skipped: the next one is after the latest.
    expect(nextQuarter([{ quarter: 2 }])).toBe(3);
  });

  it("is the first quarter still without a period once the fourth is open, and the fourth when all are", () => {
    expect(nextQuarter([{ quarter: 1 }, { quarter: 4 }])).toBe(2);
    expect(nextQuarter([1, 2, 3, 4].map((quarter) => ({ quarter })))).toBe(4);
  });

  it("comes with the default dates of the plan's year, or the period's own dates where the quarter is open", () => {
    const opened = { quarter: 1, opensOn: "2025-03-20", dueOn: "2025-04-10" };
    expect(periodFormDays({ year: 2025, periods: [opened] })).toEqual({ quarter: 2, opensOn: "2025-07-01", dueOn: "2025-07-15" });
    expect(periodFormDays({ year: 2024, periods: [] })).toEqual({ quarter: 1, opensOn: "2024-04-01", dueOn: "2024-04-15" });
    expect(periodFormDays({ year: 2025, periods: [opened] }, 1)).toEqual(opened);
    expect(periodFormDays({ year: 2025, periods: [opened] }, 3)).toEqual({ quarter: 3, opensOn: "2025-10-01", dueOn: "2025-10-15" });
  });
});

describe("a quarter's name", () => {
  it("is written as people write it, and a number outside 1–4 still reads as a quarter", () => {
    expect([1, 2, 3, 4].map(quarterName)).toEqual(["一季度", "二季度", "三季度", "四季度"]);
    expect(quarterName(5)).toBe("第5季度");
  });
});
