import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { startApp, type AppInstance } from "./support/app";
import { account, privatePeriod, suitePrisma, tasksOf } from "./support/db";
import { concurrencyTests, overHttp, throughService, type FlowSavers, type FlowUnit, type Slot } from "./support/flows";
import { Browser } from "./support/http";

/**
 * Issue 9, item 7.1: many unit staff filing at once on the PostgreSQL server. 50 save-then-submit
 * flows on 50 reports at once, through the running production app over HTTP and through the
 * service on one Prisma client: each report is stored once, at version 2, submitted, with two
 * audit rows. And several people racing on one report at one version: one wins per version.
 */

const FLOWS = 50;
const RACERS = 8;

let prisma: PrismaClient;
let app: AppInstance;
let removePeriod: () => Promise<unknown>;
/** Per unit: the report slots of this file's private period, the accounts filing for it. */
let slots: Record<FlowUnit, Slot[]>;
let actors: Record<"fagai" | "fagai2" | "shangwu" | "jingxin", Actor>;

beforeAll(async () => {
  prisma = suitePrisma();
  const { period, remove } = await privatePeriod(prisma, 3);
  removePeriod = remove;
  const slotsOf = async (unit: keyof typeof slots) =>
    (await tasksOf(prisma, period.planId, unit)).map((task) => ({ taskId: task.id, periodId: period.id, targets: task.targets }));
  slots = { 发改局: await slotsOf("发改局"), 商务局: await slotsOf("商务局"), 经信局: await slotsOf("经信局") };
  actors = {
    fagai: await account(prisma, "fagai", "unit_staff", "发改局"),
    fagai2: await account(prisma, "rel-fagai-2", "unit_staff", "发改局"),
    shangwu: await account(prisma, "shangwu", "unit_staff", "商务局"),
    jingxin: await account(prisma, "rel-jingxin", "unit_staff", "经信局"),
  };
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
  await removePeriod?.();
  await prisma?.$disconnect();
});

async function signedIn(username: string): Promise<Browser> {
  const browser = new Browser(app.url);
  expect(await browser.signIn(username)).toBeNull();
  return browser;
}

describe("on the PostgreSQL server, through the running app over HTTP", () => {
  let savers: FlowSavers;

  beforeAll(async () => {
    savers = {
      fagai: overHttp(await signedIn("fagai")),
      fagai2: overHttp(await signedIn("rel-fagai-2")),
      shangwu: overHttp(await signedIn("shangwu")),
      jingxin: overHttp(await signedIn("rel-jingxin")),
    };
  });

  concurrencyTests("http", { flows: FLOWS, racers: RACERS, raceSlot: 0 }, () => ({ prisma, savers, slots }));

  it("the app is still running", () => {
    expect(app.exited()).toBeNull();
  });

  it("serves the server action as a form posted without JavaScript (Next calls it with the form data alone)", async () => {
    const slot = slots.发改局[2];
    const browser = await signedIn("fagai");
    const response = await browser.postForm("reports/save-report", `/tasks/${slot.taskId}`, {
      taskId: String(slot.taskId),
      periodId: String(slot.periodId),
      version: "0",
      narrative: "无脚本表单保存的草稿",
      intent: "save",
    });
    expect(response.status).toBe(200);
    const report = await prisma.progressReport.findFirstOrThrow({ where: { taskId: slot.taskId, periodId: slot.periodId } });
    expect(report).toMatchObject({ narrative: "无脚本表单保存的草稿", version: 1, state: "draft", unitId: actors.fagai.unitId });
  });
});

describe("on the PostgreSQL server, through the service on one Prisma client", () => {
  let client: PrismaClient;
  let savers: FlowSavers;

  beforeAll(async () => {
    // The app's default pool size: the flows queue for connections as the app's requests do.
    client = suitePrisma(undefined, 10);
    savers = {
      fagai: throughService(client, actors.fagai),
      fagai2: throughService(client, actors.fagai2),
      shangwu: throughService(client, actors.shangwu),
      jingxin: throughService(client, actors.jingxin),
    };
    // The HTTP run used the same slots: start again from an empty period.
    await prisma.progressReport.deleteMany({ where: { periodId: slots.发改局[0].periodId } });
  });

  afterAll(async () => {
    await client?.$disconnect();
  });

  concurrencyTests("service", { flows: FLOWS, racers: RACERS, raceSlot: 1 }, () => ({ prisma, savers, slots }));
});
