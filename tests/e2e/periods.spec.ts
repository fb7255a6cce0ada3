import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const PLAN_2025 = "2025年 平湖市 · 2025年政府工作报告重点工作";
const PLAN_2024 = /^2024年 平湖市/;

test("the 填报期 form follows the chosen plan and quarter without a reload, and stays on them once saved", async ({ page }) => {
  await signIn(page, "office");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "填报期" }).click();
  await expect(page).toHaveURL(/\/periods$/);
  const form = page.getByRole("form", { name: "开启或修改填报期" });
  await expect(form).toBeVisible();
  const plan = form.getByLabel("计划");
  const quarter = form.getByLabel("季度");
  const opensOn = form.getByLabel("开始填报日期");
  const dueOn = form.getByLabel("截止日期(当天24时)");
  const navigations: string[] = [];
  page.on("framenavigated", (frame) => navigations.push(frame.url()));

  // The 2025 plan of seed 000 has its first two quarters: the third comes next, after the quarter ends.
  await plan.selectOption({ label: PLAN_2025 });
  await expect(quarter).toHaveValue("3");
  await expect(opensOn).toHaveValue("2025-10-01");
  await expect(dueOn).toHaveValue("2025-10-15");
  await expect(form.getByText("将开启新的填报期。")).toBeVisible();
  await expect(form.getByRole("button", { name: "开启填报期" })).toBeVisible();

  // An open quarter shows its own dates, to change them: Q2 due on 15 July as the demo opened it.
  await quarter.selectOption("2");
  await expect(opensOn).toHaveValue("2025-07-01");
  await expect(dueOn).toHaveValue("2025-07-15");
  await expect(form.getByText("该季度已开启,保存将修改日期。")).toBeVisible();

  // The 2024 plan has no period: its first quarter, in 2024.
  const plan2024 = (await plan.locator("option", { hasText: PLAN_2024 }).getAttribute("value"))!;
  await plan.selectOption(plan2024);
  await expect(quarter).toHaveValue("1");
  await expect(opensOn).toHaveValue("2024-04-01");
  await expect(dueOn).toHaveValue("2024-04-15");
  expect(navigations).toEqual([]);

  // A refused date keeps what was typed, on the plan and quarter chosen.
  await dueOn.fill("2024-03-01");
  await form.getByRole("button", { name: "开启填报期" }).click();
  await expect(form.getByText("截止日期不能早于开始日期")).toBeVisible();
  await expect(plan).toHaveValue(plan2024);
  await expect(quarter).toHaveValue("1");
  await expect(dueOn).toHaveValue("2024-03-01");

  // Saved: the list has it, and the form stays on that plan and quarter, now open.
  await dueOn.fill("2024-04-20");
  await form.getByRole("button", { name: "开启填报期" }).click();
  await expect(form.getByRole("status")).toHaveText("填报期已开启。");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: PLAN_2024 }) });
  await expect(card).toContainText(/一季度 · .*起.*开放中/);
  await expect(quarter).toHaveValue("1");
  await expect(dueOn).toHaveValue("2024-04-20");
  await expect(form.getByText("该季度已开启,保存将修改日期。")).toBeVisible();

  // Closed again, so that the other tests find the demo as seeded (the 2024 plan never filed on).
  await card.getByRole("button", { name: "关闭填报" }).click();
  await expect(card.getByRole("button", { name: "重新开放" })).toBeVisible();
});
