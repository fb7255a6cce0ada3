import { expect, test, type Page } from "@playwright/test";
import { buildDocx, buildXlsx } from "../support/files";
import { signIn } from "./helpers";

/**
 * The office's whole import, as issue 12 describes it, in one sitting: a Word file of a known layout is previewed
 * and imported; an Excel sheet whose header the import does not know has its columns mapped in the preview (one
 * select by keyboard), its units mapped to 责任单位 so that the file itself says nothing of who leads, the office
 * chooses the lead rule after seeing what each does, imports, and reads the tasks where users read them. Each
 * file is built here; the city and years (海宁市 2035, 桐乡市 2046) are no other spec's.
 */

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function choose(page: Page, name: string, mimeType: string, bytes: Uint8Array) {
  await page.getByLabel("选择文件").setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
  await expect(page.getByText(`已选择:${name}`)).toBeVisible();
  await page.getByRole("button", { name: "预览", exact: true }).click();
}

/** A quarterly table in the layout of seed 000, the title a paragraph above it, 李明's cell merged down. */
async function quarterlyDocx(): Promise<Uint8Array> {
  return buildDocx([
    "海宁市人民政府2035年重点工作一季度完成情况",
    [
      ["分管市长", "序号", "主要工作任务", "一季度重点工作完成情况", "责任单位"],
      [{ text: "李明", rowSpan: "start" }, "1", "新增光伏装机6万千瓦。", "1-3月新增光伏装机1.2万千瓦。", "★发改局\n经信局"],
      [{ text: "", rowSpan: "continue" }, "2", "固定资产投资增长5%。", "1-3月增长6.1%。", "发改局"],
      ["王芳", "1", "城镇新增就业8000人以上。", "1-3月新增就业2100人。", "★人力社保局、财政局"],
    ],
  ]);
}

/** A list whose header names nothing the import knows but 编号 and 时限; its units column says nothing of leads. */
async function unknownHeaderXlsx(): Promise<Uint8Array> {
  return buildXlsx([
    {
      name: "Sheet1",
      rows: [
        ["桐乡市2046年重点工作任务清单", null, null, null],
        ["编号", "事项内容", "承办单位", "时限"],
        ["1", "新建公办幼儿园5所", "市教育局、市住建局", "年底前"],
        ["2", "完成老旧小区改造30个", "市住建局、市财政局、市民政局", "9月底前"],
        ["3", "新增城镇就业8000人以上", "市人力社保局", "6月底前"],
      ],
      merges: ["A1:D1"],
    },
  ]);
}

const column = (page: Page, index: number, header: string) => page.getByTestId("column-mapping").getByLabel(new RegExp(`第${index}列“${header}”`));

test("the office imports a .docx, maps an .xlsx's unknown columns, chooses its lead rule, imports it and reads its tasks", async ({ page }) => {
  await signIn(page, "office");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "导入" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "导入文件" })).toBeVisible();

  // 1. The Word file: its layout and its lead rule (★) are the document's own.
  await choose(page, "海宁市一季度.docx", DOCX, await quarterlyDocx());
  await expect(page.getByRole("heading", { name: "预览:2035年 海宁市 · 海宁市人民政府2035年重点工作" })).toBeVisible();
  const docxRows = page.getByRole("table", { name: "将导入的任务" }).getByRole("row");
  await expect(docxRows).toHaveCount(4);
  await expect(docxRows.nth(1)).toContainText("★发改局、经信局");
  await expect(docxRows.nth(3)).toContainText("★人社局、财政局");
  await expect(page.getByRole("group", { name: /牵头单位认定方式/ })).toHaveCount(0);
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已导入" })).toContainText("已导入:新增任务 3,更新 0,删除 0,未变 0。");

  // 2. The Excel sheet: its header is not recognised, so its columns are the office's to map.
  await page.reload();
  await choose(page, "桐乡清单.xlsx", XLSX, await unknownHeaderXlsx());
  await expect(page.getByText(/表格“Sheet1”的表头无法识别;可在预览中指定各列对应的内容/)).toBeVisible();
  await expect(column(page, 1, "编号")).toHaveValue("number");
  await expect(column(page, 2, "事项内容")).toHaveValue("");
  await expect(column(page, 3, "承办单位")).toHaveValue("");
  await expect(column(page, 4, "时限")).toHaveValue("deadline");
  // By keyboard: from 不导入 down past 序号 to 任务.
  await column(page, 2, "事项内容").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(column(page, 2, "事项内容")).toHaveValue("task");
  await column(page, 3, "承办单位").selectOption({ label: "配合单位/责任单位" });
  await page.getByRole("button", { name: "按所选对应预览" }).click();

  await expect(page.getByRole("heading", { name: "预览:2046年 桐乡市 · 桐乡市2046年重点工作任务清单" })).toBeVisible();
  const rows = page.getByRole("table", { name: "将导入的任务" }).getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText("新建公办幼儿园5所");

  // 3. The lead rule: the file states none, so the office is asked, sees what each choice does, and must choose.
  const rule = page.getByRole("group", { name: /牵头单位认定方式/ });
  await expect(rule).toContainText("列第一位的为牵头单位:2 项多单位任务各 1 个牵头单位");
  await expect(rule).toContainText("所列单位均为牵头单位:2 项多单位任务的 5 个单位都牵头");
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText(/文件未说明如何认定牵头单位/)).toBeVisible();
  await rule.getByLabel(/所列单位均为牵头单位/).check();

  // 4. Import.
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已导入" })).toContainText("已导入:新增任务 3,更新 0,删除 0,未变 0。");

  // The tasks where users read them: the plan on the home page, the portal's plan and task pages, the task page.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "工作计划" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "桐乡市2046年重点工作任务清单" })).toContainText("3 项任务");
  await page.goto("/public");
  await page.getByRole("link", { name: "桐乡市2046年重点工作任务清单" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "桐乡市2046年重点工作任务清单" })).toBeVisible();
  const renovation = page.getByRole("article").filter({ hasText: "完成老旧小区改造30个" });
  await expect(renovation).toContainText("牵头:住建局、财政局、民政局");
  await renovation.getByRole("link", { name: "完成老旧小区改造30个" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "完成老旧小区改造30个" })).toBeVisible();
  const facts = page.locator("dl.facts");
  await expect(facts).toContainText("牵头单位住建局、财政局、民政局");
  await expect(facts).not.toContainText("配合单位");
  await expect(facts).toContainText("完成时限9月底前");
  await expect(page.getByRole("region", { name: "目标" })).toContainText("30个");

  // The office's own task page, at the same task: every listed unit starred, the deadline, the target.
  const taskId = new URL(page.url()).pathname.split("/").pop();
  await page.goto(`/tasks/${taskId}`);
  await expect(page.getByRole("heading", { level: 1, name: "完成老旧小区改造30个" })).toBeVisible();
  await expect(page.getByText(/^责任单位:/)).toContainText("★住建局、★财政局、★民政局");
  await expect(page.getByText(/^完成时限:/)).toContainText("9月底前");
  await expect(page.getByRole("heading", { name: "目标" })).toBeVisible();
});
