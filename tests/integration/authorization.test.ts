import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { saveReport } from "@/lib/reports/filing";
import { reviewReport } from "@/lib/reports/review";
import { getTaskDetail } from "@/lib/tasks/queries";
import { createUser, updateUser } from "@/lib/users/service";
import { reportInputSchema } from "@/lib/zod/progress";
import { seedDocuments, seedPeriods } from "@/scripts/seed";

/**
 * Every role against a task that belongs to another unit (发改局 alone): the server refuses to
 * show its draft and refuses every write, whether called as a service or as the server action.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ currentActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
let taskId: number;
let periodId: number;
let draftId: number;
let submittedId: number;
let actors: Record<"owner" | "otherUnit" | "office" | "leaderInCharge" | "otherLeader", Actor>;

async function makeActor(role: Actor["role"], unitName: string | null, leaderName: string | null): Promise<Actor> {
  const unit = unitName ? await prisma.unit.findUniqueOrThrow({ where: { government_name: { government: "平湖市", name: unitName } } }) : null;
  const user = await prisma.user.create({
    data: { username: `${role}-${unitName ?? leaderName ?? "x"}-${tag}-${randomUUID().slice(0, 4)}`, displayName: `${role} ${tag}`, role, unitId: unit?.id ?? null, leaderName },
  });
  return { id: user.id, role, unitId: user.unitId, leaderName, displayName: user.displayName };
}

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
  // A submitted report, on another task of 发改局 alone, for the review actions.
  const other = await prisma.task.findFirstOrThrow({ where: { planId: period.planId, text: "服务业增加值增长5.5%。" } });
  await prisma.progressReport.deleteMany({ where: { taskId: other.id, periodId } });
  const submitted = await saveReport(prisma, actors.owner, { ...input({ narrative: "已提交的进展", intent: "submit" }), taskId: other.id });
  expect(submitted.ok).toBe(true);
  submittedId = submitted.ok ? submitted.reportId : 0;
});

afterAll(async () => {
  await prisma.$disconnect();
});

const outsiders = ["otherUnit", "office", "leaderInCharge", "otherLeader", "public"] as const;
const actorOf = (who: (typeof outsiders)[number] | "owner") => (who === "public" ? null : actors[who]);

describe("reading another unit's draft", () => {
  it.each(["otherUnit", "leaderInCharge", "otherLeader", "public"] as const)("%s does not see it", async (who) => {
    const detail = await getTaskDetail(prisma, actorOf(who), taskId);
    expect(detail?.reports.some((report) => report.id === draftId) ?? false).toBe(false);
    expect(detail?.history.some((event) => event.action === "report.save") ?? false).toBe(false);
  });

  it("only a unit on the task or its leader may open the task at all", async () => {
    expect(await getTaskDetail(prisma, actors.otherUnit, taskId)).toBeNull();
    expect(await getTaskDetail(prisma, actors.otherLeader, taskId)).toBeNull();
    expect(await getTaskDetail(prisma, null, taskId)).toBeNull();
    expect(await getTaskDetail(prisma, actors.leaderInCharge, taskId)).not.toBeNull();
  });

  it("the owner and the office do see it", async () => {
    for (const actor of [actors.owner, actors.office]) {
      const detail = await getTaskDetail(prisma, actor, taskId);
      expect(detail?.reports.map((report) => report.id)).toContain(draftId);
    }
  });
});

describe.each(["save", "submit"] as const)("%s on another unit's task", (intent) => {
  it.each(outsiders)("is refused to %s", async (who) => {
    const before = await prisma.progressReport.findMany({ where: { taskId }, orderBy: { id: "asc" } });
    const draftVersion = before.find((report) => report.id === draftId)!.version;
    // As a new report of their own (version 0) and over the owner's draft (its current version).
    for (const version of ["0", String(draftVersion)]) {
      const result = await saveReport(prisma, actorOf(who), input({ intent, version, narrative: `${who} 越权` }));
      expect(result.ok).toBe(false);
    }
    expect(await prisma.progressReport.findMany({ where: { taskId }, orderBy: { id: "asc" } })).toEqual(before);
  });
});

describe.each(["approve", "return", "publish"] as const)("%s", (decision) => {
  it.each(["owner", "otherUnit", "leaderInCharge", "otherLeader", "public"] as const)("is refused to %s", async (who) => {
    const before = await prisma.progressReport.findUniqueOrThrow({ where: { id: submittedId } });
    const result = await reviewReport(prisma, actorOf(who), { reportId: submittedId, version: before.version, decision, comment: "越权审核" });
    expect(result).toMatchObject({ ok: false });
    expect(await prisma.progressReport.findUniqueOrThrow({ where: { id: submittedId } })).toEqual(before);
  });
});

describe("managing users", () => {
  it.each(["owner", "otherUnit", "leaderInCharge", "otherLeader", "public"] as const)("is refused to %s", async (who) => {
    const created = await createUser(prisma, actorOf(who), {
      username: `intruder-${tag}-${who}`,
      displayName: "越权账号",
      role: "office",
      unitId: null,
      leaderName: null,
      password: "a-long-password-1",
    });
    expect(created.ok).toBe(false);
    expect(await prisma.user.findUnique({ where: { username: `intruder-${tag}-${who}` } })).toBeNull();
    const promoted = await updateUser(prisma, actorOf(who), {
      userId: actors.otherUnit.id,
      displayName: "被提升",
      role: "office",
      unitId: null,
      leaderName: null,
      active: true,
      password: null,
    });
    expect(promoted.ok).toBe(false);
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

describe("the server action called directly", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  };

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
    const result = await saveReportAction(null, form({
      taskId: String(taskId),
      periodId: String(periodId),
      version: "1",
      unitId: String(actors.otherUnit.unitId),
      narrative: "发改局草稿(二)",
      intent: "save",
    }));
    expect(result).toMatchObject({ ok: true, version: 2 });
    const reports = await prisma.progressReport.findMany({ where: { taskId, periodId } });
    expect(reports.map((report) => [report.unitId, report.narrative])).toEqual([[actors.owner.unitId, "发改局草稿(二)"]]);
  });

  it("refuses anyone not signed in", async () => {
    const { reviewReportAction } = await import("@/app/actions/reports/review-report");
    session.actor = null;
    const result = await reviewReportAction(null, form({ reportId: String(submittedId), version: "1", decision: "approve", comment: "" }));
    expect(result).toMatchObject({ ok: false, message: "请先登录。" });
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
