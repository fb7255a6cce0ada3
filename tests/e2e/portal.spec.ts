import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { openMyTask, signIn, signOut } from "./helpers";

/**
 * The public portal (app/public, components/portal) as a visitor without an account meets it:
 * plain HTML without script, showing only what the office has published.
 *
 * The browser specs share one demo database. The 发改局 (fagai) tasks filed here are filed by no
 * other spec: 721 for the publication, 通用机场, 生态文明 and 极简 for the reports that must stay
 * out of sight.
 */
const PLAN = "2025年政府工作报告重点工作";
const PUBLISHED_TASK = "用好省政府“721”项目问题协调机制,推动要素高效合理配置。";
const DRAFT_TASK = "提速通用机场项目进度,全力打造立体综合交通网。";
const SUBMITTED_TASK = "全面落实向人大报告生态文明建设情况制度。";
const RETURNED_TASK = "推行“极简极速极便”审批改革,迭代涉企问题高效闭环解决机制,不断增强企业获得感。";

// A locally reused server keeps its database between runs: the markers are new in each run.
const RUN = Date.now().toString(36);

/** The 2025 plan's portal address, as the home page links it. */
async function planPath(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page.getByRole("link", { name: PLAN, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/public\/plans\/\d+$/);
  return href!;
}

/** The 2025 plan's id, from the open data's plan list. */
async function planId(request: APIRequestContext): Promise<number> {
  const response = await request.get("/api/v1/plans");
  expect(response.ok()).toBe(true);
  const { plans } = (await response.json()) as { plans: Array<{ id: number; title: string }> };
  const plan = plans.find((candidate) => candidate.title === PLAN);
  expect(plan).toBeDefined();
  return plan!.id;
}

/** As 发改局, files the second quarter of a qualitative task: saved as a draft, or submitted. */
async function fileSecondQuarter(page: Page, task: string, narrative: string, submit: boolean) {
  await openMyTask(page, task);
  await expect(page.getByRole("heading", { level: 2, name: /填报二季度进展/ })).toBeVisible();
  await page.getByLabel("完成情况").fill(narrative);
  if (submit) {
    await page.getByRole("radio", { name: "推进中" }).check();
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page.getByLabel("二季度 发改局的填报").getByText("已提交")).toBeVisible();
  } else {
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(page.getByRole("status")).toHaveText("草稿已保存。");
  }
}

/** A report of the office's review queue, by its unit and the start of its task. */
const queued = (page: Page, task: string) => page.getByRole("listitem", { name: new RegExp(`^发改局:${task.slice(0, 12)}`) });

