import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { onTimeRate, standingOf } from "@/lib/scorecard/rules";
import { scoreUnits, sortRows, type ScoredReport, type ScoreRow } from "@/lib/scorecard/score";
import { FIRST_DATA_ROW, HEADER_ROW, SCORECARD_COLUMNS, TITLE_ROW, scorecardTitle, scorecardXlsx } from "@/lib/scorecard/xlsx";

const period = { dueAt: new Date("2025-04-15T16:00:00Z") };
const before = new Date("2025-04-10T00:00:00Z");
const after = new Date("2025-05-01T00:00:00Z");

describe("how an owed report stands", () => {
  it("is on time or late once filed, by the late mark set at submission, whatever the date now", () => {
    for (const state of ["submitted", "approved", "published"] as const) {
      expect(standingOf({ state, late: false }, period, after)).toBe("onTime");
      expect(standingOf({ state, late: true }, period, before)).toBe("late");
    }
  });

  it("is returned while the office's return stands, and missing or pending by the due date when nothing is filed", () => {
    expect(standingOf({ state: "returned", late: false }, period, after)).toBe("returned");
    // A draft (also a returned report the unit saved again) is not filed.
    expect(standingOf({ state: "draft", late: false }, period, after)).toBe("missing");
    expect(standingOf(null, period, after)).toBe("missing");
    expect(standingOf(null, period, before)).toBe("pending");
    // The due date itself is still in time.
    expect(standingOf(null, period, period.dueAt)).toBe("pending");
  });

  it("rates on time among the reports whose due date passed or that were filed", () => {
    expect(onTimeRate({ onTime: 3, late: 1, returned: 0, missing: 0, pending: 5 })).toBe(0.75);
    expect(onTimeRate({ onTime: 1, late: 0, returned: 1, missing: 2, pending: 0 })).toBe(0.25);
    expect(onTimeRate({ onTime: 0, late: 0, returned: 0, missing: 0, pending: 4 })).toBeNull();
  });
});

const target = { id: 11, taskId: 1, position: 0, kind: "quantity", comparator: "gte", value: 100, unit: "个", originalText: "100个" } as const;
const report = (taskId: number, unitId: number, state: ScoredReport["state"], late = false, actuals: Record<string, number> | null = null): ScoredReport => ({
  taskId,
  unitId,
  periodId: 1,
  state,
  late,
  qualitativeStatus: null,
  actuals,
});

describe("scoring units", () => {
  const tasks = [
    { id: 1, units: [{ unitId: 1, isLead: true }, { unitId: 2, isLead: false }], targets: [target] },
    { id: 2, units: [{ unitId: 2, isLead: true }], targets: [{ ...target, id: 12, taskId: 2 }] },
    { id: 3, units: [{ unitId: 1, isLead: true }], targets: [] },
  ];
  const units = new Map([
    [1, "甲局"],
    [2, "乙局"],
  ]);
  const q1 = { id: 1, quarter: 1 as const, dueAt: period.dueAt };

  it("counts each owed report once, and judges only the lead units on 慢于序时 and missing figures", () => {
    const rows = scoreUnits({
      tasks,
      periods: [q1],
      reports: [report(1, 1, "published", false, { 11: 10 }), report(1, 2, "submitted", true, { 11: 90 }), report(2, 2, "approved")],
      units,
      now: after,
    });
    const [a, b] = [rows.find((row) => row.unitId === 1)!, rows.find((row) => row.unitId === 2)!];
    // 甲局: task 1 on time with 10 of 100 after a quarter (behind, its own figure), task 3 never filed.
    expect(a).toMatchObject({ due: 2, dueAsLead: 2, onTime: 1, late: 0, missing: 1, behind: 1, missingFigures: 0, onTimeRate: 0.5 });
    // 乙局: its co-unit figure of 90 does not make task 1 its own; task 2 filed without a figure.
    expect(b).toMatchObject({ due: 2, dueAsLead: 1, onTime: 1, late: 1, missing: 0, behind: 0, missingFigures: 1, onTimeRate: 0.5 });
    // The same 按时率; 乙局 has nothing missing, 甲局 one report.
    expect(rows.map((row) => [row.name, row.rank])).toEqual([
      ["乙局", 1],
      ["甲局", 2],
    ]);
  });

  it("gives rows only to the units asked for, and shares a place between units that tie", () => {
    const rows = scoreUnits({ tasks, periods: [q1], reports: [], units: new Map([[2, "乙局"]]), now: after });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ unitId: 2, due: 2, missing: 2 });
    const tied = scoreUnits({ tasks: [tasks[0]], periods: [q1], reports: [], units, now: after });
    expect(tied.map((row) => row.rank)).toEqual([1, 1]);
  });

  it("adds the periods up for the year", () => {
    const q2 = { id: 2, quarter: 2 as const, dueAt: new Date("2025-07-15T16:00:00Z") };
    const rows = scoreUnits({ tasks, periods: [q1, q2], reports: [{ ...report(3, 1, "submitted"), periodId: 2 }], units, now: after });
    expect(rows.find((row) => row.unitId === 1)).toMatchObject({ due: 4, onTime: 1, missing: 2, pending: 1 });
  });
});

