import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    // Debian's chromium: Playwright must not download a browser of its own here.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // The specs that import documents (tests/e2e/import-*.spec.ts) add plans to the one demo database
  // that every spec shares, which changes the home page and the menus the others check: they run
  // last, once the other two projects are done. Matched on the file's own name: a checkout whose path
  // holds "import-" (a worktree named so) would otherwise put every spec there.
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /(^|\/)import-[^/]*\.spec\.ts$/ },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, grep: /@phone/, testIgnore: /(^|\/)import-[^/]*\.spec\.ts$/ },
    { name: "imports", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /(^|\/)import-[^/]*\.spec\.ts$/, dependencies: ["desktop", "phone"] },
  ],
  // A fresh in-memory database seeded from the documents, served by the production build.
  webServer: {
    // Loopback only: the test server has no business being reachable from elsewhere.
    command: `npm run demo -- --prod --port ${port} --hostname 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    timeout: 240_000,
    // Locally, a running `npm run demo -- --port $E2E_PORT` is reused; CI always starts a fresh one.
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    env: { DATABASE_URL: "", LUOSHI_DATA_DIR: "memory://", NODE_ENV: "production" },
  },
});
