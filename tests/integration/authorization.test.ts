import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, INVALID_INPUT, NOT_SIGNED_IN } from "@/lib/actions/result";
import type { Actor } from "@/lib/permissions";
import { saveReport } from "@/lib/reports/filing";
import { reviewReport } from "@/lib/reports/review";
import { rolledBack } from "../setup/rolled-back";
import { getTaskDetail } from "@/lib/tasks/queries";
import { createUser, updateUser } from "@/lib/users/service";
import { reportInputSchema } from "@/lib/zod/progress";
import { seedDocuments, seedPeriods } from "@/scripts/seed";
import { createActor } from "../setup/actors";

/**
 * Every role against a task that belongs to another unit (发改局 alone): the server refuses to
 * show its draft and refuses every write, whether called as a service or as the server action;
 * and every server action refuses every role it does not declare.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ currentActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
let taskId: number;
let periodId: number;
let draftId: number;
/** Reports of 发改局 on other tasks of its own, each in a state the office could take a decision from. */
let awaiting: Record<"approve" | "return" | "publish", number>;
let actors: Record<"owner" | "otherUnit" | "office" | "leaderInCharge" | "otherLeader", Actor>;

const makeActor = (role: Actor["role"], unitName: string | null, leaderName: string | null) => createActor(prisma, tag, role, unitName, leaderName);

const input = (overrides: Record<string, unknown> = {}) =>
  reportInputSchema.parse({ taskId: String(taskId), periodId: String(periodId), version: "0", narrative: "越权写入", qualitativeStatus: null, actuals: {}, intent: "save", ...overrides });

beforeAll(async () => {
  prisma = createPrismaClient();
  await seedDocuments(prisma);
  await seedPeriods(prisma);
  const period = await prisma.reportingPeriod.findFirstOrThrow({ where: { quarter: 2, plan: { government: "平湖市", year: 2025 } } });
  periodId = period.id;
  const task = await prisma.task.findFirstOrThrow({
    where: { planId: period.planId, text: "固定资产投资增长5%。" },
    include: { units: { include: { unit: true } }, leader: true },
  });
  expect(task.units.map((link) => link.unit.name)).toEqual(["发改局"]);
  expect(task.leader?.name).toBe("张斌");
  taskId = task.id;
  actors = {
    owner: await makeActor("unit_staff", "发改局", null),
    otherUnit: await makeActor("unit_staff", "商务局", null),
    office: await makeActor("office", null, null),
    leaderInCharge: await makeActor("leader", null, "张斌"),
    otherLeader: await makeActor("leader", null, "金一"),
  };
  // A fresh task of the owner's: remove what earlier runs or tests filed on it this period.
  await prisma.progressReport.deleteMany({ where: { taskId, periodId } });
  const draft = await saveReport(prisma, actors.owner, input({ narrative: "发改局草稿" }));
  expect(draft.ok).toBe(true);
  draftId = draft.ok ? draft.reportId : 0;

  // Three more tasks of 发改局 alone, with a report waiting for each review decision.
  const others = await prisma.task.findMany({
    where: { planId: period.planId, id: { not: taskId }, leader: { name: "张斌" }, units: { every: { unit: { name: "发改局" } }, some: {} } },
    orderBy: { id: "asc" },
    take: 3,
  });
  expect(others).toHaveLength(3);
  const filed: number[] = [];
  for (const other of others) {
    await prisma.progressReport.deleteMany({ where: { taskId: other.id, periodId } });
    const form = { ...input({ narrative: "已提交的进展", qualitativeStatus: "in_progress", intent: "submit" }), taskId: other.id };
    const unconfirmed = await saveReport(prisma, actors.owner, form);
    // Filed without figures, as the unit confirms when asked.
    const submitted = !unconfirmed.ok && "confirm" in unconfirmed ? await saveReport(prisma, actors.owner, { ...form, confirmed: unconfirmed.message }) : unconfirmed;
    expect(submitted.ok).toBe(true);
    filed.push(submitted.ok ? submitted.reportId : 0);
  }
  const approved = await reviewReport(prisma, actors.office, { reportId: filed[2], version: 1, decision: "approve", comment: "" });
  expect(approved).toMatchObject({ ok: true, state: "approved" });
  awaiting = { approve: filed[0], return: filed[1], publish: filed[2] };
});

afterAll(async () => {
  await prisma.$disconnect();
});

const outsiders = ["otherUnit", "office", "leaderInCharge", "otherLeader"] as const;

