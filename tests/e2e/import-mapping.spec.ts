import { expect, test, type Page } from "@playwright/test";
import { buildXlsx } from "../support/files";
import { signIn } from "./helpers";

/**
 * A sheet whose header the import does not know (编号 | 事项内容 | 主办 | 协办 | 时限) and that names its lead column:
 * the office maps its columns in the preview (by keyboard in import-journey.spec.ts) and imports, with no lead rule
 * to choose; the next file of the same header comes with that mapping preselected. Each file is built here; the
 * years and the city (平湖市, 2041–2042) are no other spec's.
 */
const HEADER = ["编号", "事项内容", "主办", "协办", "时限"];

async function sheet(year: number, rows: string[][]): Promise<Buffer> {
  const title = `平湖市${year}年重点工作任务清单`;
  return Buffer.from(await buildXlsx([{ name: "Sheet1", rows: [[title, null, null, null, null], HEADER, ...rows], merges: ["A1:E1"] }]));
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel("选择文件").setInputFiles({ name, mimeType: XLSX, buffer });
  await page.getByRole("button", { name: "预览", exact: true }).click();
}

const column = (page: Page, index: number, header: string) =>
  page.getByTestId("column-mapping").getByLabel(new RegExp(`第${index}列“${header}”`));

test("the office maps an unrecognised header's columns, imports, and the next file of that header has the mapping preselected", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/import");

  await upload(
    page,
    "平湖清单.xlsx",
    await sheet(2041, [
      ["1", "新建公办幼儿园5所", "市教育局", "市住建局", "年底前"],
      ["2", "完成老旧小区改造30个", "市住建局", "市财政局", "9月底前"],
    ]),
  );
  await expect(page.getByText(/表格“Sheet1”的表头无法识别;可在预览中指定各列对应的内容/)).toBeVisible();
  const mapping = page.getByRole("group", { name: "表格“Sheet1”的列对应" });
  await expect(mapping).toContainText("表头无法识别:请为各列选择对应的内容");
  // What the header names is preselected; the rest is for the office.
  await expect(column(page, 1, "编号")).toHaveValue("number");
  await expect(column(page, 2, "事项内容")).toHaveValue("");
  await expect(column(page, 5, "时限")).toHaveValue("deadline");
  await column(page, 2, "事项内容").selectOption({ label: "任务" });
  await column(page, 3, "主办").selectOption({ label: "牵头单位" });
  await column(page, 4, "协办").selectOption({ label: "配合单位/责任单位" });
  await page.getByRole("button", { name: "按所选对应预览" }).click();

  await expect(page.getByRole("heading", { name: "预览:2041年 平湖市 · 平湖市2041年重点工作任务清单" })).toBeVisible();
  const rows = page.getByRole("table", { name: "将导入的任务" }).getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("新建公办幼儿园5所");
  await expect(rows.nth(1)).toContainText("★教育局、住建局");
  // A column of leads states the rule itself: nothing to choose.
  await expect(page.getByRole("group", { name: /牵头单位认定方式/ })).toHaveCount(0);
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已导入" })).toContainText(/新增任务 2|未变 2/);

  // A second file of the same header: read by the remembered mapping, which is shown preselected.
  await upload(page, "平湖清单二.xlsx", await sheet(2042, [["1", "新增城镇就业8000人以上", "市人力社保局", "市财政局", "年底前"]]));
  await expect(page.getByRole("heading", { name: "预览:2042年 平湖市 · 平湖市2042年重点工作任务清单" })).toBeVisible();
  await expect(mapping).toContainText("已按上次导入同样表头的文件时的对应预选,可修改。");
  await expect(column(page, 2, "事项内容")).toHaveValue("task");
  await expect(column(page, 3, "主办")).toHaveValue("lead");
  await expect(column(page, 4, "协办")).toHaveValue("units");
  await expect(page.getByRole("table", { name: "将导入的任务" }).getByRole("row")).toHaveCount(2);

  // Changing a column asks for a new preview before importing.
  await column(page, 4, "协办").selectOption({ label: "不导入" });
  await expect(page.getByText("列对应已更改,请先点“预览”查看按新对应读取的结果,再导入。")).toBeVisible();
  await expect(page.getByRole("button", { name: "确认导入" })).toBeDisabled();
});