const row = (name: string, rank: number, fields: Partial<ScoreRow>): ScoreRow => ({
  unitId: rank,
  name,
  rank,
  due: 0,
  dueAsLead: 0,
  onTime: 0,
  late: 0,
  returned: 0,
  missing: 0,
  pending: 0,
  onTimeRate: null,
  behind: 0,
  missingFigures: 0,
  ...fields,
});

describe("sorting the table", () => {
  const rows = [row("甲局", 1, { missing: 0, onTimeRate: 1 }), row("乙局", 2, { missing: 3, onTimeRate: 0.4 }), row("丙局", 3, { missing: 1, onTimeRate: null })];

  it("sorts by a column either way, ties by rank, a unit without 按时率 last", () => {
    expect(sortRows(rows, "missing", "desc").map((r) => r.name)).toEqual(["乙局", "丙局", "甲局"]);
    expect(sortRows(rows, "missing", "asc").map((r) => r.name)).toEqual(["甲局", "丙局", "乙局"]);
    expect(sortRows(rows, "onTimeRate", "asc").map((r) => r.name)).toEqual(["乙局", "甲局", "丙局"]);
    expect(sortRows(rows, "rank", "desc").map((r) => r.name)).toEqual(["丙局", "乙局", "甲局"]);
    expect(sortRows(rows, "name", "asc").map((r) => r.name)).toEqual(["丙局", "甲局", "乙局"]);
  });
});

describe("the scorecard workbook", () => {
  it("holds the title, the headers and each row's figures as numbers, 按时率 as a percentage", async () => {
    const title = scorecardTitle({ year: 2025, government: "平湖市", title: "重点工作" }, 1);
    expect(title).toBe("2025年平湖市重点工作 一季度单位考核");
    const buffer = await scorecardXlsx(title, [
      row("金融发展中心", 1, { due: 4, dueAsLead: 4, onTime: 4, onTimeRate: 1 }),
      row("税务局", 2, { due: 1, missing: 1, onTimeRate: 0, behind: 2, missingFigures: 3 }),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell(TITLE_ROW, 1).value).toBe(title);
    expect((sheet.getRow(HEADER_ROW).values as unknown[]).slice(1)).toEqual(SCORECARD_COLUMNS.map((column) => column.header));
    expect((sheet.getRow(HEADER_ROW).values as unknown[]).slice(1)).toEqual([
      "名次", "单位", "应报", "其中牵头", "按时", "逾期", "退回", "未报", "未到期", "按时率", "慢于序时", "已填报,缺少数据",
    ]);
    expect((sheet.getRow(FIRST_DATA_ROW).values as unknown[]).slice(1)).toEqual([1, "金融发展中心", 4, 4, 4, 0, 0, 0, 0, 1, 0, 0]);
    expect((sheet.getRow(FIRST_DATA_ROW + 1).values as unknown[]).slice(1)).toEqual([2, "税务局", 1, 0, 0, 0, 0, 1, 0, 0, 2, 3]);
    expect(sheet.getCell(FIRST_DATA_ROW, 10).numFmt).toBe("0.0%");
    expect(sheet.rowCount).toBe(FIRST_DATA_ROW + 1);
  });
});
