import { expect, test } from "@playwright/test";
import { firstQuarterTableLink, openPortalPlanFirstQuarter, signIn } from "./helpers";

const PLAN = "2025年政府工作报告重点工作";

test("the office sees Q1 statuses a person can check by hand, and filters them in the URL", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/");
  await page.getByRole("listitem").filter({ hasText: PLAN }).getByRole("link", { name: "进度总览" }).click();
  await page.getByRole("navigation", { name: "季度" }).getByRole("link", { name: "一季度" }).click();
  await expect(page).toHaveURL(/q=1/);

  const behind = page.getByRole("region", { name: /慢于序时的任务/ });
  await expect(behind.getByRole("listitem").filter({ hasText: "一般公共预算收入增长2.5%。" })).toContainText("增长1.9%,目标≥2.5%");

  await page.getByLabel("状态").selectOption("ahead");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/status=ahead/);
  const tasks = page.getByRole("region", { name: /任务清单/ });
  await expect(tasks.getByRole("listitem").filter({ hasText: "新增光伏装机6万千瓦" })).toContainText("超序时");

  // A task is as far as its worst target: 改善农民住房 (260 of 2000户) holds back 公寓房 (1265 of 1000套, done).
  await page.goto(page.url().replace("status=ahead", "status=behind"));
  const housing = behind.getByRole("listitem").filter({ hasText: "新启动公寓房建设1000套以上" });
  await expect(housing.getByRole("listitem").filter({ hasText: "1000套" })).toContainText("已完成:完成1265套,目标≥1000套,完成率126.5%,序时进度25%");
  await expect(housing.getByRole("listitem").filter({ hasText: "2000户" })).toContainText("慢于序时:完成260户,目标≥2000户,完成率13%,序时进度25%");
});

test("a leader's overview holds only the tasks in their charge @phone", async ({ page }) => {
  await signIn(page, "zhangbin");
  await page.getByRole("listitem").filter({ hasText: PLAN }).getByRole("link", { name: "进度总览" }).click();
  await page.getByRole("navigation", { name: "季度" }).getByRole("link", { name: "一季度" }).click();
  await expect(page.getByRole("heading", { name: /一季度 · 25 项任务/ })).toBeVisible();
  const leaders = page.getByRole("table", { name: "各分管市领导的任务状态" }).getByRole("rowheader");
  await expect(leaders).toHaveText(["张斌"]);
});

test("anyone can read the published quarterly table and download it as Excel", async ({ page }) => {
  // The home page of a visitor without an account is the portal; the table is linked from the plan.
  await openPortalPlanFirstQuarter(page, PLAN);
  await firstQuarterTableLink(page).click();
  const table = page.getByRole("table");
  await expect(table.getByRole("row").filter({ hasText: "新增光伏装机6万千瓦" })).toContainText("2.1万千瓦");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载 Excel" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the dashboard's long lists come a page at a time, by links", async ({ page, browser, baseURL }) => {
    // The sign-in form needs JavaScript: sign in elsewhere and bring the session cookie.
    const withScript = await browser.newContext({ baseURL, javaScriptEnabled: true });
    await signIn(await withScript.newPage(), "office");
    await page.context().addCookies(await withScript.cookies());
    await withScript.close();
    await page.goto("/");
    await page.getByRole("listitem").filter({ hasText: PLAN }).getByRole("link", { name: "进度总览" }).click();
    await page.getByRole("navigation", { name: "季度" }).getByRole("link", { name: "一季度" }).click();

    // 148 tasks, 30 a page.
    const tasks = page.getByRole("region", { name: /任务清单\(148\)/ });
    await expect(tasks.getByRole("list").first().locator(":scope > li")).toHaveCount(30);
    const pager = tasks.getByRole("navigation", { name: "任务清单分页" });
    await expect(pager).toContainText("第 1–30 项,共 148 项");
    await pager.getByRole("link", { name: "第 5 页" }).click();
    await expect(page).toHaveURL(/q=1&page=5#tasks-heading/);
    await expect(pager).toContainText("第 121–148 项,共 148 项");
    await expect(pager.locator("[aria-current=page]")).toHaveText("第5页");
    await expect(tasks.getByRole("list").first().locator(":scope > li").nth(1)).toContainText("陈之超 1.");

    // The units' table pages on its own and switches to the tasks units share as co-units; the task list keeps its page.
    const units = page.getByRole("region", { name: "按责任单位" });
    await units.getByRole("navigation", { name: "单位分页" }).getByRole("link", { name: "下一页" }).click();
    await expect(page).toHaveURL(/page=5&upage=2/);
    await expect(units.getByRole("table", { name: "各单位牵头任务的状态" })).toBeVisible();
    await units.getByRole("link", { name: "配合任务" }).click();
    await expect(units.getByRole("table", { name: "各单位配合任务的状态" })).toBeVisible();
    await expect(units.getByRole("link", { name: "配合任务" })).toHaveAttribute("aria-current", "page");

    // A filter starts the lists over.
    await page.getByRole("combobox", { name: "分管市领导" }).selectOption("张斌");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).not.toHaveURL(/page=/);
    await expect(page.getByRole("heading", { name: /一季度 · 25 项任务/ })).toBeVisible();
  });
});
