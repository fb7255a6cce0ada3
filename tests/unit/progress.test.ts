import { describe, expect, it } from "vitest";
import type { Target as DbTarget } from "@/lib/generated/prisma/client";
import {
  compareProgressStatus,
  countByStatus,
  expectedShare,
  progressStatusLabels,
  progressStatusOrder,
  targetProgress,
  taskProgress,
  type ProgressStatus,
  type ProgressTarget,
  type TargetWithActual,
} from "@/lib/progress";

const t = (kind: ProgressTarget["kind"], comparator: ProgressTarget["comparator"], value: number, unit: string): ProgressTarget => ({
  kind,
  comparator,
  value,
  unit,
});
/** An instant at a wall-clock time in Asia/Shanghai (UTC+8). */
const cst = (iso: string) => new Date(`${iso}+08:00`);
const status = (target: ProgressTarget, actual: number | null, asOf: Parameters<typeof targetProgress>[2]) =>
  targetProgress(target, actual, asOf).status;

// A database row must be usable as it is.
const fromRow = (row: DbTarget, actual: number | null): TargetWithActual => ({ target: row, actual });
void fromRow;

describe("statuses", () => {
  it("labels every status in Chinese", () => {
    expect(progressStatusLabels).toEqual({
      not_filed: "未填报",
      behind: "慢于序时",
      missing_figure: "已填报,缺少数据",
      not_started: "未启动",
      in_progress: "推进中",
      on_track: "按序时",
      ahead: "超序时",
      completed: "已完成",
    });
  });

  it("orders worst first: 未填报, then 慢于序时, then 已填报,缺少数据, … 已完成 last", () => {
    expect(progressStatusOrder).toEqual(["not_filed", "behind", "missing_figure", "not_started", "in_progress", "on_track", "ahead", "completed"]);
    const shuffled: ProgressStatus[] = ["completed", "missing_figure", "on_track", "not_filed", "ahead", "behind"];
    expect(shuffled.sort(compareProgressStatus)).toEqual(["not_filed", "behind", "missing_figure", "on_track", "ahead", "completed"]);
  });

  it("counts statuses, every status present", () => {
    expect(countByStatus(["behind", "completed", "behind", "not_filed"])).toEqual({
      not_filed: 1,
      behind: 2,
      missing_figure: 0,
      not_started: 0,
      in_progress: 0,
      on_track: 0,
      ahead: 0,
      completed: 1,
    });
    expect(Object.values(countByStatus([]))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Object.keys(countByStatus([]))).toEqual(progressStatusOrder);
  });
});

