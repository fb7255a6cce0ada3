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

/**
 * What the import stored for a plan, as the task page and the dashboard read it: each task's leader, number,
 * text, units in order (★ lead), targets (kind, comparator, value in base units, unit) and deadline.
 */
async function storedTasks(government: string, year: number) {
  const tasks = await prisma.task.findMany({
    where: { plan: { government, year } },
    orderBy: [{ sourceLine: "asc" }, { id: "asc" }],
    include: {
      leader: true,
      units: { orderBy: { position: "asc" }, include: { unit: true } },
      targets: { orderBy: { position: "asc" } },
    },
  });
  return tasks.map((task) => ({
    leader: task.leader?.name ?? null,
    number: task.number,
    text: task.text,
    units: task.units.map((link) => `${link.isLead ? "★" : ""}${link.unit.name}`),
    targets: task.targets.map((target) => `${target.kind} ${target.comparator} ${target.value} ${target.unit}`),
    deadline: task.deadlineText === null ? null : `${task.deadlineText} → ${task.dueOn?.toISOString().slice(0, 10) ?? "年底"}`,
  }));
}

const tasksOf = (year: number) => storedTasks("海宁市", year);

// The 000 layout states no 完成时限: every task runs to the year's end.
const EXPECTED_TASKS = [
  { leader: "李明", number: "1", text: "新增光伏装机6万千瓦。", units: ["★发改局", "经信局"], targets: ["quantity gte 60000 千瓦"], deadline: null },
  { leader: "李明", number: "2", text: "固定资产投资增长5%。", units: ["★发改局"], targets: ["growth gte 5 %"], deadline: null },
  { leader: "王芳", number: "1", text: "城镇新增就业8000人以上。", units: ["★人社局", "财政局"], targets: ["quantity gte 8000 人"], deadline: null },
];

/** Rows of a breakdown table with separate 牵头/配合 columns and a 完成时限 (the layout the issue names). */
const BREAKDOWN_HEADER = ["序号", "工作任务", "分管市领导", "牵头单位", "配合单位", "完成时限"];
const BREAKDOWN_ROWS = [
  ["1", "新增光伏装机6万千瓦。", "李明", "发改局", "经信局、建设局", "年底前"],
  ["2", "新增省级数字农业工厂2家。", "李明", "农业农村局", "", "6月底前"],
  ["3", "腾出水域指标100亩。", "王芳", "水利局", "自然资源和规划局", "三季度"],
];
const breakdownExpected = (year: number) => [
  { leader: "李明", number: "1", text: "新增光伏装机6万千瓦。", units: ["★发改局", "经信局", "建设局"], targets: ["quantity gte 60000 千瓦"], deadline: `年底前 → ${year}-12-31` },
  { leader: "李明", number: "2", text: "新增省级数字农业工厂2家。", units: ["★农业农村局"], targets: ["quantity gte 2 家"], deadline: `6月底前 → ${year}-06-30` },
  { leader: "王芳", number: "3", text: "腾出水域指标100亩。", units: ["★水利局", "自然资源和规划局"], targets: ["quantity gte 100 亩"], deadline: `三季度 → ${year}-09-30` },
];

