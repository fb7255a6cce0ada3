import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// A county's list that neither stars a unit nor says which listed unit leads (a year no seed uses).
const NO_RULE = [
  "海宁市人民政府",
  "海宁市争取上级政策事项清单(2033年)",
  "领域 | 争取事项 | 具体目标 | 责任单位 |",
  "一、产业发展 | 1.争取专项资金。 | 争取1亿元以上。 | 经信局、财政局、科技局 |",
  "2.争取用地指标。 | 争取100亩。 | 自然资源和规划局 | |",
].join("\n");

test("the import page asks for a lead rule where the file states none, refuses to import until chosen, then imports", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/import");
  await page.getByLabel(/选择文件/).setInputFiles({ name: "haining.txt", mimeType: "text/plain", buffer: Buffer.from(NO_RULE, "utf8") });
  await page.getByRole("button", { name: "预览" }).click();

  const choice = page.getByRole("group", { name: /牵头单位认定方式/ });
  await expect(choice).toBeVisible();
  await expect(choice).toContainText("所列单位均为牵头单位:1 项多单位任务的 3 个单位都牵头");
  // Every skipped line is named: here the heading lines above the table.
  await expect(page.getByText("第1–2行未导入(通知抬头与导语,不是任务)", { exact: false })).toBeVisible();

  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText(/文件未说明如何认定牵头单位/)).toBeVisible();

  await choice.getByLabel(/所列单位均为牵头单位/).check();
  await page.getByRole("button", { name: "确认导入" }).click();
  // A fresh server creates the 3 tasks; a reused one (a second local run) finds them unchanged.
  await expect(page.getByRole("status")).toContainText(/新增任务 3|未变 3/);
});

test("the import page names where 004 states its lead rule and lists its clauses", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/import");
  const seeds = join(process.cwd(), "seeds");
  const name = readdirSync(seeds).find((file) => file.startsWith("004"))!;
  await page.getByLabel(/选择文件/).setInputFiles(join(seeds, name));
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByTestId("lead-rule")).toHaveText("牵头单位认定:列第一位的为牵头单位(依据文件第10行:“列第一位的为牵头单位”)");
  await expect(page.getByRole("group", { name: /牵头单位认定方式/ })).toHaveCount(0);
  await expect(page.getByText("共 83 项")).toBeVisible();
  await expect(page.getByText("第112行未导入(表格之后的内容,不是任务)", { exact: false })).toBeVisible();
});
