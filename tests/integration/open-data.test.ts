import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { GET as getQuarter } from "@/app/api/v1/plans/[planId]/quarters/[file]/route";
import { GET as getPlans } from "@/app/api/v1/plans/route";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ReviewState } from "@/lib/generated/prisma/enums";
import { BOM, OPEN_DATA_COLUMNS, type planJson, type quarterJson } from "@/lib/public/open-data";
import { parseDocument } from "@/lib/import";
import { persistImport } from "@/lib/import/persist";
import { listPublicPlans, loadPublicQuarter } from "@/lib/public/read";
import { loadQuarterlyTable } from "@/lib/quarterly/table";
import { seedFiles } from "@/scripts/seed";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { PortalDocument } from "@/components/portal/document";
import { PlanView } from "@/components/portal/plan";
import { TaskView } from "@/components/portal/task";
import { planFeed } from "@/lib/public/feed";
import { loadPublicPlanPage } from "@/lib/public/portal";
import { filterTasks, parsePortalFilters, taskSearchText } from "@/lib/public/search";

/**
 * The public read layer and the open data built on it, against the database: on one task, four
 * lead units each hold a report of the quarter in another state — a draft, a submitted, a
 * returned and a published one — and only the published one may come out, in the read layer, the
 * JSON, the CSV and the plan list. The unpublished reports are listed first, so that a leak would
 * also decide the task's figure and status.
 */
let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
const government = `公开数据测试${tag}`;
let planId: number;
let taskId: number;
const reportIds: Partial<Record<ReviewState, number>> = {};
const publishedAt = new Date("2031-04-18T06:00:05.000Z");

/** Text that exists only in what the public must not read. */
const SECRETS = ["草稿进展秘密", "报送进展秘密", "退回进展秘密", "退回意见秘密", "审核意见秘密", "填报员秘密", "审计秘密", "draft", "submitted", "returned", "reviewComment"];

beforeAll(async () => {
  prisma = createPrismaClient();
  const plan = await prisma.plan.create({
    data: { year: 2031, government, title: `公开数据${tag}`, kind: "key_tasks", leadConvention: "star", sourceFile: "open-data.test" },
  });
  planId = plan.id;
  const leader = await prisma.leader.create({ data: { planId, name: `王市长${tag}` } });
  const [q1] = await Promise.all([1, 2].map((quarter) => prisma.reportingPeriod.create({ data: { planId, quarter, opensAt: new Date("2031-04-01"), dueAt: new Date("2031-04-15") } })));
  const units = await Promise.all(["草稿局", "报送局", "退回局", "公开局", "配合局"].map((name) => prisma.unit.create({ data: { government, name } })));
  const staff = await prisma.user.create({ data: { username: `open-data-${tag}`, displayName: "填报员秘密", role: "unit_staff", unitId: units[0].id } });
  const task = await prisma.task.create({
    data: {
      planId,
      leaderId: leader.id,
      numberScope: "key",
      number: "1",
      kind: "key",
      text: "新增光伏装机6万千瓦",
      sourceLine: 1,
      units: { create: units.map((unit, position) => ({ unitId: unit.id, isLead: position < 4, position })) },
      targets: { create: { position: 0, kind: "quantity", comparator: "gte", value: 60000, unit: "千瓦", originalText: "新增光伏装机6万千瓦" } },
    },
    include: { targets: true },
  });
  taskId = task.id;
  await prisma.task.create({
    data: { planId, leaderId: leader.id, numberScope: "key", number: "2", kind: "key", text: "推进城市更新", sourceLine: 2, units: { create: { unitId: units[4].id, isLead: true, position: 0 } } },
  });
  const reports: Array<[ReviewState, number, string, string | null, number]> = [
    [ReviewState.draft, units[0].id, "草稿进展秘密", null, 59000],
    [ReviewState.submitted, units[1].id, "报送进展秘密", null, 58000],
    [ReviewState.returned, units[2].id, "退回进展秘密", "退回意见秘密", 57000],
    [ReviewState.published, units[3].id, "公开进展:完成1万千瓦", "审核意见秘密", 10000],
  ];
  for (const [state, unitId, narrative, reviewComment, value] of reports) {
    const report = await prisma.progressReport.create({
      data: {
        taskId,
        unitId,
        periodId: q1.id,
        state,
        narrative,
        reviewComment,
        filedById: staff.id,
        reviewedById: staff.id,
        publishedAt: state === ReviewState.published ? publishedAt : null,
        actuals: { create: { targetId: task.targets[0].id, value } },
      },
    });
    reportIds[state] = report.id;
  }
  await prisma.auditEvent.create({ data: { actorId: staff.id, action: "report.return", entityType: "ProgressReport", entityId: String(reportIds.returned), taskId, after: { note: "审计秘密" } } });
});