async function imported(fileName: string, content: Uint8Array, created: number) {
  const committed = await commitImport(prisma, office, upload(fileName, content));
  expect(committed).toMatchObject({ ok: true, outcome: { planCreated: true, tasks: { created } } });
}

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

  it("a .docx whose table has separate 牵头/配合 columns and a 完成时限 stores leads, targets and deadlines", async () => {
    await imported("德清县任务.docx", await buildDocx(["德清县2031年重点工作任务分解表", [BREAKDOWN_HEADER, ...BREAKDOWN_ROWS]]), 3);
    expect(await storedTasks("德清县", 2031)).toEqual(breakdownExpected(2031));
  });

  it("a .docx of numbered paragraphs (Word's own list numbering) with their units and 完成时限", async () => {
    const docx = await buildDocx([
      "德清县人民政府关于印发2032年重点工作责任分解的通知",
      "各有关单位:现将2032年重点工作责任分解印发给你们,请认真抓好落实。(列第一位的为牵头单位,下同)",
      {
        numbered: [
          "新增光伏装机6万千瓦。牵头单位:县发改局 配合单位:县经信局、县建设局 完成时限:6月底前",
          "城镇新增就业8000人以上。(县人力社保局负责)",
          "新建城乡公园5个。责任单位:县建设局、县自然资源和规划局 完成时限:三季度",
        ],
      },
    ]);
    await imported("德清县通知.docx", docx, 3);
    expect(await storedTasks("德清县", 2032)).toEqual([
      { leader: null, number: "1", text: "新增光伏装机6万千瓦。", units: ["★发改局", "经信局", "建设局"], targets: ["quantity gte 60000 千瓦"], deadline: "6月底前 → 2032-06-30" },
      { leader: null, number: "2", text: "城镇新增就业8000人以上。", units: ["★人社局"], targets: ["quantity gte 8000 人"], deadline: null },
      { leader: null, number: "3", text: "新建城乡公园5个。", units: ["★建设局", "自然资源和规划局"], targets: ["quantity gte 5 个"], deadline: "三季度 → 2032-09-30" },
    ]);
  });

  it("an .xlsx with each leader's cell merged down and separate 牵头/配合 columns", async () => {
    const rows = [
      ["德清县2033年重点工作任务分解表", null, null, null, null, null],
      BREAKDOWN_HEADER,
      BREAKDOWN_ROWS[0],
      ["2", "新增省级数字农业工厂2家。", null, "农业农村局", "", "6月底前"],
      BREAKDOWN_ROWS[2],
    ];
    await imported("德清县任务.xlsx", await buildXlsx([{ name: "重点工作", rows, merges: ["A1:F1", "C3:C4"] }]), 3);
    expect(await storedTasks("德清县", 2033)).toEqual(breakdownExpected(2033));
  });

  it("a CSV (unit lists in quoted cells) and a TSV of the same table", async () => {
    const quote = (cell: string) => (/[",\n、]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    const csv = ["德清县2034年重点工作任务分解表", BREAKDOWN_HEADER.join(","), ...BREAKDOWN_ROWS.map((row) => row.map(quote).join(","))].join("\r\n");
    await imported("德清县任务.csv", new TextEncoder().encode(csv), 3);
    expect(await storedTasks("德清县", 2034)).toEqual(breakdownExpected(2034));

    const tsv = ["德清县2035年重点工作任务分解表", BREAKDOWN_HEADER.join("\t"), ...BREAKDOWN_ROWS.map((row) => row.join("\t"))].join("\n");
    await imported("德清县任务.tsv", new TextEncoder().encode(tsv), 3);
    expect(await storedTasks("德清县", 2035)).toEqual(breakdownExpected(2035));
  });

  it("a PDF with a text layer holding a breakdown notice imports its tasks", async () => {
    const pdf = buildPdf([
      "海宁市人民政府关于印发2033年重点工作责任分解的通知",
      "各有关单位:现将2033年重点工作责任分解印发给你们。(列第一位的为牵头或汇总单位,下同)",
      "一、李明副市长牵头重点工作",
      "1.新增光伏装机6万千瓦。",
      "责任单位:市发改局、市经信局",
      "完成时限:6月底前",
      "2.城镇新增就业8000人以上。",
      "责任单位:市人力社保局",
    ]);
    await imported("通知.pdf", pdf, 2);
    expect(await tasksOf(2033)).toEqual([
      { leader: "李明", number: "1", text: "新增光伏装机6万千瓦。", units: ["★发改局", "经信局"], targets: ["quantity gte 60000 千瓦"], deadline: "6月底前 → 2033-06-30" },
      { leader: "李明", number: "2", text: "城镇新增就业8000人以上。", units: ["★人社局"], targets: ["quantity gte 8000 人"], deadline: null },
    ]);
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
