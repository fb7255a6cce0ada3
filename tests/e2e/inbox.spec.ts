import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";

const PLAN = "2025年政府工作报告重点工作";

test("催报 reaches the unit's staff: the menu counts it unread, the inbox shows it, marking it read clears the count", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/");
  await page.getByRole("listitem").filter({ hasText: PLAN }).getByRole("link", { name: "进度总览" }).click();
  await page.getByRole("combobox", { name: "责任单位" }).selectOption({ label: "商务局" });
  await page.getByRole("button", { name: "筛选" }).click();
  const row = page.getByRole("region", { name: /催报/ }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: "商务局", exact: true }) });
  await row.getByRole("button", { name: "催报" }).click();
  await expect(row.getByRole("status")).toContainText(/已催报:\d+ 项任务记录了提醒.*已发出消息 \d+ 条/);

  // The office sees the message on its way: in the app at once (the demo has no mail server for the email).
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "消息投递" }).click();
  await page.getByRole("navigation", { name: "按渠道筛选" }).getByRole("link", { name: "站内消息" }).click();
  await expect(page.getByRole("table", { name: "消息列表" }).getByRole("row").filter({ hasText: "商务局" }).first()).toContainText("已发送");
  await signOut(page);

  await signIn(page, "shangwu");
  const inboxLink = page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: /^消息/ });
  await expect(inboxLink).toContainText(/\d+条未读/);
  await inboxLink.click();
  await expect(page.getByRole("heading", { level: 1, name: /消息/ })).toBeVisible();
  const message = page.getByRole("list", { name: "消息列表" }).getByRole("listitem").first();
  await expect(message.getByRole("heading")).toContainText(`催报:${PLAN} 第2季度`);
  await expect(message).toContainText("未读");
  await expect(message).toContainText("请商务局于");
  await page.getByRole("button", { name: "全部标为已读" }).click();
  await expect(page.getByRole("status")).toContainText(/已将 \d+ 条消息标为已读/);
  await expect(inboxLink).not.toContainText("未读");
});

test("a user keeps their own email address, and a mistyped one is refused in Chinese without losing it @phone", async ({ page }) => {
  await signIn(page, "zhangbin");
  await page.goto("/inbox");
  const form = page.getByRole("form", { name: "我的联系方式" });
  await form.getByLabel(/邮箱/).fill("zhangbin@pinghu");
  await form.getByLabel("手机号").fill("138 0000 1234");
  await form.getByRole("button", { name: "保存联系方式" }).click();
  await expect(form.getByText("邮箱格式不正确")).toBeVisible();
  await expect(form.getByLabel(/邮箱/)).toHaveValue("zhangbin@pinghu");
  await form.getByLabel(/邮箱/).fill("zhangbin@pinghu.gov.cn");
  await form.getByRole("button", { name: "保存联系方式" }).click();
  await expect(form.getByRole("status")).toHaveText("联系方式已保存。");
  await page.reload();
  await expect(page.getByRole("form", { name: "我的联系方式" }).getByLabel("手机号")).toHaveValue("13800001234");
});
