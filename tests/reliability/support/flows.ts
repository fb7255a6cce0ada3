import { expect, it } from "vitest";
import { expectConsistentReports } from "./db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { saveReport, type SaveReportResult } from "@/lib/reports/filing";
import { reportFormValues, reportInputSchema } from "@/lib/zod/progress";
import type { Browser } from "./http";

/** The conflict message of a stale save (lib/reports/filing.ts). */
export const CONFLICT = "保存未成功:这份报告在你打开之后已被他人修改。对方保存的内容见下方,你填写的内容仍保留在表单中,请核对合并后再保存。";
/** What the action wrapper says for an unexpected error (lib/actions/authed.ts). */
export const FAILED = "操作未成功,请稍后再试。你填写的内容仍在表单中。";

/** One report slot: a task of the actor's unit in a period, with the task's targets (and their base units). */
export interface Slot {
  taskId: number;
  periodId: number;
  targets: Array<{ id: number; unit: string }>;
}

/** The filing form's fields, as the page posts them. */
export function reportFields(slot: Slot, version: number, intent: "save" | "submit", narrative: string): Record<string, string> {
  const fields: Record<string, string> = {
    taskId: String(slot.taskId),
    periodId: String(slot.periodId),
    version: String(version),
    narrative,
    qualitativeStatus: "in_progress",
    // The figures are small: a submission behind gives its reasons, as the form has it do.
    problems: "存在问题",
    nextSteps: "下一步措施",
    intent,
  };
  // Typed in each target's base unit, one of the units a figure may be posted in.
  slot.targets.forEach((target, index) => {
    fields[`actual.${target.id}`] = String(version * 10 + index + 1);
    fields[`unit.${target.id}`] = target.unit;
  });
  return fields;
}

/**
 * Posts a form as a person who confirms what the page asks about before a submission (a figure
 * below an earlier quarter's, a target without one: lib/reports/checks.ts): when the answer asks
 * for a confirmation, the form once more with the findings confirmed, as the page's dialog sends it.
 */
export async function confirming<T>(post: (fields: Record<string, string>) => Promise<T>, fields: Record<string, string>): Promise<T> {
  const answer = await post(fields);
  const asks = typeof answer === "object" && answer !== null && "confirm" in answer && "message" in answer;
  return asks ? post({ ...fields, confirmed: String(answer.message) }) : answer;
}

/** Saves (or submits) a report: through a running app over HTTP, or through the service. */
export type Saver = (slot: Slot, fields: Record<string, string>) => Promise<SaveReportResult>;

export function overHttp(browser: Browser): Saver {
  return (slot, fields) => confirming(async (posted) => (await browser.action("reports/save-report", `/tasks/${slot.taskId}`, posted)) as SaveReportResult, fields);
}

export function throughService(prisma: PrismaClient, actor: Actor): Saver {
  return (_slot, fields) =>
    confirming((posted) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(posted)) form.set(name, value);
      return saveReport(prisma, actor, reportInputSchema.parse(reportFormValues(form)));
    }, fields);
}

/** A unit staff member's flow: save a draft of a new report (version 0), then submit it (version 1). */
export async function saveThenSubmit(saver: Saver, slot: Slot, label: string) {
  const saved = await settled(saver(slot, reportFields(slot, 0, "save", `草稿 ${label}`)));
  const submitted = saved.ok ? await settled(saver(slot, reportFields(slot, saved.version, "submit", `提交 ${label}`))) : null;
  return { slot, label, saved, submitted };
}

/** A thrown error as a failed result naming it (the service throws where the action wrapper would answer FAILED). */
export async function settled(result: Promise<SaveReportResult>): Promise<SaveReportResult> {
  try {
    return await result;
  } catch (error) {
    return { ok: false, message: `threw ${error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error)}` };
  }
}

/**
 * After every flow of `saveThenSubmit` on distinct reports: each succeeded, each report is stored
 * once, submitted at version 2 with its text and figures, with exactly two audit rows.
 */
