import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./helpers";

const menu = (page: Page) => page.getByRole("navigation", { name: "主导航" }).getByRole("link");

test("every role's menu: the public, unit staff, the office", async ({ page }) => {
  // The public's menu, on an app page: 工作计划 leads to the home page, which for them is the portal.
  await page.goto("/login");
  await expect(menu(page)).toHaveText(["工作计划"]);
  await menu(page).filter({ hasText: "工作计划" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "政府工作报告重点工作公开" })).toBeVisible();

  await signIn(page, "fagai");
  // 消息 carries the unread count, which the runner's scheduled reminders may have raised.
  await expect(menu(page)).toHaveText(["工作计划", "公开门户", "我的任务", /^消息/]);
  await signOut(page);

  await signIn(page, "office");
  await expect(menu(page)).toHaveText(["工作计划", "进度总览", "公开门户", "审核", "填报期", "导入", "单位群组", "账号", "群机器人", "消息投递", /^消息/]);
  await menu(page).filter({ hasText: "进度总览" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "进度总览" })).toBeVisible();
  await expect(page.getByText("2025年政府工作报告重点工作", { exact: true })).toBeVisible();
});

test("a leader reaches the overview of the plan in their charge from the menu @phone", async ({ page }) => {
  await signIn(page, "zhangbin");
  await expect(menu(page)).toHaveText(["工作计划", "进度总览", "公开门户", /^消息/]);
  await menu(page).filter({ hasText: "进度总览" }).click();
  await expect(page).toHaveURL(/\/plans\/\d+\/dashboard$/);
  await expect(page.getByText("分管市领导 张斌")).toBeVisible();
  await expect(page.getByRole("heading", { name: /二季度 · 25 项任务/ })).toBeVisible();
});
