import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("home page lists the seeded plans @phone", async ({ page }) => {
  // Without an account, the home page is the public portal (next.config.ts rewrites / to /public).
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "政府工作报告重点工作公开" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // One plan per seed document, under its year: Pinghu 2024 and 2025, Jiaxing 2025, the policy list;
  // the 2022 work report is reference text (its glossary), not a plan.
  const year = (label: string) => page.getByRole("region", { name: label, exact: true });
  await expect(year("2025年").locator(".plans > li")).toHaveCount(3);
  await expect(year("2024年").locator(".plans > li")).toHaveCount(1);
  await expect(year("2022年")).toHaveCount(0);
  await expect(year("2024年")).toContainText("平湖市 · 重点工作责任分解");
  await expect(year("2025年")).toContainText("嘉兴市 · 重点工作责任分解");
  await expect(year("2025年")).toContainText("政策清单");
  await expect(page.locator(".plans > li")).toHaveCount(4);
});

test("signed in, the home page still lists the plans and the reference reports @phone", async ({ page }) => {
  await signIn(page, "zhangbin");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "工作计划" })).toBeVisible();
  await expect(page.getByText("2024年 · 平湖市")).toBeVisible();
  await expect(page.getByText("2025年 · 嘉兴市")).toBeVisible();
  await expect(page.getByRole("region", { name: "工作计划" }).getByRole("list").first().locator(":scope > li")).toHaveCount(4);
  const references = page.getByRole("region", { name: "政府工作报告(参考)" });
  await expect(references.getByRole("listitem")).toHaveText(["2022年 · 平湖市 · 2022年嘉兴市平湖市政府工作报告 · 名词解释 39 条"]);
  await expect(references.getByRole("link")).toHaveCount(0);
});
