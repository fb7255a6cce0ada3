import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORBIDDEN, INVALID_INPUT } from "@/lib/actions/result";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { defaultPeriodSchedule } from "@/lib/periods/quarters";
import { FIGURE_TOO_LONG } from "@/lib/zod/form";
import { startApp, type AppInstance } from "./support/app";
import { account, demoPlan, fingerprint, suitePrisma, tasksOf } from "./support/db";
import { confirming } from "./support/flows";
import { Browser, actionResultOf, type Fields } from "./support/http";
import { xlsxCells } from "./support/xlsx";

/**
 * Issue 9, item 7.5: hostile input to every server action and to the import, over HTTP through
 * the production build. Each is refused with a Chinese message (asserted) and the database is
 * unchanged (every content table's rows compared before and after), or it is stored and then
 * shown escaped (the page's HTML holds `&lt;script&gt;`, never a raw `<script>alert`; the xlsx
 * export holds formula-looking text as a plain string cell, not a formula).
 */

const CONTROL = "含有无法保存的控制字符(可能来自复制粘贴),请删除后再试";
const ZERO_WIDTH_ONLY = "\u200b\u200c\u200d\u2060\ufeff\u00ad";
const SCRIPT = "<script>alert(1)</script>";
const IMG = "<img src=x onerror=alert(2)>";
const FORMULAS = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "@SUM(1)"] as const;
/** Beyond int4: no such id can exist, and PostgreSQL cannot even compare with it. */
const BEYOND_INT4 = "2147483648";

let prisma: PrismaClient;
let app: AppInstance;
let office: Browser;
let fagai: Browser;
let shangwu: Browser;
let planId: number;
let periodId: number;
let otherPlanPeriodId: number;
let periodlessPlanId: number;
/** 发改局's tasks (发改局 alone on each) given to the cases below, none with a report this quarter. */
let tasks: { figures: Task; formulas: [Task, Task, Task]; returned: Task; zeroWidth: Task };
/** A task of 商务局 alone, with a target: another unit's task, another task's target. */
let otherUnitTask: Task;
let quantityTarget: { id: number; unit: string };
let shangwuReportId: number;
let fagaiUnitId: number;
let officeUserId: number;
let otherUnitId: number;

type Task = Awaited<ReturnType<typeof tasksOf>>[number];

beforeAll(async () => {
  prisma = suitePrisma();
  const plan = await demoPlan(prisma);
  planId = plan.id;
  periodId = plan.periods.find((period) => period.quarter === 2)!.id;
  periodlessPlanId = (await prisma.plan.findFirstOrThrow({ where: { government: "平湖市", year: 2024 } })).id;
  const other = await prisma.plan.findFirstOrThrow({ where: { government: "嘉兴市", year: 2025 } });
  await prisma.reportingPeriod.deleteMany({ where: { planId: other.id, quarter: 2 } });
  otherPlanPeriodId = (await prisma.reportingPeriod.create({ data: { planId: other.id, quarter: 2, ...defaultPeriodSchedule(2025, 2) } })).id;

  const own = (await tasksOf(prisma, planId, "发改局")).filter((task) => task.units.length === 1);
  // own[1] is two-instances.test.ts's.
  const figures = own.find((task, index) => index !== 1 && task.targets.some((target) => target.kind === "quantity"))!;
  const rest = own.filter((task, index) => index !== 1 && task !== figures);
  tasks = { figures, formulas: [rest[0], rest[1], rest[2]], returned: rest[3], zeroWidth: rest[4] };
  quantityTarget = figures.targets.find((target) => target.kind === "quantity")!;
  await prisma.progressReport.deleteMany({ where: { periodId, taskId: { in: [figures, ...rest.slice(0, 5)].map((task) => task.id) } } });
  otherUnitTask = (await tasksOf(prisma, planId, "商务局")).find((task) => task.units.length === 1 && task.targets.length > 0)!;
  await prisma.progressReport.deleteMany({ where: { periodId, taskId: otherUnitTask.id } });
  fagaiUnitId = (await account(prisma, "fagai", "unit_staff", "发改局")).unitId!;
  officeUserId = (await account(prisma, "office", "office")).id;
  otherUnitId = (await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: "统计局" } } })).id;

  app = await startApp();
  [office, fagai, shangwu] = [new Browser(app.url), new Browser(app.url), new Browser(app.url)];
  expect(await office.signIn("office")).toBeNull();
  expect(await fagai.signIn("fagai")).toBeNull();
  expect(await shangwu.signIn("shangwu")).toBeNull();

  // A report of 商务局 waiting for review: another unit's report id.
  const filed = await confirming((fields) => shangwu.action("reports/save-report", `/tasks/${otherUnitTask.id}`, fields), {
    taskId: String(otherUnitTask.id),
    periodId: String(periodId),
    version: "0",
    narrative: "商务局已提交的进展",
    qualitativeStatus: "in_progress",
    intent: "submit",
  });
  expect(filed).toMatchObject({ ok: true, state: "submitted" });
  shangwuReportId = (filed as { reportId: number }).reportId;
});

