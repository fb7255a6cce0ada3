import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { parseDocument } from "@/lib/import";
import { persistImport } from "@/lib/import/persist";
import { saveReport, type SaveReportResult } from "@/lib/reports/filing";
import { reportInputSchema } from "@/lib/zod/progress";
import { seedFiles, seedPeriods } from "@/scripts/seed";

/**
 * Concurrent save+submit flows, as many unit staff filing at the same moment would make them:
 * each flow saves a draft of its unit's report on a task (version 0) and then submits it
 * (version 1). `flows` of them file distinct reports; `contenders` more all file the same one,
 * where optimistic locking must let exactly one save and one submission through and answer the
 * others with the conflict. Used by tests/integration/embedded-concurrency.test.ts and by
 * `scripts/reliability/embedded-burst.ts`, which measures it.
 */
export interface BurstPlan {
  periodId: number;
  flows: FlowSpec[];
  contenders: FlowSpec[];
}

interface FlowSpec {
  actor: Actor;
  taskId: number;
  unitId: number;
  /** A target of the task, filed as a figure (typed in its base unit) so that the flow writes actuals too. */
  target: { id: number; unit: string } | null;
  narrative: string;
}

interface FlowOutcome {
  spec: FlowSpec;
  save: SaveReportResult | Error;
  submit: SaveReportResult | Error;
}

export interface BurstOutcome {
  ms: number;
  flows: FlowOutcome[];
  contenders: FlowOutcome[];
}

/**
 * Seeds the demo city's plan (seed 000) and its open quarter, both idempotent, and makes one unit
 * staff account per flow, each on a (task, unit) pair of that plan that has no report yet.
 */
export async function prepareBurst(prisma: PrismaClient, counts: { flows: number; contenders: number }): Promise<BurstPlan> {
  const file = seedFiles().find((name) => path.basename(name).startsWith("000_"))!;
  await persistImport(prisma, parseDocument(path.basename(file), readFileSync(file, "utf8")));
  await seedPeriods(prisma);
  const period = await prisma.reportingPeriod.findFirstOrThrow({ where: { closed: false, plan: { government: "平湖市", year: 2025 } } });
  const links = await prisma.taskUnit.findMany({
    where: { task: { planId: period.planId, reports: { none: { periodId: period.id } } } },
    orderBy: [{ taskId: "asc" }, { position: "asc" }],
    select: { taskId: true, unitId: true, task: { select: { targets: { select: { id: true, unit: true }, orderBy: { position: "asc" }, take: 1 } } } },
    take: counts.flows + 1,
  });
  if (links.length < counts.flows + 1) throw new Error(`only ${links.length} free (task, unit) pairs for ${counts.flows + 1} reports`);
  const tag = randomUUID().slice(0, 8);
  const specFor = async (link: (typeof links)[number], name: string): Promise<FlowSpec> => {
    const user = await prisma.user.create({ data: { username: `burst-${tag}-${name}`, displayName: `并发 ${name}`, role: "unit_staff", unitId: link.unitId } });
    const actor: Actor = { id: user.id, role: "unit_staff", unitId: link.unitId, leaderName: null, displayName: user.displayName };
    return { actor, taskId: link.taskId, unitId: link.unitId, target: link.task.targets[0] ?? null, narrative: `${tag} ${name} 完成情况` };
  };
  const flows = await Promise.all(links.slice(0, counts.flows).map((link, i) => specFor(link, `f${i}`)));
  const shared = links[counts.flows];
  const contenders = await Promise.all(Array.from({ length: counts.contenders }, (_, i) => specFor(shared, `c${i}`)));
  return { periodId: period.id, flows, contenders };
}

