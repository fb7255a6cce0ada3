import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseDocument } from "@/lib/import";
import { persistImport } from "@/lib/import/persist";
import type { Actor } from "@/lib/permissions";
import { loadQuarterlyTable, type QuarterlyTable } from "@/lib/quarterly/table";
import { FIRST_DATA_ROW, quarterlyTableXlsx } from "@/lib/quarterly/xlsx";
import { leaderBlocks } from "@/lib/reporting/order";
import { seedFiles } from "@/scripts/seed";
import { rolledBack } from "../setup/rolled-back";

/**
 * The Q1 2025 table of Pinghu, imported from seeds/000, must come back out as 000 is laid out:
 * same leaders, numbering, task texts, progress and units; and the exported .xlsx must hold
 * exactly the table's cells. The database is shared with the other integration test files.
 */

// The route handler reads the signed-in person from the session; here the test decides who asks.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ currentActor: async () => session.actor }));

/** The first sheet of the table's .xlsx, read back. */
async function sheetOf(table: QuarterlyTable) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await quarterlyTableXlsx(table)) as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

const seedPath = seedFiles().find((file) => path.basename(file).startsWith("000_"))!;
const seedText = readFileSync(seedPath, "utf8");

/** 000 read independently of the importer: the cells of every data row, the leader carried down. */
const seedRows = (() => {
  const rows: Array<{ line: number; leader: string; number: number; text: string; progress: string; units: string }> = [];
  let leader = "";
  seedText.split("\n").forEach((raw, index) => {
    if (index === 0 || !raw.trim()) return;
    const cells = raw.split("|").map((cell) => cell.trim());
    if (cells.at(-1) === "") cells.pop();
    if (cells.length === 5) leader = cells.shift()!;
    if (cells.length !== 4) throw new Error(`000 line ${index + 1}: ${cells.length} cells`);
    const [number, text, progress, units] = cells;
    rows.push({ line: index + 1, leader, number: Number(number), text, progress, units });
  });
  return rows;
})();

const office: Actor = { id: -1, role: "office", unitId: null, leaderName: null, displayName: "市府办" };
const LEADERS = ["周军波", "张斌", "宋怡玲", "周启程", "金一", "陈之超", "管立松"];

let prisma: PrismaClient;
let planId: number;
let table: QuarterlyTable;

/** The table row of the seed row at `line`. */
function rowAt(line: number) {
  const index = seedRows.findIndex((row) => row.line === line);
  expect(index).toBeGreaterThanOrEqual(0);
  return { seed: seedRows[index], row: table.rows[index] };
}

/** Unit names as 000 writes them, each replaced by the unit record it was filed under (人力社保局 → 人社局). */
async function canonicalUnits(cell: string): Promise<string> {
  const names = cell.split("、");
  const bare = names.map((name) => name.replace(/^★/, ""));
  const aliases = await prisma.unitAlias.findMany({
    where: { government: "平湖市", alias: { in: bare } },
    select: { alias: true, unit: { select: { name: true } } },
  });
  const canonical = new Map(aliases.map((alias) => [alias.alias, alias.unit.name]));
  return names.map((name, i) => `${name.startsWith("★") ? "★" : ""}${canonical.get(bare[i]) ?? bare[i]}`).join("、");
}

async function reportOf(db: PrismaClient, line: number, unitName: string) {
  const { row } = rowAt(line);
  return db.progressReport.findFirstOrThrow({
    where: { taskId: row.taskId, unit: { name: unitName }, period: { quarter: 1 } },
  });
}

beforeAll(async () => {
  prisma = createPrismaClient();
  // Import is idempotent: whatever another file left, this yields the plan of 000 as the document says.
  const outcome = await persistImport(prisma, parseDocument(path.basename(seedPath), seedText));
  planId = outcome.planId;
  table = (await loadQuarterlyTable(prisma, office, planId, 1))!;
});

afterAll(async () => {
  await prisma?.$disconnect();
  // The route handler uses the app's shared client.
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
});

