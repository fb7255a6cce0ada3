import { expect, test } from "@playwright/test";
import { openMyTask, signIn, signOut } from "./helpers";

const TASK = "固定资产投资增长5%。";

test("unit staff files, office returns, staff resubmits, office approves and publishes", async ({ page }) => {
  await signIn(page, "fagai");
  await expect(page).toHaveURL(/\/my$/);
  await expect(page.getByRole("heading", { name: "我的任务" })).toBeVisible();
  // Only tasks the 发改局 is responsible for.
  const unitLines = page.getByText(/^责任单位:/);
  expect(await unitLines.count()).toBeGreaterThan(10);
  for (const line of await unitLines.allTextContents()) expect(line).toContain("发改局");

  await openMyTask(page, TASK);
  const taskUrl = page.url();
  const narrative = page.getByLabel("完成情况");
  await narrative.fill("1-6月,全市完成固定资产投资230亿元,增长6.2%。");
  await expect(page.getByText(/\/ 2000 字/)).toHaveText(/^\d+ \/ 2000 字$/);
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status")).toHaveText("草稿已保存。");

  // The figure in the text is offered for the target; taking it fills the field.
  await page.getByRole("button", { name: /采用文中数字「增长6.2%」/ }).click();
  await expect(page.getByLabel(/^增长5%/)).toHaveValue("6.2");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByLabel("二季度 发改局的填报").getByText("已提交")).toBeVisible();
  await signOut(page);

  await signIn(page, "office");
  await expect(page).toHaveURL(/\/review/);
  const queued = page.getByRole("listitem", { name: /^发改局:固定资产投资增长5%/ });
  await expect(queued).toContainText("增长6.2%");
  await queued.getByRole("button", { name: "退回" }).click();
  await expect(queued.getByText("退回时请写明原因")).toBeVisible();
  await queued.getByLabel(/审核意见/).fill("请补充重点项目开工情况。");
  await queued.getByRole("button", { name: "退回" }).click();
  await expect(page.getByRole("listitem", { name: /^发改局:固定资产投资增长5%/ })).toHaveCount(0);
  await signOut(page);

  await signIn(page, "fagai");
  await expect(page.getByText("退回意见:请补充重点项目开工情况。")).toBeVisible();
  await openMyTask(page, TASK);
  await expect(page.getByLabel("完成情况")).toHaveValue("1-6月,全市完成固定资产投资230亿元,增长6.2%。");
  await page.getByLabel("完成情况").fill("1-6月,全市完成固定资产投资230亿元,增长6.2%;新开工重点项目12个。");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByLabel("二季度 发改局的填报").getByText("已提交")).toBeVisible();
  await signOut(page);

  await signIn(page, "office");
  const again = page.getByRole("listitem", { name: /^发改局:固定资产投资增长5%/ });
  await again.getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByRole("listitem", { name: /^发改局:固定资产投资增长5%/ }).getByRole("button", { name: "公开" })).toBeVisible();
  await page.getByRole("listitem", { name: /^发改局:固定资产投资增长5%/ }).getByRole("button", { name: "公开" }).click();
  await expect(page.getByRole("listitem", { name: /^发改局:固定资产投资增长5%/ })).toHaveCount(0);

  await page.goto(taskUrl);
  await expect(page.getByLabel("二季度 发改局的填报").getByText("已公开")).toBeVisible();
  // The unit's draft stays with the unit: the office's history starts at the submission.
  const entries = page.getByRole("list", { name: "修改记录" }).getByRole("listitem");
  // Each event names who acted by where they stand: the unit's staff by their unit, the office as 市府办.
  await expect(entries).toHaveText([/发改局 张伟 · 提交/, /市府办 李明 · 退回.*请补充重点项目开工情况。/, /发改局 张伟 · 提交/, /市府办 李明 · 审核通过/, /市府办 李明 · 公开/]);
  await expect(entries.filter({ hasText: "李明(发改局)" })).toHaveCount(0);
  await signOut(page);

  await signIn(page, "fagai");
  await page.goto(taskUrl);
  await expect(page.getByRole("list", { name: "修改记录" }).getByRole("listitem")).toHaveText([/保存草稿/, /提交/, /退回/, /提交/, /审核通过/, /公开/]);
});
