import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "luoshi-demo-2025";

export async function signIn(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("账号").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
}

/** Opens a task of "my tasks" by its text. */
export async function openMyTask(page: Page, text: string) {
  await page.goto("/my");
  await page.getByRole("link", { name: text, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: text })).toBeVisible();
}