describe("the quarterly table of 000 (Pinghu, Q1 2025)", () => {
  it("has the title and headings of 000", () => {
    expect(table).not.toBeNull();
    expect(table.title).toBe("2025年政府工作报告重点工作一季度完成情况");
    expect(table.columns).toEqual(["分管市长", "序号", "主要工作任务", "一季度重点工作完成情况", "责任单位"]);
    expect(seedText.split("\n")[0]).toBe(`${table.columns.join(" | ")} |`);
    expect(table.plan).toMatchObject({ year: 2025, government: "平湖市", leadConvention: "star" });
    expect(table.quarter).toBe(1);
    expect(table.quarters).toContain(1);
  });

  it("has 148 rows, the leaders in document order, numbered 1..n per leader", () => {
    expect(seedRows).toHaveLength(148);
    expect(table.rows).toHaveLength(148);
    expect([...new Set(table.rows.map((row) => row.leader))]).toEqual(LEADERS);
    expect(table.rows.map((row) => [row.leader, row.number])).toEqual(seedRows.map((row) => [row.leader, row.number]));
    const counts = LEADERS.map((leader) => table.rows.filter((row) => row.leader === leader).length);
    expect(counts).toEqual([4, 25, 15, 11, 66, 19, 8]);
    // The leader cell spans the leader's rows, on the first of them.
    let index = 0;
    for (const count of counts) {
      expect(table.rows[index].leaderRowSpan).toBe(count);
      for (let i = index + 1; i < index + count; i++) expect(table.rows[i].leaderRowSpan).toBe(0);
      index += count;
    }
  });

  it("comes a page at a time with the whole table's order, numbers and cells, each page's leader blocks spanning its rows", async () => {
    expect(table.pagination).toBeUndefined();
    // The default page size holds a city's table whole.
    const whole = (await loadQuarterlyTable(prisma, office, planId, 1, { page: 1 }))!;
    expect(whole.rows).toEqual(table.rows);
    expect(whole.pagination).toMatchObject({ page: 1, pageCount: 1, total: 148, from: 1, to: 148 });

    const size = 30;
    const pages = [];
    for (let page = 1; page <= 5; page++) pages.push((await loadQuarterlyTable(prisma, office, planId, 1, { page, pageSize: size }))!);
    pages.forEach((p, i) => expect(p.pagination).toMatchObject({ page: i + 1, pageCount: 5, total: 148, from: i * size + 1, to: Math.min(148, (i + 1) * size) }));
    const rows = pages.flatMap((p) => p.rows);
    const withoutSpan = ({ leaderRowSpan: _span, ...row }: (typeof rows)[number]) => row;
    expect(rows.map(withoutSpan)).toEqual(table.rows.map(withoutSpan));
    // Every leader block on a page spans its rows on the page, from its first row there.
    for (const { rows: pageRows } of pages) {
      for (const block of leaderBlocks(pageRows, (row) => row.leader)) {
        expect(block.map((row) => row.leaderRowSpan)).toEqual(block.map((_, i) => (i === 0 ? block.length : 0)));
      }
    }
    // Page 3 starts inside 金一's list (rows 56–121), which names the leader again.
    expect(pages[2].rows[0]).toMatchObject({ leader: "金一", number: 6 });
    expect(pages[2].rows[0].leaderRowSpan).toBe(30);
    // The leaders' index: the page each leader's list starts on.
    expect(pages[0].pagination!.leaders).toEqual([
      { name: "周军波", page: 1 },
      { name: "张斌", page: 1 },
      { name: "宋怡玲", page: 1 },
      { name: "周启程", page: 2 },
      { name: "金一", page: 2 },
      { name: "陈之超", page: 5 },
      { name: "管立松", page: 5 },
    ]);
    // A page past the end is the last page.
    expect((await loadQuarterlyTable(prisma, office, planId, 1, { page: 99, pageSize: size }))!.pagination!.page).toBe(5);
  });

  it("has the task texts and the units of the document, lead units starred as 000 writes them", async () => {
    for (const [index, seed] of seedRows.entries()) {
      const row = table.rows[index];
      expect(row.text, `line ${seed.line}`).toBe(seed.text);
      expect(row.units, `line ${seed.line}`).toBe(await canonicalUnits(seed.units));
    }
    expect(rowAt(2).row.units).toBe("★财政局、税务局");
    expect(rowAt(5).row.units).toBe("财政局"); // a single unit: it leads, no star
    expect(rowAt(8).row.units).toBe("★生态环境分局、生态创建办");
    expect(rowAt(120).row.units).toBe("人社局"); // 人力社保局 in 000, one unit with 人社局
    expect(rowAt(149).row.units).toBe(rowAt(149).seed.units);
  });

  it("has the progress of the document; several units' texts prefixed, the lead unit's first", () => {
    for (const line of [2, 3, 6, 8, 30, 31, 57, 120, 149]) {
      const { seed, row } = rowAt(line);
      expect(row.progress, `line ${line}`).toBe(seed.progress);
    }
    // 000 line 67: "发改局:… 金融发展中心:…", the task led by ★金融发展中心.
    const { seed, row } = rowAt(67);
    const [ndrc, finance] = seed.progress.split(" 金融发展中心:");
    expect(ndrc.startsWith("发改局:")).toBe(true);
    expect(row.progress).toBe(`金融发展中心:${finance}\n${ndrc}`);
  });

  it("shows the public only published progress, and nobody drafts or returned reports", async () => {
    await rolledBack(prisma, async (tx) => {
      const revenue = await reportOf(tx, 2, "财政局"); // 周军波 1, ★财政局、税务局
      await tx.progressReport.update({ where: { id: revenue.id }, data: { state: "submitted" } });
      const ndrc = await reportOf(tx, 67, "发改局"); // 金一 11, reported by 发改局 and ★金融发展中心
      await tx.progressReport.update({ where: { id: ndrc.id }, data: { state: "returned" } });

      const load = async (actor: Actor | null) => (await loadQuarterlyTable(tx, actor, planId, 1))!;
      const progressAt = (t: QuarterlyTable, line: number) => t.rows[seedRows.findIndex((row) => row.line === line)].progress;

      const anonymous = await load(null);
      expect(anonymous.rows).toHaveLength(148);
      expect(progressAt(anonymous, 2)).toBe("");
      // One unit's text left: no prefix.
      expect(progressAt(anonymous, 67)).toBe(rowAt(67).seed.progress.split(" 金融发展中心:")[1]);
      expect(progressAt(anonymous, 3)).toBe(rowAt(3).seed.progress);

      const asOffice = await load(office);
      expect(progressAt(asOffice, 2)).toBe(rowAt(2).seed.progress);
      // A returned report is not progress, for the office either (as on the dashboard): only the other unit's text is left.
      expect(progressAt(asOffice, 67)).toBe(progressAt(anonymous, 67));
      const sheet = await sheetOf(asOffice);
      expect(sheet.getCell(`D${FIRST_DATA_ROW + seedRows.findIndex((row) => row.line === 67)}`).value).toBe(progressAt(anonymous, 67));

      // The lead unit sees its own filing, a co-unit does not see the lead's unpublished one.
      const units = await tx.unit.findMany({ where: { government: "平湖市", name: { in: ["财政局", "税务局"] } } });
      const staffOf = (name: string): Actor => ({
        id: -2,
        role: "unit_staff",
        unitId: units.find((unit) => unit.name === name)!.id,
        leaderName: null,
        displayName: name,
      });
      expect(progressAt(await load(staffOf("财政局")), 2)).toBe(rowAt(2).seed.progress);
      expect(progressAt(await load(staffOf("税务局")), 2)).toBe("");
      const leader = (name: string): Actor => ({ id: -3, role: "leader", unitId: null, leaderName: name, displayName: name });
      expect(progressAt(await load(leader("周军波")), 2)).toBe(rowAt(2).seed.progress);
      expect(progressAt(await load(leader("张斌")), 2)).toBe("");

      // A draft is nobody's progress yet, not even the office's.
      await tx.progressReport.update({ where: { id: revenue.id }, data: { state: "draft" } });
      expect(progressAt(await load(office), 2)).toBe("");
    });
    // Rolled back: the public sees the document's text again.
    const after = (await loadQuarterlyTable(prisma, null, planId, 1))!;
    expect(after.rows.map((row) => row.progress)).toEqual(table.rows.map((row) => row.progress));
  });

  it("is null for a plan or a quarter that does not exist", async () => {
    expect(await loadQuarterlyTable(prisma, office, planId, 4)).toBeNull();
    const last = await prisma.plan.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
    expect(await loadQuarterlyTable(prisma, office, (last?.id ?? 0) + 1000, 1)).toBeNull();
  });
});

