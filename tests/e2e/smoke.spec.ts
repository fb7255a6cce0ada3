import { expect, test } from "@playwright/test";

test("home page lists the seeded plans @phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "工作计划" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // One plan per seed document: Pinghu 2024 and 2025, Jiaxing 2025, the policy list; the 2022 work
  // report is reference text (its glossary), not a plan with an overview.
  await expect(page.getByText("2024年 · 平湖市")).toBeVisible();
  await expect(page.getByText("2025年 · 嘉兴市")).toBeVisible();
  await expect(page.getByText("政策清单")).toBeVisible();
  await expect(page.getByRole("region", { name: "工作计划" }).getByRole("list").first().locator(":scope > li")).toHaveCount(4);
  const references = page.getByRole("region", { name: "政府工作报告(参考)" });
  await expect(references.getByRole("listitem")).toHaveText(["2022年 · 平湖市 · 2022年嘉兴市平湖市政府工作报告 · 名词解释 39 条"]);
  await expect(references.getByRole("link")).toHaveCount(0);
});