export async function expectEachFiledOnce(prisma: PrismaClient, flows: Awaited<ReturnType<typeof saveThenSubmit>>[]) {
  const failed = flows.filter((flow) => !flow.saved.ok || !flow.submitted?.ok);
  expect(
    failed.map((flow) => `${flow.label}: ${flow.saved.ok ? `submit: ${flow.submitted?.message}` : `save: ${flow.saved.message}`}`),
    `${failed.length} of ${flows.length} flows failed`,
  ).toEqual([]);
  for (const flow of flows) {
    expect(flow.saved).toMatchObject({ ok: true, version: 1, state: "draft" });
    expect(flow.submitted).toMatchObject({ ok: true, version: 2, state: "submitted" });
  }
  for (const flow of flows) {
    const reports = await prisma.progressReport.findMany({
      where: { taskId: flow.slot.taskId, periodId: flow.slot.periodId, narrative: { endsWith: flow.label } },
      include: { actuals: true },
    });
    expect(reports.map((report) => ({ narrative: report.narrative, version: report.version, state: report.state }))).toEqual([
      { narrative: `提交 ${flow.label}`, version: 2, state: "submitted" },
    ]);
    const audits = await prisma.auditEvent.findMany({ where: { entityType: "ProgressReport", entityId: String(reports[0].id) }, orderBy: { id: "asc" } });
    expect(audits.map((audit) => audit.action)).toEqual(["report.save", "report.submit"]);
    expect(reports[0].actuals.map((actual) => actual.value).sort()).toEqual(flow.slot.targets.map((_, index) => 10 + index + 1).sort());
  }
}

/**
 * N savers race on one report at the version they all read: exactly one wins (its new version is
 * `version + 1`), every other one is told of the conflict with what the winner saved.
 */
export async function raceOnce(savers: Saver[], slot: Slot, version: number, intent: "save" | "submit", round: string) {
  const results = await Promise.all(savers.map((saver, index) => settled(saver(slot, reportFields(slot, version, intent, `${round} 第${index}人`)))));
  const winners = results.flatMap((result, index) => (result.ok ? [index] : []));
  expect(winners, `${round}: exactly one of ${savers.length} wins`).toHaveLength(1);
  const winner = results[winners[0]];
  expect(winner).toMatchObject({ ok: true, version: version + 1 });
  for (const [index, result] of results.entries()) {
    if (index === winners[0]) continue;
    expect(result).toMatchObject({ ok: false, message: CONFLICT, conflict: { narrative: `${round} 第${winners[0]}人`, version: version + 1 } });
  }
  return winners[0];
}

/** The units the concurrency flows file for, and the accounts filing: two people of 发改局, one each of 商务局 and 经信局. */
export type FlowUnit = "发改局" | "商务局" | "经信局";
export type FlowSavers = Record<"fagai" | "fagai2" | "shangwu" | "jingxin", Saver>;

/**
 * `count` distinct reports and who files each: 发改局's tasks (alternating between its two
 * accounts), then 商务局's and 经信局's — leaving 发改局's first three tasks for the races.
 */
export function distinctReports(slots: Record<FlowUnit, Slot[]>, savers: FlowSavers, count: number): Array<[Saver, Slot]> {
  const pairs: Array<[Saver, Slot]> = [
    ...slots.发改局.slice(3).map((slot, index): [Saver, Slot] => [index % 2 ? savers.fagai2 : savers.fagai, slot]),
    ...slots.商务局.map((slot): [Saver, Slot] => [savers.shangwu, slot]),
    ...slots.经信局.map((slot): [Saver, Slot] => [savers.jingxin, slot]),
  ].slice(0, count);
  expect(pairs).toHaveLength(count);
  return pairs;
}

/** `racers` people of 发改局 (its two accounts in turn) race on one new report: creating it, changing it, submitting it. */
export async function raceThreeRounds(savers: FlowSavers, racers: number, slot: Slot, label: string) {
  const people = Array.from({ length: racers }, (_, index) => (index % 2 ? savers.fagai2 : savers.fagai));
  await raceOnce(people, slot, 0, "save", `${label} 新建`);
  await raceOnce(people, slot, 1, "save", `${label} 修改`);
  await raceOnce(people, slot, 2, "submit", `${label} 提交`);
}

/**
 * The two concurrency tests, for one way of saving (`label`): `count` save-then-submit flows on
 * distinct reports at once, and `racers` people racing on the slot `raceSlot` of 发改局. `context`
 * is read when the tests run (after the caller's beforeAll).
 */
export function concurrencyTests(
  label: string,
  counts: { flows: number; racers: number; raceSlot: number },
  context: () => { prisma: PrismaClient; savers: FlowSavers; slots: Record<FlowUnit, Slot[]> },
) {
  it(`${counts.flows} save-then-submit flows at once: each report stored once, submitted at version 2, two audit rows`, async () => {
    const { prisma, savers, slots } = context();
    const flows = await Promise.all(distinctReports(slots, savers, counts.flows).map(([saver, slot], index) => saveThenSubmit(saver, slot, `${label}-${index}`)));
    await expectEachFiledOnce(prisma, flows);
    await expectConsistentReports(prisma, flows[0].slot.periodId);
  });

  it(`${counts.racers} people saving one report at the same version: exactly one wins per version, the others get the conflict`, async () => {
    const { prisma, savers, slots } = context();
    const slot = slots.发改局[counts.raceSlot];
    await raceThreeRounds(savers, counts.racers, slot, label);
    await expectConsistentReports(prisma, slot.periodId);
  });
}
