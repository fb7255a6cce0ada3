import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * The office's group page: each government's groups with the tasks naming them; members are picked in a filtered
 * list of the government's units and saved; the task page then shows the group with its members, who are its
 * co-units. The groups used are 嘉兴市's (seed 003, a plan without reporting periods), so the dashboards and
 * lists the other specs check are left as they are.
 */

const groupSection = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

test("the office picks a group's members by keyboard and saves them; the task page shows the group with its members", async ({ page }) => {
  await signIn(page, "office");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "单位群组" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "单位群组" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "平湖市" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "嘉兴市" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  const group = groupSection(page, "市政府直属各单位");
  await expect(group.getByTestId("group-members")).toHaveText("成员单位:尚未设定");
  await group.getByText("列有该群组的任务(1 项)").click();
  await expect(group.getByRole("link", { name: /李军 第 3 项/ })).toBeVisible();

  // Keyboard only: Enter opens the picker in the filter box, where Enter picks the first unit shown; Tab to a
  // checkbox, Space ticks it.
  await group.getByRole("button", { name: "设定成员单位" }).focus();
  await page.keyboard.press("Enter");
  const filter = group.getByLabel("查找单位");
  await expect(filter).toBeFocused();
  await page.keyboard.type("财政");
  await expect(group.getByText(/“财政”匹配 1 个单位/)).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(group.getByText("已选成员单位 1 个")).toBeVisible();
  await filter.fill("");
  await page.keyboard.type("经信");
  await page.keyboard.press("Tab");
  await expect(group.getByRole("checkbox", { name: "经信局" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(group.getByText("已选成员单位 2 个")).toBeVisible();
  // A chosen unit stays chosen while the filter shows others, and can be taken out again.
  await expect(group.getByRole("button", { name: "移除财政局" })).toBeVisible();
  await group.getByRole("button", { name: "保存“市政府直属各单位”的成员" }).click();
  await expect(group.getByRole("status")).toHaveText("已设定群组成员 2 个,1 项任务增加了配合单位。");
  await page.reload();
  await expect(groupSection(page, "市政府直属各单位").getByTestId("group-members")).toHaveText("成员单位:财政局、经信局");

  await groupSection(page, "市政府直属各单位").getByText(/^列有该群组的任务/).click();
  await groupSection(page, "市政府直属各单位").getByRole("link", { name: /李军 第 3 项/ }).click();
  await expect(page.getByTestId("unit-groups")).toContainText("市政府直属各单位(成员:财政局、经信局)");
  await expect(page.getByText(/^责任单位:/)).toContainText("财政局");
});

// Runs on the desktop too (every @phone test does): checking, not toggling, so either run leaves the same member.
test("on a phone the group page filters and picks a member @phone", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/units/groups");
  const group = groupSection(page, "各县(市、区)政府");
  await group.getByRole("button", { name: "设定成员单位" }).click();
  await group.getByLabel("查找单位").fill("科技");
  await group.getByRole("checkbox", { name: "科技局" }).check();
  await expect(group.getByText("已选成员单位 1 个")).toBeVisible();
  await group.getByRole("button", { name: "保存“各县(市、区)政府”的成员" }).click();
  await expect(group.getByRole("status")).toContainText("已设定群组成员 1 个");
  // Nothing overflows the screen sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
