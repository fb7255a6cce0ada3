import { expect, test } from "@playwright/test";

test("home page lists the seeded plans @phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "工作计划" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // One plan per seed document: Pinghu 2024 and 2025, Jiaxing 2025, the 2022 work report, the policy list.
  await expect(page.getByText("2022年 · 平湖市")).toBeVisible();
  await expect(page.getByText("2024年 · 平湖市")).toBeVisible();
  await expect(page.getByText("2025年 · 嘉兴市")).toBeVisible();
  await expect(page.getByText("政策清单")).toBeVisible();
  await expect(page.getByRole("listitem")).toHaveCount(5);
});
