import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "luoshi-demo-2025";

export async function signIn(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("账号").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
}

/** Signs out; the page lands on the home page, which without an account is the public portal. */
export async function signOut(page: Page) {
  // 退出 is a client button: on a loaded machine a click can come before React has hydrated it and
  // do nothing, so it is clicked again until the portal's sign-in link shows.
  await expect(async () => {
    const button = page.getByRole("button", { name: "退出" });
    if (await button.isVisible()) await button.click();
    await expect(page.getByRole("link", { name: "工作人员登录" })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}

/** Opens a task of "my tasks" by its text. */
export async function openMyTask(page: Page, text: string) {
  await page.goto("/my");
  await page.getByRole("link", { name: text, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: text })).toBeVisible();
}

/**
 * As a visitor without an account: from the home page (the public portal) to a plan's page with
 * the first quarter shown, where its printable quarterly table is linked. The portal shows the
 * newest published quarter by default, which other specs move on to the second.
 */
export async function openPortalPlanFirstQuarter(page: Page, plan: string) {
  await page.goto("/");
  await page.getByRole("link", { name: plan, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: plan })).toBeVisible();
  const first = page.getByRole("navigation", { name: "季度" }).getByRole("link", { name: "一季度", exact: true });
  if ((await first.count()) > 0) await first.click();
  await expect(page.getByRole("navigation", { name: "季度" }).locator("[aria-current=page]")).toHaveText("一季度");
}

/** The first quarter's printable table of a plan, as the portal links it. */
export const firstQuarterTableLink = (page: Page) => page.getByRole("link", { name: "一季度完成情况表(可打印)" });
