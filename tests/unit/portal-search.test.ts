import { describe, expect, it } from "vitest";
import { filterTasks, narrows, parsePortalFilters, searchKey, statusIn, taskSearchText } from "@/lib/public/search";
import type { PublicTask } from "@/lib/public/types";

function task(id: number, fields: Partial<PublicTask> = {}): PublicTask {
  return {
    id,
    number: String(id),
    kind: "key",
    group: null,
    leader: "张斌",
    text: `任务${id}`,
    originalText: null,
    deadline: null,
    targets: [],
    units: [{ name: "发改局", lead: true }],
    quarters: [],
    ...fields,
  };
}

const tasks = [
  task(1, { text: "压实安全生产责任,落实属地管理", units: [{ name: "应急管理局", lead: true }] }),
  task(2, {
    text: "新增光伏装机6万千瓦",
    leader: "李军",
    targets: [{ id: 9, text: "≥6万千瓦", original: "新增光伏装机6万千瓦", value: 60000, unit: "千瓦" }],
    quarters: [
      { quarter: 1, status: "behind", label: "慢于序时", reason: "慢于序时", progress: [{ unit: "发改局", text: "一季度新增光伏装机1萬千瓦,儲能項目開工", problems: "组件到货延迟", nextSteps: "督促7月底前并网" }], publishedAt: "2025-04-20T00:00:00.000Z", figures: [], attachments: [] },
    ],
  }),
  task(3, { kind: "livelihood", text: "建设养老服务中心", group: "民生实事:养老", leader: null }),
];
const texts = tasks.map(taskSearchText);
const find = (query: Record<string, string>, quarter: 1 | null = 1) => filterTasks(tasks, texts, parsePortalFilters(new URLSearchParams(query)), quarter).map((found) => found.id);

describe("the portal's search", () => {
  it("finds simplified text by traditional characters, and traditional text by simplified ones", () => {
    expect(find({ q: "責任" })).toEqual([1]);
    expect(find({ q: "储能项目" })).toEqual([2]);
    expect(find({ q: "養老" })).toEqual([3]);
  });

  it("folds full-width forms, case and blanks, and needs every word", () => {
    expect(searchKey("６万千瓦 ＡＢ")).toBe("6万千瓦ab");
    expect(find({ q: "光伏 ６万" })).toEqual([2]);
    expect(find({ q: "光伏 养老" })).toEqual([]);
  });

  it("looks in the published progress, the targets, the units and the heading", () => {
    expect(find({ q: "一季度新增" })).toEqual([2]);
    // The published 存在问题 and 下一步措施 are part of the progress.
    expect(find({ q: "组件到货" })).toEqual([2]);
    expect(find({ q: "7月底前并网" })).toEqual([2]);
    expect(find({ q: "应急管理" })).toEqual([1]);
    expect(find({ q: "民生实事" })).toEqual([3]);
  });

  it("filters by leader, unit, kind and the status in the quarter shown", () => {
    expect(find({ leader: "李军" })).toEqual([2]);
    expect(find({ unit: "应急管理局" })).toEqual([1]);
    expect(find({ kind: "livelihood" })).toEqual([3]);
    expect(find({ status: "behind" })).toEqual([2]);
    expect(find({ status: "not_published" })).toEqual([1, 3]);
    expect(statusIn(tasks[1], 2)).toBe("not_published");
  });

  it("ignores values that are not the page's, so a hand-edited link still opens", () => {
    const filters = parsePortalFilters(new URLSearchParams({ status: "draft", kind: "secret", quarter: "9", q: "  " }));
    expect(filters).toEqual({ q: "", leader: null, unit: null, status: null, kind: null, quarter: null });
    expect(narrows(filters)).toBe(false);
    expect(parsePortalFilters(new URLSearchParams({ q: "光".repeat(80) })).q).toHaveLength(50);
    expect(narrows(parsePortalFilters(new URLSearchParams({ quarter: "2" })))).toBe(false);
  });
});
