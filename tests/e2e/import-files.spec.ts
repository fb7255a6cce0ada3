import { expect, test, type Page } from "@playwright/test";
import { buildPdf } from "../support/files";
import { signIn } from "./helpers";

/**
 * The import page refuses what it cannot read, saying why: a scan without a text layer; the size limit is stated and
 * a larger file is stopped before it is sent. Importing a .docx and an .xlsx is the journey of import-journey.spec.ts.
 */

async function chooseFile(page: Page, name: string, mimeType: string, bytes: Uint8Array) {
  await page.getByLabel("选择文件").setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
}

test("the import page states the types and the size limit; a scan and a file over the limit are refused with their reasons", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/import");
  await expect(page.getByText("Word(.docx)、Excel(.xlsx)、带文字的 PDF、CSV/TSV、纯文本(.txt);每个文件最多 10 MB。")).toBeVisible();
  await expect(page.getByLabel("选择文件")).toHaveAttribute("accept", ".docx,.xlsx,.pdf,.csv,.tsv,.txt");

  // A scan: no text layer.
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
