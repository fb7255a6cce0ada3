import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SCANNED_PDF } from "@/lib/import/files";
import { commitImport, previewImport } from "@/lib/import/service";
import type { Actor } from "@/lib/permissions";
import { main as importCli } from "@/scripts/import";
import { buildDocx, buildPdf, buildXlsx, upload } from "../support/files";

/**
 * Files of each type through the import page's service (preview, then commit) and `npm run import`, into the test
 * database: what a .docx, an .xlsx and a PDF hold is imported; a scan and a file of no known layout change nothing.
 */
let prisma: PrismaClient;
let office: Actor;

beforeAll(async () => {
  prisma = createPrismaClient();
  const user = await prisma.user.create({ data: { username: `office-files-${randomUUID().slice(0, 8)}`, displayName: "市府办", role: "office" } });
  office = { id: user.id, role: "office", unitId: null, leaderName: null, displayName: user.displayName };
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** Every row of every data table, sorted: equal snapshots mean nothing was written. */
async function snapshot(): Promise<Record<string, string[]>> {
  const tables = await prisma.$queryRaw<Array<{ tablename: string }>>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'PublicRevision') ORDER BY tablename`;
  const out: Record<string, string[]> = {};
  for (const { tablename } of tables) {
    const rows = await prisma.$queryRawUnsafe<Array<{ row: string }>>(`SELECT to_jsonb(t)::text AS row FROM "${tablename}" t`);
    out[tablename] = rows.map((r) => r.row).sort();
  }
  return out;
}

/** A quarterly progress table of a year of its own (the layout of seed 000), as table rows. */
function progressTable(year: number): string[][] {
  return [
    ["分管市长", "序号", "主要工作任务", "一季度重点工作完成情况", "责任单位"],
    ["李明", "1", "新增光伏装机6万千瓦。", "1-3月新增光伏装机1.2万千瓦。", "★发改局\n经信局"],
    ["李明", "2", "固定资产投资增长5%。", "1-3月增长6.1%。", "发改局"],
    ["王芳", "1", "城镇新增就业8000人以上。", "1-3月新增就业2100人。", "★人力社保局、财政局"],
  ].map((row) => row.map((cell) => cell.replace("年", `${year}年`)));
}
const title = (year: number) => `海宁市人民政府${year}年重点工作一季度完成情况`;

async function tasksOf(year: number) {
  const tasks = await prisma.task.findMany({
    where: { plan: { government: "海宁市", year } },
    orderBy: [{ leader: { name: "asc" } }, { number: "asc" }],
    include: { leader: true, units: { orderBy: { position: "asc" }, include: { unit: true } }, targets: true },
  });
  return tasks.map((task) => ({
    leader: task.leader?.name ?? null,
    number: task.number,
    text: task.text,
    units: task.units.map((link) => `${link.isLead ? "★" : ""}${link.unit.name}`),
    targets: task.targets.length,
  }));
}

const EXPECTED_TASKS = [
  { leader: "李明", number: "1", text: "新增光伏装机6万千瓦。", units: ["★发改局", "经信局"], targets: 1 },
  { leader: "李明", number: "2", text: "固定资产投资增长5%。", units: ["★发改局"], targets: 1 },
  { leader: "王芳", number: "1", text: "城镇新增就业8000人以上。", units: ["★人社局", "财政局"], targets: 1 },
];

describe("importing files through the import page", () => {
  it("a .docx whose table is a quarterly table: previewed, then imported, then unchanged when imported again", async () => {
    const [header, ...rows] = progressTable(2031);
    const docx = await buildDocx([title(2031), [header, ...rows]]);
    const preview = await previewImport(prisma, office, upload("海宁市一季度.docx", docx));
    expect(preview).toMatchObject({ ok: true, summary: { plan: { year: 2031, government: "海宁市" } } });
    expect(preview.ok && preview.summary.tasks.map((task) => [task.leader, task.number])).toEqual([
      ["李明", "1"],
      ["李明", "2"],
      ["王芳", "1"],
    ]);
    const committed = await commitImport(prisma, office, upload("海宁市一季度.docx", docx));
    expect(committed).toMatchObject({ ok: true, outcome: { planCreated: true, tasks: { created: 3 } } });
    expect(await tasksOf(2031)).toEqual(EXPECTED_TASKS);
    const again = await commitImport(prisma, office, upload("海宁市一季度.docx", docx));
    expect(again).toMatchObject({ ok: true, outcome: { tasks: { created: 0, updated: 0, removed: 0, unchanged: 3 } } });
  });

  it("an .xlsx with the title merged across and each leader's cell merged down imports the same tasks", async () => {
    const [header, ...rows] = progressTable(2032);
    const sheetRows = [[title(2032), "", "", "", ""], header, ...rows.map((row, i) => (i === 1 ? ["", ...row.slice(1)] : row))];
    const xlsx = await buildXlsx([{ name: "一季度", rows: sheetRows, merges: ["A1:E1", "A3:A4"] }]);
    expect(await commitImport(prisma, office, upload("海宁市.xlsx", xlsx))).toMatchObject({ ok: true, outcome: { tasks: { created: 3 } } });
    expect(await tasksOf(2032)).toEqual(EXPECTED_TASKS);
  });

  it("a PDF with a text layer holding a breakdown notice imports its tasks", async () => {
    const pdf = buildPdf([
      "海宁市人民政府关于印发2033年重点工作责任分解的通知",
      "各有关单位:现将2033年重点工作责任分解印发给你们。(列第一位的为牵头或汇总单位,下同)",
      "一、李明副市长牵头重点工作",
      "1.新增光伏装机6万千瓦。",
      "责任单位:市发改局、市经信局",
    ]);
    expect(await commitImport(prisma, office, upload("通知.pdf", pdf))).toMatchObject({ ok: true, outcome: { tasks: { created: 1 } } });
    const [task] = await tasksOf(2033);
    expect(task).toMatchObject({ number: "1", text: "新增光伏装机6万千瓦。", targets: 1 });
    expect(task.units[0]).toMatch(/^★/);
  });

  it("a scanned PDF and a file of no known layout are refused with their messages, and nothing is written", async () => {
    const before = await snapshot();
    for (const action of [previewImport, commitImport]) {
      expect(await action(prisma, office, upload("扫描件.pdf", buildPdf([])))).toEqual({ ok: false, message: `无法导入:${SCANNED_PDF}` });
      const unknown = await buildDocx(["会议通知", [["时间", "地点"], ["3月1日", "市政府"]]]);
      // The preview offers the table's header for the office to map its columns; the import refuses it.
      const refused = await action(prisma, office, upload("会议.docx", unknown));
      expect(refused).toEqual({
        ok: false,
        message: expect.stringMatching(/^无法导入:无法识别的文件格式/),
        ...(action === previewImport ? { tables: [{ name: "表格1", signature: "时间|地点", header: ["时间", "地点"], fields: [null, null] }] } : {}),
      });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("npm run import -- FILE", () => {
  it("imports an .xlsx, and refuses a scanned PDF on stderr with exit code 1, writing nothing", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "import-files-"));
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const [header, ...rows] = progressTable(2034);
      const xlsx = path.join(dir, "海宁市.xlsx");
      writeFileSync(xlsx, await buildXlsx([{ name: "表", rows: [[title(2034)], header, ...rows] }]));
      expect(await importCli([xlsx])).toBe(0);
      expect(stdout.mock.calls.map(([text]) => String(text)).join("")).toContain("任务:新增 3");
      expect(await tasksOf(2034)).toEqual(EXPECTED_TASKS);

      const before = await snapshot();
      const scan = path.join(dir, "扫描件.pdf");
      writeFileSync(scan, buildPdf([]));
      expect(await importCli([scan])).toBe(1);
      expect(stderr.mock.calls.map(([text]) => String(text)).join("")).toBe(`${SCANNED_PDF}\n`);
      expect(await snapshot()).toEqual(before);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
