import { describe, expect, it } from "vitest";
import { compareDocumentOrder, leaderBlocks } from "@/lib/reporting/order";

describe("leaderBlocks", () => {
  it("groups consecutive rows of one leader, rows without a leader as one list too", () => {
    const rows = ["周", "周", "张", null, null, "周"];
    expect(leaderBlocks(rows, (row) => row)).toEqual([["周", "周"], ["张"], [null, null], ["周"]]);
    expect(leaderBlocks([], (row) => row)).toEqual([]);
  });
});

describe("compareDocumentOrder", () => {
  it("orders by leader as the document names them, tasks without a leader last, then by the document's lines", () => {
    const task = (id: number, leaderId: number | null, sourceLine: number | null) => ({ id, leaderId, sourceLine });
    const tasks = [task(1, null, 1), task(2, 7, 40), task(3, 5, 90), task(4, 7, 12), task(5, 5, null), task(6, 5, 10)];
    expect([...tasks].sort(compareDocumentOrder).map((t) => t.id)).toEqual([6, 3, 5, 4, 2, 1]);
  });
});