test("a visitor searches in traditional characters and finds a task's published progress and why it is behind", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "政府工作报告重点工作公开" })).toBeVisible();
  // The portal is plain HTML: it works, and is allowed to work, without any script.
  await expect(page.locator("script")).toHaveCount(0);
  // 預算 is the traditional form of 预算, as the seeded task (in simplified characters) writes it.
  await page.getByLabel("搜索全部任务和进展").fill("預算收入");
  await page.getByRole("search", { name: "搜索全部计划" }).getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/\/public\/search\?q=/);
  expect(new URL(page.url()).searchParams.get("q")).toBe("預算收入");
  await expect(page.getByRole("status")).toHaveText(/^“預算收入”:找到 \d+ 项任务$/);
  const found = page.getByRole("region", { name: new RegExp(`^${PLAN}`) });
  await found.getByRole("link", { name: "一般公共预算收入增长2.5%。", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "一般公共预算收入增长2.5%。" })).toBeVisible();
  const first = page.getByRole("region", { name: /^2025年一季度/ });
  await expect(first.locator(".task-status")).toHaveText("慢于序时增长1.9%,目标≥2.5%");
  await expect(first).toContainText("1-3月份全市一般公共预算收入完成37.58亿元,同比增长1.9%");
  // The figures' table says the same: 1.9 % done where 2.5 % was due.
  await expect(page.getByRole("table", { name: /各季度累计完成与序时进度/ }).getByRole("row", { name: /^一季度/ })).toHaveText(/一季度\s*1\.9%\s*2\.5%\s*慢于序时:增长1\.9%,目标≥2\.5%/);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the plan page reads whole, filters by a plain GET form and switches to 关怀版 and back", async ({ page }) => {
    const path = await planPath(page);
    // The first quarter is the one every seeded task has published progress in.
    await page.goto(`${path}?quarter=1`);
    await expect(page.getByRole("heading", { level: 1, name: PLAN })).toBeVisible();
    const total = Number((await page.locator(".lead").textContent())!.match(/共 (\d+) 项任务/)![1]);
    expect(total).toBeGreaterThan(100);
    await expect(page.getByRole("status")).toHaveText(`共 ${total} 项任务`);
    await expect(page.getByRole("article")).toHaveCount(total);

    // The counts of the quarter's statuses add up to every task.
    const counts = page.getByRole("list", { name: "一季度各状态任务数" }).getByRole("link");
    const countOf = new Map<string, number>();
    for (const text of await counts.allTextContents()) {
      const [, count, label] = text.match(/^(\d+)\s*(.+)$/)!;
      countOf.set(label.trim(), Number(count));
    }
    expect([...countOf.values()].reduce((sum, count) => sum + count, 0)).toBe(total);
    const behind = countOf.get("慢于序时")!;
    expect(behind).toBeGreaterThan(0);
    // Each task says its status: the seeded revenue task is behind, with its reason.
    const revenue = page.getByRole("article", { name: /一般公共预算收入增长2\.5%。/ });
    await expect(revenue.locator(".task-status")).toHaveText("慢于序时增长1.9%,目标≥2.5%");

    // The filter is a form sent as GET: the address says what was chosen, the list what it kept.
    const filters = page.getByRole("search", { name: "搜索和筛选本计划的任务" });
    await filters.getByLabel("状态(一季度)").selectOption({ label: "慢于序时" });
    await filters.getByRole("button", { name: "搜索" }).click();
    await expect(page).toHaveURL(/[?&]status=behind(&|$)/);
    await expect(page).toHaveURL(/[?&]quarter=1(&|$)/);
    await expect(page.getByRole("status")).toHaveText(`找到 ${behind} 项任务`);
    await expect(page.getByRole("article")).toHaveCount(behind);
    for (const status of await page.getByRole("article").locator(".task-status .badge").allTextContents()) expect(status).toBe("慢于序时");
    await expect(filters.getByLabel("状态(一季度)")).toHaveValue("behind");

    // 关怀版 is a link: it sets a cookie and comes back to the same filtered page, larger.
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/\bcare\b/);
    await page.getByRole("navigation", { name: "网站" }).getByRole("link", { name: "关怀版" }).click();
    await expect(html).toHaveClass(/\bcare\b/);
    await expect(page).toHaveURL(/[?&]status=behind(&|$)/);
    await expect(page.getByRole("status")).toHaveText(`找到 ${behind} 项任务`);
    // The choice holds on the next page too.
    await page.getByRole("navigation", { name: "位置" }).getByRole("link", { name: "首页" }).click();
    await expect(html).toHaveClass(/\bcare\b/);
    await page.getByRole("navigation", { name: "网站" }).getByRole("link", { name: "标准版" }).click();
    await expect(html).not.toHaveClass(/\bcare\b/);
    await expect(page.getByRole("heading", { level: 1, name: "政府工作报告重点工作公开" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "网站" }).getByRole("link", { name: "关怀版" })).toBeVisible();
  });
});

/** The WCAG 2.1 A/AA rules axe can check, as in accessibility.spec.ts: nothing serious or critical. */
async function expectNoSeriousViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${what}: ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("every kind of public page passes axe, in the standard and the 关怀版 view @phone", async ({ page }) => {
  const path = await planPath(page);
  await page.goto(path);
  const taskHref = await page.getByRole("link", { name: "一般公共预算收入增长2.5%。", exact: true }).getAttribute("href");
  const pages: Array<[string, string]> = [
    ["home", "/"],
    ["plan", path],
    ["plan filtered", `${path}?quarter=1&status=behind&q=${encodeURIComponent("增长")}`],
    ["task with chart", taskHref!],
    ["search results", `/public/search?q=${encodeURIComponent("預算收入")}`],
    ["search without results", `/public/search?q=${encodeURIComponent("没有这个词语")}`],
    ["search form", "/public/search"],
    ["not found", "/public/tasks/987654321"],
  ];
  for (const care of [false, true]) {
    if (care) {
      await page.goto("/");
      await page.getByRole("link", { name: "关怀版" }).click();
    }
    for (const [what, url] of pages) {
      const response = await page.goto(url);
      expect(response!.status()).toBe(what === "not found" ? 404 : 200);
      await expect(page.locator("html")).toHaveClass(care ? /\bcare\b/ : /^(?!.*\bcare\b)/);
      if (what === "task with chart") await expect(page.locator("svg.chart-svg")).toBeVisible();
      if (what === "search results") await expect(page.getByRole("article").first()).toBeVisible();
      if (what === "search without results") await expect(page.getByRole("status")).toHaveText(/^没有找到/);
      await expectNoSeriousViolations(page, `${care ? "关怀版 " : ""}${what}`);
    }
  }
});

