import { expect, test } from "@playwright/test";
import { openMyTask, signIn, signOut } from "./helpers";

const TASK = "服务业增加值增长5.5%。";

test("two tabs saving the same report: one wins, the other sees the conflict and keeps its text", async ({ context }) => {
  const first = await context.newPage();
  await signIn(first, "fagai");
  await openMyTask(first, TASK);
  const second = await context.newPage();
  await second.goto(first.url());

  await first.getByLabel("完成情况").fill("甲:上半年服务业增加值增长6.0%。");
  await second.getByLabel("完成情况").fill("乙:上半年服务业增加值增长5.8%,其中信息服务业增长12%。");

  await first.getByRole("button", { name: "保存草稿" }).click();
  await expect(first.getByRole("status")).toHaveText("草稿已保存。");

  await second.getByRole("button", { name: "保存草稿" }).click();
  await expect(second.getByRole("alert").filter({ hasText: "已被他人修改" })).toBeVisible();
  // The loser's own text is still in the form, and the winner's text is shown beside it.
  await expect(second.getByLabel("完成情况")).toHaveValue("乙:上半年服务业增加值增长5.8%,其中信息服务业增长12%。");
  await expect(second.getByRole("blockquote")).toHaveText("甲:上半年服务业增加值增长6.0%。");

  // After merging, the second tab may save over the first tab's version.
  await second.getByLabel("完成情况").fill("上半年服务业增加值增长5.8%(甲乙合并)。");
  await second.getByRole("button", { name: "以我的内容覆盖(确认已合并)" }).click();
  await second.getByRole("button", { name: "保存草稿" }).click();
  await expect(second.getByRole("status")).toHaveText("草稿已保存。");

  await first.reload();
  await expect(first.getByLabel("完成情况")).toHaveValue("上半年服务业增加值增长5.8%(甲乙合并)。");
});

test("a unit cannot open another unit's task, even by its address @phone", async ({ page }) => {
  await signIn(page, "fagai");
  await openMyTask(page, TASK);
  const address = page.url();
  await signOut(page);

  await signIn(page, "shangwu");
  await page.goto("/my");
  await expect(page.getByRole("heading", { name: "我的任务" })).toBeVisible();
  await expect(page.getByRole("link", { name: TASK, exact: true })).toHaveCount(0);
  await page.goto(address);
  await expect(page.getByRole("heading", { name: "没有找到这个页面" })).toBeVisible();
  await expect(page.getByText(TASK)).toHaveCount(0);
});