describe("expectedShare", () => {
  it("is 25/50/75/100 % at the quarters' ends", () => {
    expect([1, 2, 3, 4].map((q) => expectedShare(q as 1 | 2 | 3 | 4))).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it("rejects a quarter that does not exist", () => {
    expect(() => expectedShare(5 as never)).toThrow(RangeError);
  });

  it("is pro rata by day of the Shanghai calendar, the day itself included", () => {
    expect(expectedShare(cst("2025-01-01T09:00"))).toBeCloseTo(1 / 365, 9);
    expect(expectedShare(cst("2025-03-31T12:00"))).toBeCloseTo(90 / 365, 9); // 24.7 %, not the quarter's 25 %
    expect(expectedShare(cst("2025-06-30T12:00"))).toBeCloseTo(181 / 365, 9);
    expect(expectedShare(cst("2025-11-30T12:00"))).toBeCloseTo(334 / 365, 9); // 91.5 % by day (11/12 = 91.7 % by month)
    expect(expectedShare(cst("2025-12-31T23:59"))).toBe(1);
  });

  it("counts days in a leap year", () => {
    expect(expectedShare(cst("2024-02-29T12:00"))).toBeCloseTo(60 / 366, 9);
    expect(expectedShare(cst("2024-12-31T12:00"))).toBe(1);
  });

  it("takes the day in Shanghai, not in UTC", () => {
    // 2025-03-31 23:59 in Shanghai is 15:59 UTC; 00:30 on 1 April is still 31 March in UTC.
    expect(expectedShare(new Date("2025-03-31T15:59:00Z"))).toBeCloseTo(90 / 365, 9);
    expect(expectedShare(new Date("2025-03-31T16:30:00Z"))).toBeCloseTo(91 / 365, 9);
    // New Year's Day in Shanghai while it is still 31 December in UTC: a new year (2026), day 1.
    expect(expectedShare(new Date("2025-12-31T17:00:00Z"))).toBeCloseTo(1 / 365, 9);
  });

  it("clamps a date outside the plan year to 0 % or 100 %", () => {
    expect(expectedShare({ year: 2025, date: cst("2026-01-10T10:00") })).toBe(1);
    expect(expectedShare({ year: 2025, date: cst("2024-12-20T10:00") })).toBe(0);
    expect(expectedShare({ year: 2025, date: cst("2025-03-31T10:00") })).toBeCloseTo(90 / 365, 9);
  });

  it("rejects an invalid date", () => {
    expect(() => expectedShare(new Date("not a date"))).toThrow(RangeError);
  });
});

describe("the hand-checked examples (Pinghu, Q1 2025)", () => {
  it("一般公共预算收入: growth 1.9 % against ≥ 2.5 % is 慢于序时", () => {
    expect(targetProgress(t("growth", "gte", 2.5, "%"), 1.9, 1)).toEqual({
      share: null,
      expectedShare: 0.25,
      status: "behind",
      reason: "增长1.9%,目标≥2.5%",
      basis: "direct",
    });
  });

  it("新启动公寓房建设: 1265 of ≥ 1000 套 is 已完成", () => {
    expect(targetProgress(t("quantity", "gte", 1000, "套"), 1265, 1)).toEqual({
      share: 1.265,
      expectedShare: 0.25,
      status: "completed",
      reason: "完成1265套,目标≥1000套,完成率126.5%,序时进度25%",
      basis: "pro_rata",
    });
  });

  it("新增光伏装机: 2.1万 of 6万千瓦 is 35 % against 25 %, 超序时", () => {
    const p = targetProgress(t("quantity", "gte", 60000, "千瓦"), 21000, 1);
    expect(p.share).toBeCloseTo(0.35);
    expect(p).toMatchObject({
      expectedShare: 0.25,
      status: "ahead",
      reason: "完成2.1万千瓦,目标≥6万千瓦,完成率35%,序时进度25%",
      basis: "pro_rata",
    });
  });
});

describe("quantity targets: pro rata", () => {
  const pv = t("quantity", "gte", 60000, "千瓦");

  it("is 按序时 within ±5 points of the expected share, inclusive", () => {
    expect(status(pv, 15000, 1)).toBe("on_track"); // 25 %
    expect(status(pv, 18000, 1)).toBe("on_track"); // 30 %, edge
    expect(status(pv, 12000, 1)).toBe("on_track"); // 20 %, edge
  });

  it("is 超序时 above the band and 慢于序时 below it", () => {
    expect(status(pv, 18600, 1)).toBe("ahead"); // 31 %
    expect(status(pv, 11400, 1)).toBe("behind"); // 19 %
    expect(status(pv, 27000, 3)).toBe("behind"); // 45 % where 75 % is expected
  });

  it("is 已完成 as soon as the year's target is reached, in any quarter", () => {
    expect(status(pv, 60000, 1)).toBe("completed");
    expect(status(pv, 90000, 2)).toBe("completed");
  });

  it("at the year's end, is either 已完成 or 慢于序时 — no band, no time left", () => {
    expect(status(pv, 60000, 4)).toBe("completed");
    expect(status(pv, 58200, 4)).toBe("behind"); // 97 %: within 5 points, still a miss
    expect(status(pv, 58200, cst("2025-12-31T18:00"))).toBe("behind");
  });

  it("is pro rata to a date", () => {
    // 30 June: 181/365 = 49.6 % expected.
    const june = cst("2025-06-30T12:00");
    const p = targetProgress(pv, 30000, june);
    expect(p.expectedShare).toBeCloseTo(181 / 365, 9);
    expect(p).toMatchObject({ status: "on_track", reason: "完成3万千瓦,目标≥6万千瓦,完成率50%,序时进度49.6%" });
    expect(status(pv, 21000, june)).toBe("behind"); // 35 %
    expect(status(pv, 36000, june)).toBe("ahead"); // 60 %
    // Early in the year little is expected: 10 January is 2.7 %.
    expect(status(pv, 0, cst("2025-01-10T12:00"))).toBe("on_track");
  });

  it("treats an actual of 0 as a figure, not as not filed", () => {
    expect(targetProgress(pv, 0, 1)).toMatchObject({ share: 0, status: "behind", reason: "完成0万千瓦,目标≥6万千瓦,完成率0%,序时进度25%" });
  });

  it("writes large amounts with 万 and 亿", () => {
    expect(targetProgress(t("quantity", "gte", 2e10, "元"), 6.5e9, 1).reason).toBe("完成65亿元,目标≥200亿元,完成率32.5%,序时进度25%");
  });

  it("compares a target of 0 directly: there is no share of nothing", () => {
    expect(targetProgress(t("quantity", "gte", 0, "个"), 3, 2)).toMatchObject({ share: null, status: "on_track", basis: "direct" });
  });
});

describe("comparators", () => {
  it("gte: reaching the figure meets it", () => {
    expect(status(t("quantity", "gte", 30, "家"), 30, 2)).toBe("completed");
    expect(status(t("growth", "gte", 5, "%"), 5, 4)).toBe("completed");
  });

  it("gt (超过 / 突破): the figure itself is not enough", () => {
    const firms = t("quantity", "gt", 30, "家");
    expect(status(firms, 31, 2)).toBe("completed");
    expect(status(firms, 30, 2)).toBe("ahead"); // 100 % of the figure, half the year gone, but not yet "more than 30"
    expect(status(firms, 30, 4)).toBe("behind");
    expect(status(t("growth", "gt", 5, "%"), 5, 4)).toBe("behind");
    expect(targetProgress(firms, 12, 2).reason).toBe("完成12家,目标>30家,完成率40%,序时进度50%");
  });

  it("eq: a plain figure is a goal to reach; overshooting it is no failure", () => {
    const projects = t("quantity", "eq", 130, "个");
    expect(status(projects, 130, 3)).toBe("completed");
    expect(status(projects, 150, 4)).toBe("completed");
    expect(status(projects, 65, 2)).toBe("on_track");
    expect(targetProgress(projects, 65, 2).reason).toBe("完成65个,目标130个,完成率50%,序时进度50%");
  });

  it("approx (左右): met within 5 % below the figure", () => {
    const power = t("quantity", "approx", 9.2e9, "千瓦时");
    expect(status(power, 8.74e9, 4)).toBe("completed"); // exactly 95 %
    expect(status(power, 8.7e9, 4)).toBe("behind"); // 94.6 %
    expect(status(power, 2.3e9, 1)).toBe("on_track");
    const gdp = t("growth", "approx", 6, "%");
    expect(status(gdp, 5.7, 1)).toBe("on_track");
    expect(status(gdp, 5.6, 1)).toBe("behind");
    expect(status(gdp, 6, 4)).toBe("completed");
    expect(targetProgress(gdp, 6, 1).reason).toBe("增长6%,目标6%左右");
  });

  it("lte: an upper bound is met while under or at it", () => {
    const pm25 = t("level", "lte", 26, "微克/立方米");
    expect(targetProgress(pm25, 24, 2)).toEqual({
      share: null,
      expectedShare: 0.5,
      status: "on_track",
      reason: "实际24微克/立方米,目标≤26微克/立方米",
      basis: "direct",
    });
    expect(status(pm25, 26, 2)).toBe("on_track");
    expect(status(pm25, 28, 2)).toBe("behind");
    expect(status(pm25, 25.5, 4)).toBe("completed");
    expect(status(pm25, 26.1, 4)).toBe("behind");
  });

  it("lte on a quantity is a cap, not pro rata", () => {
    const agencies = t("quantity", "lte", 15, "项");
    expect(targetProgress(agencies, 15, 1)).toMatchObject({ share: null, status: "on_track", basis: "direct" });
    expect(targetProgress(agencies, 18, 1)).toMatchObject({ status: "behind", reason: "实际18项,目标≤15项" });
  });

  it("lt: the cap itself is not under it", () => {
    const cap = t("level", "lt", 30, "微克/立方米");
    expect(status(cap, 29.9, 3)).toBe("on_track");
    expect(status(cap, 30, 3)).toBe("behind");
    expect(status(cap, 29, 4)).toBe("completed");
  });
});

describe("growth and level targets: compared directly", () => {
  const investment = t("growth", "gte", 5, "%");

  it("meeting the rate mid-year is 按序时 — not 已完成 (the year is not over) nor 超序时 (rates slip)", () => {
    expect(targetProgress(investment, 11.1, 1)).toMatchObject({ share: null, expectedShare: 0.25, status: "on_track", reason: "增长11.1%,目标≥5%" });
    expect(status(investment, 5, 3)).toBe("on_track");
    expect(status(investment, 5, cst("2025-12-30T12:00"))).toBe("on_track");
  });

  it("at the year's end meeting it is 已完成 and missing it 慢于序时", () => {
    expect(status(investment, 5.2, 4)).toBe("completed");
    expect(status(investment, 4.9, 4)).toBe("behind");
    expect(status(investment, 5.2, { year: 2025, date: cst("2026-01-12T10:00") })).toBe("completed");
  });

  it("a negative growth is a fall, and says so", () => {
    expect(targetProgress(t("growth", "gte", 6, "%"), -5.5, 1)).toMatchObject({ status: "behind", reason: "下降5.5%,目标增长≥6%" });
    // A target of decline limited to 2 %: −1.5 % meets it.
    expect(status(t("growth", "gte", -2, "%"), -1.5, 2)).toBe("on_track");
    expect(status(t("growth", "gte", -2, "%"), -2.5, 2)).toBe("behind");
  });

  it("a level is met at or above it", () => {
    const air = t("level", "gte", 90, "%");
    expect(targetProgress(air, 91, 2)).toMatchObject({ status: "on_track", reason: "实际91%,目标≥90%" });
    expect(status(air, 89, 2)).toBe("behind");
    expect(status(air, 90, 4)).toBe("completed");
  });
});

describe("decrease targets", () => {
  const energy = t("decrease", "gte", 3, "%");

  it("compares the size of the fall directly", () => {
    expect(status(energy, 3.2, 2)).toBe("on_track");
    expect(targetProgress(energy, 2.1, 2)).toMatchObject({ share: null, status: "behind", reason: "下降2.1%,目标≥3%" });
    expect(status(energy, 3, 4)).toBe("completed");
  });

  it("a rise against a decrease target is a negative fall", () => {
    expect(targetProgress(energy, -1.2, 2)).toMatchObject({ status: "behind", reason: "上升1.2%,目标下降≥3%" });
  });

  it("a target of 0 (不上升) is met by holding level, missed by any rise", () => {
    const noRise = t("decrease", "gte", 0, "%");
    expect(status(noRise, 0, 2)).toBe("on_track");
    expect(status(noRise, 0, 4)).toBe("completed");
    expect(status(noRise, -0.5, 4)).toBe("behind");
  });

  it("a decrease expressed as a cap is met while under it", () => {
    const cap = t("decrease", "lte", 2, "%"); // 降幅控制在2%以内
    expect(status(cap, 1.5, 2)).toBe("on_track");
    expect(status(cap, 2.5, 2)).toBe("behind");
  });

  it("a cap of 0 (零事故) is met only at 0", () => {
    const zero = t("quantity", "lte", 0, "起");
    expect(status(zero, 0, 4)).toBe("completed");
    expect(targetProgress(zero, 1, 2)).toMatchObject({ status: "behind", reason: "实际1起,目标≤0起" });
  });
});

describe("not filed", () => {
  it("is 未填报 with no share, whatever the target", () => {
    expect(targetProgress(t("growth", "gte", 2.5, "%"), null, 1)).toEqual({
      share: null,
      expectedShare: 0.25,
      status: "not_filed",
      reason: "未填报,目标增长≥2.5%",
      basis: "direct",
    });
    expect(targetProgress(t("quantity", "gte", 60000, "千瓦"), null, 4)).toMatchObject({
      share: null,
      status: "not_filed",
      reason: "未填报,目标≥6万千瓦",
      basis: "pro_rata",
    });
  });

  it("treats a figure that is not a number as not filed", () => {
    expect(status(t("quantity", "gte", 10, "个"), Number.NaN, 1)).toBe("not_filed");
  });
});

describe("filed without a figure", () => {
  it("is 已填报,缺少数据, not 未填报, once a lead unit filed the period's report", () => {
    expect(targetProgress(t("quantity", "gte", 8e10, "元"), null, 1, { filed: true })).toEqual({
      share: null,
      expectedShare: 0.25,
      status: "missing_figure",
      reason: "未填数据,目标≥800亿元",
      basis: "pro_rata",
    });
    expect(targetProgress(t("growth", "gte", 2.5, "%"), Number.NaN, 2, { filed: true })).toMatchObject({ status: "missing_figure", reason: "未填数据,目标增长≥2.5%" });
    expect(status(t("quantity", "gte", 10, "个"), null, 1)).toBe("not_filed");
  });

  it("leaves a target with a figure judged by its figure", () => {
    expect(targetProgress(t("quantity", "gte", 1000, "套"), 1265, 1, { filed: true }).status).toBe("completed");
  });

  it("decides a task over any judged state but a lag: a known lag stays 慢于序时", () => {
    const missing: TargetWithActual = { target: t("quantity", "gte", 70, "家"), actual: null };
    const ahead: TargetWithActual = { target: t("quantity", "gte", 60000, "千瓦"), actual: 21000 };
    const lagging: TargetWithActual = { target: t("quantity", "gte", 6, "兆瓦"), actual: 0.6 };
    expect(taskProgress([ahead, missing], null, 1, { filed: true })).toMatchObject({ status: "missing_figure", reason: "未填数据,目标≥70家", decidedBy: 1 });
    expect(taskProgress([missing, lagging], null, 1, { filed: true })).toMatchObject({ status: "behind", decidedBy: 1 });
    expect(taskProgress([ahead, missing], null, 1)).toMatchObject({ status: "not_filed", decidedBy: 1 });
  });

  it("leaves qualitative tasks as they were: filing is what they report", () => {
    expect(taskProgress([], null, 1, { filed: true })).toMatchObject({ status: "not_filed", reason: "定性任务,未填报" });
    expect(taskProgress([], "in_progress", 1, { filed: true }).status).toBe("in_progress");
  });
});

describe("taskProgress", () => {
  const pv: TargetWithActual = { target: t("quantity", "gte", 60000, "千瓦"), actual: 21000 }; // 超序时
  const storage: TargetWithActual = { target: t("quantity", "gte", 6, "兆瓦"), actual: 0.6 }; // 10 %: 慢于序时
  const revenue: TargetWithActual = { target: t("growth", "gte", 2.5, "%"), actual: 1.9 }; // 慢于序时
  const flats: TargetWithActual = { target: t("quantity", "gte", 1000, "套"), actual: 1265 }; // 已完成

  it("is the worst target's status, with that target's reason", () => {
    const p = taskProgress([pv, storage], "in_progress", 1);
    expect(p).toMatchObject({
      status: "behind",
      reason: "完成0.6兆瓦,目标≥6兆瓦,完成率10%,序时进度25%",
      expectedShare: 0.25,
      decidedBy: 1,
    });
    expect(p.targets.map((r) => r.status)).toEqual(["ahead", "behind"]);
  });

  it("breaks ties by the earlier target", () => {
    expect(taskProgress([revenue, storage], null, 1)).toMatchObject({ status: "behind", reason: "增长1.9%,目标≥2.5%", decidedBy: 0 });
  });

  it("lets an unfiled target outweigh a lagging one", () => {
    const unfiled: TargetWithActual = { target: t("quantity", "gte", 70, "家"), actual: null };
    expect(taskProgress([storage, unfiled], null, 1)).toMatchObject({ status: "not_filed", reason: "未填报,目标≥70家", decidedBy: 1 });
  });

  it("is 已完成 only when every target is", () => {
    expect(taskProgress([flats, { target: t("quantity", "gte", 30, "家"), actual: 30 }], null, 2).status).toBe("completed");
    expect(taskProgress([flats, pv], null, 1).status).toBe("ahead");
  });

  it("ignores the filed qualitative status where there are targets: the figures decide", () => {
    expect(taskProgress([storage], "completed", 1).status).toBe("behind");
  });

  it("uses the qualitative status of a task without targets", () => {
    expect(taskProgress([], "not_started", 2)).toEqual({
      status: "not_started",
      reason: "定性任务,单位填报:未启动",
      expectedShare: 0.5,
      targets: [],
      decidedBy: null,
    });
    expect(taskProgress([], "in_progress", 2)).toMatchObject({ status: "in_progress", reason: "定性任务,单位填报:推进中" });
    expect(taskProgress([], "completed", 2)).toMatchObject({ status: "completed", reason: "定性任务,单位填报:已完成" });
    expect(taskProgress([], null, 2)).toMatchObject({ status: "not_filed", reason: "定性任务,未填报" });
  });

  it("summarises for a dashboard", () => {
    const tasks = [taskProgress([pv, storage], null, 1), taskProgress([flats], null, 1), taskProgress([], null, 1), taskProgress([], "in_progress", 1)];
    expect(countByStatus(tasks.map((p) => p.status))).toMatchObject({ behind: 1, completed: 1, not_filed: 1, in_progress: 1, ahead: 0 });
  });
});