// Several accounts in turn on a shared 2-core machine.
test.describe("what is published and what is not", () => {
  test.describe.configure({ timeout: 240_000 });

  test("a report the office publishes shows on the task and plan pages at the next load", async ({ page, browser }) => {
    const narrative = `上半年协调解决项目问题62个,上报嘉兴协调问题15个(公开测试${RUN})。`;
    // A visitor looks first, so the page of the old revision is the one cached.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`/public/search?q=${encodeURIComponent("721")}`);
    await visitor.getByRole("region", { name: new RegExp(`^${PLAN}`) }).getByRole("link", { name: PUBLISHED_TASK, exact: true }).click();
    await expect(visitor.getByRole("heading", { level: 1, name: PUBLISHED_TASK })).toBeVisible();
    const taskUrl = visitor.url();
    await expect(visitor.getByRole("region", { name: /^2025年二季度/ })).toContainText("暂无经审核公开的进展。");

    await signIn(page, "fagai");
    await fileSecondQuarter(page, PUBLISHED_TASK, narrative, true);
    await signOut(page);
    // Submitted is not yet public.
    await visitor.reload();
    await expect(visitor.getByText(narrative)).toHaveCount(0);

    await signIn(page, "office");
    await page.goto("/review?status=submitted");
    await queued(page, PUBLISHED_TASK).getByRole("button", { name: "审核通过" }).click();
    await expect(queued(page, PUBLISHED_TASK)).toHaveCount(0);
    await page.goto("/review?status=approved");
    await queued(page, PUBLISHED_TASK).getByRole("button", { name: "公开", exact: true }).click();
    await expect(queued(page, PUBLISHED_TASK)).toHaveCount(0);
    await signOut(page);

    await visitor.reload();
    const second = visitor.getByRole("region", { name: /^2025年二季度/ });
    await expect(second).toContainText(narrative);
    await expect(second).toContainText("公开)");
    await expect(second.locator(".task-status .badge")).toHaveText("推进中");
    // The plan page shows the newest published quarter, the task's progress among it.
    await visitor.getByRole("navigation", { name: "位置" }).getByRole("link", { name: PLAN }).click();
    await expect(visitor.getByRole("article", { name: new RegExp(PUBLISHED_TASK.slice(0, 12)) })).toContainText(narrative);
    await visitor.goto(`${new URL(visitor.url()).pathname}?quarter=2&q=${encodeURIComponent(`公开测试${RUN}`)}`);
    await expect(visitor.getByRole("status")).toHaveText("找到 1 项任务");
    expect(new URL(taskUrl).pathname).toMatch(/^\/public\/tasks\/\d+$/);

    // Every public channel carries the published text: what the next test finds absent from them, they would show.
    const id = new URL(visitor.url()).pathname.split("/").at(-1);
    for (const [what, url, headers] of [
      ["quarterly table", `/plans/${id}/table/2`, {}],
      ["quarterly table, flight data", `/plans/${id}/table/2`, { RSC: "1" }],
      ["CSV", `/api/v1/plans/${id}/quarters/2.csv`, {}],
      ["JSON", `/api/v1/plans/${id}/quarters/2.json`, {}],
      ["Atom feed", `/public/plans/${id}/feed.xml`, {}],
    ] as const) {
      const response = await visitor.request.get(url, { headers });
      expect(response.status(), what).toBe(200);
      expect(await response.text(), what).toContain(narrative);
    }
    await visitor.context().close();
  });

  test("a draft, a submitted and a returned report show nowhere public", async ({ page, request }) => {
    const markers = { draft: `草稿标记-${RUN}`, submitted: `待审标记-${RUN}`, returned: `退回标记-${RUN}`, note: `退回意见标记-${RUN}` };
    await signIn(page, "fagai");
    await fileSecondQuarter(page, DRAFT_TASK, `通用机场选址报告已报批。${markers.draft}`, false);
    await fileSecondQuarter(page, SUBMITTED_TASK, `已完成年度生态文明建设情况报告。${markers.submitted}`, true);
    await fileSecondQuarter(page, RETURNED_TASK, `审批效率同比提速25%。${markers.returned}`, true);
    await signOut(page);

    await signIn(page, "office");
    await page.goto("/review?status=submitted");
    // The submitted report is in the office's queue: the marker exists, only not in public.
    await expect(queued(page, SUBMITTED_TASK)).toContainText(markers.submitted);
    await queued(page, RETURNED_TASK).getByLabel(/审核意见/).fill(`请补充数据来源。${markers.note}`);
    await queued(page, RETURNED_TASK).getByRole("button", { name: "退回" }).click();
    await expect(page.getByRole("status")).toHaveText("已退回,单位将看到你的意见。");
    await signOut(page);

    const id = await planId(request);
    const all = Object.values(markers);
    const expectNoMarker = (what: string, body: string) => {
      for (const marker of all) expect(body.includes(marker), `${marker} in ${what}`).toBe(false);
    };
    const fetchText = async (what: string, url: string, headers: Record<string, string> = {}, positive?: string) => {
      const response = await request.get(url, { headers });
      expect(response.status(), what).toBe(200);
      const body = await response.text();
      // Each answer is the real content, where the tasks filed on are named.
      if (positive) expect(body, `${what} names the tasks`).toContain(positive);
      expectNoMarker(what, body);
      return { body, response };
    };

    // The portal's pages: home, the plan in each quarter, each task, the search for a marker.
    await fetchText("home", "/", {}, PLAN);
    await fetchText("plan", `/public/plans/${id}`, {}, "提速通用机场项目进度");
    await fetchText("plan, second quarter", `/public/plans/${id}?quarter=2`, {}, "提速通用机场项目进度");
    // A search for a marker finds nothing (the page repeats the query, so it is not searched for it).
    for (const marker of all) {
      const search = await (await request.get(`/public/search?q=${encodeURIComponent(marker)}`)).text();
      expect(search).toContain(`没有找到含“${marker}”的任务或进展`);
      expect(search).not.toContain("<article");
      const inPlan = await (await request.get(`/public/plans/${id}?quarter=2&q=${encodeURIComponent(marker)}`)).text();
      expect(inPlan).toContain("找到 0 项任务");
      expect(inPlan).not.toContain("<article");
    }
    const planPage = await (await request.get(`/public/plans/${id}?quarter=2`)).text();
    const taskLinks = [DRAFT_TASK, SUBMITTED_TASK, RETURNED_TASK].map((task) => {
      const match = planPage.match(new RegExp(`<a href="(/public/tasks/\\d+)">${task.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</a>`));
      expect(match, task).not.toBeNull();
      return match![1];
    });
    for (const href of taskLinks) await fetchText(href, href, {}, "2025年二季度");

    // The official quarterly table: its HTML and its React flight data.
    await fetchText("quarterly table", `/plans/${id}/table/2`, {}, "提速通用机场项目进度");
    const flight = await fetchText("quarterly table, flight data", `/plans/${id}/table/2`, { RSC: "1" }, "提速通用机场项目进度");
    expect(flight.response.headers()["content-type"]).toContain("text/x-component");

    // The open data and the feed.
    await fetchText("CSV", `/api/v1/plans/${id}/quarters/2.csv`, {}, "提速通用机场项目进度");
    await fetchText("JSON", `/api/v1/plans/${id}/quarters/2.json`, {}, "提速通用机场项目进度");
    await fetchText("plan list", "/api/v1/plans", {}, PLAN);
    await fetchText("Atom feed", `/public/plans/${id}/feed.xml`, {}, "<feed");
  });
});
