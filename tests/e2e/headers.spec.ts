import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { firstQuarterTableLink, openMyTask, openPortalPlanFirstQuarter, signIn, signOut } from "./helpers";

const PLAN = "2025年政府工作报告重点工作";

/** The headers every response carries, whatever it is (page, xlsx, JSON, script, error). */
const FIXED_HEADERS = {
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-content-type-options": "nosniff",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy":
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), encrypted-media=(), " +
    "geolocation=(), gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), " +
    "publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()",
};

const POLICY =
  /^default-src 'self'; script-src 'self' 'nonce-([A-Za-z0-9+/]{22}==)' 'strict-dynamic'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'$/;

/** Checks the security headers of one response and returns its nonce. */
function expectSecurityHeaders(response: APIResponse, what: string): string {
  const headers = response.headers();
  for (const [name, value] of Object.entries(FIXED_HEADERS)) expect(headers[name], `${what}: ${name}`).toBe(value);
  // Served over plain HTTP (NEXTAUTH_URL is http://localhost:…): no HSTS, whatever the client claims.
  expect(headers["strict-transport-security"], `${what}: no HSTS over HTTP`).toBeUndefined();
  const policy = headers["content-security-policy"];
  expect(policy, `${what}: Content-Security-Policy`).toMatch(POLICY);
  return POLICY.exec(policy)![1];
}

/** The portal's pages (app/public) carry no script, and their policy allows none. */
const PORTAL_POLICY =
  "default-src 'self'; script-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function expectPortalHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  for (const [name, value] of Object.entries(FIXED_HEADERS)) expect(headers[name], `${what}: ${name}`).toBe(value);
  expect(headers["strict-transport-security"], `${what}: no HSTS over HTTP`).toBeUndefined();
  expect(headers["content-security-policy"], `${what}: Content-Security-Policy`).toBe(PORTAL_POLICY);
}

/** Every <script> of a page carries the nonce of its response, and nothing is inline without it. */
function expectScriptsCarry(html: string, nonce: string) {
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
}

test("every kind of response carries the security headers", async ({ page, request }) => {
  const nonces = new Set<string>();
  const check = async (response: APIResponse, what: string, status = 200) => {
    expect(response.status(), what).toBe(status);
    nonces.add(expectSecurityHeaders(response, what));
    return response;
  };

  // The home page of a visitor without an account is the portal: the same headers, and a policy
  // that allows no script at all, for a page that has none.
  for (const [url, what, headers] of [
    ["/", "home page (portal)", {}],
    ["/public/search?q=%E5%85%89%E4%BC%8F", "portal search", {}],
    ["/", "home page (portal), X-Forwarded-Proto: https from the client", { "X-Forwarded-Proto": "https" }],
  ] as const) {
    const portal = await request.get(url, { headers });
    expect(portal.status(), what).toBe(200);
    expectPortalHeaders(portal, what);
    expect(await portal.text(), `${what}: no script`).not.toMatch(/<script\b/);
  }

  // App pages, a page that is not there, and a client that claims HTTPS on its own.
  const login = await check(await request.get("/login"), "sign-in page");
  const loginHtml = await login.text();
  expectScriptsCarry(loginHtml, expectSecurityHeaders(login, "sign-in page"));
  await check(await request.get("/no-such-page"), "not found", 404);
  const redirect = await check(await request.get("/review", { maxRedirects: 0 }), "redirect to sign-in", 307);
  expect(redirect.headers()["location"]).toMatch(/\/login/);
  await check(await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } }), "sign-in page, X-Forwarded-Proto: https from the client");

  // A static file under /_next/static (a script of the sign-in page).
  const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(loginHtml)?.[1];
  expect(asset).toBeTruthy();
  const script = await check(await request.get(asset!), "static script");
  expect(script.headers()["content-type"]).toMatch(/javascript/);

  // The auth API.
  await check(await request.get("/api/auth/csrf"), "auth API: csrf");
  await check(await request.get("/api/auth/session"), "auth API: session");
  await check(await request.get("/api/auth/providers"), "auth API: providers");

  // The published quarterly table and its xlsx, as anyone.
  await openPortalPlanFirstQuarter(page, PLAN);
  const tablePath = await firstQuarterTableLink(page).getAttribute("href");
  expect(tablePath).toMatch(/^\/plans\/\d+\/table\/1$/);
  await check(await request.get(tablePath!), "quarterly table");
  const xlsx = await check(await request.get(`${tablePath}/xlsx`), "xlsx download");
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  // The same quarter as open data, as anyone.
  const planId = /^\/plans\/(\d+)\//.exec(tablePath!)![1];
  const csv = await check(await request.get(`/api/v1/plans/${planId}/quarters/1.csv`), "open data: CSV");
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv; charset=utf-8/);

  // Signed in (the page's cookies): a page only the office may open, the xlsx and the session.
  await signIn(page, "office");
  const review = await check(await page.request.get("/review"), "review page, signed in");
  expectScriptsCarry(await review.text(), expectSecurityHeaders(review, "review page"));
  await check(await page.request.get(`${tablePath}/xlsx`), "xlsx download, signed in");
  const session = await check(await page.request.get("/api/auth/session"), "auth API: session, signed in");
  expect(await session.json()).toHaveProperty("uid");

  // A fresh nonce for every response.
  expect(nonces.size).toBe(14);
});

