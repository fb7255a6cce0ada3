import { describe, expect, it } from "vitest";
import { evaluateTask, missingFigures, type FiguresReport } from "@/lib/reporting/figures";

/** Whose figure is the task's, and what a lead report without a figure makes of it (已填报,缺少数据). */
const investment = { id: 11, kind: "quantity", comparator: "gte", value: 8e10, unit: "元" } as const; // ≥800亿元
const projects = { id: 12, kind: "quantity", comparator: "gte", value: 100, unit: "个" } as const; // ≥100个
const task = {
  // 发改局 (1) and 经信局 (2) lead, 财政局 (3) helps.
  units: [
    { unitId: 1, isLead: true },
    { unitId: 2, isLead: true },
    { unitId: 3, isLead: false },
  ],
  targets: [investment, projects],
};
const report = (unitId: number, actuals: Record<string, number> | null, state: FiguresReport["state"] = "published"): FiguresReport => ({
  unitId,
  state,
  qualitativeStatus: null,
  actuals,
});

describe("a lead report filed without a figure", () => {
  it("makes the target 已填报,缺少数据 and names the lead units that filed", () => {
    const evaluation = evaluateTask(task, [report(1, { 12: 40 })], 1);
    expect(evaluation.progress.targets.map((target) => target.status)).toEqual(["missing_figure", "ahead"]);
    expect(evaluation.progress).toMatchObject({ status: "missing_figure", reason: "未填数据,目标≥800亿元", decidedBy: 0 });
    expect(missingFigures(task, evaluation)).toEqual({ targets: [investment], unitIds: [1] });
  });

  it("is every lead unit's to give: a second lead's figure fills it", () => {
    const evaluation = evaluateTask(task, [report(1, { 12: 40 }), report(2, { 11: 3e10 })], 1);
    expect(evaluation.progress.status).toBe("ahead");
    expect(missingFigures(task, evaluation)).toBeNull();
    // Neither gives it: both filed, both are asked.
    expect(missingFigures(task, evaluateTask(task, [report(1, null), report(2, { 12: 40 })], 1))).toEqual({ targets: [investment], unitIds: [1, 2] });
  });

  it("counts only filed lead reports: a draft, a returned report or a co-unit's report leaves the task 未填报", () => {
    for (const reports of [[report(1, null, "draft")], [report(1, null, "returned")], [report(3, null)]]) {
      const evaluation = evaluateTask(task, reports, 1);
      expect(evaluation.progress.status).toBe("not_filed");
      expect(missingFigures(task, evaluation)).toBeNull();
    }
    for (const state of ["submitted", "approved", "published"] as const) {
      expect(evaluateTask(task, [report(1, {}, state)], 1).progress.status).toBe("missing_figure");
    }
  });

  it("leaves a qualitative task (no targets) to its filed status", () => {
    const qualitative = { units: task.units, targets: [] };
    const evaluation = evaluateTask(qualitative, [report(1, null)], 1);
    expect(evaluation.progress.status).toBe("in_progress");
    expect(missingFigures(qualitative, evaluation)).toBeNull();
  });
});

describe("a task with a deadline (完成时限)", () => {
  const dueInJune = { ...task, dueOn: new Date("2025-06-30T00:00:00Z") };

  it("is judged by its due date: 50 个 of 100 is on pace at Q1's end, behind at Q2's", () => {
    const filed = [report(1, { 11: 8e10, 12: 50 })];
    expect(evaluateTask(dueInJune, filed, 1).progress).toMatchObject({ status: "on_track", expectedShare: 0.5 });
    expect(evaluateTask(dueInJune, filed, 2).progress).toMatchObject({ status: "behind", expectedShare: 1 });
    // The same figures without the deadline: ahead of the year's 25 %, on pace at 50 %.
    expect(evaluateTask(task, filed, 1).progress.status).toBe("ahead");
    expect(evaluateTask(task, filed, 2).progress.status).toBe("on_track");
  });

  it("makes a qualitative task filed without a status late once its deadline has come", () => {
    const qualitative = { units: [{ unitId: 1, isLead: true }], targets: [], dueOn: new Date("2025-06-30T00:00:00Z") };
    expect(evaluateTask(qualitative, [report(1, null)], 1).progress.status).toBe("in_progress");
    expect(evaluateTask(qualitative, [report(1, null)], 2).progress).toMatchObject({
      status: "behind",
      reason: "已填报进展,未标注推进状态(按推进中统计),已到完成时限",
    });
  });
});
