import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { main as importCli } from "@/scripts/import";
import { buildXlsx } from "../support/files";

/**
 * `npm run import` with a table whose header the import does not know, through the command line's own function and
 * the test database: refused with the columns it could not recognise and how to map them, imported by `--map`, the
 * mapping remembered as the import page remembers it, and the next file of that header read by it unasked.
 */
let prisma: PrismaClient;
let dir: string;

beforeAll(() => {
  prisma = createPrismaClient();
  dir = mkdtempSync(path.join(os.tmpdir(), "import-cli-mapping-"));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await prisma.$disconnect();
});

afterEach(() => {
  vi.restoreAllMocks();
});

// A header of this test's own (主责科室 and 协同科室 are in no other test), so the remembered mapping is this test's.
const HEADER = ["编号", "工作事项", "主责科室", "协同科室", "联系人", "时间要求"];
const SIGNATURE = HEADER.join("|");

async function sheetFile(name: string, year: number, rows: string[][]): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, await buildXlsx([{ name: "Sheet1", rows: [[`海盐县${year}年重点工作任务清单`, null, null, null, null, null], HEADER, ...rows], merges: ["A1:F1"] }]));
  return file;
}

/** Runs the command line, returning its exit code and what it wrote. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const code = await importCli(argv);
    return { code, stdout: stdout.mock.calls.map(([text]) => String(text)).join(""), stderr: stderr.mock.calls.map(([text]) => String(text)).join("") };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

async function tasksOf(year: number) {
  const tasks = await prisma.task.findMany({
    where: { plan: { government: "海盐县", year } },
    orderBy: { number: "asc" },
    include: { units: { orderBy: { position: "asc" }, include: { unit: true } } },
  });
  return tasks.map((task) => [task.number, task.text, task.units.map((u) => `${u.isLead ? "★" : ""}${u.unit.name}`).join("、"), task.deadlineText]);
}

describe("npm run import -- --map", () => {
  it("names the columns it cannot recognise and how to map them, imports by --map, remembers it and reads the next file by it", async () => {
    const first = await sheetFile("海盐清单.xlsx", 2037, [
      ["1", "新建公办幼儿园5所", "县教育局", "县住建局", "张三", "年底前"],
      ["2", "完成老旧小区改造30个", "县住建局", "县财政局", "李四", "9月底前"],
    ]);

    const refused = await run(first);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      [
        "无法导入:无法识别的文件格式:表格“Sheet1”的表头无法识别;可在预览中指定各列对应的内容",
        "表格“Sheet1”的表头未能识别:编号 | 工作事项 | 主责科室 | 协同科室 | 联系人 | 时间要求",
        "  未能识别的列:“工作事项”“主责科室”“协同科室”“联系人”“时间要求”",
        "  已识别的列:“编号”为序号",
        "请用 --map 指定各列对应的内容(未指定的列按已识别的读取,其余不导入),须有“任务”列和“牵头单位”或“配合单位/责任单位”列,例如:",
        `  npm run import -- --map "工作事项=任务,主责科室=牵头单位" ${first}`,
        "可指定的内容:序号、任务、分管领导、牵头单位、配合单位/责任单位、完成时限、完成情况、备注、不导入(或 number、task、leader、lead、units、deadline、progress、remark、none)",
        "导入成功后记住这一对应,下次表头相同的文件不必再指定。",
        "",
      ].join("\n"),
    );
    expect(await tasksOf(2037)).toEqual([]);
    expect(await prisma.importMapping.count({ where: { signature: SIGNATURE } })).toBe(0);

    // The page's names and the fields' own may be mixed; 联系人 is left unnamed, so not imported.
    const imported = await run("--map", "工作事项=text,主责科室=牵头单位,协同科室=units,时间要求=完成时限", first);
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    expect(imported.stdout).toContain("任务:新增 2");
    expect(imported.stdout).toContain("列对应:已按1个表格的列对应读取,并已记住");
    expect(await tasksOf(2037)).toEqual([
      ["1", "新建公办幼儿园5所", "★教育局、住建局", "年底前"],
      ["2", "完成老旧小区改造30个", "★住建局、财政局", "9月底前"],
    ]);
    const remembered = await prisma.importMapping.findUniqueOrThrow({ where: { signature: SIGNATURE } });
    expect(remembered).toMatchObject({ header: HEADER, fields: ["number", "task", "lead", "units", null, "deadline"] });

    // The next file of the same header needs no --map.
    const second = await sheetFile("海盐清单二.xlsx", 2038, [["1", "新增城镇就业8000人以上", "县人力社保局", "县财政局", "王五", "年底前"]]);
    const again = await run(second);
    expect(again).toMatchObject({ code: 0, stderr: "" });
    expect(await tasksOf(2038)).toEqual([["1", "新增城镇就业8000人以上", "★人社局、财政局", "年底前"]]);
  });

  it("refuses a --map it cannot read, or one naming a column the file has not, writing nothing", async () => {
    const file = await sheetFile("海盐清单三.xlsx", 2039, [["1", "新建口袋公园10个", "县建设局", "", "", "年底前"]]);
    const unknownField = await run("--map=工作事项=目标", file);
    expect(unknownField).toMatchObject({ code: 2, stdout: "" });
    expect(unknownField.stderr).toContain("--map 的“工作事项=目标”:不知道“目标”是什么内容;可指定的内容:序号、任务");
    const malformed = await run("--map", "工作事项", file);
    expect(malformed).toMatchObject({ code: 2, stderr: "--map 的“工作事项”应写成“列名=内容”,如“任务内容=任务”\n" });
    const missing = await run("--map", "任务名称=任务", file);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--map 中的列“任务名称”不在文件中表头未能识别的表格里");
    expect(await tasksOf(2039)).toEqual([]);
  });
});
