import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { openMyTask, signIn } from "./helpers";

/** Seed 000, 张斌 第62项: 6万千瓦 and 6兆瓦; the first quarter (imported) has 2.1万千瓦 and 2.36兆瓦 from 发改局. */
const SOLAR = "谋划新型绿色能源一体化应用场景建设,全年新增光伏装机6万千瓦、储能项目装机6兆瓦以上,减污降碳协同指数保持嘉兴前列。";
/** Seed 000, 张斌 第6项: 130个 (113个 in the first quarter) and 800亿元. */
const PROJECTS =
  "健全完善市领导领衔、跨部门跨区域的项目谋划储备机制,精心谋划实施一批大项目、好项目,建立“近期可实施、长期有储备、定期可滚动”的重大项目储备库,全年储备亿元以上项目130个,总投资800亿元以上。";

/** The card of a target in the task page's 目标 section. */
const targetCard = (page: Page, originalText: string) =>
  page.getByRole("region", { name: "目标" }).getByRole("listitem").filter({ has: page.getByText(originalText, { exact: true }) });

test("a figure typed in 万千瓦 is stored, re-opened, shown and charted in 万千瓦; implausible and missing figures are confirmed by keyboard", async ({ page }) => {
  await signIn(page, "fagai");
  await openMyTask(page, SOLAR);
  const solar = page.getByLabel(/^6万千瓦/);
  const storage = page.getByLabel(/^6兆瓦以上/);
  // The field is asked in the unit the target is written in, and its label says so.
  await expect(page.getByRole("textbox", { name: /^6万千瓦.* 万千瓦$/ })).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^6兆瓦以上.* 兆瓦$/ })).toBeVisible();

  // The figure in the text is offered in that unit.
  await page.getByLabel("完成情况").fill("上半年新增光伏装机3.2万千瓦。");
  await page.getByRole("button", { name: "采用文中数字「3.2万千瓦」= 3.2万千瓦" }).click();
  await expect(solar).toHaveValue("3.2");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status")).toHaveText("草稿已保存。");
  await expect(page.getByLabel("二季度 发改局的填报")).toContainText("6万千瓦:累计 3.2万千瓦");

  // Re-opened, the form shows the figure as typed.
  await page.reload();
  await expect(solar).toHaveValue("3.2");

  // Below the first quarter's 2.1万千瓦: asked before anything is sent; Enter on 返回修改 keeps the form.
  await solar.fill("1.5");
  await storage.fill("2.5");
  await page.getByRole("button", { name: "提交审核" }).click();
  const dialog = page.getByRole("dialog", { name: "请核对后再提交" });
  await expect(dialog).toContainText("6万千瓦:累计完成1.5万千瓦,低于一季度已填报的2.1万千瓦(累计数一般不会减少)");
  await expect(dialog.getByRole("button", { name: "返回修改" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(solar).toHaveValue("1.5");
  await expect(storage).toHaveValue("2.5");
  await expect(page.getByRole("button", { name: "提交审核" })).toBeFocused();

  // A target left without a figure is named; Escape cancels as well.
  await solar.fill("3.2");
  await storage.fill("");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(dialog).toContainText("缺少数据:6兆瓦以上");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(solar).toHaveValue("3.2");
  await expect(page.getByLabel("二季度 发改局的填报").getByText("草稿")).toBeVisible();

  // Confirmed by keyboard, it is submitted.
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(dialog).toContainText("缺少数据:6兆瓦以上");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "确认无误,提交" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("二季度 发改局的填报").getByText("已提交")).toBeVisible();
  await expect(page.getByLabel("二季度 发改局的填报")).toContainText("6万千瓦:累计 3.2万千瓦");

  // The task's figure, beside the chart and on its axis, in 万千瓦.
  const card = targetCard(page, "6万千瓦");
  await expect(card.getByRole("row", { name: /二季度/ })).toContainText("3.2万千瓦");
  await expect(card.getByRole("row", { name: /一季度/ })).toContainText("2.1万千瓦");
  const axis = await card.locator("svg text").allTextContents();
  expect(axis).toContain("万千瓦");
  expect(axis).toEqual(expect.arrayContaining(["0", "4", "8"]));
  expect(axis.join(" ")).not.toMatch(/\d{5}/);
});

test("on a phone: 亿元 asked in 亿元, a count below last quarter's asks first, cancelling keeps what was typed @phone", async ({ page }) => {
  await signIn(page, "fagai");
  await openMyTask(page, PROJECTS);
  const projects = page.getByLabel(/^130个/);
  const investment = page.getByLabel(/^800亿元以上/);
  await expect(page.getByRole("textbox", { name: /^800亿元以上.* 亿元$/ })).toBeVisible();

  await page.getByLabel("完成情况").fill("截至6月底,储备亿元以上项目82个,总投资350亿元。");
  await page.getByRole("button", { name: "采用文中数字「350亿元」= 350亿元" }).click();
  await expect(investment).toHaveValue("350");
  await projects.fill("82");
  await page.getByRole("button", { name: "提交审核" }).click();
  const dialog = page.getByRole("dialog", { name: "请核对后再提交" });
  await expect(dialog).toContainText("130个:累计完成82个,低于一季度已填报的113个(累计数一般不会减少)");
  // The dialog fits the screen, and passes the same WCAG checks as the pages.
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);
  const box = await dialog.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  await dialog.getByRole("button", { name: "返回修改" }).click();
  await expect(dialog).toBeHidden();
  await expect(projects).toHaveValue("82");
  await expect(investment).toHaveValue("350");
  await expect(page.getByLabel("完成情况")).toHaveValue("截至6月底,储备亿元以上项目82个,总投资350亿元。");
  await expect(page.getByLabel("二季度 发改局的填报")).toHaveCount(0);

  // The chart of 800亿元 is drawn in 亿元, not in 元.
  const axis = await targetCard(page, "800亿元以上").locator("svg text").allTextContents();
  expect(axis).toContain("亿元");
  expect(axis.join(" ")).not.toMatch(/\d{5}/);
});