describe("the exported .xlsx", () => {
  it("holds exactly the table's cells: title, headings, rows and merged leader cells", async () => {
    const sheet = await sheetOf(table);

    expect(sheet.getCell("A1").value).toBe(table.title);
    expect(sheet.getRow(2).values).toEqual([undefined, ...table.columns]);
    expect(sheet.rowCount).toBe(2 + table.rows.length);
    expect(sheet.columnCount).toBe(5);

    const expectedMerges = ["A1:E1"];
    table.rows.forEach((row, index) => {
      const r = 3 + index;
      if (row.leaderRowSpan > 1) expectedMerges.push(`A${r}:A${r + row.leaderRowSpan - 1}`);
      const cells = [1, 2, 3, 4, 5].map((c) => sheet.getCell(r, c));
      expect(cells.map((cell) => cell.value ?? ""), `row ${r}`).toEqual([row.leader, row.number, row.text, row.progress, row.units]);
      // The name is stored once per leader; the rows below are merged into that cell.
      expect(cells[0].isMerged, `A${r}`).toBe(row.leaderRowSpan !== 1);
    });
    expect([...sheet.model.merges].sort()).toEqual(expectedMerges.sort());
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", printTitlesRow: "2:2" });
  });

  it("is served by the route with a UTF-8 file name; 404 in Chinese when there is no such table", async () => {
    const { GET } = await import("@/app/plans/[planId]/table/[quarter]/xlsx/route");
    const call = (planId: string, quarter: string) =>
      GET(new Request(`http://localhost/plans/${planId}/table/${quarter}/xlsx`), { params: Promise.resolve({ planId, quarter }) });

    session.actor = office;
    const response = await call(String(planId), "1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="quarterly-table-2025-q1\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe("平湖市2025年政府工作报告重点工作一季度完成情况.xlsx");
    expect(response.headers.get("cache-control")).toBe("private, no-store");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets[0].getCell("D3").value).toBe(table.rows[0].progress);

    for (const [plan, quarter] of [[String(planId), "5"], [String(planId), "0"], ["abc", "1"], ["-1", "1"], [String(planId), "4"]]) {
      const missing = await call(plan, quarter);
      expect(missing.status, `${plan}/${quarter}`).toBe(404);
      expect(missing.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await missing.text()).toMatch(/^没有找到这张季度表/);
    }
    session.actor = null;
  });
});