async function settle(step: Promise<SaveReportResult>): Promise<SaveReportResult | Error> {
  try {
    return await step;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

async function runFlow(prisma: PrismaClient, periodId: number, spec: FlowSpec): Promise<FlowOutcome> {
  const input = (version: number, intent: "save" | "submit") =>
    reportInputSchema.parse({
      taskId: String(spec.taskId),
      periodId: String(periodId),
      version: String(version),
      narrative: `${spec.narrative}(${intent})`,
      qualitativeStatus: "in_progress",
      actuals: spec.target === null ? {} : { [spec.target.id]: String(version + 1) },
      units: spec.target === null ? {} : { [spec.target.id]: spec.target.unit },
      // The figures are small: a submission behind gives its reasons, as the form has it do.
      problems: "存在问题",
      nextSteps: "下一步措施",
      intent,
    });
  const save = await settle(saveReport(prisma, spec.actor, input(0, "save")));
  const submitOnce = (confirmed: string) => settle(saveReport(prisma, spec.actor, { ...input(1, "submit"), confirmed }));
  const asked = await submitOnce("");
  // What the form asks about (a figure below last quarter's, targets without one) is confirmed, as a person would.
  const submit = !(asked instanceof Error) && !asked.ok && "confirm" in asked ? await submitOnce(asked.message) : asked;
  return { spec, save, submit };
}

/** Runs every flow of the plan at once and returns what each step answered, and the time it all took. */
export async function runBurst(prisma: PrismaClient, plan: BurstPlan): Promise<BurstOutcome> {
  const started = performance.now();
  const [flows, contenders] = await Promise.all([
    Promise.all(plan.flows.map((spec) => runFlow(prisma, plan.periodId, spec))),
    Promise.all(plan.contenders.map((spec) => runFlow(prisma, plan.periodId, spec))),
  ]);
  return { ms: performance.now() - started, flows, contenders };
}

export interface BurstCheck {
  /** Distinct flows whose report is stored as submitted: narrative, version 2, one audit row per step. */
  stored: number;
  /** Thrown errors, and refusals other than the optimistic-locking conflict. */
  errors: string[];
  /** Anything stored or answered that is not what the flows asked for. */
  inconsistencies: string[];
  /** Of the contenders on the shared report: successful saves and submissions (one each when right). */
  contended: { saves: number; submits: number; conflicts: number };
}

const describeStep = (step: SaveReportResult | Error) => (step instanceof Error ? `${step.name}: ${step.message}` : step.ok ? "ok" : step.message);
const isConflict = (step: SaveReportResult | Error) => !(step instanceof Error) && !step.ok && "conflict" in step;

/** Compares what the flows were told with what the database holds afterwards. */
export async function checkBurst(prisma: PrismaClient, plan: BurstPlan, outcome: BurstOutcome): Promise<BurstCheck> {
  const errors: string[] = [];
  const inconsistencies: string[] = [];
  const reports = await prisma.progressReport.findMany({
    where: { periodId: plan.periodId, filedBy: { username: { startsWith: "burst-" } } },
    select: { id: true, taskId: true, unitId: true, version: true, state: true, narrative: true, filedById: true },
  });
  const audits = await prisma.auditEvent.findMany({
    where: { entityType: "ProgressReport", entityId: { in: reports.map((report) => String(report.id)) } },
    select: { entityId: true, action: true },
  });
  const auditsOf = (reportId: number) =>
    audits
      .filter((audit) => audit.entityId === String(reportId))
      .map((audit) => audit.action)
      .sort()
      .join(",");
  const reportOf = (spec: FlowSpec) => reports.find((report) => report.taskId === spec.taskId && report.unitId === spec.unitId);
  const isFinal = (report: ReturnType<typeof reportOf>) =>
    report?.version === 2 && report.state === "submitted" && auditsOf(report.id) === "report.save,report.submit";

  let stored = 0;
  for (const { spec, save, submit } of outcome.flows) {
    for (const [step, version] of [[save, 1], [submit, 2]] as const) {
      if (step instanceof Error || !step.ok) errors.push(`${spec.narrative}: ${describeStep(step)}`);
      else if (step.version !== version) inconsistencies.push(`${spec.narrative}: answered version ${step.version}, expected ${version}`);
    }
    const report = reportOf(spec);
    if (report && isFinal(report) && report.narrative === `${spec.narrative}(submit)` && report.filedById === spec.actor.id) stored++;
    else inconsistencies.push(`${spec.narrative}: stored ${JSON.stringify(report ?? null)}, audit ${report ? auditsOf(report.id) : "none"}`);
  }

  const steps = outcome.contenders.flatMap(({ save, submit }) => [save, submit]);
  for (const step of steps) if (step instanceof Error || !(step.ok || isConflict(step))) errors.push(`contender: ${describeStep(step)}`);
  const contended = {
    saves: outcome.contenders.filter(({ save }) => !(save instanceof Error) && save.ok).length,
    submits: outcome.contenders.filter(({ submit }) => !(submit instanceof Error) && submit.ok).length,
    conflicts: steps.filter(isConflict).length,
  };
  if (outcome.contenders.length > 0) {
    const shared = reportOf(outcome.contenders[0].spec);
    if (!isFinal(shared)) inconsistencies.push(`shared report: stored ${JSON.stringify(shared ?? null)}, audit ${shared ? auditsOf(shared.id) : "none"}`);
  }
  return { stored, errors, inconsistencies, contended };
}