describe("another unit's draft", () => {
  it.each(outsiders)("is not shown to %s, nor its text in the history", async (who) => {
    const detail = await getTaskDetail(prisma, actors[who], taskId);
    expect(detail?.reports.some((report) => report.id === draftId) ?? false).toBe(false);
    expect(detail?.history.some((event) => event.action === "report.save") ?? false).toBe(false);
  });

  it("is shown to its own unit", async () => {
    const detail = await getTaskDetail(prisma, actors.owner, taskId);
    expect(detail?.reports.map((report) => report.id)).toContain(draftId);
    expect(detail?.history.find((event) => event.action === "report.save")?.report?.after?.narrative).toBe("发改局草稿");
  });

  it("lives on a task only a unit on it, its leader and the office may open", async () => {
    expect(await getTaskDetail(prisma, actors.otherUnit, taskId)).toBeNull();
    expect(await getTaskDetail(prisma, actors.otherLeader, taskId)).toBeNull();
    expect(await getTaskDetail(prisma, actors.leaderInCharge, taskId)).not.toBeNull();
    expect(await getTaskDetail(prisma, actors.office, taskId)).not.toBeNull();
  });
});

describe.each(["save", "submit"] as const)("%s on another unit's task", (intent) => {
  it.each(outsiders)("is refused to %s", async (who) => {
    const before = await prisma.progressReport.findMany({ where: { taskId }, orderBy: { id: "asc" } });
    const draftVersion = before.find((report) => report.id === draftId)!.version;
    // As a new report of their own (version 0) and over the owner's draft (its current version).
    for (const version of ["0", String(draftVersion)]) {
      const result = await saveReport(prisma, actors[who], input({ intent, version, narrative: `${who} 越权` }));
      expect(result.ok).toBe(false);
    }
    expect(await prisma.progressReport.findMany({ where: { taskId }, orderBy: { id: "asc" } })).toEqual(before);
  });
});

describe.each(["approve", "return", "publish"] as const)("%s", (decision) => {
  it.each(["owner", "otherUnit", "leaderInCharge", "otherLeader"] as const)("is refused to %s, on a report the office could %s", async (who) => {
    const reportId = awaiting[decision];
    const before = await prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } });
    const result = await reviewReport(prisma, actors[who], { reportId, version: before.version, decision, comment: "越权审核" });
    expect(result).toEqual({ ok: false, message: FORBIDDEN });
    expect(await prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } })).toEqual(before);
  });

  it("is allowed to the office on the same report", async () => {
    const reportId = awaiting[decision];
    const before = await prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } });
    await rolledBack(prisma, async (tx) => {
      expect(await reviewReport(tx, actors.office, { reportId, version: before.version, decision, comment: "请补充" })).toMatchObject({ ok: true });
    });
  });
});

describe("managing users", () => {
  it.each(["owner", "otherUnit", "leaderInCharge", "otherLeader"] as const)("is refused to %s", async (who) => {
    const created = await createUser(prisma, actors[who], {
      username: `intruder-${tag}-${who}`,
      displayName: "越权账号",
      role: "office",
      unitId: null,
      leaderName: null,
      password: "a-long-password-1",
    });
    expect(created).toEqual({ ok: false, message: FORBIDDEN });
    expect(await prisma.user.findUnique({ where: { username: `intruder-${tag}-${who}` } })).toBeNull();
    const promoted = await updateUser(prisma, actors[who], {
      userId: actors.otherUnit.id,
      displayName: "被提升",
      role: "office",
      unitId: null,
      leaderName: null,
      active: true,
      password: null,
    });
    expect(promoted).toEqual({ ok: false, message: FORBIDDEN });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: actors.otherUnit.id } })).role).toBe("unit_staff");
  });

  it("is allowed to the office", async () => {
    const created = await createUser(prisma, actors.office, {
      username: `newstaff-${tag}`,
      displayName: "新同事",
      role: "unit_staff",
      unitId: actors.owner.unitId,
      leaderName: null,
      password: "a-long-password-1",
    });
    expect(created.ok).toBe(true);
  });
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

/** Every server action, with the roles its declaration allows. */
const ACTIONS = {
  "attachments/delete-attachment": ["owner", "otherUnit"],
  "attachments/set-attachment-public": ["office"],
  "attachments/upload-attachment": ["owner", "otherUnit"],
  "import/commit-import": ["office"],
  "import/preview-import": ["office"],
  "notify/add-robot": ["office"],
  "notify/mark-inbox-read": ["owner", "otherUnit", "office", "leaderInCharge", "otherLeader"],
  "notify/remove-robot": ["office"],
  "notify/retry-message": ["office"],
  "notify/update-contact": ["owner", "otherUnit", "office", "leaderInCharge", "otherLeader"],
  "periods/save-period": ["office"],
  "periods/save-reminder-rules": ["office"],
  "periods/set-period-closed": ["office"],
  "reports/remind-unit": ["office"],
  "reports/review-report": ["office"],
  "reports/review-reports": ["office"],
  "reports/save-report": ["owner", "otherUnit"],
  "tasks/correct-lead": ["office"],
  "tasks/correct-target": ["office"],
  "units/define-group-members": ["office"],
  "users/create-user": ["office"],
  "users/update-user": ["office"],
} as const;