afterAll(async () => {
  await prisma.plan.deleteMany({ where: { id: planId } });
  await prisma.user.deleteMany({ where: { username: `open-data-${tag}` } });
  await prisma.unit.deleteMany({ where: { government } });
  await prisma.$disconnect();
  // The route handlers use the app's shared client.
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
});

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });
const quarter = (file: string, headers: Record<string, string> = {}) =>
  getQuarter(get(`/api/v1/plans/${planId}/quarters/${file}`, headers), { params: Promise.resolve({ planId: String(planId), file }) });

function expectNothingUnpublished(body: string) {
  for (const secret of SECRETS) expect(body, secret).not.toContain(secret);
}

describe("the public read layer", () => {
  it("gives the published report alone: its progress, its figure's status and its publication time", async () => {
    const table = (await loadPublicQuarter(prisma, planId, 1))!;
    expect(table.rows).toHaveLength(2);
    const [row, other] = table.rows;
    expect(row).toEqual({
      taskId,
      leader: `王市长${tag}`,
      number: 1,
      text: "新增光伏装机6万千瓦",
      targets: ["≥6万千瓦"],
      progress: "公开进展:完成1万千瓦",
      status: "behind",
      statusLabel: "慢于序时",
      statusReason: "慢于序时:完成1万千瓦,目标≥6万千瓦,完成率16.7%,序时进度25%",
      leadUnits: ["草稿局", "报送局", "退回局", "公开局"],
      units: ["草稿局", "报送局", "退回局", "公开局", "配合局"],
      publishedAt,
    });
    expect(other).toMatchObject({ number: 2, progress: "", status: "not_published", statusReason: "暂无公开进展", publishedAt: null });
    expect(table.lastPublishedAt).toEqual(publishedAt);
    expectNothingUnpublished(JSON.stringify(table));
  });

  it("tells a quarter with nothing published, and has no table for a quarter without a period or an unknown plan", async () => {
    const q2 = (await loadPublicQuarter(prisma, planId, 2))!;
    expect(q2.rows.map((row) => row.status)).toEqual(["not_published", "not_published"]);
    expect(q2.lastPublishedAt).toBeNull();
    expect(await loadPublicQuarter(prisma, planId, 3)).toBeNull();
    expect(await loadPublicQuarter(prisma, 2_000_000_000, 1)).toBeNull();
  });

  it("lists the plan with its quarters", async () => {
    const plan = (await listPublicPlans(prisma)).find((p) => p.id === planId);
    expect(plan).toEqual({ id: planId, year: 2031, government, title: `公开数据${tag}`, kind: "key_tasks", quarters: [1, 2] });
  });
});

describe("the seeded quarterly table of 000 (Pinghu, Q1 2025) as open data", () => {
  it("has the public quarterly table's rows, in its order and numbering, with a status for each", async () => {
    const seed = seedFiles().find((file) => path.basename(file).startsWith("000_"))!;
    const { planId: seededPlan } = await persistImport(prisma, parseDocument(path.basename(seed), readFileSync(seed, "utf8")));
    const open = (await loadPublicQuarter(prisma, seededPlan, 1))!;
    const official = (await loadQuarterlyTable(prisma, null, seededPlan, 1))!;
    expect(open.rows).toHaveLength(148);
    expect(open.rows.map((row) => [row.taskId, row.leader, row.number, row.text, row.progress])).toEqual(
      official.rows.map((row) => [row.taskId, row.leader, row.number, row.text, row.progress]),
    );
    expect(open.title).toBe(official.title);
    for (const row of open.rows) expect(row.statusReason.startsWith(row.statusLabel), row.statusReason).toBe(true);
  });
});

