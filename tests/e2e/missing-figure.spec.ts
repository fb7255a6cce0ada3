import { expect, test } from "@playwright/test";
import { openMyTask, signIn, signOut } from "./helpers";

const PLAN = "2025年政府工作报告重点工作";
const STATUS = "已填报,缺少数据";

test("a task whose lead unit published Q1 progress without the figure reads 已填报,缺少数据 on the dashboard, the task page and in 催报", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/");
  await page.getByRole("listitem").filter({ hasText: PLAN }).getByRole("link", { name: "进度总览" }).click();
  await page.getByRole("navigation", { name: "季度" }).getByRole("link", { name: "一季度" }).click();

  // Its own count, apart from 未填报 (every Q1 task has its lead unit's report).
  const counts = page.getByRole("region", { name: /一季度 · 148 项任务/ });
  await expect(counts.getByRole("link", { name: /^未填报/ })).toHaveText("未填报0");
  await expect(counts.getByRole("link", { name: new RegExp(`^${STATUS}`) })).toHaveText(`${STATUS}27`);
  await expect(page.getByRole("table", { name: "各分管市领导的任务状态" }).getByRole("columnheader", { name: STATUS })).toBeVisible();

  await counts.getByRole("link", { name: new RegExp(`^${STATUS}`) }).click();
  await expect(page).toHaveURL(/status=missing_figure/);
  const task = page.getByRole("region", { name: /任务清单/ }).getByRole("listitem").filter({ hasText: "张斌 6. 健全完善市领导领衔" });
  await expect(task).toContainText(STATUS);
  await expect(task).toContainText("未填数据,目标≥800亿元");

  // 催报: 发改局 filed the report; what it owes is the figure.
  const ndrc = page.getByRole("region", { name: /催报/ }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: "发改局", exact: true }) });
  await expect(page.getByRole("region", { name: /催报/ }).getByRole("columnheader", { name: STATUS })).toBeVisible();
  await ndrc.locator("summary").click();
  await expect(ndrc.getByRole("listitem").filter({ hasText: "张斌 第 6 项" })).toHaveText("张斌 第 6 项:缺 ≥800亿元");

  await task.getByRole("link").click();
  await expect(page).toHaveURL(/\/tasks\/\d+\?q=1$/);
  const status = page.getByRole("region", { name: "一季度进度状态" });
  await expect(status).toContainText(STATUS);
  await expect(status).toContainText("未填数据,目标≥800亿元");
  // Each target's status in the dashboard's words: 储备项目130个 has its figure.
  const targets = page.getByRole("region", { name: "目标", exact: true });
  await expect(targets.getByRole("listitem").filter({ hasText: "800亿元以上" }).first()).toContainText(`一季度:${STATUS}:未填数据,目标≥800亿元`);
  await expect(targets.getByRole("listitem").filter({ hasText: "130个" }).first()).toContainText("一季度:超序时:");
});

test("a figure marked 预计 in the imported Q1 progress is shown as an estimate and leaves the target 已填报,缺少数据", async ({ page }) => {
  await signIn(page, "fagai");
  await openMyTask(page, "生产总值增长6%左右。");
  // "一季度GDP预计增长6%左右。": the 6 % is a forecast, not the quarter's figure.
  const q1 = page.getByLabel("一季度 发改局的填报");
  await expect(q1).toContainText("预计 6%");
  await expect(q1).toContainText("不计入完成情况");
  await expect(q1).not.toContainText("累计");
  await page.goto(`${page.url().split("?")[0]}?q=1`);
  await expect(page.getByRole("region", { name: "一季度进度状态" })).toContainText(STATUS);
  await signOut(page);
});

test("a unit that files without the figure is chased for the figure: 催报 says so and the task's history keeps what is missing", async ({ page }) => {
  // A task of 发改局's alone, which no other browser test files (the specs share one demo database).
  const TASK = "生产总值增长6%左右。";
  await signIn(page, "fagai");
  await openMyTask(page, TASK);
  await page.getByLabel("完成情况").fill("二季度经济运行总体平稳,生产总值数据待统计局发布。");
  await page.getByRole("button", { name: "提交审核" }).click();
  // The form names the figure left out before it lets the report go without it.
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("缺少数据:");
  await dialog.getByRole("button", { name: "确认无误,提交" }).click();
  await expect(page.getByLabel("二季度 发改局的填报").getByText("已提交")).toBeVisible();
  await expect(page.getByRole("region", { name: "二季度进度状态" })).toContainText(STATUS);
  await signOut(page);

  await signIn(page, "office");
  await page.goto("/");
  await page.getByRole("listitem").filter({ hasText: PLAN }).getByRole("link", { name: "进度总览" }).click();
  await page.getByRole("combobox", { name: "责任单位" }).selectOption({ label: "发改局" });
  await page.getByRole("button", { name: "筛选" }).click();
  const listed = page.getByRole("region", { name: /任务清单/ }).getByRole("listitem").filter({ hasText: TASK });
  await expect(listed).toContainText(STATUS);
  await expect(listed).toContainText("未填数据,目标增长6%左右");

  const row = page.getByRole("region", { name: /催报/ }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: "发改局", exact: true }) });
  await row.getByRole("button", { name: "催报" }).click();
  // Other browser tests may have left 发改局 more figures to give this quarter.
  await expect(row.getByRole("status")).toContainText(new RegExp(`其中 \\d+ 项${STATUS}`));

  await page.getByRole("region", { name: /任务清单/ }).getByRole("link", { name: new RegExp(TASK) }).click();
  await expect(page.getByRole("region", { name: "二季度进度状态" })).toContainText(STATUS);
  await expect(page.getByRole("list", { name: "修改记录" }).getByRole("listitem").last()).toContainText(new RegExp(`催报.*${STATUS}:(.*;)?增长6%左右。请发改局于`));
});
