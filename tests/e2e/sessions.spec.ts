import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";

test("after signing out, the old session cookie opens nothing", async ({ page, browser }) => {
  await signIn(page, "shangwu");
  await page.goto("/my");
  await expect(page.getByRole("heading", { name: "我的任务" })).toBeVisible();
  const cookies = await page.context().cookies();
  await signOut(page);

  // Someone who kept a copy of the cookie (another tab, a stolen copy) is sent to sign in.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const stale = await replay.newPage();
  await stale.goto("/my");
  await expect(stale).toHaveURL(/\/login\?callbackUrl=%2Fmy/);
  await replay.close();
});