/** Collects what the browser refuses or complains of under the policies: violation events, console messages, page errors. */
async function watchPolicies(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction("reportPolicyViolation", (violation: string) => problems.push(violation));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportPolicyViolation: (violation: string) => void }).reportPolicyViolation;
      void report(`${location.pathname}: ${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`);
    });
  });
  page.on("console", (message) => {
    if (/Content.Security.Policy|Permissions.Policy|Refused to/i.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** The page ran its scripts: React hydrated the page (it marks the DOM nodes it takes over). */
async function expectHydrated(page: Page) {
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((key) => key.startsWith("__reactFiber"))))
    .toBe(true);
}

test("public pages and the sign-in flow run under the policy without a violation", async ({ page }) => {
  const problems = await watchPolicies(page);
  // The portal (no script at all) leads to the quarterly table, an App Router page with its scripts.
  await openPortalPlanFirstQuarter(page, PLAN);
  await firstQuarterTableLink(page).click();
  await expect(page.getByRole("table")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载 Excel" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  // next-auth's client: the csrf token, the credentials callback, the session.
  await signIn(page, "zhangbin");
  await page.getByRole("listitem").filter({ hasText: PLAN }).getByRole("link", { name: "进度总览" }).click();
  await expectHydrated(page);
  await signOut(page);
  // A wrong password: the error comes back through next-auth's client too.
  await page.goto("/login");
  await page.getByLabel("账号").fill("office");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "账号或密码不正确" })).toBeVisible();
  expect(problems).toEqual([]);
});

test("the office's pages run under the policy without a violation", async ({ page }) => {
  const problems = await watchPolicies(page);
  await signIn(page, "office");
  await page.goto("/");
  await page.getByRole("listitem").filter({ hasText: PLAN }).getByRole("link", { name: "进度总览" }).click();
  await expectHydrated(page);
  // A client-side navigation loads the next page's chunks through the trusted scripts.
  await page.getByRole("navigation", { name: "季度" }).getByRole("link", { name: "一季度" }).click();
  await expect(page).toHaveURL(/q=1/);
  await expectHydrated(page);
  await page.getByRole("region", { name: /慢于序时的任务/ }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "目标" })).toBeVisible();
  await expectHydrated(page);
  for (const [path, heading] of [
    ["/review", "审核填报"],
    ["/periods", "填报期"],
    ["/import", "导入文件"],
    ["/users", "账号管理"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  await signOut(page);
  expect(problems).toEqual([]);
});

test("unit staff's filing form runs under the policy without a violation", async ({ page }) => {
  const problems = await watchPolicies(page);
  await signIn(page, "fagai");
  await expect(page.getByRole("heading", { level: 1, name: "我的任务" })).toBeVisible();
  // A task the other browser tests only save drafts of (the specs share one demo database): its form is open.
  await openMyTask(page, "服务业增加值增长5.5%。");
  await expectHydrated(page);
  // The figures found in the text are offered (client code), and a draft is saved (a server action).
  await page.getByLabel("完成情况").fill("1-6月,服务业增加值增长5.8%。");
  await expect(page.getByRole("button", { name: /采用文中数字/ }).first()).toBeVisible();
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status")).toHaveText("草稿已保存。");
  await signOut(page);
  expect(problems).toEqual([]);
});

test("the policy is enforced: an injected inline handler does not run and is reported", async ({ page }) => {
  const problems = await watchPolicies(page);
  await page.goto("/");
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="/no-such-image" onerror="window.__injected = true">`));
  await expect.poll(() => problems.some((problem) => problem.includes("script-src-attr"))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
