import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { TaskKind } from "@/lib/generated/prisma/enums";
import { defaultPeriodSchedule } from "@/lib/periods/quarters";
import { extractActuals } from "@/lib/targets/actuals";
import type { ParsedTarget } from "@/lib/targets";
import { comparatorCodes } from "@/lib/targets/labels";
import { ImportError, type DocumentUnit, type ParseResult, type ParsedTask } from "@/lib/import/types";
import { dueDateValue } from "@/lib/progress/deadline";
import { withLead } from "@/lib/reporting/figures";
import { isUnitGroup } from "@/lib/units/aliases";
import type { UnitKind } from "@/lib/generated/prisma/enums";

const isGroup = (unit: { name: string; group?: true }) => unit.group === true || isUnitGroup(unit.name);

type Tx = Prisma.TransactionClient;

/**
 * A task whose targets the document changed, and what became of those that carry filed figures.
 * (A type, not an interface, so that it is plain JSON for the audit row.)
 */
export type TargetsWithFigures = {
  taskId: number;
  leader: string | null;
  parent: string | null;
  number: string;
  targets: Array<{
    /** The wording on record before the import. */
    was: string;
    /** The document's wording the target now has (its figures kept), or null: the document no longer states it and it was kept as it was. */
    now: string | null;
    /** Figures filed against it, all kept. */
    figures: number;
  }>;
};

export interface ImportOutcome {
  planId: number;
  planCreated: boolean;
  tasks: { created: number; updated: number; removed: number; unchanged: number };
  unitsCreated: string[];
  reportsCreated: number;
  /** Only targets with filed figures whose wording changed or that the document dropped. */
  figuresKept: TargetsWithFigures[];
}

export interface PersistOptions {
  /**
   * Runs inside the import's transaction once everything is written, e.g. to record who imported
   * what: it commits with the import, and an error in it rolls the whole import back.
   */
  inTransaction?: (tx: Tx, outcome: ImportOutcome) => Promise<void>;
}

/** Where a task's 序号 counts: per kind, per leader, per parent project or area. */
function numberScope(kind: string, leader: string | null, parent: string | null): string {
  return [kind, leader ?? "-", parent ?? "-"].join("/");
}

interface TaskRow {
  numberScope: string;
  number: string;
  kind: TaskKind;
  leaderId: number | null;
  parentKey: string | null;
  section: string | null;
  text: string;
  originalText: string | null;
  sourceLine: number | null;
  deadlineText: string | null;
  dueOn: Date | null;
}

/** PostgreSQL type of each column a bulk insert writes ("int4", "text", an enum type…). */
export type Columns<Row> = { [K in keyof Row]-?: string };

const quoted = (name: string) => `"${name}"`;

/**
 * Inserts many rows in one statement, `INSERT … SELECT * FROM unnest($1::int4[], $2::text[], …)`:
 * one array parameter per column, whatever the number of rows. Prisma's createMany also sends
 * one statement, but its query compiler handles every value on its own, which for the ~900 new
 * rows of 000 took most of a first import (over a second); this takes a few milliseconds.
 * Rows come back (RETURNING) in no promised order: callers match them by their natural keys.
 * (Also used by the benchmarks' data generator, scripts/bench/generate.ts.)
 */
export async function insertRows<Row extends object, Returned = never>(
  tx: Tx,
  table: Prisma.ModelName,
  columns: Columns<Row>,
  rows: Row[],
  options: { returning?: Array<keyof Returned & string>; skipDuplicates?: boolean } = {},
): Promise<Returned[]> {
  if (!rows.length) return [];
  const names = Object.keys(columns) as Array<keyof Row & string>;
  const arrays = names.map(
    (name) => Prisma.sql`${rows.map((row) => row[name] ?? null)}::${Prisma.raw(columns[name])}[]`,
  );
  const query = Prisma.sql`INSERT INTO ${Prisma.raw(quoted(table))} (${Prisma.raw(names.map(quoted).join(", "))})
    SELECT * FROM unnest(${Prisma.join(arrays)})
    ${Prisma.raw(options.skipDuplicates ? "ON CONFLICT DO NOTHING" : "")}
    ${Prisma.raw(options.returning ? `RETURNING ${options.returning.map(quoted).join(", ")}` : "")}`;
  if (options.returning) return tx.$queryRaw<Returned[]>(query);
  await tx.$executeRaw(query);
  return [];
}

/**
 * Writes a parsed document in one transaction. Idempotent: a second import of the same file
 * changes nothing; targets a person confirmed or corrected and reports a person edited are kept.
 */
