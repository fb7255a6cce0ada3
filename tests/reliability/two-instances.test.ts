import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startApp, type AppInstance } from "./support/app";
import { account, demoPlan, suitePrisma, tasksOf } from "./support/db";
import { confirming, reportFields } from "./support/flows";
import { Browser } from "./support/http";
import { xlsxTexts } from "./support/xlsx";

/**
 * Issue 9, item 7.4: two app instances on one database, as behind a load balancer. What one
 * instance publishes the other shows at once; a session made at one is honoured (and ended) at
 * the other; the sign-in limit counts the failures of both.
 */

let prisma: PrismaClient;
let a: AppInstance;
let b: AppInstance;
let planId: number;
let periodId: number;
let task: { id: number; targets: Array<{ id: number; unit: string }> };

beforeAll(async () => {
  prisma = suitePrisma();
  [a, b] = await Promise.all([startApp(), startApp()]);
  const plan = await demoPlan(prisma);
  planId = plan.id;
  periodId = plan.periods.find((period) => period.quarter === 2)!.id;
  // A task of 发改局 alone, so that its progress cell is 发改局's text as filed.
  const own = (await tasksOf(prisma, planId, "发改局")).filter((candidate) => candidate.units.length === 1);
  task = own[1];
  await prisma.progressReport.deleteMany({ where: { taskId: task.id, periodId } });
  await account(prisma, "rel-locked", "unit_staff", "发改局");
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await prisma?.$disconnect();
});

describe("two app instances on one database", () => {
  it("a report published through instance A is on instance B's public quarterly table (page and xlsx) at once", async () => {
    const narrative = `两个实例:经A公开,在B可见 ${randomUUID().slice(0, 8)}`;
    const slot = { taskId: task.id, periodId, targets: task.targets };
    const staff = new Browser(a.url);
    expect(await staff.signIn("fagai")).toBeNull();
    const saved = await staff.action("reports/save-report", `/tasks/${task.id}`, reportFields(slot, 0, "save", narrative));
    expect(saved).toMatchObject({ ok: true, version: 1 });
    expect(await confirming((fields) => staff.action("reports/save-report", `/tasks/${task.id}`, fields), reportFields(slot, 1, "submit", narrative))).toMatchObject({
      ok: true,
      version: 2,
      state: "submitted",
    });
    const reportId = (saved as { reportId: number }).reportId;

    const publicAtB = new Browser(b.url);
    const table = `/plans/${planId}/table/2`;
    expect((await publicAtB.request(table)).text()).not.toContain(narrative);

    const office = new Browser(a.url);
    expect(await office.signIn("office")).toBeNull();
    expect(await office.action("reports/review-report", "/review", { reportId: String(reportId), version: "2", decision: "approve" })).toMatchObject({
      ok: true,
      state: "approved",
      version: 3,
    });
    expect(await office.action("reports/review-report", "/review", { reportId: String(reportId), version: "3", decision: "publish" })).toMatchObject({
      ok: true,
      state: "published",
      version: 4,
    });

    const tablePage = await publicAtB.request(table);
    expect(tablePage.status).toBe(200);
    expect(tablePage.text()).toContain(narrative);
    // And in B's Excel download of the same table.
    const xlsx = await publicAtB.request(`${table}/xlsx`);
    expect(xlsx.status).toBe(200);
    // The 完成情况 cell holds the narrative and, after it, the reasons the filing gave (lib/quarterly/text.ts).
    expect((await xlsxTexts(xlsx.body)).some((text) => text.startsWith(narrative))).toBe(true);
  });

  it("a session signed in at A is honoured at B, and signing out at A ends it at B", async () => {
    const office = new Browser(a.url);
    expect(await office.signIn("office")).toBeNull();
    office.baseUrl = b.url;
    expect((await office.request("/review")).status).toBe(200);
    office.baseUrl = a.url;
    const cookie = office.cookieHeader();
    await office.signOut();
    // The old cookie, replayed at B, opens nothing: the session ended in the database.
    const replayed = await fetch(new URL("/review", b.url), { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(45_000) });
    expect(replayed.status).toBeGreaterThanOrEqual(300);
    expect(replayed.status).toBeLessThan(400);
    expect(replayed.headers.get("location")).toContain("/login");
  });

  it("the sign-in limit is shared: after 5 wrong passwords at A, the right password at B is refused", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await new Browser(a.url).signIn("rel-locked", `wrong-password-${attempt}`)).toBe("账号或密码不正确");
    }
    const refused = await new Browser(b.url).signIn("rel-locked");
    expect(refused).toMatch(/^登录失败次数过多,请 \d+ 分钟后再试$/);
    // Other accounts are not affected.
    expect(await new Browser(b.url).signIn("shangwu")).toBeNull();
  });
});
