/**
 * A synthetic plan for benchmarks: by default 2,000 tasks under 8 leaders, 60 units (1–3 per
 * task, the first always leading, a second one sometimes too), about half the tasks with one or
 * two numeric targets of the four kinds, four quarterly periods and 2,000 reports in each of them
 * (8,000): mostly the lead units' reports, with figures for the targets, in every review state,
 * some late; about one lead report in twenty is missing, its place taken by a co-unit's report.
 *
 * Deterministic for a given seed. The rows are written with one `INSERT … SELECT FROM unnest(…)`
 * per table and batch (insertRows of the import): Prisma's createMany spent about 1 ms of client
 * CPU per row, minutes for the 20,000-task plan of the page benchmark.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { QualitativeStatus, ReviewState } from "@/lib/generated/prisma/enums";
import { insertRows, TARGET_COLUMNS, type Columns } from "@/lib/import/persist";
import { defaultPeriodSchedule, type Quarter } from "@/lib/periods/quarters";
import type { PlanTarget } from "@/lib/reporting/reads";

export interface GenerateOptions {
  tasks?: number;
  leaders?: number;
  units?: number;
  /** Reports per quarter; default: one per task. */
  reportsPerQuarter?: number;
  year?: number;
  seed?: number;
  /** Makes the government (hence the units) and the plan title unique: default a timestamp. */
  label?: string;
  /** Rows per INSERT (default 10,000). */
  batchSize?: number;
}

export interface GeneratedPlan {
  planId: number;
  government: string;
  year: number;
  periodIds: number[];
  counts: {
    leaders: number;
    units: number;
    tasks: number;
    taskUnits: number;
    tasksWithTargets: number;
    targets: number;
    periods: number;
    reports: number;
    actuals: number;
    reportsByState: Record<string, number>;
    lateReports: number;
    /** Task-quarter pairs without any lead unit report. */
    missingLeadReports: number;
  };
}

/** mulberry32: small, fast, good enough for test data. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
    /** Picks by weight: [[value, weight], …]. */
    weighted: <T>(entries: ReadonlyArray<readonly [T, number]>) => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, w] of entries) if ((r -= w) < 0) return value;
      return entries[entries.length - 1][0];
    },
  };
}

const LEADER_NAMES = ["王建国", "李晓明", "张卫东", "刘海燕", "陈志强", "杨丽华", "赵国平", "黄秀英", "周文斌", "吴振华"];
const UNIT_STEMS = [
  "发改局", "经信局", "教育局", "科技局", "民政局", "司法局", "财政局", "人社局", "自然资源和规划局", "生态环境分局",
  "建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文旅体局", "卫生健康局", "退役军人事务局", "应急管理局", "审计局",
  "市场监管局", "统计局", "医保局", "综合执法局", "信访局", "政务服务管理办", "金融发展中心", "税务局", "公安局", "消防救援大队",
  "供电公司", "水务集团", "城投集团", "交投集团", "文旅集团", "金控集团", "宣传部", "组织部", "政法委", "统战部",
  "当湖街道", "钟埭街道", "曹桥街道", "新埭镇", "新仓镇", "广陈镇", "林埭镇", "独山港镇", "乍浦镇", "经济技术开发区",
  "独山港经济开发区", "九龙山管委会", "口岸服务中心", "农房改善办", "治水办", "妇联", "团市委", "残联", "工商联", "邮政管理局",
];
const SUBJECTS = ["重大项目", "农房改造", "污水管网", "数字农业工厂", "高新技术企业", "保障性租赁住房", "绿化提升", "充电桩", "养老床位", "职业技能培训"];
const QUANTITY_UNITS = [
  ["个", 20, 300],
  ["家", 10, 200],
  ["亩", 500, 8000],
  ["套", 200, 3000],
  ["公里", 5, 120],
  ["千瓦", 10000, 100000],
  ["元", 1e8, 5e10],
] as const;

type TargetRow = Omit<PlanTarget, "id">;
type TargetInput = Omit<TargetRow, "taskId">;

