import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("on a phone the dashboard's long lists show their first five, and open in place by keyboard @phone", async ({ page }, testInfo) => {
  await signIn(page, "office");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "进度总览" }).click();
  await page.getByRole("navigation", { name: "季度" }).getByRole("link", { name: "一季度" }).click();
  await expect(page).toHaveURL(/q=1/);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  testInfo.annotations.push({ type: "page height", description: `${testInfo.project.name}: ${height}px folded` });
  console.log(`dashboard height (${testInfo.project.name}, Q1, office): ${height}px folded`);

  const tasks = page.getByRole("region", { name: /任务清单\(148\)/ });
  const items = tasks.getByRole("list").first().locator(":scope > li");
  const toggle = tasks.locator("summary");
  if (testInfo.project.name !== "phone") {
    // A wider screen shows the whole page of the list, and no toggle.
    await expect(items.filter({ visible: true })).toHaveCount(30);
    await expect(toggle).toBeHidden();
    return;
  }
  await expect(items).toHaveCount(30);
  await expect(items.filter({ visible: true })).toHaveCount(5);
  await expect(toggle).toHaveText(/^展开全部\(30\)\s*任务清单$/, { useInnerText: true });

  // The toggle is reached and opened by keyboard; the rest appears in place.
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(items.filter({ visible: true })).toHaveCount(30);
  await expect(toggle).toHaveText(/^收起\s*任务清单$/, { useInnerText: true });
  await expect(toggle).toBeFocused();
  const opened = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`dashboard height (phone, Q1, office): ${opened}px with the task list open`);
  await page.keyboard.press("Enter");
  await expect(items.filter({ visible: true })).toHaveCount(5);

  // A table folds by rows, its figures and bars together, and keeps every unit's full name.
  const units = page.getByRole("table", { name: "各单位牵头任务的状态" });
  const rows = units.locator("tbody > tr");
  await expect(rows).toHaveCount(15);
  await expect(rows.filter({ visible: true })).toHaveCount(5);
  await page.getByRole("region", { name: "按责任单位" }).locator("summary").click();
  await expect(rows.filter({ visible: true })).toHaveCount(15);
  for (const name of await units.locator("tbody th").allTextContents()) expect(name).not.toMatch(/…|\.\.\./);

  expect(height).toBeLessThan(4000);
});