type FormAction = (previous: unknown, data: FormData) => Promise<unknown>;
const actionModules = import.meta.glob<Record<string, FormAction>>("../../app/actions/*/*.ts");
const actionPath = (file: string) => file.replace("../../app/actions/", "").replace(/\.ts$/, "");

it("every server action is in the table below", () => {
  expect(Object.keys(actionModules).map(actionPath).sort()).toEqual(Object.keys(ACTIONS).sort());
});

describe.each(Object.entries(ACTIONS))("the action %s", (path, allowed) => {
  const call = async (who: keyof typeof actors | "public") => {
    session.actor = who === "public" ? null : actors[who];
    const load = Object.entries(actionModules).find(([file]) => actionPath(file) === path)![1];
    const [action] = Object.values(await load());
    // An empty form: whoever is refused is refused before the form is read; whoever is allowed is told what is missing.
    return action(null, form({}));
  };

  it("refuses anyone not signed in", async () => {
    expect(await call("public")).toEqual({ ok: false, message: NOT_SIGNED_IN });
  });

  it.each(["owner", "otherUnit", "office", "leaderInCharge", "otherLeader"] as const)("as %s: allowed only if declared", async (who) => {
    const result = await call(who);
    if ((allowed as readonly string[]).includes(who)) expect(result).toMatchObject({ ok: false, message: INVALID_INPUT });
    else expect(result).toEqual({ ok: false, message: FORBIDDEN });
  });
});

describe("the server action called directly", () => {
  it("refuses a forged task id of another unit's task, whatever unit id is sent", async () => {
    const { saveReportAction } = await import("@/app/actions/reports/save-report");
    session.actor = actors.otherUnit;
    const before = await prisma.progressReport.findMany({ where: { taskId }, orderBy: { id: "asc" } });
    const result = await saveReportAction(null, form({
      taskId: String(taskId),
      periodId: String(periodId),
      version: "0",
      unitId: String(actors.owner.unitId),
      narrative: "伪造",
      intent: "submit",
    }));
    expect(result.ok).toBe(false);
    expect(await prisma.progressReport.findMany({ where: { taskId }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("files for the signed-in unit only, ignoring a unit id in the form", async () => {
    const { saveReportAction } = await import("@/app/actions/reports/save-report");
    session.actor = actors.owner;
    const current = await prisma.progressReport.findUniqueOrThrow({ where: { id: draftId } });
    const result = await saveReportAction(null, form({
      taskId: String(taskId),
      periodId: String(periodId),
      version: String(current.version),
      unitId: String(actors.otherUnit.unitId),
      narrative: "发改局草稿(二)",
      intent: "save",
    }));
    expect(result).toMatchObject({ ok: true, version: current.version + 1 });
    const reports = await prisma.progressReport.findMany({ where: { taskId, periodId } });
    expect(reports.map((report) => [report.unitId, report.narrative])).toEqual([[actors.owner.unitId, "发改局草稿(二)"]]);
  });

  it("takes a form posted without JavaScript, where the form data is the only argument", async () => {
    const { saveReportAction } = await import("@/app/actions/reports/save-report");
    session.actor = actors.owner;
    const current = await prisma.progressReport.findUniqueOrThrow({ where: { id: draftId } });
    const post = saveReportAction as unknown as (data: FormData) => ReturnType<typeof saveReportAction>;
    const fields = { taskId: String(taskId), periodId: String(periodId), version: String(current.version), narrative: "无脚本提交的草稿", intent: "save" };
    expect(await post(form(fields))).toMatchObject({ ok: true, version: current.version + 1 });
    expect(await post(form({ ...fields, version: "x" }))).toMatchObject({ ok: false, message: INVALID_INPUT });
  });
});

describe("a closed period", () => {
  it("cannot be written even by the owner", async () => {
    await prisma.reportingPeriod.update({ where: { id: periodId }, data: { closed: true } });
    try {
      const current = await prisma.progressReport.findUniqueOrThrow({ where: { id: draftId } });
      const result = await saveReport(prisma, actors.owner, input({ version: String(current.version), narrative: "关闭后修改" }));
      expect(result).toMatchObject({ ok: false, message: "该填报期已关闭,不能再修改。" });
      expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: draftId } })).narrative).toBe(current.narrative);
    } finally {
      await prisma.reportingPeriod.update({ where: { id: periodId }, data: { closed: false } });
    }
  });
});
