import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// A county's notice whose items carry a 完成时限: one read as a date, one that is no date (a year no seed uses).
const NOTICE = [
  "嘉善县人民政府办公室关于印发2031年重点工作任务分解的通知",
  "一、重点工作",
  "1. 新开工亿元以上产业项目100个。(责任单位:县经信局)",
  "完成时限:6月底前",
  "2. 新建改造城乡公园20个。(责任单位:县住建局)",
  "完成时限:尽快",
  "3. 新增养老床位2000张。(责任单位:县民政局)",
].join("\n");

test("the import preview shows each task's 完成时限 as read, the day 序时进度 runs to, and why none where it cannot be read", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/import");
  await page.getByLabel(/选择文件/).setInputFiles({ name: "jiashan.txt", mimeType: "text/plain", buffer: Buffer.from(NOTICE, "utf8") });
  await page.getByRole("button", { name: "预览" }).click();

  const table = page.getByRole("table", { name: "将导入的任务" });
  await expect(table.getByRole("columnheader", { name: "完成时限" })).toBeVisible();
  const deadlines = table.getByTestId("task-deadline");
  await expect(deadlines).toHaveText(["6月底前(序时进度至6月30日)", "尽快完成时限“尽快”未能识别为日期,序时进度按年底计,请核对", "—"]);
});
