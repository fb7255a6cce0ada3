import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ColumnMapping } from "@/lib/import";
import { commitImport, previewImport } from "@/lib/import/service";
import type { Actor } from "@/lib/permissions";
import { buildXlsx, upload } from "../support/files";

/**
 * A table whose header the import does not know, through the import page's service: the office maps its columns,
 * the import remembers the mapping by the header, and the next file of the same header is read by it unasked.
 */
let prisma: PrismaClient;
let office: Actor;

beforeAll(async () => {
  prisma = createPrismaClient();
  const user = await prisma.user.create({ data: { username: `office-mapping-${randomUUID().slice(0, 8)}`, displayName: "市府办", role: "office" } });
  office = { id: user.id, role: "office", unitId: null, leaderName: null, displayName: user.displayName };
});

afterAll(async () => {
  await prisma.$disconnect();
});

// A header of this test's own (承办科室 is in no other test), so the remembered mapping is this test's.
const HEADER = ["编号", "事项内容", "主办", "协办", "承办科室", "时限"];
const SIGNATURE = HEADER.join("|");

async function sheet(year: number, rows: string[][]): Promise<Uint8Array> {
  const title = `桐乡市${year}年重点工作任务清单`;
  return buildXlsx([{ name: "Sheet1", rows: [[title, null, null, null, null, null], HEADER, ...rows], merges: ["A1:F1"] }]);
}

const FIRST = [
  ["1", "新建公办幼儿园5所", "市教育局", "市住建局", "基建科", "年底前"],
  ["2", "完成老旧小区改造30个", "市住建局", "市财政局", "城建科", "9月底前"],
];
const SECOND = [["1", "新增城镇就业8000人以上", "市人力社保局", "市财政局", "就业科", "年底前"]];

const MAPPING: ColumnMapping = { signature: SIGNATURE, fields: ["number", "task", "lead", "units", null, "deadline"] };

async function tasksOf(year: number) {
  const tasks = await prisma.task.findMany({
    where: { plan: { government: "桐乡市", year } },
    orderBy: { number: "asc" },
    include: { units: { orderBy: { position: "asc" }, include: { unit: true } } },
  });
  return tasks.map((task) => [task.number, task.text, task.units.map((u) => `${u.isLead ? "★" : ""}${u.unit.name}`).join("、")]);
}

describe("a column mapping, remembered by the header", () => {
  it("offers an unrecognised header for mapping, imports by the office's mapping, and reads the next file of that header by it", async () => {
    const first = upload("桐乡清单.xlsx", await sheet(2036, FIRST));

    // No mapping yet: the preview offers the header, with the fields its cells name.
    const asked = await previewImport(prisma, office, first);
    expect(asked).toEqual({
      ok: false,
      message: "无法导入:无法识别的文件格式:表格“Sheet1”的表头无法识别;可在预览中指定各列对应的内容",
      tables: [{ name: "Sheet1", signature: SIGNATURE, header: HEADER, fields: ["number", null, null, null, null, "deadline"] }],
    });

    // Previewing by the office's mapping reads the table and remembers nothing yet.
    const mapped = await previewImport(prisma, office, { ...first, mappings: [MAPPING] });
    if (!mapped.ok) throw new Error(mapped.message);
    expect(mapped.summary.tasks.map((t) => [t.number, t.text, t.units.map((u) => `${u.lead ? "★" : ""}${u.name}`).join("、")])).toEqual([
      ["1", "新建公办幼儿园5所", "★教育局、住建局"],
      ["2", "完成老旧小区改造30个", "★住建局、财政局"],
    ]);
    expect(mapped.tables).toEqual([{ name: "Sheet1", signature: SIGNATURE, header: HEADER, fields: MAPPING.fields, remembered: false, applied: true }]);
    expect(await prisma.importMapping.count({ where: { signature: SIGNATURE } })).toBe(0);

    const committed = await commitImport(prisma, office, { ...first, mappings: [MAPPING] });
    if (!committed.ok) throw new Error(committed.message);
    expect(await tasksOf(2036)).toEqual([
      ["1", "新建公办幼儿园5所", "★教育局、住建局"],
      ["2", "完成老旧小区改造30个", "★住建局、财政局"],
    ]);
    const saved = await prisma.importMapping.findUniqueOrThrow({ where: { signature: SIGNATURE } });
    expect({ header: saved.header, fields: saved.fields }).toEqual({ header: HEADER, fields: MAPPING.fields });

    // The next file of the same header: read by the remembered mapping without being asked, and it says so.
    const second = upload("桐乡清单(二).xlsx", await sheet(2037, SECOND));
    const offered = await previewImport(prisma, office, second);
    if (!offered.ok) throw new Error(offered.message);
    expect(offered.tables).toEqual([{ name: "Sheet1", signature: SIGNATURE, header: HEADER, fields: MAPPING.fields, remembered: true, applied: true }]);
    expect(offered.summary.tasks.map((t) => t.text)).toEqual(["新增城镇就业8000人以上"]);

    // The office changes it (协办 not imported this time): the import is read by it and the new mapping is remembered.
    const changed: ColumnMapping = { signature: SIGNATURE, fields: ["number", "task", "lead", null, null, "deadline"] };
    const committedSecond = await commitImport(prisma, office, { ...second, mappings: [changed] });
    if (!committedSecond.ok) throw new Error(committedSecond.message);
    expect(await tasksOf(2037)).toEqual([["1", "新增城镇就业8000人以上", "★人社局"]]);
    expect((await prisma.importMapping.findUniqueOrThrow({ where: { signature: SIGNATURE } })).fields).toEqual(changed.fields);
  });

  it("remembers nothing from an import that fails", async () => {
    const signature = "编号|事项|牵头处室|时限";
    const xlsx = await buildXlsx([{ name: "Sheet1", rows: [["编号", "事项", "牵头处室", "时限"], ["1", "修订制度", "办公室", "年底前"]] }]);
    // No year anywhere in the file: the table cannot be read, so the commit fails.
    const result = await commitImport(prisma, office, { ...upload("无年度.xlsx", xlsx), mappings: [{ signature, fields: ["number", "task", "lead", "deadline"] }] });
    expect(result).toEqual({ ok: false, message: "无法导入:表格“Sheet1”:无法从文件内容确定年度" });
    expect(await prisma.importMapping.count({ where: { signature } })).toBe(0);
  });
});
