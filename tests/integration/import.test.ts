import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ImportError, LEAD_CHOICE_REQUIRED, parseDocument, type ParseResult, type ParsedTask } from "@/lib/import";
import { persistImport, type ImportOutcome } from "@/lib/import/persist";
import { commitImport, previewImport } from "@/lib/import/service";
import { upload } from "../support/files";
import { FORBIDDEN } from "@/lib/actions/result";
import type { Actor } from "@/lib/permissions";
import { cstMidnight } from "@/lib/periods/quarters";
import { hasTasks, listPlans, menuDashboards, offersDashboard } from "@/lib/plans/queries";
import { readCountedReports } from "@/lib/reporting/reads";
import { getTaskDetail } from "@/lib/tasks/queries";
import { main as importCli } from "@/scripts/import";
import { seedFiles } from "@/scripts/seed";

/**
 * The five official documents in seeds/, imported into the test database as `npm run import`
 * and the seed script do: parseDocument, then persistImport in one transaction.
 */

const seeds = seedFiles().map((file) => ({ name: path.basename(file), content: readFileSync(file, "utf8") }));

function seed(prefix: string) {
  const found = seeds.find((s) => s.name.startsWith(prefix));
  if (!found) throw new Error(`no seed ${prefix}`);
  return found;
}

const parseSeed = (prefix: string): ParseResult => parseDocument(seed(prefix).name, seed(prefix).content);

/** The seed with line n (1-based) replaced. */
function seedWithLine(prefix: string, n: number, replace: (line: string) => string): string {
  const lines = seed(prefix).content.split("\n");
  lines[n - 1] = replace(lines[n - 1]);
  return lines.join("\n");
}

let prisma: PrismaClient;

/**
 * The tables of the data. Not PublicRevision: its one row always exists (emptying the tables writes
 * it anew) and only says that the others changed, which their own snapshots show.
 */
