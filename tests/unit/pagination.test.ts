import { describe, expect, it } from "vitest";
import { pageBounds, pageParam, pageWindow, paginate } from "@/lib/pagination";

describe("paginate", () => {
  const items = Array.from({ length: 23 }, (_, i) => i + 1);

  it("cuts a list into pages and says where the page is", () => {
    expect(paginate(items, undefined, 10)).toEqual({ items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], page: 1, pageCount: 3, total: 23, from: 1, to: 10 });
    expect(paginate(items, 3, 10)).toEqual({ items: [21, 22, 23], page: 3, pageCount: 3, total: 23, from: 21, to: 23 });
  });

  it("shows the nearest page for a page out of range", () => {
    expect(paginate(items, 9, 10).page).toBe(3);
    expect(paginate(items, 0, 10).page).toBe(1);
  });

  it("has one empty page for an empty list", () => {
    expect(paginate([], 2, 10)).toEqual({ items: [], page: 1, pageCount: 1, total: 0, from: 0, to: 0 });
    expect(pageBounds(0, undefined, 10)).toMatchObject({ start: 0, end: 0 });
  });
});

describe("pageParam", () => {
  it("takes a positive whole number and drops anything else", () => {
    expect(pageParam.parse("4")).toBe(4);
    for (const value of [undefined, "", "0", "-1", "1.5", "abc", "99999999"]) expect(pageParam.parse(value)).toBeUndefined();
  });
});

describe("pageWindow", () => {
  it("lists the first, the last and two either side of the current page, with gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 5)).toEqual([1, 2, 3, null, 5]);
    expect(pageWindow(6, 12)).toEqual([1, null, 4, 5, 6, 7, 8, null, 12]);
    expect(pageWindow(12, 12)).toEqual([1, null, 10, 11, 12]);
  });
});