interface ReportRow {
  taskId: number;
  unitId: number;
  periodId: number;
  narrative: string;
  qualitativeStatus: QualitativeStatus | null;
  state: ReviewState;
  late: boolean;
  // ISO strings: Prisma turns an array of Date parameters into SQL ten times slower than strings.
  submittedAt: string | null;
  reviewedAt: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

interface ActualRow {
  reportId: number;
  targetId: number;
  value: number;
}

const TASK_COLUMNS = { planId: "int4", leaderId: "int4", numberScope: "text", number: "text", kind: '"TaskKind"', text: "text" } as const;
const TASK_UNIT_COLUMNS = { taskId: "int4", unitId: "int4", isLead: "bool", position: "int4" } as const;
const REPORT_COLUMNS: Columns<ReportRow> = {
  taskId: "int4",
  unitId: "int4",
  periodId: "int4",
  narrative: "text",
  qualitativeStatus: '"QualitativeStatus"',
  state: '"ReviewState"',
  late: "bool",
  submittedAt: "timestamp(3)",
  reviewedAt: "timestamp(3)",
  publishedAt: "timestamp(3)",
  updatedAt: "timestamp(3)",
};
const ACTUAL_COLUMNS: Columns<ActualRow> = { reportId: "int4", targetId: "int4", value: "float8" };

function makeTarget(rng: ReturnType<typeof random>, subject: string): TargetInput {
  const kind = rng.weighted([
    ["quantity", 5],
    ["growth", 2],
    ["level", 2],
    ["decrease", 1],
  ] as const);
  switch (kind) {
    case "quantity": {
      const [unit, min, max] = rng.pick(QUANTITY_UNITS);
      const value = Math.round(rng.int(min, max) / (min >= 1e4 ? 1e4 : 1)) * (min >= 1e4 ? 1e4 : 1);
      const comparator = rng.weighted([
        ["gte", 6],
        ["eq", 2],
        ["gt", 1],
        ["approx", 1],
      ] as const);
      return { position: 0, kind, comparator, value, unit, originalText: `新增${subject}${value}${unit}以上` };
    }
    case "growth": {
      const value = rng.int(20, 100) / 10;
      const comparator = rng.chance(0.3) ? "approx" : "gte";
      return { position: 0, kind, comparator, value, unit: "%", originalText: `${subject}增长${value}%${comparator === "approx" ? "左右" : ""}` };
    }
    case "level":
      if (rng.chance(0.3)) {
        const value = rng.int(20, 40);
        return { position: 0, kind, comparator: "lte", value, unit: "微克/立方米", originalText: `PM2.5平均浓度${value}微克/立方米以下` };
      }
      {
        const value = rng.int(80, 99);
        return { position: 0, kind, comparator: "gte", value, unit: "%", originalText: `${subject}覆盖率达到${value}%以上` };
      }
    case "decrease": {
      const value = rng.int(10, 80) / 10;
      return { position: 0, kind, comparator: "gte", value, unit: "%", originalText: `${subject}下降${value}%` };
    }
  }
}

/** A year-to-date figure for the quarter: on pace give or take, so every status occurs. */
function makeActual(rng: ReturnType<typeof random>, target: TargetInput, quarter: Quarter, pace: number): number {
  const noise = 0.85 + rng.next() * 0.3;
  switch (target.kind) {
    case "quantity":
      return Math.round(target.value * (quarter / 4) * pace * noise * 100) / 100;
    case "growth":
    case "decrease":
      return Math.round((target.value * pace * noise + (rng.next() - 0.5)) * 10) / 10;
    case "level":
      return target.comparator === "lte"
        ? Math.round(target.value * (0.75 + rng.next() * 0.45))
        : Math.round(Math.min(100, target.value * (0.94 + rng.next() * 0.1)) * 10) / 10;
    default:
      return 0;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function generateBenchPlan(prisma: PrismaClient, options: GenerateOptions = {}): Promise<GeneratedPlan> {
  const taskCount = options.tasks ?? 2000;
  const leaderCount = options.leaders ?? 8;
  const unitCount = options.units ?? 60;
  const perQuarter = options.reportsPerQuarter ?? taskCount;
  const year = options.year ?? 2025;
  const batch = options.batchSize ?? 10_000;
  const label = options.label ?? Date.now().toString(36);
  const rng = random(options.seed ?? 20250401);
  const government = `基准市${label}`;

  const plan = await prisma.plan.create({
    data: {
      year,
      government,
      title: `${year}年政府工作报告重点工作责任分解(基准测试 ${label})`,
      kind: "key_tasks",
      leadConvention: "star",
      sourceFile: "bench",
    },
    select: { id: true },
  });

  const leaders = await prisma.leader.createManyAndReturn({
    data: Array.from({ length: leaderCount }, (_, i) => ({
      planId: plan.id,
      name: LEADER_NAMES[i] ?? `副市长${i + 1}`,
      title: "副市长",
    })),
    select: { id: true, name: true },
  });
  const units = await prisma.unit.createManyAndReturn({
    data: Array.from({ length: unitCount }, (_, i) => ({
      government,
      name: i < UNIT_STEMS.length ? UNIT_STEMS[i] : `${UNIT_STEMS[i % UNIT_STEMS.length]}${Math.floor(i / UNIT_STEMS.length) + 1}`,
    })),
    select: { id: true },
  });

  // ---- Tasks, their units and targets --------------------------------------------------------
  interface Draft {
    leaderIndex: number;
    number: number;
    kind: "key" | "livelihood";
    text: string;
    units: Array<{ index: number; isLead: boolean }>;
    targets: TargetInput[];
    /** How fast the task goes: < 1 behind, > 1 ahead. */
    pace: number;
  }
  const perLeader = new Array<number>(leaderCount).fill(0);
  const drafts: Draft[] = [];
  for (let i = 0; i < taskCount; i++) {
    const leaderIndex = rng.int(0, leaderCount - 1);
    const number = ++perLeader[leaderIndex];
    const subject = rng.pick(SUBJECTS);
    const targets: TargetInput[] = [];
    if (rng.chance(0.5)) {
      const n = rng.chance(0.7) ? 1 : 2;
      for (let position = 0; position < n; position++) targets.push({ ...makeTarget(rng, subject), position });
    }
    const unitsOnTask = rng.weighted([
      [1, 4],
      [2, 4],
      [3, 2],
    ] as const);
    const indexes = new Set<number>();
    while (indexes.size < unitsOnTask) indexes.add(rng.int(0, unitCount - 1));
    const secondLeads = unitsOnTask > 1 && rng.chance(0.2);
    drafts.push({
      leaderIndex,
      number,
      kind: rng.chance(0.15) ? "livelihood" : "key",
      text: `第${i + 1}项:深入推进${subject}工作${targets.length ? "," + targets.map((t) => t.originalText).join("、") : ",形成一批可复制可推广的经验"}。`,
      units: [...indexes].map((index, position) => ({ index, isLead: position === 0 || (secondLeads && position === 1) })),
      targets,
      pace: 0.6 + rng.next() * 0.8,
    });
  }

  const taskRows = drafts.map((draft) => ({
    planId: plan.id,
    leaderId: leaders[draft.leaderIndex].id,
    numberScope: `${draft.kind}/${leaders[draft.leaderIndex].name}/-`,
    number: String(draft.number),
    kind: draft.kind,
    text: draft.text,
  }));
  const taskIdOf = new Map<string, number>();
  for (const part of chunks(taskRows, batch)) {
    const created = await insertRows<(typeof taskRows)[number], { id: number; numberScope: string; number: string }>(prisma, "Task", TASK_COLUMNS, part, {
      returning: ["id", "numberScope", "number"],
    });
    for (const row of created) taskIdOf.set(`${row.numberScope}#${row.number}`, row.id);
  }
  const taskIds = taskRows.map((row) => taskIdOf.get(`${row.numberScope}#${row.number}`)!);

  const taskUnits = drafts.flatMap((draft, i) =>
    draft.units.map((unit, position) => ({ taskId: taskIds[i], unitId: units[unit.index].id, isLead: unit.isLead, position })),
  );
  for (const part of chunks(taskUnits, batch)) await insertRows(prisma, "TaskUnit", TASK_UNIT_COLUMNS, part);

  const targetIdOf = new Map<string, number>();
  const targetRows = drafts.flatMap((draft, i) => draft.targets.map((target) => ({ ...target, taskId: taskIds[i] })));
  for (const part of chunks(targetRows, batch)) {
    const created = await insertRows<TargetRow, { id: number; taskId: number; position: number }>(prisma, "Target", TARGET_COLUMNS, part, {
      returning: ["id", "taskId", "position"],
    });
    for (const row of created) targetIdOf.set(`${row.taskId}#${row.position}`, row.id);
  }

  // ---- Periods and reports --------------------------------------------------------------------
  const quarters: Quarter[] = [1, 2, 3, 4];
  const periods = await prisma.reportingPeriod.createManyAndReturn({
    data: quarters.map((quarter) => ({ planId: plan.id, quarter, ...defaultPeriodSchedule(year, quarter), closed: quarter < 3 })),
    select: { id: true, quarter: true, dueAt: true },
  });
  periods.sort((a, b) => a.quarter - b.quarter);

  type ReportDraft = Omit<ReportRow, "updatedAt"> & { taskIndex: number; quarter: Quarter; lead: boolean };
  const reports: ReportDraft[] = [];
  const reportsByState: Record<string, number> = {};
  let lateReports = 0;
  let missingLeadReports = 0;
  for (const period of periods) {
    const quarter = period.quarter as Quarter;
    const taken = new Set<string>();
    const inQuarter: Array<{ taskIndex: number; unitIndex: number; lead: boolean }> = [];
    // The lead units' reports, about one in twenty missing…
    drafts.forEach((draft, taskIndex) => {
      const leads = draft.units.filter((unit) => unit.isLead);
      if (rng.chance(0.05)) {
        missingLeadReports += 1;
        return;
      }
      for (const unit of leads) {
        if (inQuarter.length >= perQuarter) return;
        // A second lead unit files less reliably.
        if (unit !== leads[0] && rng.chance(0.5)) continue;
        taken.add(`${taskIndex}:${unit.index}`);
        inQuarter.push({ taskIndex, unitIndex: unit.index, lead: true });
      }
    });
    // …and co-units' reports to make up the quarter's number.
    const coSlots = drafts.flatMap((draft, taskIndex) =>
      draft.units.filter((unit) => !taken.has(`${taskIndex}:${unit.index}`)).map((unit) => ({ taskIndex, unitIndex: unit.index, lead: unit.isLead })),
    );
    while (inQuarter.length < perQuarter && coSlots.length > 0) {
      const [slot] = coSlots.splice(rng.int(0, coSlots.length - 1), 1);
      inQuarter.push(slot);
    }
    for (const { taskIndex, unitIndex, lead } of inQuarter) {
      const draft = drafts[taskIndex];
      // Older quarters are mostly reviewed and published; the latest one is still coming in.
      const state = rng.weighted(
        quarter < 4
          ? ([
              ["published", 60],
              ["approved", 15],
              ["submitted", 12],
              ["returned", 6],
              ["draft", 7],
            ] as const)
          : ([
              ["published", 20],
              ["approved", 20],
              ["submitted", 35],
              ["returned", 10],
              ["draft", 15],
            ] as const),
      );
      reportsByState[state] = (reportsByState[state] ?? 0) + 1;
      const filed = state !== "draft";
      const late = filed && rng.chance(0.1);
      if (late) lateReports += 1;
      const submittedAt = filed ? new Date(period.dueAt.getTime() + (late ? 1 : -1) * rng.int(1, 10) * 86_400_000).toISOString() : null;
      reports.push({
        taskIndex,
        quarter,
        lead,
        taskId: taskIds[taskIndex],
        unitId: units[unitIndex].id,
        periodId: period.id,
        narrative: `1-${quarter * 3}月,${draft.text.slice(0, 40)}等工作有序推进。`,
        qualitativeStatus: draft.targets.length
          ? null
          : rng.weighted([
              ["not_started", 1],
              ["in_progress", 6],
              ["completed", quarter],
            ] as const),
        state,
        late,
        submittedAt,
        reviewedAt: state === "approved" || state === "published" || state === "returned" ? submittedAt : null,
        publishedAt: state === "published" ? submittedAt : null,
      });
    }
  }

  const actuals: ActualRow[] = [];
  const now = new Date().toISOString();
  for (const part of chunks(reports, batch)) {
    const created = await insertRows<ReportRow, { id: number; taskId: number; unitId: number; periodId: number }>(
      prisma,
      "ProgressReport",
      REPORT_COLUMNS,
      part.map(({ taskIndex: _t, quarter: _q, lead: _l, ...row }) => ({ ...row, updatedAt: now })),
      { returning: ["id", "taskId", "unitId", "periodId"] },
    );
    const idOf = new Map(created.map((row) => [`${row.taskId}:${row.unitId}:${row.periodId}`, row.id]));
    for (const report of part) {
      const reportId = idOf.get(`${report.taskId}:${report.unitId}:${report.periodId}`)!;
      const draft = drafts[report.taskIndex];
      draft.targets.forEach((target, position) => {
        // Lead units nearly always give the figure; co-units sometimes.
        if (!rng.chance(report.lead ? 0.92 : 0.4)) return;
        actuals.push({
          reportId,
          targetId: targetIdOf.get(`${report.taskId}#${position}`)!,
          value: makeActual(rng, target, report.quarter, draft.pace),
        });
      });
    }
  }
  for (const part of chunks(actuals, batch)) await insertRows(prisma, "ProgressActual", ACTUAL_COLUMNS, part);

  return {
    planId: plan.id,
    government,
    year,
    periodIds: periods.map((period) => period.id),
    counts: {
      leaders: leaders.length,
      units: units.length,
      tasks: taskIds.length,
      taskUnits: taskUnits.length,
      tasksWithTargets: drafts.filter((draft) => draft.targets.length > 0).length,
      targets: targetRows.length,
      periods: periods.length,
      reports: reports.length,
      actuals: actuals.length,
      reportsByState,
      lateReports,
      missingLeadReports,
    },
  };
}

/** Removes a generated plan and its units (tasks first: leaders and units are protected while tasks use them). */
export async function removeBenchPlan(prisma: PrismaClient, generated: Pick<GeneratedPlan, "planId" | "government">): Promise<void> {
  await prisma.task.deleteMany({ where: { planId: generated.planId } });
  await prisma.plan.delete({ where: { id: generated.planId } });
  await prisma.unit.deleteMany({ where: { government: generated.government } });
}
