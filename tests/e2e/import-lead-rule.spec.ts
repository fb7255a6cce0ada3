import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// Choosing a rule where the file states none is part of import-journey.spec.ts.

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
