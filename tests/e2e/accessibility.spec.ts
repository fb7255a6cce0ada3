import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { firstQuarterTableLink, openMyTask, openPortalPlanFirstQuarter, signIn } from "./helpers";

/** WCAG 2.1 A/AA rules that axe can check automatically, on the pages each role works in. */
async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("public pages: home, a plan, sign-in, quarterly table", async ({ page }) => {
  // The home of a visitor without an account is the portal; the quarterly table is linked from a plan.
  await page.goto("/");
  await expectNoViolations(page);
  await openPortalPlanFirstQuarter(page, "2025年政府工作报告重点工作");
  await expectNoViolations(page);
  await firstQuarterTableLink(page).click();
  await expect(page.getByRole("table")).toBeVisible();
  await expectNoViolations(page);
  await page.goto("/login");
  await expectNoViolations(page);
});

test("unit staff: my tasks and the filing form", async ({ page }) => {
  await signIn(page, "fagai");
  await expectNoViolations(page);
  await openMyTask(page, "健全小微企业融资协调机制。");
  await expectNoViolations(page);
});

test("office: review queue, dashboard, a task with targets, accounts", async ({ page }) => {
  await signIn(page, "office");
  await expectNoViolations(page);
  await page.goto("/");
  await page.getByRole("link", { name: "进度总览" }).first().click();
  await expect(page.getByRole("heading", { name: "进度总览" })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole("navigation", { name: "季度" }).getByRole("link", { name: "一季度" }).click();
  await expect(page).toHaveURL(/q=1/);
  await expectNoViolations(page);
  await page.getByRole("region", { name: /慢于序时的任务/ }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "目标" })).toBeVisible();
  await expectNoViolations(page);
  await page.goto("/users");
  await expectNoViolations(page);
});

test("messages: the inbox, the outbox and the robots", async ({ page }) => {
  await signIn(page, "office");
  for (const path of ["/inbox", "/outbox", "/robots"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoViolations(page);
  }
});
