import { expect, test, type Page } from "@playwright/test";
import { buildDocx, buildPdf, buildXlsx } from "../support/files";
import { signIn } from "./helpers";

/**
 * The import page takes the office's files as they are: a .docx and an .xlsx holding a quarterly table are
 * previewed and imported; a scan is refused saying why; the size limit is stated and a larger file is stopped
 * before it is sent. Each file is built here from known content.
 */

function progressTable(year: number): string[][] {
  return [
    [`海宁市人民政府${year}年重点工作一季度完成情况`, "", "", "", ""],
    ["分管市长", "序号", "主要工作任务", "一季度重点工作完成情况", "责任单位"],
    ["李明", "1", "新增光伏装机6万千瓦。", "1-3月新增光伏装机1.2万千瓦。", "★发改局\n经信局"],
    ["李明", "2", "固定资产投资增长5%。", "1-3月增长6.1%。", "发改局"],
    ["王芳", "1", "城镇新增就业8000人以上。", "1-3月新增就业2100人。", "★人力社保局、财政局"],
  ];
}

async function chooseFile(page: Page, name: string, mimeType: string, bytes: Uint8Array) {
  await page.getByLabel("选择文件").setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
}

async function previewAndImport(page: Page, year: number) {
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByRole("heading", { name: `预览:${year}年 海宁市 · 海宁市人民政府${year}年重点工作` })).toBeVisible();
  const rows = page.getByRole("table", { name: "将导入的任务" }).getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText("新增光伏装机6万千瓦。");
  await expect(rows.nth(1)).toContainText("★发改局、经信局");
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已导入" })).toContainText("已导入:新增任务 3,更新 0,删除 0,未变 0。");
}

test("the office imports a .docx and an .xlsx; a scan and a file over the limit are refused with their reasons", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/import");
  await expect(page.getByText("Word(.docx)、Excel(.xlsx)、带文字的 PDF、CSV/TSV、纯文本(.txt);每个文件最多 10 MB。")).toBeVisible();
  await expect(page.getByLabel("选择文件")).toHaveAttribute("accept", ".docx,.xlsx,.pdf,.csv,.tsv,.txt");

  // A .docx: the title a paragraph, the rows a table with 李明's cell merged down.
  const [docTitle, header, ...rows] = progressTable(2035);
  const docx = await buildDocx([
    docTitle[0],
    [header, [{ text: "李明", rowSpan: "start" }, ...rows[0].slice(1)], [{ text: "", rowSpan: "continue" }, ...rows[1].slice(1)], rows[2]],
  ]);
  await chooseFile(page, "海宁市一季度.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx);
  await expect(page.getByText("已选择:海宁市一季度.docx")).toBeVisible();
  await previewAndImport(page, 2035);

  // An .xlsx: the title merged across, 李明's cell merged down.
  const sheet = progressTable(2036).map((row, i) => (i === 3 ? ["", ...row.slice(1)] : row));
  const xlsx = await buildXlsx([{ name: "一季度", rows: sheet, merges: ["A1:E1", "A3:A4"] }]);
  await page.reload();
  await chooseFile(page, "海宁市一季度.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx);
  await previewAndImport(page, 2036);

  // A scan: no text layer.
  await page.reload();
  await chooseFile(page, "扫描件.pdf", "application/pdf", buildPdf([]));
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "无法导入" })).toHaveText("无法导入:这是扫描件或图片PDF,没有可读取的文字层;请上传Word/Excel文件或带文字的PDF");
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);

  // Past the limit: said at once, and nothing is sent.
  await chooseFile(page, "大文件.txt", "text/plain", new Uint8Array(10 * 1024 * 1024 + 1));
  await expect(page.getByText("文件过大:最多 10 MB。请拆分后分别导入。")).toBeVisible();
  await expect(page.getByRole("button", { name: "预览" })).toBeDisabled();
});

test("files of 1.6 MB and 5 MB reach the server and get its answer, not a failed request", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/import");
  for (const megabytes of [1.6, 5]) {
    // Text of no known layout: the answer that it cannot be recognised shows the server read the whole file.
    const text = "会议纪要。".repeat(Math.round((megabytes * 1024 * 1024) / 15));
    await chooseFile(page, `纪要${megabytes}.txt`, "text/plain", new TextEncoder().encode(text));
    const started = Date.now();
    await page.getByRole("button", { name: "预览" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "无法导入" })).toHaveText(/^无法导入:无法识别的文件格式/);
    console.log(`${megabytes} MB: answered in ${Date.now() - started} ms`);
    await page.reload();
  }
});