export async function persistImport(prisma: PrismaClient, result: ParseResult, options: PersistOptions = {}): Promise<ImportOutcome> {
  // The lead flags of a document without a rule are the parser's provisional reading until the
  // office chooses (parseDocument's leadChoice applies the choice to every list): never stored as is.
  if (result.leadRuleNeeded && !result.leadRule && !result.leadChoice) {
    throw new ImportError("文件未说明如何认定牵头单位,须先选择认定方式(预览页或 npm run import -- --lead=…)", null);
  }
  return prisma.$transaction(
    async (tx) => {
      const outcome = await writeImport(tx, result);
      await options.inTransaction?.(tx, outcome);
      return outcome;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

async function writeImport(tx: Tx, result: ParseResult): Promise<ImportOutcome> {
  const { plan: parsedPlan } = result;
  const existingPlan = await tx.plan.findUnique({
    where: { government_year_title: { government: parsedPlan.government, year: parsedPlan.year, title: parsedPlan.title } },
  });
  const reportedOn = existingPlan ? null : await planReportedOn(tx, result);
  if (reportedOn) return writeReportsOnPlan(tx, result, reportedOn);
  const planData = {
    kind: parsedPlan.kind,
    leadConvention: parsedPlan.leadConvention,
    sourceFile: parsedPlan.sourceFile,
    documentText: result.documentText ?? null,
  };
  const plan = existingPlan
    ? needsUpdate(existingPlan, planData)
      ? await tx.plan.update({ where: { id: existingPlan.id }, data: planData })
      : existingPlan
    : await tx.plan.create({
        data: { ...planData, government: parsedPlan.government, year: parsedPlan.year, title: parsedPlan.title },
      });

  await writeGlossary(tx, plan.id, result.glossary);
  const leaderIds = await writeLeaders(tx, plan.id, result.leaders);
  const { unitIds, created: unitsCreated } = await resolveUnits(tx, parsedPlan.government, result.tasks, result.units);
  const { taskIds, counts } = await writeTasks(tx, plan.id, result, leaderIds);
  const leadOf = await writeTaskUnits(tx, result.tasks, taskIds, unitIds);
  const { targetIds, figuresKept } = await writeTargets(tx, result.tasks, taskIds);
  const reportsCreated = parsedPlan.period
    ? await writeProgress(tx, plan.id, parsedPlan.period, result.tasks, taskIds, unitIds, leadOf, targetIds)
    : 0;

  return { planId: plan.id, planCreated: !existingPlan, tasks: counts, unitsCreated, reportsCreated, figuresKept };
}

const taskKeyOf = (task: ParsedTask) => taskKey(numberScope(task.kind, task.leader, task.parent), task.number);

/**
 * The plan a quarterly progress table reports on when none bears its subject: the one key-task
 * plan of the same government and year that holds every row of the table (the same leader and
 * number, as the office's own table keeps them). Null for any other document, or where no plan,
 * or more than one, fits.
 */
async function planReportedOn(tx: Tx, result: ParseResult) {
  const { plan, tasks } = result;
  if (!plan.period || !tasks.length) return null;
  const keys = new Set(tasks.map(taskKeyOf));
  const plans = await tx.plan.findMany({
    where: { government: plan.government, year: plan.year, kind: "key_tasks" },
    select: { id: true, tasks: { select: { id: true, numberScope: true, number: true } } },
  });
  const fitting = plans.filter((candidate) => {
    const held = new Set(candidate.tasks.map((task) => taskKey(task.numberScope, task.number)));
    return [...keys].every((key) => held.has(key));
  });
  return fitting.length === 1 ? fitting[0] : null;
}

/**
 * A progress table of a plan imported from another document (the notice): its rows become the
 * quarter's reports on that plan's tasks. The plan's tasks, units and targets are the notice's
 * and stay as they are; a figure is kept where the target it measures is one of the task's
 * stored targets.
 */
async function writeReportsOnPlan(
  tx: Tx,
  result: ParseResult,
  plan: { id: number; tasks: Array<{ id: number; numberScope: string; number: string }> },
): Promise<ImportOutcome> {
  const byKey = new Map(plan.tasks.map((task) => [taskKey(task.numberScope, task.number), task.id]));
  const taskIds = new Map(result.tasks.map((task) => [task, byKey.get(taskKeyOf(task))!]));
  const { unitIds, created: unitsCreated } = await resolveUnits(tx, result.plan.government, result.tasks, result.units);
  const ids = [...taskIds.values()];
  const [leads, targets] = await Promise.all([
    tx.taskUnit.findMany({ where: { taskId: { in: ids }, isLead: true }, orderBy: { position: "asc" }, select: { taskId: true, unitId: true } }),
    tx.target.findMany({ where: { taskId: { in: ids } }, select: { id: true, taskId: true, kind: true, unit: true, originalText: true } }),
  ]);
  const leadOf = new Map<number, number>();
  for (const link of leads) if (!leadOf.has(link.taskId)) leadOf.set(link.taskId, link.unitId);
  const targetIds = new Map<number, Array<number | undefined>>();
  for (const task of result.tasks) {
    const taskId = taskIds.get(task)!;
    const stored = targets.filter((target) => target.taskId === taskId);
    targetIds.set(
      taskId,
      task.targets.map((parsed) => stored.find((target) => target.kind === parsed.kind && target.unit === parsed.unit && target.originalText === parsed.text)?.id),
    );
  }
  const reportsCreated = await writeProgress(tx, plan.id, result.plan.period!, result.tasks, taskIds, unitIds, leadOf, targetIds);
  return {
    planId: plan.id,
    planCreated: false,
    tasks: { created: 0, updated: 0, removed: 0, unchanged: result.tasks.length },
    unitsCreated,
    reportsCreated,
    figuresKept: [],
  };
}

/** Whether any field differs; dates by their instant (a re-read Date is never the same object). */
function needsUpdate<T extends object>(current: T, next: Partial<T>): boolean {
  return Object.entries(next).some(([key, value]) => {
    const held: unknown = current[key as keyof T];
    if (held instanceof Date && value instanceof Date) return held.getTime() !== value.getTime();
    return held !== value;
  });
}

async function writeGlossary(tx: Tx, planId: number, glossary: ParseResult["glossary"]) {
  const existing = await tx.glossaryEntry.findMany({ where: { planId } });
  const byNumber = new Map(existing.map((entry) => [entry.number, entry]));
  const wanted = new Set(glossary.map((entry) => entry.number));
  const stale = existing.filter((entry) => !wanted.has(entry.number)).map((entry) => entry.id);
  if (stale.length) await tx.glossaryEntry.deleteMany({ where: { id: { in: stale } } });
  const fresh = glossary.filter((entry) => !byNumber.has(entry.number));
  if (fresh.length) await tx.glossaryEntry.createMany({ data: fresh.map((entry) => ({ ...entry, planId })) });
  for (const entry of glossary) {
    const current = byNumber.get(entry.number);
    if (current && needsUpdate(current, { term: entry.term, explanation: entry.explanation })) {
      await tx.glossaryEntry.update({ where: { id: current.id }, data: { term: entry.term, explanation: entry.explanation } });
    }
  }
}

async function writeLeaders(tx: Tx, planId: number, leaders: ParseResult["leaders"]): Promise<Map<string, number>> {
  const existing = await tx.leader.findMany({ where: { planId } });
  const byName = new Map(existing.map((leader) => [leader.name, leader]));
  const fresh = leaders.filter((leader) => !byName.has(leader.name));
  if (fresh.length) {
    const created = await tx.leader.createManyAndReturn({
      data: fresh.map((leader) => ({ planId, name: leader.name, title: leader.title })),
    });
    for (const leader of created) byName.set(leader.name, leader);
  }
  for (const leader of leaders) {
    const current = byName.get(leader.name)!;
    if (leader.title && current.title !== leader.title) {
      await tx.leader.update({ where: { id: current.id }, data: { title: leader.title } });
    }
  }
  return new Map([...byName].map(([name, leader]) => [name, leader.id]));
}

/** How the unit names of a document map onto the units on record of its government. */
export interface UnitResolution {
  /** Names that match no unit on record: importing creates a unit for each. */
  newUnits: string[];
  /** Names that match a unit on record, by that unit's own name (alias null) or through one of its aliases. */
  matched: Array<{ name: string; unit: string; alias: string | null }>;
}

/**
 * Reads, without writing, which unit on record each canonical unit name of the document is: a
 * unit of the same government with that name, else the owner of an alias equal to one of the
 * spellings the document uses for it. The import and its preview both call this, so that the
 * preview names exactly the units the import will create.
 */
async function matchUnits(db: Tx, government: string, tasks: ParsedTask[]) {
  const spellings = new Map<string, Set<string>>();
  for (const task of tasks) {
    for (const unit of task.units) {
      const names = spellings.get(unit.name) ?? new Set<string>([unit.name]);
      names.add(unit.rawName);
      spellings.set(unit.name, names);
    }
  }
  const canonical = [...spellings.keys()];
  const allSpellings = [...new Set([...spellings.values()].flatMap((names) => [...names]))];
  const [units, aliases] = await Promise.all([
    db.unit.findMany({ where: { government, name: { in: canonical } }, select: { id: true, name: true } }),
    db.unitAlias.findMany({
      where: { government, alias: { in: allSpellings } },
      select: { alias: true, unitId: true, unit: { select: { name: true } } },
    }),
  ]);
  const unitIds = new Map<string, number>(units.map((unit) => [unit.name, unit.id]));
  const aliasOwner = new Map(aliases.map((alias) => [alias.alias, alias]));
  const resolution: UnitResolution = { newUnits: [], matched: [] };
  for (const name of canonical) {
    if (unitIds.has(name)) {
      resolution.matched.push({ name, unit: name, alias: null });
      continue;
    }
    const known = [...spellings.get(name)!].map((spelling) => aliasOwner.get(spelling)).find((alias) => alias !== undefined);
    if (known) {
      unitIds.set(name, known.unitId);
      resolution.matched.push({ name, unit: known.unit.name, alias: known.alias });
    } else {
      resolution.newUnits.push(name);
    }
  }
  return { spellings, aliasOwner, unitIds, resolution };
}

/** What importing `result` would do to the units on record: the preview's answer, read-only. */
export async function previewUnits(db: Tx | PrismaClient, result: ParseResult): Promise<UnitResolution> {
  return (await matchUnits(db, result.plan.government, result.tasks)).resolution;
}

/** Matches every unit name to one Unit through its aliases; unknown names become new units. */
async function resolveUnits(tx: Tx, government: string, tasks: ParsedTask[], documentUnits: DocumentUnit[]) {
  const { spellings, aliasOwner, unitIds, resolution } = await matchUnits(tx, government, tasks);
  const missing = resolution.newUnits;
  const created = await insertRows<{ government: string; name: string; kind: UnitKind }, { id: number; name: string }>(
    tx,
    "Unit",
    { government: "text", name: "text", kind: '"UnitKind"' },
    missing.map((name) => ({ government, name, kind: isUnitGroup(name) ? "group" : "unit" })),
    { returning: ["id", "name"] },
  );
  for (const unit of created) unitIds.set(unit.name, unit.id);
  const newAliases = [...spellings].flatMap(([name, names]) =>
    [...names].filter((spelling) => !aliasOwner.has(spelling)).map((alias) => ({ government, alias, unitId: unitIds.get(name)! })),
  );
  // Other names the document gives a unit (组织部(人才办) → 人才办) are stored for later documents
  // but not used to match here, so that a bracket never merges two units already on record.
  const written = new Set(newAliases.map((row) => row.alias));
  for (const unit of documentUnits) {
    const unitId = unitIds.get(unit.name);
    if (unitId === undefined) continue;
    for (const alias of unit.aliases) {
      if (aliasOwner.has(alias) || written.has(alias)) continue;
      written.add(alias);
      newAliases.push({ government, alias, unitId });
    }
  }
  // Two canonical names of one document may share a spelling, and an alias may already name
  // another unit: the first keeps it.
  await insertRows(tx, "UnitAlias", { government: "text", alias: "text", unitId: "int4" }, newAliases, { skipDuplicates: true });
  return { unitIds, created: missing };
}

type TaskInsert = Omit<TaskRow, "parentKey"> & { planId: number; parentId: number | null };

const TASK_COLUMNS: Columns<TaskInsert> = {
  planId: "int4",
  leaderId: "int4",
  numberScope: "text",
  number: "text",
  kind: '"TaskKind"',
  section: "text",
  text: "text",
  originalText: "text",
  parentId: "int4",
  sourceLine: "int4",
  deadlineText: "text",
  dueOn: "date",
};

function taskKey(scope: string, number: string) {
  return `${scope}#${number}`;
}

async function writeTasks(tx: Tx, planId: number, result: ParseResult, leaderIds: Map<string, number>) {
  const rows: Array<TaskRow & { key: string }> = [];
  const parentKeys = new Map<string, string>();
  for (const parent of result.parents) {
    const scope = numberScope(parent.kind, parent.leader, null);
    const key = taskKey(scope, parent.number);
    parentKeys.set(`${parent.kind}:${parent.number}`, key);
    rows.push({
      key,
      numberScope: scope,
      number: parent.number,
      kind: parent.kind,
      leaderId: parent.leader ? leaderIds.get(parent.leader)! : null,
      parentKey: null,
      section: null,
      text: parent.title,
      originalText: parent.originalTitle ?? null,
      sourceLine: parent.line,
      deadlineText: null,
      dueOn: null,
    });
  }
  const parentKindOf = { livelihood: "livelihood_project", policy: "policy_area" } as const;
  for (const task of result.tasks) {
    const scope = numberScope(task.kind, task.leader, task.parent);
    const parentLookup =
      task.parent && task.kind !== "key" ? parentKeys.get(`${parentKindOf[task.kind]}:${task.parent}`) ?? null : null;
    rows.push({
      key: taskKey(scope, task.number),
      numberScope: scope,
      number: task.number,
      kind: task.kind,
      leaderId: task.leader ? leaderIds.get(task.leader)! : null,
      parentKey: parentLookup,
      section: task.section,
      text: task.text,
      originalText: task.originalText,
      sourceLine: task.line,
      deadlineText: task.deadline ?? null,
      dueOn: task.dueOn ? dueDateValue(task.dueOn) : null,
    });
  }

  const existing = await tx.task.findMany({
    where: { planId },
    select: {
      id: true, numberScope: true, number: true, kind: true, leaderId: true, parentId: true, section: true,
      text: true, originalText: true, sourceLine: true, deadlineText: true, dueOn: true, _count: { select: { reports: true } },
    },
  });
  const byKey = new Map(existing.map((task) => [taskKey(task.numberScope, task.number), task]));
  const taskIds = new Map<string, number>();
  const counts = { created: 0, updated: 0, removed: 0, unchanged: 0 };

  // Parents first so that children can point at them.
  for (const pass of [rows.filter((row) => !row.parentKey), rows.filter((row) => row.parentKey)]) {
    const fresh = pass.filter((row) => !byKey.has(row.key));
    const created = await insertRows<TaskInsert, { id: number; numberScope: string; number: string }>(
      tx,
      "Task",
      TASK_COLUMNS,
      fresh.map(({ key: _key, parentKey, ...row }) => ({ ...row, planId, parentId: parentKey ? taskIds.get(parentKey)! : null })),
      { returning: ["id", "numberScope", "number"] },
    );
    for (const task of created) taskIds.set(taskKey(task.numberScope, task.number), task.id);
    counts.created += created.length;
    for (const row of pass) {
      const current = byKey.get(row.key);
      if (!current) continue;
      taskIds.set(row.key, current.id);
      const { key: _key, parentKey, ...fields } = row;
      const next = { ...fields, parentId: parentKey ? taskIds.get(parentKey)! : null };
      if (needsUpdate(current, next)) {
        await tx.task.update({ where: { id: current.id }, data: next });
        counts.updated += 1;
      } else {
        counts.unchanged += 1;
      }
    }
  }

  // A task dropped from the document goes, unless units already reported on it.
  const wanted = new Set(rows.map((row) => row.key));
  const dropped = existing.filter((task) => !wanted.has(taskKey(task.numberScope, task.number)) && task._count.reports === 0);
  if (dropped.length) {
    await tx.task.deleteMany({ where: { id: { in: dropped.map((task) => task.id) } } });
    counts.removed = dropped.length;
  }
  const idOfTask = new Map<ParsedTask, number>();
  for (const task of result.tasks) {
    idOfTask.set(task, taskIds.get(taskKey(numberScope(task.kind, task.leader, task.parent), task.number))!);
  }
  return { taskIds: idOfTask, counts };
}

/**
 * Writes each task's units and returns, per task, its first lead unit (whose text a progress cell
 * without a unit name is). A unit listed twice under two spellings is one link, leading if either
 * listing leads; a lead flag the office corrected by hand stays as corrected; and every task keeps
 * at least one lead unit (`withLead`), which lib/reporting relies on.
 */
async function writeTaskUnits(tx: Tx, tasks: ParsedTask[], taskIds: Map<ParsedTask, number>, unitIds: Map<string, number>) {
  const ids = [...taskIds.values()];
  const existing = await tx.taskUnit.findMany({ where: { taskId: { in: ids } } });
  const byPair = new Map(existing.map((link) => [`${link.taskId}:${link.unitId}`, link]));
  const wanted = new Set<string>();
  const fresh: Array<{ taskId: number; unitId: number; isLead: boolean; position: number }> = [];
  const changed: typeof fresh = [];
  const leadOf = new Map<number, number>();
  // Groups whose members the office defined (lib/units/groups.ts) bring those members onto the task.
  const groupUnitIds = [...new Set(tasks.flatMap((task) => task.units.filter(isGroup).map((unit) => unitIds.get(unit.name)!)))];
  const memberRows = groupUnitIds.length
    ? await tx.unitGroupMember.findMany({ where: { groupId: { in: groupUnitIds } }, orderBy: [{ groupId: "asc" }, { memberId: "asc" }] })
    : [];
  for (const task of tasks) {
    const taskId = taskIds.get(task)!;
    const links = new Map<number, { taskId: number; unitId: number; isLead: boolean; position: number }>();
    task.units.forEach((unit, position) => {
      const unitId = unitIds.get(unit.name)!;
      const current = byPair.get(`${taskId}:${unitId}`);
      const listed = links.get(unitId);
      // A group never leads, whatever the document or an earlier correction said.
      const lead = !isGroup(unit) && unit.lead;
      if (listed) listed.isLead ||= lead && !current?.leadCorrected;
      else links.set(unitId, { taskId, unitId, isLead: current?.leadCorrected && !isGroup(unit) ? current.isLead : lead, position });
    });
    const groupIds = new Set(task.units.filter(isGroup).map((unit) => unitIds.get(unit.name)!));
    // withLead applied to the listed units alone: a task naming only groups has no lead unit.
    const led = withLead([...links.values()].filter((link) => !groupIds.has(link.unitId)));
    // A group's members follow the listed units as co-units (a lead the office set by hand stays).
    let position = task.units.length;
    for (const groupId of groupIds) {
      for (const { memberId } of memberRows.filter((row) => row.groupId === groupId)) {
        if (links.has(memberId)) continue;
        const current = byPair.get(`${taskId}:${memberId}`);
        const member = { taskId, unitId: memberId, isLead: current?.leadCorrected ? current.isLead : false, position: position++ };
        links.set(memberId, member);
        led.push(member);
      }
    }
    const members = [...links.values()];
    const leadIds = new Set(led.filter((link) => link.isLead).map((link) => link.unitId));
    for (const link of members.map((member) => ({ ...member, isLead: leadIds.has(member.unitId) }))) {
      wanted.add(`${taskId}:${link.unitId}`);
      if (link.isLead && !leadOf.has(taskId)) leadOf.set(taskId, link.unitId);
      const current = byPair.get(`${taskId}:${link.unitId}`);
      if (!current) fresh.push(link);
      else if (current.isLead !== link.isLead || current.position !== link.position) changed.push(link);
    }
  }
  // Only links whose flag or place changed are updated: a re-import of the same file writes none.
  for (const { taskId, unitId, ...data } of changed) {
    await tx.taskUnit.update({ where: { taskId_unitId: { taskId, unitId } }, data });
  }
  await insertRows(tx, "TaskUnit", { taskId: "int4", unitId: "int4", isLead: "bool", position: "int4" }, fresh);
  const stale = existing.filter((link) => !wanted.has(`${link.taskId}:${link.unitId}`));
  if (stale.length) {
    await tx.taskUnit.deleteMany({ where: { OR: stale.map(({ taskId, unitId }) => ({ taskId, unitId })) } });
  }
  return leadOf;
}

function sameTargets(current: Array<{ kind: string; comparator: string; value: number; unit: string; originalText: string }>, parsed: ParsedTarget[]) {
  return (
    current.length === parsed.length &&
    parsed.every((target, i) => {
      const row = current[i];
      return (
        row.kind === target.kind &&
        row.comparator === comparatorCodes[target.cmp] &&
        row.value === target.value &&
        row.unit === target.unit &&
        row.originalText === target.text
      );
    })
  );
}

/** Columns of a Target row (also written by the benchmarks' generator). */
export const TARGET_COLUMNS = {
  taskId: "int4",
  position: "int4",
  kind: '"TargetKind"',
  comparator: '"Comparator"',
  value: "float8",
  unit: "text",
  originalText: "text",
} as const;

type StoredTarget = Awaited<ReturnType<Tx["target"]["findMany"]>>[number];

/**
 * Which stored target each parsed target continues, by index of the parsed targets (undefined:
 * a new target). Filed figures (ProgressActual) hang on the target row, so a target that goes on
 * being measured must keep its row. The rule, in this order:
 * 1. the same wording, kind and unit anywhere in the task: the very same target, perhaps moved
 *    because another target was added or dropped before it;
 * 2. what is left, at the same position with the same kind and unit: the same measure with new
 *    wording (水域指标100亩 → 120亩, 增长2.5% → 增长3%), whose figures still measure it.
 * A change of kind or unit (a growth rate that became a level, 万千瓦 that became 兆瓦) is a
 * different measure: the figures filed against the old one are not figures of the new one.
 */
function matchTargets(current: StoredTarget[], parsed: ParsedTarget[]): Array<StoredTarget | undefined> {
  const free = new Set(current);
  const matches: Array<StoredTarget | undefined> = parsed.map((target) => {
    const same = [...free].find((row) => row.kind === target.kind && row.unit === target.unit && row.originalText === target.text);
    if (same) free.delete(same);
    return same;
  });
  parsed.forEach((target, position) => {
    if (matches[position]) return;
    const row = [...free].find((row) => row.position === position && row.kind === target.kind && row.unit === target.unit);
    if (row) {
      free.delete(row);
      matches[position] = row;
    }
  });
  return matches;
}

function targetData(target: ParsedTarget, position: number) {
  return {
    position,
    kind: target.kind,
    comparator: comparatorCodes[target.cmp],
    value: target.value,
    unit: target.unit,
    originalText: target.text,
  };
}

/**
 * Returns, per task, the target ids in the order of the parsed targets (for progress actuals),
 * and what happened to the targets that carry filed figures. A task's targets are rewritten only
 * where the document's targets differ from the stored ones and no person has reviewed them.
 */
async function writeTargets(tx: Tx, tasks: ParsedTask[], taskIds: Map<ParsedTask, number>) {
  const ids = [...taskIds.values()];
  const existing = await tx.target.findMany({ where: { taskId: { in: ids } }, orderBy: { position: "asc" } });
  const byTask = new Map<number, typeof existing>();
  for (const target of existing) byTask.set(target.taskId, [...(byTask.get(target.taskId) ?? []), target]);
  // Once a person has confirmed or corrected a target, the document no longer overrides it.
  const changing = tasks.filter((task) => {
    const current = byTask.get(taskIds.get(task)!) ?? [];
    return !current.some((target) => target.review !== "parsed") && !sameTargets(current, task.targets);
  });
  const figures = await figuresPerTarget(
    tx,
    changing.flatMap((task) => (byTask.get(taskIds.get(task)!) ?? []).map((target) => target.id)),
  );

  const positions = new Map(existing.map((target) => [target.id, target.position]));
  const removed: number[] = [];
  const changed: Array<{ id: number; from: number; data: Partial<ReturnType<typeof targetData>> & { position: number } }> = [];
  const fresh: Array<Omit<Prisma.TargetCreateManyInput, "id" | "review">> = [];
  const figuresKept: TargetsWithFigures[] = [];
  for (const task of changing) {
    const taskId = taskIds.get(task)!;
    const current = byTask.get(taskId) ?? [];
    const matches = matchTargets(current, task.targets);
    const kept: TargetsWithFigures["targets"] = [];
    task.targets.forEach((target, position) => {
      const row = matches[position];
      const data = targetData(target, position);
      if (!row) {
        fresh.push({ taskId, ...data });
        return;
      }
      if (needsUpdate(row, data)) changed.push({ id: row.id, from: row.position, data });
      positions.set(row.id, position);
      const filed = figures.get(row.id) ?? 0;
      if (filed && row.originalText !== target.text) kept.push({ was: row.originalText, now: target.text, figures: filed });
    });
    // A target the document no longer states but against which figures were filed is kept as it
    // is, after the document's targets. Deleting it would destroy what units reported; refusing
    // the import would leave the office no way to bring in the revised document, since nothing in
    // the app deletes filed figures. The outcome names it so that the office can look at it.
    let next = task.targets.length;
    for (const row of current.filter((row) => !matches.includes(row))) {
      const filed = figures.get(row.id) ?? 0;
      if (!filed) {
        removed.push(row.id);
        positions.delete(row.id);
        continue;
      }
      kept.push({ was: row.originalText, now: null, figures: filed });
      if (row.position !== next) changed.push({ id: row.id, from: row.position, data: { position: next } });
      positions.set(row.id, next++);
    }
    if (kept.length) figuresKept.push({ taskId, leader: task.leader, parent: task.parent, number: task.number, targets: kept });
  }

  if (removed.length) await tx.target.deleteMany({ where: { id: { in: removed } } });
  // Targets of one task may swap places, and (taskId, position) is unique: park the moving ones
  // on a position no target has (minus their id) before putting each in its place.
  const moving = changed.filter(({ from, data }) => from !== data.position);
  for (const { id } of moving) await tx.target.update({ where: { id }, data: { position: -id } });
  for (const { id, data } of changed) await tx.target.update({ where: { id }, data });
  const created = await insertRows<(typeof fresh)[number], { id: number; taskId: number; position: number }>(
    tx,
    "Target",
    TARGET_COLUMNS,
    fresh,
    { returning: ["id", "taskId", "position"] },
  );

  const targetIds = new Map<number, number[]>();
  const placed = [
    ...existing.filter((target) => positions.has(target.id)).map((target) => ({ ...target, position: positions.get(target.id)! })),
    ...created,
  ];
  for (const target of placed.sort((a, b) => a.position - b.position)) {
    targetIds.set(target.taskId, [...(targetIds.get(target.taskId) ?? []), target.id]);
  }
  return { targetIds, figuresKept };
}

/** How many figures (actuals, in reports of any state) were filed against each target. */
async function figuresPerTarget(tx: Tx, targetIds: number[]): Promise<Map<number, number>> {
  if (!targetIds.length) return new Map();
  const counts = await tx.progressActual.groupBy({ by: ["targetId"], where: { targetId: { in: targetIds } }, _count: { _all: true } });
  return new Map(counts.map((row) => [row.targetId, row._count._all]));
}

interface ReportInsert {
  taskId: number;
  unitId: number;
  periodId: number;
  narrative: string;
  state: "published";
  submittedAt: Date;
  reviewedAt: Date;
  publishedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const REPORT_COLUMNS: Columns<ReportInsert> = {
  taskId: "int4",
  unitId: "int4",
  periodId: "int4",
  narrative: "text",
  state: '"ReviewState"',
  submittedAt: "timestamp(3)",
  reviewedAt: "timestamp(3)",
  publishedAt: "timestamp(3)",
  createdAt: "timestamp(3)",
  updatedAt: "timestamp(3)",
};

async function writeProgress(
  tx: Tx,
  planId: number,
  period: { year: number; quarter: 1 | 2 | 3 | 4 },
  tasks: ParsedTask[],
  taskIds: Map<ParsedTask, number>,
  unitIds: Map<string, number>,
  leadOf: Map<number, number>,
  /** Per task, the stored target each parsed target is; undefined where none is. */
  targetIdsByTask: Map<number, ReadonlyArray<number | undefined>>,
): Promise<number> {
  const schedule = defaultPeriodSchedule(period.year, period.quarter);
  const reportingPeriod = await tx.reportingPeriod.upsert({
    where: { planId_quarter: { planId, quarter: period.quarter } },
    create: { planId, quarter: period.quarter, ...schedule },
    update: {},
  });
  const existing = await tx.progressReport.findMany({
    where: { periodId: reportingPeriod.id },
    select: { taskId: true, unitId: true },
  });
  const known = new Set(existing.map((report) => `${report.taskId}:${report.unitId}`));
  const now = new Date();
  const fresh: ReportInsert[] = [];
  const actualsOf = new Map<string, Array<Omit<Prisma.ProgressActualCreateManyInput, "reportId">>>();
  for (const task of tasks) {
    const taskId = taskIds.get(task)!;
    for (const segment of task.progress) {
      // A cell without a unit name is the lead unit's text.
      const unitId = segment.unit ? unitIds.get(segment.unit) : leadOf.get(taskId);
      // Reports already there (imported before, or filed by a person since) are left alone.
      if (unitId === undefined || known.has(`${taskId}:${unitId}`)) continue;
      known.add(`${taskId}:${unitId}`);
      const targetIds = targetIdsByTask.get(taskId) ?? [];
      // Reading a narrative costs about a millisecond: only worth it where there is a target to match.
      const actuals = targetIds.length
        ? extractActuals(segment.text, task.targets).filter((actual) => targetIds[actual.targetIndex] !== undefined)
        : [];
      fresh.push({
        taskId,
        unitId,
        periodId: reportingPeriod.id,
        narrative: segment.text,
        state: "published",
        submittedAt: schedule.dueAt,
        reviewedAt: now,
        publishedAt: now,
        createdAt: now,
        updatedAt: now, // @updatedAt is filled in by Prisma's client, not by the database
      });
      actualsOf.set(
        `${taskId}:${unitId}`,
        actuals.map((actual) => ({
          targetId: targetIds[actual.targetIndex]!,
          value: actual.value,
          source: actual.text,
          estimated: actual.estimated,
        })),
      );
    }
  }
  // Two statements for all reports and their actuals, rather than a create (and its round trips) per report.
  const created = await insertRows<ReportInsert, { id: number; taskId: number; unitId: number }>(
    tx,
    "ProgressReport",
    REPORT_COLUMNS,
    fresh,
    { returning: ["id", "taskId", "unitId"] },
  );
  const actuals = created.flatMap((report) =>
    (actualsOf.get(`${report.taskId}:${report.unitId}`) ?? []).map((actual) => ({ reportId: report.id, ...actual })),
  );
  await insertRows(tx, "ProgressActual", { reportId: "int4", targetId: "int4", value: "float8", source: "text", estimated: "bool" }, actuals);
  return created.length;
}