async function tables(): Promise<string[]> {
  const rows = await prisma.$queryRaw<Array<{ tablename: string }>>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'PublicRevision') ORDER BY tablename`;
  return rows.map((row) => row.tablename);
}

/** Every row of every table, as JSON, sorted: equal snapshots mean no row was added, removed or changed. */
async function snapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await tables()) {
    const rows = await prisma.$queryRawUnsafe<Array<{ row: string }>>(`SELECT to_jsonb(t)::text AS row FROM "${table}" t`);
    out[table] = rows.map((r) => r.row).sort();
  }
  return out;
}

const rowCounts = (snap: Record<string, string[]>) => Object.fromEntries(Object.entries(snap).map(([table, rows]) => [table, rows.length]));

/** Sequences move even on a rolled-back insert, so an unchanged sequence means no insert was even tried. */
async function sequences(): Promise<Record<string, string | null>> {
  const rows = await prisma.$queryRaw<Array<{ name: string; value: bigint | null }>>`
    SELECT sequencename AS name, last_value AS value FROM pg_sequences WHERE schemaname = 'public'`;
  return Object.fromEntries(rows.map((row) => [row.name, row.value === null ? null : String(row.value)]));
}

async function emptyAllTables() {
  const names = (await tables()).map((t) => `"${t}"`).join(", ");
  await prisma.$executeRawUnsafe(`TRUNCATE ${names} RESTART IDENTITY CASCADE`);
}

async function planOf(prefix: string) {
  return prisma.plan.findFirstOrThrow({ where: { sourceFile: seed(prefix).name } });
}

/** A task of a seed's plan, with its units in listed order, its targets and its reports. */
async function storedTask(prefix: string, where: { leader?: string; kind?: string; parent?: string; number: string }) {
  const plan = await planOf(prefix);
  const kind = (where.kind ?? "key") as "key";
  const tasks = await prisma.task.findMany({
    where: {
      planId: plan.id,
      kind,
      number: where.number,
      ...(where.leader ? { leader: { name: where.leader } } : {}),
      ...(where.parent ? { parent: { number: where.parent } } : {}),
    },
    include: {
      units: { include: { unit: true }, orderBy: { position: "asc" } },
      targets: { orderBy: { position: "asc" } },
      reports: { include: { unit: true, actuals: { include: { target: true } }, period: true } },
    },
  });
  expect(tasks).toHaveLength(1);
  return tasks[0];
}

const leadFlags = (task: Awaited<ReturnType<typeof storedTask>>) => task.units.map((link) => ({ unit: link.unit.name, lead: link.isLead }));

describe("importing the official documents", () => {
  const parsed = new Map<string, ParseResult>();
  const firstOutcomes = new Map<string, ImportOutcome>();

  beforeAll(async () => {
    prisma = createPrismaClient();
    // The integration test files share one database; this file needs it empty.
    await emptyAllTables();
  });

  afterAll(async () => {
    await emptyAllTables();
    await prisma?.$disconnect();
  });

  // How fast this goes is measured by `npm run bench` (scripts/bench/import.ts), not here.
  it("imports all five documents into an empty database", async () => {
    expect(Object.values(rowCounts(await snapshot())).every((n) => n === 0)).toBe(true);
    for (const { name, content } of seeds) {
      const result = parseDocument(name, content);
      firstOutcomes.set(name.slice(0, 3), await persistImport(prisma, result));
      parsed.set(name.slice(0, 3), result);
    }

    expect(seeds.map((s) => s.name.slice(0, 3))).toEqual(["000", "001", "002", "003", "004"]);
    const created = (prefix: string) => firstOutcomes.get(prefix)!.tasks;
    expect(created("000")).toEqual({ created: 148, updated: 0, removed: 0, unchanged: 0 });
    expect(created("001")).toEqual({ created: 122 + 23 + 10, updated: 0, removed: 0, unchanged: 0 });
    expect(created("002")).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 0 });
    expect(created("003")).toEqual({ created: 133 + 33 + 7, updated: 0, removed: 0, unchanged: 0 });
    // 004: its 50 body clauses (一)…(五十) and 33 annex items, under 8 areas.
    expect(created("004")).toEqual({ created: 50 + 33 + 8, updated: 0, removed: 0, unchanged: 0 });
    expect([...firstOutcomes.values()].every((outcome) => outcome.planCreated)).toBe(true);
    expect(firstOutcomes.get("000")!.reportsCreated).toBe(149);
    expect([...firstOutcomes.values()].every((outcome) => outcome.figuresKept.length === 0)).toBe(true);
  });

  it("stores one plan per document with its tasks by kind", async () => {
    const plans = await prisma.plan.findMany({
      orderBy: { sourceFile: "asc" },
      select: { sourceFile: true, government: true, year: true, kind: true, leadConvention: true, tasks: { select: { kind: true } } },
    });
    const byKind = (tasks: Array<{ kind: string }>) => {
      const out: Record<string, number> = {};
      for (const { kind } of tasks) out[kind] = (out[kind] ?? 0) + 1;
      return out;
    };
    expect(plans.map(({ tasks, sourceFile, ...plan }) => ({ file: sourceFile.slice(0, 3), ...plan, tasks: byKind(tasks) }))).toEqual([
      { file: "000", government: "平湖市", year: 2025, kind: "key_tasks", leadConvention: "star", tasks: { key: 148 } },
      {
        file: "001",
        government: "平湖市",
        year: 2024,
        kind: "key_tasks",
        leadConvention: "star",
        tasks: { key: 122, livelihood_project: 10, livelihood: 23 },
      },
      { file: "002", government: "平湖市", year: 2022, kind: "work_report", leadConvention: "star", tasks: {} },
      {
        file: "003",
        government: "嘉兴市",
        year: 2025,
        kind: "key_tasks",
        leadConvention: "first_listed",
        tasks: { key: 133, livelihood_project: 7, livelihood: 33 },
      },
      { file: "004", government: "平湖市", year: 2025, kind: "policy_list", leadConvention: "first_listed", tasks: { policy_area: 8, policy: 50 + 33 } },
    ]);

    // 001: 23 livelihood sub-items under 10 projects; 004: 50 clauses and 33 annex items under 8 areas. Every child points at its parent.
    for (const [prefix, parentKind, childKind, parents, children] of [
      ["001", "livelihood_project", "livelihood", 10, 23],
      ["004", "policy_area", "policy", 8, 50 + 33],
      ["003", "livelihood_project", "livelihood", 7, 33],
    ] as const) {
      const plan = await planOf(prefix);
      const projects = await prisma.task.findMany({
        where: { planId: plan.id, kind: parentKind },
        include: { _count: { select: { children: true } } },
      });
      expect(projects).toHaveLength(parents);
      expect(projects.every((p) => p._count.children > 0)).toBe(true);
      expect(projects.reduce((sum, p) => sum + p._count.children, 0)).toBe(children);
      expect(await prisma.task.count({ where: { planId: plan.id, kind: childKind, parentId: null } })).toBe(0);
    }

    const report = await prisma.plan.findFirstOrThrow({ where: { sourceFile: seed("002").name }, include: { _count: { select: { glossary: true } } } });
    expect(report.documentText).toBe(parsed.get("002")!.documentText);
    expect(report._count.glossary).toBe(39);
  });

  it("keeps the work report as the reference text of its government's plans, not as a plan to track", async () => {
    const report = await planOf("002");
    const { plans, references } = await listPlans(prisma);
    expect(references.map((reference) => [reference.id, reference.kind, reference._count])).toEqual([[report.id, "work_report", { tasks: 0, glossary: 39 }]]);
    expect(plans.map((plan) => plan.sourceFile.slice(0, 3)).sort()).toEqual(["000", "001", "003", "004"]);
    // No overview of nothing: only a plan with tasks and an opened quarter offers one.
    expect(await hasTasks(prisma, report.id)).toBe(false);
    expect(await hasTasks(prisma, (await planOf("000")).id)).toBe(true);
    expect(plans.filter(offersDashboard).map((plan) => plan.sourceFile.slice(0, 3))).toEqual(["000"]);
  });

  it("offers in the menu a leader the overviews of the plans in their charge, the office those with a quarter open", async () => {
    const plan000 = await planOf("000");
    const as = (role: Actor["role"], leaderName: string | null = null): Actor => ({ id: 0, role, unitId: null, leaderName, displayName: "" });
    const ids = async (actor: Actor) => (await menuDashboards(prisma, actor)).map((plan) => plan.id);
    expect(await ids(as("leader", "张斌"))).toEqual([plan000.id]);
    // 李军 leads tasks of Jiaxing's plan, which has no quarter opened yet.
    expect(await ids(as("leader", "李军"))).toEqual([]);
    expect(await ids(as("office"))).toEqual([plan000.id]);
    expect(await ids(as("unit_staff"))).toEqual([]);
    await prisma.reportingPeriod.updateMany({ where: { planId: plan000.id }, data: { closed: true } });
    try {
      expect(await ids(as("office"))).toEqual([]);
      expect(await ids(as("leader", "张斌"))).toEqual([plan000.id]);
    } finally {
      await prisma.reportingPeriod.updateMany({ where: { planId: plan000.id }, data: { closed: false } });
    }
  });

  it("files the key tasks under their leaders", async () => {
    const keyTasksByLeader = async (prefix: string) => {
      const plan = await planOf(prefix);
      const leaders = await prisma.leader.findMany({
        where: { planId: plan.id },
        orderBy: { id: "asc" },
        select: { name: true, _count: { select: { tasks: { where: { kind: "key" } } } } },
      });
      return leaders.map((leader) => [leader.name, leader._count.tasks]);
    };
    expect(await keyTasksByLeader("000")).toEqual([
      ["周军波", 4],
      ["张斌", 25],
      ["宋怡玲", 15],
      ["周启程", 11],
      ["金一", 66],
      ["陈之超", 19],
      ["管立松", 8],
    ]);
    expect(await keyTasksByLeader("003")).toEqual([
      ["李军", 3],
      ["颜海荣", 40],
      ["齐力", 4],
      ["邢海华", 11],
      ["王慧琳", 16],
      ["林万乐", 14],
      ["戴锋", 43],
      ["张海燕", 2],
    ]);
    // 001 does not say which vice-mayor is in charge.
    expect(await prisma.leader.count({ where: { plan: { sourceFile: seed("001").name } } })).toBe(0);

    const zhang1 = await storedTask("000", { leader: "张斌", number: "1" });
    expect(zhang1).toMatchObject({ text: "固定资产投资增长5%。", sourceLine: 6, numberScope: "key/张斌/-" });
  });

  it("stores the lead flags as parsed", async () => {
    // Star convention (000, 001): ★ leads; several units and no star: all lead.
    expect(leadFlags(await storedTask("000", { leader: "周军波", number: "1" }))).toEqual([
      { unit: "财政局", lead: true },
      { unit: "税务局", lead: false },
    ]);
    expect(leadFlags(await storedTask("000", { leader: "张斌", number: "3" }))).toEqual([
      { unit: "生态环境分局", lead: true },
      { unit: "生态创建办", lead: false },
    ]);
    expect(leadFlags(await storedTask("001", { number: "7" }))).toEqual([
      { unit: "发改局", lead: true },
      { unit: "农业农村局", lead: true },
    ]);
    expect(leadFlags(await storedTask("001", { kind: "livelihood", parent: "1", number: "1" }))).toEqual([
      { unit: "建设局", lead: true },
      { unit: "综合执法局", lead: false },
    ]);
    // First-listed convention (003, 004).
    expect(leadFlags(await storedTask("003", { leader: "李军", number: "1" }))).toEqual([
      { unit: "财政局", lead: true },
      { unit: "经信局", lead: false },
      { unit: "科技局", lead: false },
    ]);
    expect(leadFlags(await storedTask("004", { kind: "policy", parent: "1", number: "3" }))).toEqual([
      { unit: "教育局", lead: true },
      { unit: "财政局", lead: false },
    ]);

    // And every task of every document: the stored units, in order, are the parsed ones.
    for (const [prefix, result] of parsed) {
      const plan = await planOf(prefix);
      const stored = await prisma.task.findMany({
        where: { planId: plan.id, kind: { in: ["key", "livelihood", "policy"] } },
        select: { sourceLine: true, units: { orderBy: { position: "asc" }, select: { isLead: true, unit: { select: { name: true } } } } },
      });
      const byLine = new Map(stored.map((task) => [task.sourceLine, task.units.map((u) => `${u.unit.name}${u.isLead ? "★" : ""}`)]));
      expect(byLine.size).toBe(result.tasks.length);
      for (const task of result.tasks) {
        expect(byLine.get(task.line), `${prefix} line ${task.line}`).toEqual(task.units.map((u) => `${u.name}${u.lead ? "★" : ""}`));
      }
    }
  });

  it("keeps units per government and files every spelling of a unit under one record", async () => {
    const finance = await prisma.unit.findMany({ where: { name: "财政局" }, orderBy: { government: "asc" } });
    expect(finance.map((u) => u.government).sort()).toEqual(["嘉兴市", "平湖市"]);

    const unitIn = (government: string, name: string) =>
      prisma.unit.findUniqueOrThrow({
        where: { government_name: { government, name } },
        include: { aliases: true, tasks: { select: { task: { select: { plan: { select: { sourceFile: true } } } } } } },
      });
    const plansOf = (unit: Awaited<ReturnType<typeof unitIn>>) => [...new Set(unit.tasks.map((t) => t.task.plan.sourceFile.slice(0, 3)))].sort();
    const aliasesOf = (unit: Awaited<ReturnType<typeof unitIn>>) => unit.aliases.map((a) => a.alias).sort();

    // 平湖市: 发改局 is written 发改局, 发改局(服务业发展局) (001) and 發改局 (004); the bracket
    // names it too, for documents that write 服务业发展局 alone.
    const pinghuNdrc = await unitIn("平湖市", "发改局");
    expect(plansOf(pinghuNdrc)).toEqual(["000", "001", "004"]);
    expect(aliasesOf(pinghuNdrc)).toEqual(["发改局", "发改局(服务业发展局)", "服务业发展局"]);
    // 人社局 is written 人力社保局 in 000, 001 and 004 (人力社保局 in traditional characters).
    const pinghuHr = await unitIn("平湖市", "人社局");
    expect(plansOf(pinghuHr)).toEqual(["000", "001", "004"]);
    expect(aliasesOf(pinghuHr)).toEqual(["人力社保局", "人社局"]);
    // 组织部 and 组织部(人才办) in 000 are one unit.
    const pinghuOrg = await unitIn("平湖市", "组织部");
    expect(plansOf(pinghuOrg)).toEqual(["000", "001", "004"]); // 004's clause (六): 组织部<人才办>
    expect(aliasesOf(pinghuOrg)).toEqual(["人才办", "组织部", "组织部(人才办)", "组织部<人才办>"]);

    // 嘉兴市 writes its units with the 市 prefix: 市发展改革委, 市财政局, 市人力社保局. Its 发展改革委
    // is a commission and keeps that name (平湖's 发改局 is a bureau); 发改委 is its short form.
    const jiaxingNdrc = await unitIn("嘉兴市", "发展改革委");
    expect(jiaxingNdrc.id).not.toBe(pinghuNdrc.id);
    expect(plansOf(jiaxingNdrc)).toEqual(["003"]);
    expect(aliasesOf(jiaxingNdrc)).toEqual(["发展改革委", "发改委", "市发展改革委"]);
    expect(aliasesOf(await unitIn("嘉兴市", "卫生健康委"))).toEqual(["卫健委", "卫生健康委", "市卫生健康委"]);
    expect(await prisma.unit.count({ where: { government: "嘉兴市", name: { in: ["发改局", "卫生健康局"] } } })).toBe(0);
    expect((await unitIn("平湖市", "卫生健康局")).kind).toBe("unit");
    // Groups are stored as groups, in both governments, and lead no task.
    const groups = await prisma.unit.findMany({ where: { kind: "group" }, orderBy: [{ government: "asc" }, { name: "asc" }], select: { government: true, name: true } });
    expect(groups.map((g) => `${g.government}:${g.name}`).sort()).toEqual(
      ["嘉兴市:各县(市)政府", "嘉兴市:各县(市、区)政府", "嘉兴市:市政府直属各单位", "平湖市:各镇街道", "平湖市:市属各单位", "平湖市:市政府各部门", "平湖市:平安建设领导小组成员单位"].sort(),
    );
    expect(await prisma.taskUnit.count({ where: { isLead: true, unit: { kind: "group" } } })).toBe(0);
    expect(aliasesOf(await unitIn("嘉兴市", "财政局"))).toEqual(["市财政局", "财政局"]);
    expect(aliasesOf(await unitIn("嘉兴市", "人社局"))).toEqual(["人力社保局", "人社局", "市人力社保局"]);

    // As the parsers name them today: 000 has 64 units, 001 adds 19, 004's clauses 4; 003 has 66.
    expect(await prisma.unit.count({ where: { government: "平湖市" } })).toBe(87);
    expect(await prisma.unit.count({ where: { government: "嘉兴市" } })).toBe(66);
    expect(firstOutcomes.get("000")!.unitsCreated).toHaveLength(64);
    expect(firstOutcomes.get("001")!.unitsCreated).toHaveLength(19);
    expect(firstOutcomes.get("004")!.unitsCreated).toEqual(["编办", "中国信保嘉兴营业部", "中国人保平湖支公司", "供电公司"]);
    expect(firstOutcomes.get("003")!.unitsCreated).toHaveLength(66);
    // An alias always points at a unit of its own government.
    const crossed = await prisma.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM "UnitAlias" a JOIN "Unit" u ON u.id = a."unitId" WHERE a.government <> u.government`;
    expect(Number(crossed[0].n)).toBe(0);
  });

  it("stores the Q1 2025 progress of 000 as published reports, with the actuals the extractor matched", async () => {
    const plan = await planOf("000");
    const period = await prisma.reportingPeriod.findUniqueOrThrow({ where: { planId_quarter: { planId: plan.id, quarter: 1 } } });
    expect(period).toMatchObject({ opensAt: cstMidnight(2025, 4, 1), dueAt: cstMidnight(2025, 4, 16), closed: false });
    const reports = await prisma.progressReport.findMany({ where: { periodId: period.id } });
    expect(reports).toHaveLength(149);
    expect(reports.every((r) => r.state === "published" && r.publishedAt && r.reviewedAt && r.submittedAt?.getTime() === period.dueAt.getTime())).toBe(true);
    expect(await prisma.progressReport.count()).toBe(149); // no other document carries progress

    // 张斌 1 固定资产投资增长5%: "1-3月,全市完成固定资产投资115.01亿元,增长11.1%。" → 11.1 % growth.
    const investment = await storedTask("000", { leader: "张斌", number: "1" });
    expect(investment.targets).toMatchObject([{ kind: "growth", comparator: "gte", value: 5, unit: "%", originalText: "增长5%", review: "parsed" }]);
    expect(investment.reports).toHaveLength(1);
    expect(investment.reports[0]).toMatchObject({ narrative: "1-3月,全市完成固定资产投资115.01亿元,增长11.1%。", unit: { name: "发改局" } });
    expect(investment.reports[0].actuals.map((a) => ({ target: a.target.originalText, value: a.value, source: a.source }))).toEqual([
      { target: "增长5%", value: 11.1, source: "增长11.1%" },
    ]);

    // 周军波 1 一般公共预算收入增长2.5%: the lead unit 财政局 reports 1.9 % (not the 2.2 % excluding the port area).
    const revenue = await storedTask("000", { leader: "周军波", number: "1" });
    expect(revenue.reports.map((r) => r.unit.name)).toEqual(["财政局"]);
    expect(revenue.reports[0].actuals).toMatchObject([{ targetId: revenue.targets[0].id, value: 1.9, source: "增长1.9%" }]);

    // 张斌 18: three targets, three actuals (91 %, 41 µg/m³, 100 %).
    const air = await storedTask("000", { leader: "张斌", number: "18" });
    expect(air.reports[0].actuals.map((a) => [a.target.position, a.value]).sort()).toEqual([
      [0, 91],
      [1, 41],
      [2, 100],
    ]);

    // A task without numeric targets gets its narrative, and no actuals.
    const tripod = await storedTask("000", { leader: "张斌", number: "3" });
    expect(tripod.targets).toEqual([]);
    expect(tripod.reports).toMatchObject([{ narrative: "荣获2024年度“大禹鼎”银鼎。", unit: { name: "生态环境分局" }, actuals: [] }]);

    // A cell with several units' text ("发改局:… 金融发展中心:…") gives one report per unit.
    const finance = await storedTask("000", { leader: "金一", number: "11" });
    expect(finance.reports.map((r) => r.unit.name).sort()).toEqual(["发改局", "金融发展中心"]);

    expect(await prisma.progressReport.count({ where: { actuals: { some: {} } } })).toBe(30);
    expect(await prisma.progressActual.count()).toBe(38);
    // Six of them are marked 预计 in the narrative (金一 1, 3, 41, 44, 45, 47): estimates, not achievements.
    expect(await prisma.progressActual.count({ where: { estimated: true } })).toBe(6);
  });

  it("stores a figure marked 预计 as an estimate, which the task's status does not count as achieved", async () => {
    // 金一 1 生产总值增长6%左右: "一季度GDP预计增长6%左右。" is a forecast, not the quarter's figure.
    const gdp = await storedTask("000", { leader: "金一", number: "1" });
    expect(gdp.reports[0].narrative).toBe("一季度GDP预计增长6%左右。");
    expect(gdp.reports[0].actuals).toMatchObject([{ targetId: gdp.targets[0].id, value: 6, source: "增长6%左右", estimated: true }]);

    const user = await prisma.user.create({ data: { username: "estimate-office", displayName: "市府办", role: "office" } });
    const office: Actor = { id: user.id, role: "office", unitId: null, leaderName: null, displayName: user.displayName };
    try {
      // The task page: filed by the lead unit, no achieved figure, so 已填报,缺少数据 with no figure.
      const detail = await getTaskDetail(prisma, office, gdp.id);
      const q1 = detail!.progress.find((p) => p.quarter === 1)!.progress;
      expect(q1.targets.map((t) => t.status)).toEqual(["missing_figure"]);
      expect(detail!.figures.get(gdp.targets[0].id)!.find((f) => f.quarter === 1)!.actual).toBeNull();

      // The dashboard's reads (plain SQL) leave the estimate out of the report's figures too.
      const { reports } = await readCountedReports(prisma, office, gdp.planId, 1);
      expect(reports.find((r) => r.taskId === gdp.id)).toMatchObject({ actuals: null });

      // An achieved figure beside it still counts: 张斌 1 stays judged on its 11.1 %.
      const investment = await storedTask("000", { leader: "张斌", number: "1" });
      expect(investment.reports[0].actuals).toMatchObject([{ value: 11.1, estimated: false }]);
      const judged = (await getTaskDetail(prisma, office, investment.id))!.figures.get(investment.targets[0].id)!;
      expect(judged.find((f) => f.quarter === 1)!.actual).toBe(11.1);
    } finally {
      await prisma.user.delete({ where: { id: user.id } });
    }
  });

  it("re-importing every file reports everything unchanged and leaves every row as it was", async () => {
    const before = await snapshot();
    const sequencesBefore = await sequences();

    const outcomes: ImportOutcome[] = [];
    for (const { name, content } of seeds) outcomes.push(await persistImport(prisma, parseDocument(name, content)));

    outcomes.forEach((outcome, i) => {
      const first = firstOutcomes.get(seeds[i].name.slice(0, 3))!;
      expect(outcome).toEqual({
        planId: first.planId,
        planCreated: false,
        tasks: { created: 0, updated: 0, removed: 0, unchanged: first.tasks.created },
        unitsCreated: [],
        reportsCreated: 0,
        figuresKept: [],
      });
    });
    expect(await snapshot()).toEqual(before);
    expect(await sequences()).toEqual(sequencesBefore);
  });

  it("keeps a target a person corrected, on re-import and when the document changes", async () => {
    const task = await storedTask("000", { leader: "张斌", number: "1" });
    const [target] = task.targets;
    await prisma.target.update({ where: { id: target.id }, data: { value: 6, review: "corrected" } });
    const corrected = await prisma.target.findUniqueOrThrow({ where: { id: target.id } });

    const again = await persistImport(prisma, parseSeed("000"));
    expect(again.tasks).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 148 });
    expect(await prisma.target.findMany({ where: { taskId: task.id } })).toEqual([corrected]);

    // The document now says 7 %: the task text follows it, the corrected target stays.
    const changed = seedWithLine("000", 6, (line) => line.replace("固定资产投资增长5%。", "固定资产投资增长7%。"));
    const edited = await persistImport(prisma, parseDocument(seed("000").name, changed));
    expect(edited.tasks).toEqual({ created: 0, updated: 1, removed: 0, unchanged: 147 });
    expect((await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).text).toBe("固定资产投资增长7%。");
    expect(await prisma.target.findMany({ where: { taskId: task.id } })).toEqual([corrected]);

    // A target still as parsed does follow the document.
    const uncorrected = await storedTask("000", { leader: "张斌", number: "9" });
    const changed9 = seedWithLine("000", 14, (line) => line.replace("100亩", "120亩"));
    expect(changed9).not.toBe(seed("000").content);
    // (built from the published file, so 张斌 1 is back to 5 % in its text)
    const edited9 = await persistImport(prisma, parseDocument(seed("000").name, changed9));
    expect(edited9.tasks).toEqual({ created: 0, updated: 2, removed: 0, unchanged: 146 });
    expect(await prisma.target.findMany({ where: { taskId: task.id } })).toEqual([corrected]);
    const after9 = await storedTask("000", { leader: "张斌", number: "9" });
    expect(after9.targets.map((t) => [t.value, t.originalText, t.review])).toEqual([[120, "120亩", "parsed"]]);
    expect(uncorrected.targets.map((t) => t.value)).toEqual([100]);

    // Back to the document as published (the correction of 张斌 1 stays).
    const restored = await persistImport(prisma, parseSeed("000"));
    expect(restored.tasks.updated).toBe(1);
    expect(await prisma.target.findMany({ where: { taskId: task.id } })).toEqual([corrected]);
  });

  it("names 000's plan after what it reports on, and files a later quarter's table under the same plan, once", async () => {
    const plan = await planOf("000");
    expect(plan.title).toBe("2025年政府工作报告重点工作");

    // The same table a quarter later: the same plan gets the second quarter's reports.
    const secondQuarter = seedWithLine("000", 1, (line) => line.replace("一季度重点工作完成情况", "二季度重点工作完成情况"));
    expect(secondQuarter).not.toBe(seed("000").content);
    const parsedQ2 = parseDocument(seed("000").name, secondQuarter);
    expect(parsedQ2.plan).toMatchObject({ title: plan.title, period: { year: 2025, quarter: 2 } });
    try {
      const outcome = await persistImport(prisma, parsedQ2);
      expect(outcome).toMatchObject({ planId: plan.id, planCreated: false, tasks: { created: 0, updated: 0, removed: 0, unchanged: 148 }, reportsCreated: 149 });
      expect(await prisma.plan.count({ where: { government: "平湖市", year: 2025, kind: "key_tasks" } })).toBe(1);
      const periods = await prisma.reportingPeriod.findMany({ where: { planId: plan.id }, orderBy: { quarter: "asc" }, include: { _count: { select: { reports: true } } } });
      expect(periods.map((period) => [period.quarter, period._count.reports])).toEqual([
        [1, 149],
        [2, 149],
      ]);
      // Filed after the quarter: open from 1 July, due 15 July.
      expect(periods[1]).toMatchObject({ opensAt: cstMidnight(2025, 7, 1), dueAt: cstMidnight(2025, 7, 16) });

      const before = await snapshot();
      expect(await persistImport(prisma, parseDocument(seed("000").name, secondQuarter))).toMatchObject({ planId: plan.id, planCreated: false, reportsCreated: 0 });
      expect(await snapshot()).toEqual(before);
    } finally {
      await prisma.reportingPeriod.deleteMany({ where: { planId: plan.id, quarter: 2 } });
    }
  });

  it("files a progress table under the plan of its notice, as that quarter's reports, leaving the notice's tasks as they are", async () => {
    const notice = await planOf("003");
    const tasksBefore = await prisma.task.findMany({ where: { planId: notice.id }, orderBy: { id: "asc" } });
    const first = parsed.get("003")!.tasks.filter((task) => task.leader === "李军" && task.kind === "key").slice(0, 2);
    const table = [
      "嘉兴市人民政府2025年重点工作一季度完成情况",
      "分管市长 | 序号 | 主要工作任务 | 一季度完成情况 | 责任单位 |",
      `李军 | 1 | ${first[0].text} | 市财政局:一季度设立子基金2支。 市科技局:落地成果转化项目5个。 | ★市财政局、市经信局、市科技局 |`,
      `2 | ${first[1].text} | 压减一般性支出5%。 | ★市财政局 |`,
    ].join("\n");
    const result = parseDocument("jx-q1.txt", table);
    expect(result.plan).toMatchObject({ government: "嘉兴市", year: 2025, title: "嘉兴市人民政府2025年重点工作", period: { quarter: 1 } });
    try {
      const outcome = await persistImport(prisma, result);
      expect(outcome).toMatchObject({ planId: notice.id, planCreated: false, tasks: { created: 0, updated: 0, removed: 0, unchanged: 2 }, reportsCreated: 3 });
      expect(await prisma.plan.count({ where: { government: "嘉兴市" } })).toBe(1);
      // The notice's 173 tasks, livelihood projects included, are untouched; the table is the first quarter's reports.
      expect(await prisma.task.findMany({ where: { planId: notice.id }, orderBy: { id: "asc" } })).toEqual(tasksBefore);
      expect(await prisma.plan.findUniqueOrThrow({ where: { id: notice.id } })).toEqual(notice);
      const reports = await prisma.progressReport.findMany({
        where: { period: { planId: notice.id, quarter: 1 } },
        orderBy: { id: "asc" },
        select: { narrative: true, state: true, unit: { select: { name: true } }, task: { select: { number: true } } },
      });
      expect(reports).toEqual([
        { narrative: "一季度设立子基金2支。", state: "published", unit: { name: "财政局" }, task: { number: "1" } },
        { narrative: "落地成果转化项目5个。", state: "published", unit: { name: "科技局" }, task: { number: "1" } },
        { narrative: "压减一般性支出5%。", state: "published", unit: { name: "财政局" }, task: { number: "2" } },
      ]);
      const before = await snapshot();
      expect(await persistImport(prisma, parseDocument("jx-q1.txt", table))).toMatchObject({ planId: notice.id, reportsCreated: 0 });
      expect(await snapshot()).toEqual(before);
    } finally {
      await prisma.reportingPeriod.deleteMany({ where: { planId: notice.id } });
    }
  });

  describe("through the import page (preview, then commit as the office)", () => {
    let office: Actor;
    const file000 = (content: string) => upload(seed("000").name, content);
    const auditEvents = () => prisma.auditEvent.findMany({ where: { action: "plan.import" }, orderBy: { id: "asc" } });

    beforeAll(async () => {
      const user = await prisma.user.create({ data: { username: "import-office", displayName: "市府办", role: "office" } });
      office = { id: user.id, role: "office", unitId: null, leaderName: null, displayName: user.displayName };
    });

    // 000 with 张斌 1 filed under 服务业发展局 (an alias 001 gave 发改局) and 张斌 2 under a unit nobody has seen.
    const renamedUnits = (() => {
      const lines = seed("000").content.split("\n");
      lines[5] = lines[5].replace("| 发改局 |", "| 服务业发展局 |");
      lines[6] = lines[6].replace("| 农业农村局 |", "| 低空经济发展中心 |");
      return lines.join("\n");
    })();

    it("previews the units as the import resolves them: new ones, and known ones by name or alias, writing nothing", async () => {
      expect(renamedUnits).not.toBe(seed("000").content);
      const before = await snapshot();
      const sequencesBefore = await sequences();

      const preview = await previewImport(prisma, office, file000(renamedUnits));
      if (!preview.ok) throw new Error(preview.message);
      const { newUnits, matchedUnits } = preview.summary;
      expect(newUnits).toEqual(["低空经济发展中心"]);
      expect(matchedUnits).toContainEqual({ name: "服务业发展局", unit: "发改局", alias: "服务业发展局" });
      expect(matchedUnits).toContainEqual({ name: "财政局", unit: "财政局", alias: null });
      // Every unit the document names is in one list or the other, and only the alias reached a unit of another name.
      const named = new Set(preview.summary.tasks.flatMap((task) => task.units.map((unit) => unit.name)));
      expect(new Set([...newUnits, ...matchedUnits.map((match) => match.name)])).toEqual(named);
      expect(matchedUnits.filter((match) => match.alias !== null)).toHaveLength(1);
      expect(await snapshot()).toEqual(before);
      expect(await sequences()).toEqual(sequencesBefore);

      // The import then creates exactly the units the preview named, and files 张斌 1 under the 发改局 on record.
      const committed = await commitImport(prisma, office, file000(renamedUnits));
      expect(committed).toMatchObject({ ok: true, outcome: { unitsCreated: newUnits } });
      expect(committed.message).toContain("新建单位(请核对):低空经济发展中心");
      expect(leadFlags(await storedTask("000", { leader: "张斌", number: "1" }))).toEqual([{ unit: "发改局", lead: true }]);
      expect(await previewImport(prisma, office, file000(renamedUnits))).toMatchObject({ ok: true, summary: { newUnits: [] } });

      // Only the office may preview.
      const staff: Actor = { ...office, role: "unit_staff", unitId: (await prisma.unit.findFirstOrThrow()).id };
      expect(await previewImport(prisma, staff, file000(renamedUnits))).toEqual({ ok: false, message: FORBIDDEN });

      expect(await persistImport(prisma, parseSeed("000"))).toMatchObject({ tasks: { updated: 0, unchanged: 148 }, unitsCreated: [] });
    });

    it("writes the audit row in the import's own transaction: no import on record without it", async () => {
      const changed = seedWithLine("000", 2, (line) => line.replace("一般公共预算收入增长2.5%。", "一般公共预算收入增长3%。"));
      const before = await snapshot();
      const events = (await auditEvents()).length;
      // An account deleted meanwhile: its audit row cannot be written, so nothing of the import may stay.
      const gone: Actor = { ...office, id: office.id + 1000 };
      await expect(commitImport(prisma, gone, file000(changed))).rejects.toThrow();
      expect(await snapshot()).toEqual(before);

      const committed = await commitImport(prisma, office, file000(seed("000").content));
      if (!committed.ok) throw new Error(committed.message);
      const after = await auditEvents();
      expect(after).toHaveLength(events + 1);
      expect(after[after.length - 1]).toMatchObject({
        actorId: office.id,
        entityType: "Plan",
        entityId: String(committed.outcome.planId),
        after: { fileName: seed("000").name, planCreated: false, tasks: committed.outcome.tasks, unitsCreated: [], figuresKept: [] },
      });
    });

    it("keeps the figures filed against a target whose wording changed, updating the target in place", async () => {
      // 周军波 1 一般公共预算收入增长2.5%: 财政局 filed 1.9 % growth for Q1.
      const before = await storedTask("000", { leader: "周军波", number: "1" });
      const [target] = before.targets;
      expect(before.reports[0].actuals).toMatchObject([{ targetId: target.id, value: 1.9 }]);

      const changed = seedWithLine("000", 2, (line) => line.replace("一般公共预算收入增长2.5%。", "一般公共预算收入增长3%。"));
      const committed = await commitImport(prisma, office, file000(changed));
      if (!committed.ok) throw new Error(committed.message);
      const after = await storedTask("000", { leader: "周军波", number: "1" });
      expect(after.reports[0].actuals).toMatchObject([{ targetId: target.id, value: 1.9, source: "增长1.9%" }]);
      expect(after.targets).toMatchObject([{ id: target.id, position: 0, kind: "growth", value: 3, originalText: "增长3%", review: "parsed" }]);

      expect(committed.outcome.tasks).toEqual({ created: 0, updated: 1, removed: 0, unchanged: 147 });
      expect(committed.outcome.figuresKept).toEqual([
        { taskId: before.id, leader: "周军波", parent: null, number: "1", targets: [{ was: "增长2.5%", now: "增长3%", figures: 1 }] },
      ]);
      expect(committed.message).toContain("周军波 第1项:目标“增长2.5%”改为“增长3%”,已填报的 1 个数据保留");
      const [event] = (await auditEvents()).reverse();
      expect(event.after).toMatchObject({ figuresKept: committed.outcome.figuresKept });

      // Back to the published wording: the same row again, with its figure.
      const restored = await commitImport(prisma, office, file000(seed("000").content));
      expect(restored).toMatchObject({ ok: true, outcome: { figuresKept: [{ targets: [{ was: "增长3%", now: "增长2.5%", figures: 1 }] }] } });
      expect((await storedTask("000", { leader: "周军波", number: "1" })).reports[0].actuals).toMatchObject([{ targetId: target.id, value: 1.9 }]);
    });

    it("keeps a target with filed figures that the document no longer states, says so, and drops one without figures", async () => {
      // 张斌 18: 90 % air quality, PM2.5 ≤ 26 µg/m³, 100 % water (each with a Q1 figure). 张斌 6: 130 projects
      // (a figure) and 800亿元 of investment (none).
      const air = await storedTask("000", { leader: "张斌", number: "18" });
      const projects = await storedTask("000", { leader: "张斌", number: "6" });
      expect(air.targets.map((t) => t.originalText)).toEqual(["90%以上", "26微克/立方米以下", "100%"]);
      expect(air.reports[0].actuals).toHaveLength(3);
      expect(projects.targets.map((t) => t.originalText)).toEqual(["130个", "800亿元以上"]);
      const figuresOf = (task: typeof air) => task.reports.flatMap((r) => r.actuals.map((a) => [a.targetId, a.value])).sort();

      const withoutPm = seedWithLine("000", 23, (line) => line.replace("PM2.5平均浓度26微克/立方米以下,", ""));
      const dropped = seedWithLine("000", 11, (line) => line.replace(",总投资800亿元以上。", "。")).split("\n");
      dropped[22] = withoutPm.split("\n")[22];
      const changed = dropped.join("\n");
      const committed = await commitImport(prisma, office, file000(changed));
      if (!committed.ok) throw new Error(committed.message);
      // The document's targets first, then the kept one; every row and figure as it was.
      const airAfter = await storedTask("000", { leader: "张斌", number: "18" });
      expect(figuresOf(airAfter)).toEqual(figuresOf(air));
      expect(airAfter.targets.map((t) => [t.id, t.position, t.originalText])).toEqual([
        [air.targets[0].id, 0, "90%以上"],
        [air.targets[2].id, 1, "100%"],
        [air.targets[1].id, 2, "26微克/立方米以下"],
      ]);
      // A target nobody filed a figure against simply goes with the document.
      const projectsAfter = await storedTask("000", { leader: "张斌", number: "6" });
      expect(figuresOf(projectsAfter)).toEqual(figuresOf(projects));
      expect(projectsAfter.targets.map((t) => [t.id, t.originalText])).toEqual([[projects.targets[0].id, "130个"]]);

      expect(committed.outcome.tasks).toEqual({ created: 0, updated: 2, removed: 0, unchanged: 146 });
      expect(committed.outcome.figuresKept).toEqual([
        { taskId: air.id, leader: "张斌", parent: null, number: "18", targets: [{ was: "26微克/立方米以下", now: null, figures: 1 }] },
      ]);
      expect(committed.message).toContain("张斌 第18项:目标“26微克/立方米以下”新文件中已没有,因已填报 1 个数据而保留,请核对");

      // The same file again changes no row, and still names the kept target.
      const before = await snapshot();
      const again = await commitImport(prisma, office, file000(changed));
      expect(again).toMatchObject({ ok: true, outcome: { tasks: { updated: 0 }, figuresKept: committed.outcome.figuresKept } });
      const { AuditEvent: _events, ...rows } = await snapshot();
      const { AuditEvent: _eventsBefore, ...rowsBefore } = before;
      expect(rows).toEqual(rowsBefore);

      // The published document again: the kept target is back in its place, with its figure.
      const restored = await commitImport(prisma, office, file000(seed("000").content));
      expect(restored).toMatchObject({ ok: true, outcome: { tasks: { updated: 2 }, figuresKept: [] } });
      const airRestored = await storedTask("000", { leader: "张斌", number: "18" });
      expect(airRestored.targets.map((t) => [t.id, t.position])).toEqual(air.targets.map((t) => [t.id, t.position]));
      expect(figuresOf(airRestored)).toEqual(figuresOf(air));
    });
  });

  describe("the lead rule and the skipped parts, as the import page shows them", () => {
    let office: Actor;
    beforeAll(async () => {
      const user = await prisma.user.create({ data: { username: "import-office-lead", displayName: "市府办", role: "office" } });
      office = { id: user.id, role: "office", unitId: null, leaderName: null, displayName: user.displayName };
    });

    /** A text document as the import page uploads it. */
    const upload = ({ fileName, content }: { fileName: string; content: string }) => ({ fileName, file: new Blob([content], { type: "text/plain" }) });

    it("names where 004 states its lead rule and every block of 004 it does not import, with why", async () => {
      const before = await snapshot();
      const preview = await previewImport(prisma, office, upload({ fileName: seed("004").name, content: seed("004").content }));
      if (!preview.ok) throw new Error(preview.message);
      expect(preview.summary.leadRule).toEqual({ convention: "first_listed", source: "第10行:“列第一位的为牵头单位”", line: 10 });
      expect(preview.summary.leadRuleNeeded).toBe(false);
      expect(preview.summary.tasks.filter((task) => task.number.startsWith("("))).toHaveLength(50);
      const skipped = preview.summary.warnings.map((warning) => warning.message.replace(/:“.*$/, ""));
      expect(skipped).toEqual([
        "第1–7行未导入(通知抬头与导语,不是任务)",
        ...[9, 18, 28, 37, 43, 51, 57, 65].map((line) => `第${line}行未导入(领域概述(资金安排与总体目标),不是条款)`),
        "第74–75行未导入(条款之后的说明,不是任务)",
        "第76–77行未导入(附件标题)",
        "第112行未导入(表格之后的内容,不是任务)",
      ]);
      expect(await snapshot()).toEqual(before);
    });

    // A county's list that neither stars a unit nor says which listed unit leads.
    const noRule = {
      fileName: "海盐县争取事项.txt",
      content: [
        "海盐县人民政府办公室",
        "海盐县争取上级政策事项清单(2031年)",
        "领域 | 争取事项 | 具体目标 | 责任单位 |",
        "一、产业发展 | 1.争取专项资金。 | 争取1亿元以上。 | 经信局、财政局、科技局 |",
        "2.争取用地指标。 | 争取100亩。 | 自然资源和规划局 | |",
      ].join("\n"),
    };

    it("asks the office to choose where the document states no rule, refuses the commit until it has, then applies the choice", async () => {
      const preview = await previewImport(prisma, office, upload(noRule));
      if (!preview.ok) throw new Error(preview.message);
      expect(preview.summary).toMatchObject({ leadRule: null, leadChoice: null, leadRuleNeeded: true, leadEffect: { tasks: 1, units: 3, first_listed: 1, all_lead: 3, none: 0 } });

      const before = await snapshot();
      expect(await commitImport(prisma, office, upload(noRule))).toEqual({ ok: false, message: LEAD_CHOICE_REQUIRED });
      expect(await snapshot()).toEqual(before);
      await expect(persistImport(prisma, parseDocument(noRule.fileName, noRule.content))).rejects.toThrow(ImportError);

      const chosen = await previewImport(prisma, office, { ...upload(noRule), leadChoice: "all_lead" as const });
      if (!chosen.ok) throw new Error(chosen.message);
      expect(chosen.summary.tasks[0].units.map((unit) => unit.lead)).toEqual([true, true, true]);
      const committed = await commitImport(prisma, office, { ...upload(noRule), leadChoice: "all_lead" as const });
      expect(committed).toMatchObject({ ok: true, outcome: { tasks: { created: 3 } } });
      const plan = await prisma.plan.findFirstOrThrow({ where: { government: "海盐县", year: 2031 } });
      expect(plan.leadConvention).toBe("star"); // every listed unit leads, as the star convention reads an unstarred list
      const stored = await prisma.task.findFirstOrThrow({
        where: { planId: plan.id, kind: "policy", number: "1" },
        include: { units: { orderBy: { position: "asc" }, include: { unit: true } } },
      });
      const flags = (task: typeof stored) => task.units.map((link) => ({ unit: link.unit.name, lead: link.isLead }));
      expect(flags(stored)).toEqual([
        { unit: "经信局", lead: true },
        { unit: "财政局", lead: true },
        { unit: "科技局", lead: true },
      ]);

      // Chosen again as "first listed", a re-import moves the lead flags accordingly.
      expect(await commitImport(prisma, office, { ...upload(noRule), leadChoice: "first_listed" as const })).toMatchObject({ ok: true });
      const again = await prisma.task.findUniqueOrThrow({ where: { id: stored.id }, include: { units: { orderBy: { position: "asc" }, include: { unit: true } } } });
      expect(flags(again).map((link) => link.lead)).toEqual([true, false, false]);
      await prisma.plan.delete({ where: { id: plan.id } });
    });
  });

  describe("a file that cannot be imported writes nothing and says why, naming the line", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), "luoshi-import-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const line2WithoutLeader = seedWithLine("000", 2, (line) => line.replace(/^周军波 \| /, ""));
    it.each([
      ["an empty file", "", "文件为空"],
      ["a file of another kind", "会议纪要\n今天开会讨论了三件事。\n散会。", /^无法识别的文件格式/],
      ["a broken table row", seedWithLine("000", 37, () => "7 | 积极推进医疗服务价格、医保支付方式改革。 | 医保局 |"), "第37行:表格行应有5列,实际3列"],
      ["a first row without its leader", line2WithoutLeader, "第2行:第一条数据行缺少分管市长姓名"],
      ["a task number used twice", seedWithLine("000", 11, (line) => line.replace(/^6 \| /, "5 | ")), "第11行:张斌 的序号 5 重复"],
      ["a task number used twice (003)", seedWithLine("003", 18, (line) => line.replace(/^2\./, "1.")), "第18行:李军 的序号 1 重复"],
    ])("%s", async (_label, content, message) => {
      const file = path.join(dir, seed("000").name);
      writeFileSync(file, content);
      const before = await snapshot();
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
      let code: number;
      let printed: string;
      let printedOut: string;
      try {
        code = await importCli([file]);
      } finally {
        // Read the calls before restoring: mockRestore forgets them.
        printed = stderr.mock.calls.map(([text]) => String(text)).join("").trim();
        printedOut = stdout.mock.calls.map(([text]) => String(text)).join("");
        stderr.mockRestore();
        stdout.mockRestore();
      }
      expect(code).toBe(1);
      expect(printedOut).toBe("");
      if (typeof message === "string") expect(printed).toBe(message);
      else expect(printed).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });
  });

  it("a failure inside the transaction rolls back everything written before it", async () => {
    const before = await snapshot();

    // An existing plan: a task text changes, a task goes, a new unit appears, and a target
    // the database refuses (PostgreSQL text cannot hold NUL) comes after all of those.
    const update = parseSeed("001");
    const keyTasks = update.tasks.filter((t) => t.kind === "key");
    keyTasks[0].text = "改写过的任务";
    update.tasks = update.tasks.filter((t) => t !== keyTasks[keyTasks.length - 1]);
    keyTasks[1].units.push({ name: "新设单位", rawName: "新设单位", lead: false });
    const withTarget = keyTasks.find((t, i) => i > 1 && t.targets.length > 0)!;
    withTarget.targets[0] = { ...withTarget.targets[0], value: withTarget.targets[0].value + 1, text: "坏\u0000目标" };
    await expect(persistImport(prisma, update)).rejects.not.toBeInstanceOf(ImportError);
    expect(await snapshot()).toEqual(before);

    // A new plan whose last write, a progress report, fails: plan, leaders, units, tasks,
    // targets and the reporting period go with it.
    const fresh = parseSeed("000");
    fresh.plan.title = "2025年政府工作报告重点工作二季度完成情况";
    fresh.plan.period = { year: 2025, quarter: 2 };
    fresh.leaders.push({ name: "新领导", title: null });
    const last: ParsedTask = fresh.tasks[fresh.tasks.length - 1];
    last.leader = "新领导";
    last.units = [{ name: "另一新单位", rawName: "另一新单位", lead: true }];
    last.progress = [{ unit: null, text: "坏\u0000进度" }];
    await expect(persistImport(prisma, fresh)).rejects.toThrow();
    const after = await snapshot();
    expect(rowCounts(after)).toEqual(rowCounts(before));
    expect(after).toEqual(before);

    // The same document without the bad byte goes in whole.
    last.progress = [{ unit: null, text: "进度" }];
    const outcome = await persistImport(prisma, fresh);
    expect(outcome).toMatchObject({ planCreated: true, tasks: { created: 148 }, reportsCreated: 149, unitsCreated: ["另一新单位"] });
  });
});
