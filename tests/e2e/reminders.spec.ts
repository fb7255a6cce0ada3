import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const DEFAULTS = "截止前 7、2 天,截止当天,逾期后每 3 天;逾期 6 天起抄送分管市领导和市府办";

test("the office sets a period's reminder rules and reads the schedule they make @phone", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/periods");
  await page.getByRole("link", { name: "2025年平湖市 二季度提醒规则" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "提醒规则" })).toBeVisible();
  // The demo's Q2 (due 15 July) as seeded, or as this test left it: the default rules.
  await expect(page.getByText(`${DEFAULTS}。`, { exact: true })).toBeVisible();
  const schedule = page.getByRole("list", { name: "提醒日程" });
  await expect(schedule.getByRole("listitem")).toHaveText([/截止前7天/, /截止前2天/, /截止当天/, /逾期3天/, /逾期6天 · 抄送分管市领导和市府办/, /逾期9天 · 抄送/, /此后仍未报齐的,每 3 天提醒一次。/]);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  const form = page.getByRole("form", { name: "提醒规则" });
  const before = form.getByLabel("截止前几天提醒");
  const onTheDay = form.getByLabel("截止当天提醒");
  const every = form.getByLabel("逾期后每隔几天提醒");
  const escalate = form.getByLabel("逾期几天起抄送分管市领导和市府办");
  await expect(before).toHaveValue("7、2");
  await expect(onTheDay).toBeChecked();

  // Refused: says why in Chinese, keeps what was typed.
  await before.fill("10、0");
  await every.fill("2");
  await form.getByRole("button", { name: "保存提醒规则" }).click();
  await expect(form.getByText("截止前的天数请填写 1–60 之间的整数,用逗号或顿号分开,例如 7、2")).toBeVisible();
  await expect(form.getByLabel("截止前几天提醒")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("截止前几天提醒")).toHaveValue("10、0");
  await expect(form.getByLabel("逾期后每隔几天提醒")).toHaveValue("2");

  // Saved from the keyboard: Enter in the last field.
  await form.getByLabel("截止前几天提醒").fill("10、3");
  await form.getByLabel("截止当天提醒").uncheck();
  await escalate.fill("4");
  await escalate.press("Enter");
  await expect(form.getByRole("status")).toHaveText("提醒规则已保存:截止前 10、3 天,逾期后每 2 天;逾期 4 天起抄送分管市领导和市府办。");
  await expect(page.getByText("截止前 10、3 天,逾期后每 2 天;逾期 4 天起抄送分管市领导和市府办。", { exact: true })).toBeVisible();
  await expect(schedule.getByRole("listitem")).toHaveText([/截止前10天/, /截止前3天/, /逾期2天/, /逾期4天 · 抄送/, /逾期6天 · 抄送/, /每 2 天提醒一次/]);
  await expect(form.getByLabel("截止当天提醒")).not.toBeChecked();
  await expect(form.getByLabel("截止前几天提醒")).toHaveValue("10、3");

  // Back to the defaults, so that the demo (and the phone's run of this test) finds them.
  await form.getByLabel("截止前几天提醒").fill("7、2");
  await form.getByLabel("截止当天提醒").check();
  await form.getByLabel("逾期后每隔几天提醒").fill("3");
  await form.getByLabel("逾期几天起抄送分管市领导和市府办").fill("6");
  await form.getByRole("button", { name: "保存提醒规则" }).click();
  await expect(form.getByRole("status")).toHaveText(`提醒规则已保存:${DEFAULTS}。`);
});