afterAll(async () => {
  await app?.stop();
  await prisma?.reportingPeriod.deleteMany({ where: { OR: [{ id: otherPlanPeriodId }, { planId: periodlessPlanId }] } });
  await prisma?.$disconnect();
});

interface Refusal {
  message: string | RegExp;
  errors?: Record<string, string[]>;
}

/** Calls the action; the answer is the refusal expected, and no content table changed. */
async function expectRefused(browser: Browser, file: string, page: string, fields: Fields, refusal: Refusal) {
  const before = await fingerprint(prisma);
  const result = await browser.action(file, page, fields);
  expect(result).toMatchObject({ ok: false, message: refusal.message, ...(refusal.errors ? { errors: refusal.errors } : {}) });
  // Whatever it says is said in Chinese.
  expect((result as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
  expect(await fingerprint(prisma)).toEqual(before);
}

const invalid = (errors: Record<string, string[]>): Refusal => ({ message: INVALID_INPUT, errors });

/**
 * Any refusal that says what is wrong — not the wrapper's "操作未成功,请稍后再试" for an unexpected
 * error (which also means the server logged a stack trace): trying again cannot help.
 */
const NOT_AN_ERROR: Refusal = { message: expect.not.stringContaining("稍后再试") };

describe("saving a report (unit staff)", () => {
  const page = () => `/tasks/${tasks.figures.id}`;
  const base = (overrides: Fields = {}): Fields => ({
    taskId: String(tasks.figures.id),
    periodId: String(periodId),
    version: "0",
    narrative: "正常的进展",
    qualitativeStatus: "",
    intent: "save",
    ...overrides,
  });
  const cases: Array<[string, () => Fields, () => Refusal]> = [
    ["a narrative of 2001 characters", () => base({ narrative: "字".repeat(2001) }), () => invalid({ narrative: ["完成情况最多 2000 字"] })],
    ["a narrative holding NUL", () => base({ narrative: "进展\u0000完成" }), () => invalid({ narrative: [CONTROL] })],
    ["a narrative holding BEL (\\u0007)", () => base({ narrative: "进展\u0007完成" }), () => invalid({ narrative: [CONTROL] })],
    [
      "a submission whose narrative is only zero-width characters",
      () => base({ narrative: ZERO_WIDTH_ONLY, intent: "submit", qualitativeStatus: "in_progress" }),
      () => invalid({ narrative: ["提交前请填写完成情况"] }),
    ],
    ["a figure of 30 digits", () => base({ [`actual.${quantityTarget.id}`]: "1".repeat(30) }), () => invalid({ [`actuals.${quantityTarget.id}`]: [FIGURE_TOO_LONG] })],
    [
      "a submission of a negative figure for a quantity, not confirmed",
      () => base({ [`actual.${quantityTarget.id}`]: "-5", [`unit.${quantityTarget.id}`]: quantityTarget.unit, intent: "submit" }),
      () => ({ message: expect.stringMatching(/^提交前请确认:.*累计完成-5.*是负数/) }),
    ],
    [
      "a figure posted without its unit",
      () => base({ [`actual.${quantityTarget.id}`]: "5" }),
      () => invalid({ [`actuals.${quantityTarget.id}`]: [expect.stringContaining("请刷新页面后重新填写")] }),
    ],
    [
      "a figure that is not a number",
      () => base({ [`actual.${quantityTarget.id}`]: "=1+1" }),
      () => invalid({ [`actuals.${quantityTarget.id}`]: expect.arrayContaining(["请输入数字,例如 115.01"]) }),
    ],
    ["a figure for a target of another task", () => base({ [`actual.${otherUnitTask.targets[0].id}`]: "5" }), () => ({ message: "填报的指标不属于这项任务。" })],
    ["another unit's task id", () => base({ taskId: String(otherUnitTask.id) }), () => ({ message: "没有找到这项任务,或你的单位不是它的责任单位。" })],
    ["a period of another plan", () => base({ periodId: String(otherPlanPeriodId) }), () => ({ message: "没有找到这个填报期。" })],
    ["a task id that does not exist", () => base({ taskId: "999999" }), () => ({ message: "没有找到这项任务,或你的单位不是它的责任单位。" })],
    ["a negative task id", () => base({ taskId: "-5" }), () => invalid({ taskId: ["缺少任务"] })],
    ["a huge task id (20 digits)", () => base({ taskId: "9".repeat(20) }), () => invalid({ taskId: ["没有这个任务"] })],
    ["a non-numeric task id", () => base({ taskId: "1 OR 1=1" }), () => invalid({ taskId: ["缺少任务"] })],
    ["a task id beyond PostgreSQL's integer (2147483648)", () => base({ taskId: BEYOND_INT4 }), () => NOT_AN_ERROR],
    ["a period id beyond PostgreSQL's integer (2147483648)", () => base({ periodId: BEYOND_INT4 }), () => NOT_AN_ERROR],
    ["a negative version", () => base({ version: "-1" }), () => ({ message: INVALID_INPUT })],
    ["a status that does not exist", () => base({ qualitativeStatus: "<script>" }), () => ({ message: INVALID_INPUT })],
  ];
  it.each(cases)("refuses %s, and nothing changes", async (_name, fields, refusal) => {
    await expectRefused(fagai, "reports/save-report", page(), fields(), refusal());
  });

  it("stores a draft of zero-width characters only as an empty narrative", async () => {
    const task = tasks.zeroWidth;
    const saved = await fagai.action("reports/save-report", `/tasks/${task.id}`, {
      taskId: String(task.id),
      periodId: String(periodId),
      version: "0",
      narrative: ZERO_WIDTH_ONLY,
      intent: "save",
    });
    expect(saved).toMatchObject({ ok: true, version: 1, state: "draft" });
    expect((await prisma.progressReport.findFirstOrThrow({ where: { taskId: task.id, periodId } })).narrative).toBe("");
  });
});

describe("reviewing a report (office)", () => {
  const base = (overrides: Fields = {}): Fields => ({ reportId: String(shangwuReportId), version: "1", decision: "return", comment: "请补充数据", ...overrides });
  const cases: Array<[string, () => Fields, () => Refusal]> = [
    ["a comment of 501 characters", () => base({ comment: "字".repeat(501) }), () => invalid({ comment: ["意见最多 500 字"] })],
    ["a comment holding NUL", () => base({ comment: "请\u0000补充" }), () => invalid({ comment: [CONTROL] })],
    ["a return whose comment is only zero-width characters", () => base({ comment: ZERO_WIDTH_ONLY }), () => invalid({ comment: ["退回时请写明原因"] })],
    ["a decision that does not exist", () => base({ decision: "delete" }), () => ({ message: INVALID_INPUT })],
    ["a report id that does not exist", () => base({ reportId: "999999" }), () => ({ message: "没有找到这份报告。" })],
    ["a negative report id", () => base({ reportId: "-1" }), () => invalid({ reportId: ["缺少报告"] })],
    ["a non-numeric report id", () => base({ reportId: "abc" }), () => invalid({ reportId: ["缺少报告"] })],
    ["a report id beyond PostgreSQL's integer (2147483648)", () => base({ reportId: BEYOND_INT4 }), () => NOT_AN_ERROR],
  ];
  it.each(cases)("refuses %s, and nothing changes", async (_name, fields, refusal) => {
    await expectRefused(office, "reports/review-report", "/review", fields(), refusal());
  });

  it("refuses a unit's staff reviewing another unit's report", async () => {
    await expectRefused(fagai, "reports/review-report", "/review", base({ decision: "approve", comment: "" }), { message: FORBIDDEN });
  });

  it("refuses to approve a unit's draft", async () => {
    const draft = await prisma.progressReport.findFirstOrThrow({ where: { taskId: tasks.zeroWidth.id, periodId } });
    await expectRefused(office, "reports/review-report", "/review", { reportId: String(draft.id), version: String(draft.version), decision: "approve" }, { message: "报告当前为「草稿」,不能审核通过。" });
  });
});

describe("reminding a unit (office)", () => {
  const page = () => `/plans/${planId}/dashboard`;
  const base = (overrides: Fields = {}): Fields => ({ periodId: String(periodId), unitId: String(fagaiUnitId), note: "请尽快填报", ...overrides });
  const cases: Array<[string, () => Fields, () => Refusal]> = [
    ["a note of 501 characters", () => base({ note: "字".repeat(501) }), () => invalid({ note: ["提醒最多 500 字"] })],
    ["a note holding NUL", () => base({ note: "请\u0000填报" }), () => invalid({ note: [CONTROL] })],
    ["a note of zero-width characters only", () => base({ note: ZERO_WIDTH_ONLY }), () => invalid({ note: ["请填写提醒内容"] })],
    ["a period that does not exist", () => base({ periodId: "999999" }), () => ({ message: "没有找到这个填报期。" })],
    ["a unit id of 0", () => base({ unitId: "0" }), () => invalid({ unitId: ["缺少单位"] })],
    ["a unit id beyond PostgreSQL's integer (2147483648)", () => base({ unitId: BEYOND_INT4 }), () => NOT_AN_ERROR],
  ];
  it.each(cases)("refuses %s, and nothing changes", async (_name, fields, refusal) => {
    await expectRefused(office, "reports/remind-unit", page(), fields(), refusal());
  });
});

describe("opening and closing periods (office)", () => {
  const base = (overrides: Fields = {}): Fields => ({ planId: String(planId), quarter: "2", opensOn: "2025-06-01", dueOn: "2025-07-15", ...overrides });
  const cases: Array<[string, () => Fields, () => Refusal]> = [
    ["a plan that does not exist", () => base({ planId: "999999" }), () => ({ message: "没有找到这个计划。" })],
    ["quarter 5", () => base({ quarter: "5" }), () => invalid({ quarter: ["季度为 1–4"] })],
    ["a date holding NUL", () => base({ opensOn: "2025-06-01\u0000" }), () => invalid({ opensOn: ["请选择日期"] })],
    ["a due date before the opening date", () => base({ dueOn: "2025-05-01" }), () => invalid({ dueOn: ["截止日期不能早于开始日期"] })],
    // On the 2024 plan, which has no periods: a period accepted by mistake changes no other test's.
    ["a day that does not exist (2025-02-30)", () => base({ planId: String(periodlessPlanId), quarter: "1", opensOn: "2025-02-30", dueOn: "2025-03-15" }), () => NOT_AN_ERROR],
    ["a month that does not exist (2025-13-01)", () => base({ planId: String(periodlessPlanId), quarter: "1", opensOn: "2025-13-01", dueOn: "2025-13-20" }), () => NOT_AN_ERROR],
  ];
  it.each(cases)("refuses %s, and nothing changes", async (_name, fields, refusal) => {
    await expectRefused(office, "periods/save-period", "/periods", fields(), refusal());
  });

  it.each([
    ["a period that does not exist", () => ({ periodId: "999999", closed: "true" }), { message: "没有找到这个填报期。" }],
    ["closed neither true nor false", () => ({ periodId: String(periodId), closed: "maybe" }), { message: INVALID_INPUT }],
  ] as Array<[string, () => Fields, Refusal]>)("closing: refuses %s, and nothing changes", async (_name, fields, refusal) => {
    await expectRefused(office, "periods/set-period-closed", "/periods", fields(), refusal);
  });
});

describe("correcting targets and lead units (office)", () => {
  const page = () => `/tasks/${tasks.figures.id}`;
  const base = (overrides: Fields = {}): Fields => ({ targetId: String(quantityTarget.id), kind: "quantity", comparator: "gte", value: "100", unit: "个", ...overrides });
  const cases: Array<[string, () => Fields, () => Refusal]> = [
    ["a target that does not exist", () => base({ targetId: "999999" }), () => ({ message: "没有找到这个目标。" })],
    ["a target id beyond PostgreSQL's integer (2147483648)", () => base({ targetId: BEYOND_INT4 }), () => NOT_AN_ERROR],
    ["a value of 30 digits", () => base({ value: "1".repeat(30) }), () => invalid({ value: [FIGURE_TOO_LONG] })],
    ["a negative quantity", () => base({ value: "-5" }), () => invalid({ value: ["数量目标不能为负数"] })],
    ["a unit of 21 characters", () => base({ unit: "个".repeat(21) }), () => invalid({ unit: ["计量单位过长"] })],
    ["a unit holding NUL", () => base({ unit: "个\u0000" }), () => invalid({ unit: [CONTROL] })],
    ["a unit of zero-width characters only", () => base({ unit: ZERO_WIDTH_ONLY }), () => invalid({ unit: ["请填写计量单位"] })],
    ["a kind that does not exist", () => base({ kind: "<script>" }), () => invalid({ kind: ["请选择类型"] })],
  ];
  it.each(cases)("target: refuses %s, and nothing changes", async (_name, fields, refusal) => {
    await expectRefused(office, "tasks/correct-target", page(), fields(), refusal());
  });

  const lead = (overrides: Fields = {}): Fields => ({ taskId: String(tasks.figures.id), unitId: String(fagaiUnitId), isLead: "false", ...overrides });
  const leadCases: Array<[string, () => Fields, () => Refusal]> = [
    ["a unit not on the task", () => lead({ unitId: String(otherUnitId), isLead: "true" }), () => ({ message: "这个单位不是该任务的责任单位。" })],
    ["a task that does not exist", () => lead({ taskId: "999999" }), () => ({ message: "这个单位不是该任务的责任单位。" })],
    ["taking the lead from a task's only lead unit", () => lead(), () => ({ message: "每项任务至少要有一个牵头单位。" })],
    ["isLead neither true nor false", () => lead({ isLead: "yes" }), () => ({ message: INVALID_INPUT })],
    ["a task id beyond PostgreSQL's integer (2147483648)", () => lead({ taskId: BEYOND_INT4 }), () => NOT_AN_ERROR],
  ];
  it.each(leadCases)("lead: refuses %s, and nothing changes", async (_name, fields, refusal) => {
    await expectRefused(office, "tasks/correct-lead", page(), fields(), refusal());
  });
});

describe("managing accounts (office)", () => {
  const create = (overrides: Fields = {}): Fields => ({
    username: "rel-hostile",
    displayName: "测试账号",
    role: "unit_staff",
    unitId: String(fagaiUnitId),
    leaderName: "",
    password: "a-long-password-1",
    ...overrides,
  });
  const cases: Array<[string, () => Fields, () => Refusal]> = [
    ["a user name holding HTML", () => create({ username: "<script>" }), () => invalid({ username: ["账号只能用字母、数字、下划线、点和短横线"] })],
    ["a name of 41 characters", () => create({ displayName: "名".repeat(41) }), () => invalid({ displayName: ["姓名最多 40 字"] })],
    ["a name holding NUL", () => create({ displayName: "张\u0000三" }), () => invalid({ displayName: [CONTROL] })],
    ["a name of zero-width characters only", () => create({ displayName: ZERO_WIDTH_ONLY }), () => invalid({ displayName: ["请填写姓名"] })],
    ["a role that does not exist", () => create({ role: "admin" }), () => invalid({ role: ["请选择角色"] })],
    ["a unit that does not exist", () => create({ unitId: "999999" }), () => ({ message: "请按提示修改。", errors: { unitId: ["没有这个单位"] } })],
    ["a unit id beyond PostgreSQL's integer (2147483648)", () => create({ unitId: BEYOND_INT4 }), () => NOT_AN_ERROR],
    ["a leader name of 21 characters", () => create({ role: "leader", unitId: "", leaderName: "领".repeat(21) }), () => invalid({ leaderName: ["姓名最多 20 字"] })],
  ];
  it.each(cases)("creating: refuses %s, and nothing changes", async (_name, fields, refusal) => {
    await expectRefused(office, "users/create-user", "/users", fields(), refusal());
  });

  const update = (overrides: Fields = {}): Fields => ({
    userId: String(officeUserId),
    displayName: "市府办 李明",
    role: "office",
    unitId: "",
    leaderName: "",
    active: "true",
    password: "",
    ...overrides,
  });
  const updateCases: Array<[string, () => Fields, () => Refusal]> = [
    ["an account that does not exist", () => update({ userId: "999999" }), () => ({ message: "没有找到这个账号。" })],
    ["a negative account id", () => update({ userId: "-1" }), () => ({ message: INVALID_INPUT })],
    ["an account id beyond PostgreSQL's integer (2147483648)", () => update({ userId: BEYOND_INT4 }), () => NOT_AN_ERROR],
    ["deactivating one's own account", () => update({ active: "false" }), () => ({ message: "不能停用自己的账号或取消自己的市府办角色。" })],
  ];
  it.each(updateCases)("updating: refuses %s, and nothing changes", async (_name, fields, refusal) => {
    await expectRefused(office, "users/update-user", "/users", fields(), refusal());
  });
});

describe("importing a document (office)", () => {
  // The page uploads the file itself (a File in the form), whose name is the file name.
  const file = (name: string, content: string | Uint8Array): Fields => ({ file: new File([content as BlobPart], name) });
  const cases: Array<[string, () => Fields, () => Refusal]> = [
    ["no file", () => ({}), () => invalid({ file: ["请选择文件"] })],
    ["an empty file", () => file("空.txt", ""), () => invalid({ file: ["文件为空"] })],
    ["a text file holding NUL", () => file("二进制.txt", "分管市长 | 序号\u0000"), () => ({ message: /^无法导入:文件中含有空字符\(NUL\)/ })],
    ["a file name of 201 characters", () => file(`${"名".repeat(197)}.txt`, "x"), () => invalid({ fileName: ["文件名过长"] })],
    ["a file of zero-width characters only", () => file("空白.txt", ZERO_WIDTH_ONLY), () => ({ message: /^无法导入:/ })],
    ["a file that is HTML", () => file("page.txt", `<html><body>${SCRIPT}${IMG}</body></html>`), () => ({ message: /^无法导入:/ })],
    ["a file that is a zip but no Word or Excel file", () => file("通知.docx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])), () => ({ message: /^无法导入:/ })],
    ["a broken PDF", () => file("通知.pdf", "%PDF-1.4\n%%EOF\n"), () => ({ message: /^无法导入:PDF/ })],
  ];
  it.each(cases)("preview and import: refuse %s, and nothing changes", async (_name, fields, refusal) => {
    await expectRefused(office, "import/preview-import", "/import", fields(), refusal());
    await expectRefused(office, "import/commit-import", "/import", fields(), refusal());
  });

  it.each(["import/preview-import", "import/commit-import"])("%s: refuses an 11 MB file with the app's own message (文件过大), and nothing changes", async (action) => {
    const before = await fingerprint(prisma);
    // 11 MB of text: 3.7 million CJK characters of 3 bytes each, past the 10 MB limit.
    const content = `${"分管市长 | 序号 | 主要工作任务 | 一季度重点工作完成情况 | 责任单位 |\n"}${"测".repeat(3_700_000)}`;
    let answer: string;
    try {
      const response = await office.actionResponse(action, "/import", file("大文件.txt", content));
      let result: unknown;
      try {
        result = actionResultOf(response.body);
      } catch {
        result = response.text().slice(0, 300);
      }
      answer = `HTTP ${response.status}: ${JSON.stringify(result)}`;
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
      answer = `no answer: ${error instanceof Error ? error.message : String(error)}${cause}`;
    }
    // The file's field carries the reason, shown beside the file input.
    expect(answer).toMatch(/^HTTP 200: \{"ok":false,"message":"[^"]*","errors":\{"file":\["文件过大/);
    expect(await fingerprint(prisma)).toEqual(before);
  });
});

/** The HTML shows the text escaped, never as markup. */
function expectEscaped(html: string) {
  expect(html).not.toContain("<script>alert");
  expect(html).not.toMatch(/<img src=x onerror/i);
}

describe("hostile text that is stored is shown escaped", () => {
  it("a narrative with HTML and formula-looking text: escaped on the task page, the public table and in the xlsx as plain strings", async () => {
    const narratives = FORMULAS.map((formula, index) => `${formula} 第${index + 1}项 ${SCRIPT} ${IMG}`);
    const reports: number[] = [];
    for (const [index, task] of tasks.formulas.entries()) {
      const fields = { taskId: String(task.id), periodId: String(periodId), narrative: narratives[index], qualitativeStatus: "in_progress" };
      expect(await fagai.action("reports/save-report", `/tasks/${task.id}`, { ...fields, version: "0", intent: "save" })).toMatchObject({ ok: true });
      const submitted = await confirming((posted) => fagai.action("reports/save-report", `/tasks/${task.id}`, posted), { ...fields, version: "1", intent: "submit" });
      expect(submitted).toMatchObject({ ok: true, state: "submitted" });
      reports.push((submitted as { reportId: number }).reportId);
      expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: reports[index] } })).narrative).toBe(narratives[index]);
    }
    const taskPage = (await fagai.request(`/tasks/${tasks.formulas[0].id}`)).text();
    expect(taskPage).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expectEscaped(taskPage);

    for (const reportId of reports) {
      expect(await office.action("reports/review-report", "/review", { reportId: String(reportId), version: "2", decision: "approve" })).toMatchObject({ ok: true });
      expect(await office.action("reports/review-report", "/review", { reportId: String(reportId), version: "3", decision: "publish" })).toMatchObject({ ok: true, state: "published" });
    }
    const publicReader = new Browser(app.url);
    const table = (await publicReader.request(`/plans/${planId}/table/2`)).text();
    expect(table).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(table).toContain("=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)");
    expectEscaped(table);

    const xlsx = await publicReader.request(`/plans/${planId}/table/2/xlsx`);
    expect(xlsx.status).toBe(200);
    const cells = await xlsxCells(xlsx.body);
    for (const narrative of narratives) {
      expect(cells.find((cell) => cell.value === narrative), narrative).toMatchObject({ type: ExcelJS.ValueType.String, formula: undefined });
    }
    expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula || cell.formula)).toEqual([]);
  });

  it("a return comment with HTML: escaped on the unit's task page", async () => {
    const task = tasks.returned;
    const fields = { taskId: String(task.id), periodId: String(periodId), narrative: "待退回的进展", qualitativeStatus: "in_progress", version: "0", intent: "submit" };
    const submitted = await confirming((posted) => fagai.action("reports/save-report", `/tasks/${task.id}`, posted), fields);
    expect(submitted).toMatchObject({ ok: true, state: "submitted" });
    const returned = await office.action("reports/review-report", "/review", {
      reportId: String((submitted as { reportId: number }).reportId),
      version: "1",
      decision: "return",
      comment: `请补充 ${SCRIPT} ${IMG}`,
    });
    expect(returned).toMatchObject({ ok: true, state: "returned" });
    const page = (await fagai.request(`/tasks/${task.id}`)).text();
    expect(page).toContain("请补充 &lt;script&gt;alert(1)&lt;/script&gt;");
    expectEscaped(page);
  });

  it("a reminder note with HTML: escaped in the task's history", async () => {
    const reminded = await office.action("reports/remind-unit", `/plans/${planId}/dashboard`, { periodId: String(periodId), unitId: String(fagaiUnitId), note: `催报 ${SCRIPT}` });
    expect(reminded).toMatchObject({ ok: true });
    const page = (await office.request(`/tasks/${tasks.figures.id}`)).text();
    expect(page).toContain("催报 &lt;script&gt;alert(1)&lt;/script&gt;");
    expectEscaped(page);
  });

  it("a target unit and an account name with HTML: escaped on the task page and the accounts page", async () => {
    const target = otherUnitTask.targets[0];
    const before = await prisma.target.findUniqueOrThrow({ where: { id: target.id } });
    const corrected = await office.action("tasks/correct-target", `/tasks/${otherUnitTask.id}`, {
      targetId: String(target.id),
      kind: before.kind,
      comparator: before.comparator,
      value: String(before.value),
      unit: "<b>万</b><i>元</i>",
    });
    expect(corrected).toMatchObject({ ok: true });
    const taskPage = (await office.request(`/tasks/${otherUnitTask.id}`)).text();
    expect(taskPage).toContain("&lt;b&gt;万&lt;/b&gt;");
    expect(taskPage).not.toContain("<b>万</b>");

    const created = await office.action("users/create-user", "/users", {
      username: "rel-html-name",
      displayName: IMG,
      role: "leader",
      unitId: "",
      leaderName: FORMULAS[0].slice(0, 20),
      password: "a-long-password-1",
    });
    expect(created).toMatchObject({ ok: true });
    const usersPage = (await office.request("/users")).text();
    expect(usersPage).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expectEscaped(usersPage);
  });

  it("an imported document with HTML and formula-looking text: escaped on its public table, plain strings in its xlsx", async () => {
    const document = [
      "海宁市2030年政府工作报告重点工作一季度完成情况<script>alert(8)</script>",
      "分管市长 | 序号 | 主要工作任务 | 一季度重点工作完成情况 | 责任单位 |",
      `张斌 | 1 | ${FORMULAS[0]} ${SCRIPT}固定资产投资增长5%。 | -2+3 已完成 ${IMG} | ★发改局 |`,
      `2 | ${FORMULAS[2]} 推进项目建设。 | 已完成 | ★商务局 |`,
      "",
    ].join("\n");
    const imported = await office.action("import/commit-import", "/import", { file: new File([document], `${SCRIPT}.txt`) });
    expect(imported).toMatchObject({ ok: true });
    const plan = await prisma.plan.findFirstOrThrow({ where: { year: 2030, title: { contains: "海宁市" } } });
    const publicReader = new Browser(app.url);
    const page = (await publicReader.request(`/plans/${plan.id}/table/1`)).text();
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;固定资产投资增长5%");
    expectEscaped(page);
    const cells = await xlsxCells((await publicReader.request(`/plans/${plan.id}/table/1/xlsx`)).body);
    for (const start of [FORMULAS[0], "-2+3", FORMULAS[2]]) {
      expect(cells.find((cell) => typeof cell.value === "string" && cell.value.startsWith(start)), start).toMatchObject({
        type: ExcelJS.ValueType.String,
        formula: undefined,
      });
    }
    expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula || cell.formula)).toEqual([]);
  });
});