describe("the open-data routes, without signing in", () => {
  it("serve the quarter as JSON with the published report alone", async () => {
    const response = await quarter("1.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const text = await response.text();
    expectNothingUnpublished(text);
    const body = JSON.parse(text) as ReturnType<typeof quarterJson>;
    expect(body.columns).toEqual([...OPEN_DATA_COLUMNS]);
    expect(Object.keys(body.rows[0])).toEqual([...OPEN_DATA_COLUMNS]);
    expect(body.rows[0]).toMatchObject({
      plan_id: planId,
      quarter: 1,
      number: 1,
      task_id: taskId,
      progress: "公开进展:完成1万千瓦",
      status: "behind",
      status_reason: "慢于序时:完成1万千瓦,目标≥6万千瓦,完成率16.7%,序时进度25%",
      lead_units: ["草稿局", "报送局", "退回局", "公开局"],
      published_at: publishedAt.toISOString(),
    });
    expect(body.last_published_at).toBe(publishedAt.toISOString());
  });

  it("serve the quarter as CSV with the BOM, the documented header and the published report alone", async () => {
    const response = await quarter("1.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="plan-\d+-2031-q1\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.startsWith(`${BOM}${OPEN_DATA_COLUMNS.join(",")}\r\n`)).toBe(true);
    expect(text).toContain("公开进展:完成1万千瓦");
    expectNothingUnpublished(text);
    expect(text.trimEnd().split("\r\n")).toHaveLength(3);
  });

  it("answer 304 to the ETag and to Last-Modified, and 200 again once more is published", async () => {
    const first = await quarter("1.json");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get("last-modified")).toBe(publishedAt.toUTCString());
    expect(first.headers.get("cache-control")).toBe("public, no-cache");

    const byEtag = await quarter("1.json", { "If-None-Match": etag });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe("");
    const byDate = await quarter("1.json", { "If-Modified-Since": publishedAt.toUTCString() });
    expect(byDate.status).toBe(304);
    // The CSV is another body with its own ETag.
    expect((await quarter("1.csv", { "If-None-Match": etag })).status).toBe(200);

    const later = new Date(publishedAt.getTime() + 60_000);
    await prisma.progressReport.update({ where: { id: reportIds.submitted }, data: { state: ReviewState.published, publishedAt: later, narrative: "新公开进展" } });
    try {
      const changed = await quarter("1.json", { "If-None-Match": etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
      expect(changed.headers.get("last-modified")).toBe(later.toUTCString());
      expect(await changed.text()).toContain("新公开进展");
      expect((await quarter("1.json", { "If-Modified-Since": publishedAt.toUTCString() })).status).toBe(200);
    } finally {
      await prisma.progressReport.update({ where: { id: reportIds.submitted }, data: { state: ReviewState.submitted, publishedAt: null, narrative: "报送进展秘密" } });
    }
  });

  it("answer 404 in Chinese for a quarter without a period, an unknown plan or a bad address", async () => {
    for (const [id, file] of [[String(planId), "3.json"], ["2000000000", "1.csv"], [String(planId), "5.json"], ["abc", "1.json"]]) {
      const response = await getQuarter(get(`/api/v1/plans/${id}/quarters/${file}`), { params: Promise.resolve({ planId: id, file }) });
      expect(response.status, `${id}/${file}`).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("list the plans with the addresses of their quarters, and revalidate by ETag", async () => {
    const response = await getPlans(get("/api/v1/plans"));
    expect(response.status).toBe(200);
    const text = await response.text();
    expectNothingUnpublished(text);
    const plan = (JSON.parse(text) as { plans: Array<ReturnType<typeof planJson>> }).plans.find((p) => p.id === planId)!;
    expect(plan.quarters).toEqual([
      { quarter: 1, json: `/api/v1/plans/${planId}/quarters/1.json`, csv: `/api/v1/plans/${planId}/quarters/1.csv` },
      { quarter: 2, json: `/api/v1/plans/${planId}/quarters/2.json`, csv: `/api/v1/plans/${planId}/quarters/2.csv` },
    ]);
    expect((await getPlans(get("/api/v1/plans", { "If-None-Match": response.headers.get("etag")! }))).status).toBe(304);
  });

  it("serve the OpenAPI description", async () => {
    const response = getOpenApi(get("/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });
});

describe("the portal's read of a plan", () => {
  it("gives each quarter's published progress alone, its status and figures, in the plan page, the task page, the search and the feed", async () => {
    const page = (await loadPublicPlanPage(prisma, planId))!;
    expect(page.plan).toEqual({ id: planId, year: 2031, government, title: `公开数据${tag}`, kind: "key_tasks", quarters: [1, 2] });
    expect(page.latestQuarter).toBe(1);
    expect(page.lastPublishedAt).toBe(publishedAt.toISOString());
    const task = page.tasks.find((candidate) => candidate.id === taskId)!;
    expect(task.units.map((unit) => [unit.name, unit.lead])).toEqual([
      ["草稿局", true],
      ["报送局", true],
      ["退回局", true],
      ["公开局", true],
      ["配合局", false],
    ]);
    expect(task.targets).toEqual([{ id: expect.any(Number), text: "≥6万千瓦", original: "新增光伏装机6万千瓦", value: 60000, unit: "千瓦" }]);
    expect(task.quarters).toEqual([
      {
        quarter: 1,
        status: "behind",
        label: "慢于序时",
        reason: "慢于序时:完成1万千瓦,目标≥6万千瓦,完成率16.7%,序时进度25%",
        progress: [{ unit: "公开局", text: "公开进展:完成1万千瓦", problems: "", nextSteps: "" }],
        publishedAt: publishedAt.toISOString(),
        attachments: [],
        figures: [{ actual: 10000, expected: 15000, status: "behind", reason: "慢于序时:完成1万千瓦,目标≥6万千瓦,完成率16.7%,序时进度25%" }],
      },
      {
        quarter: 2,
        status: "not_published",
        label: "暂无公开进展",
        reason: "暂无公开进展",
        progress: [],
        publishedAt: null,
        attachments: [],
        figures: [{ actual: null, expected: 30000, status: "not_published", reason: "暂无公开进展" }],
      },
    ]);

    const filters = parsePortalFilters(new URLSearchParams());
    const html = [
      renderToStaticMarkup(
        PortalDocument({
          meta: { title: "计划", description: "", path: "/public", care: false },
          children: createElement(PlanView, { page, quarter: 1, filters, tasks: page.tasks, narrowed: false }),
        }),
      ),
      renderToStaticMarkup(createElement(TaskView, { page, task, glossary: [] })),
    ].join("");
    expect(html).toContain("公开进展:完成1万千瓦");
    expect(html).toContain("完成1万千瓦,目标≥6万千瓦,完成率16.7%,序时进度25%");
    // Plain HTML: nothing to run.
    expect(html).not.toMatch(/<script/i);
    const feed = planFeed(page, "https://example.org");
    expect(feed).toContain("https://example.org/public/tasks/" + taskId + "#q1");
    expect(feed).toContain("公开进展:完成1万千瓦");
    const searchTexts = page.tasks.map(taskSearchText);
    for (const body of [JSON.stringify(page), html, feed, ...searchTexts]) expectNothingUnpublished(body);
    // A word of an unpublished report finds nothing; one of the published report finds its task.
    const find = (q: string) => filterTasks(page.tasks, searchTexts, parsePortalFilters(new URLSearchParams({ q })), 1).map((found) => found.id);
    expect(find("退回进展秘密")).toEqual([]);
    expect(find("公開進展")).toEqual([taskId]);
  });
});
