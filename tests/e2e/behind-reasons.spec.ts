import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { openMyTask, signIn, signOut } from "./helpers";

/**
 * Seed 000, 第47项 of 发改局 (lead, with 商务局 and two towns), which no other browser test files:
 * 突破600亿元, whose first quarter was imported as "一季度,两个省级创新发展区预计实现营收155亿元。".
 */
const TASK = "加快当湖南市商务商贸和独山港临港产业物流省级服务业创新发展区“双轮驱动”,做大做强现代物贸产业集群,力争年营收突破600亿元。";
/** Repeats ",两个省级创新发展区预计实现营收" (16 characters) of the first quarter's 25. */
const NARRATIVE = "上半年,两个省级创新发展区预计实现营收230亿元。";
const REPEATED = ",两个省级创新发展区预计实现营收";
const PROBLEMS = "部分物流企业订单回落,营收增速放缓。";
const NEXT_STEPS = "三季度开展重点企业走访,推动新项目投产。";

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a unit filing a figure behind is asked for the reasons and next steps, cannot submit without them; the office sees them and how much repeats last quarter", async ({ page }) => {
  await signIn(page, "fagai");
  await openMyTask(page, TASK);
  const filed = page.getByLabel("二季度 发改局的填报");
  await page.getByLabel("完成情况").fill(NARRATIVE);
  // Nothing is asked before a figure says the task is behind.
  await expect(page.getByLabel(/^存在问题/)).toHaveCount(0);

  // As soon as the figure is typed: which target, and its 序时进度.
  await page.getByRole("textbox", { name: /^突破600亿元/ }).fill("230");
  const notice = page.getByText("按本次填报,这项任务慢于序时,提交前请填写存在问题和下一步措施(保存草稿不受影响):");
  await expect(notice).toBeVisible();
  await expect(page.locator("#behind-notice")).toContainText(/突破600亿元:完成230亿元,.*完成率38\.3%,序时进度50%/);
  await expect(page.getByLabel(/^存在问题/)).toHaveAttribute("aria-required", "true");
  await expectNoViolations(page);

  // A draft is saved without them.
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status")).toHaveText("草稿已保存。");
  await expect(filed.getByText("草稿")).toBeVisible();

  // The submission is refused until both are given; what was typed stays.
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "本季度填报慢于序时,提交前请填写存在问题和下一步措施。" })).toContainText("突破600亿元");
  await expect(page.getByText("慢于序时,提交前请填写存在问题", { exact: true })).toBeVisible();
  await expect(page.getByText("慢于序时,提交前请填写下一步措施", { exact: true })).toBeVisible();
  await page.getByLabel(/^存在问题/).fill(PROBLEMS);
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("慢于序时,提交前请填写下一步措施", { exact: true })).toBeVisible();
  await expect(page.getByText("慢于序时,提交前请填写存在问题", { exact: true })).toHaveCount(0);
  await expect(filed.getByText("草稿")).toBeVisible();
  await expect(page.getByLabel("完成情况")).toHaveValue(NARRATIVE);

  // With both, it goes.
  await page.getByLabel(/^下一步措施/).fill(NEXT_STEPS);
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(filed.getByText("已提交")).toBeVisible();
  await expect(filed).toContainText(`存在问题:${PROBLEMS}`);
  await expect(filed).toContainText(`下一步措施:${NEXT_STEPS}`);
  await signOut(page);

  // The office sees the reasons beside the figure behind, and how much of the text is the first quarter's.
  await signIn(page, "office");
  await page.goto("/review?status=submitted");
  const queued = page.getByRole("listitem", { name: /^发改局:加快当湖南市商务商贸/ });
  await expect(queued.getByRole("list", { name: "指标与序时进度" })).toContainText("慢于序时");
  await expect(queued).toContainText(`存在问题:${PROBLEMS}`);
  await expect(queued).toContainText(`下一步措施:${NEXT_STEPS}`);
  await expect(queued.getByTestId("repeat-figure")).toHaveText("与一季度填报相同的文字:64%(16 / 25 字,重复段落以底色标出)");
  await expect(queued.locator("mark")).toHaveText([REPEATED]);
  await expectNoViolations(page);
});
