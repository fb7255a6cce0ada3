import { dueDateOf } from "@/lib/progress/deadline";
import type { ImportOutcome, TargetsWithFigures, UnitResolution } from "./persist";
import type { ParseResult } from "./types";

/** What an import would bring in, as the dry run prints it and the preview page shows it. */
export function dryRunSummary(result: ParseResult) {
  return {
    plan: result.plan,
    tasks: result.tasks.map((t) => ({
      leader: t.leader,
      number: t.number,
      kind: t.kind,
      parent: t.parent,
      text: t.text,
      // group: shown so the office sees 各镇街道 and the like will not be asked to file.
      units: t.units.map((u) => (u.group ? { name: u.name, lead: u.lead, group: true } : { name: u.name, lead: u.lead })),
      targets: t.targets,
      // 完成时限 as read, the date 序时进度 runs to, and why none was taken from it (the import's own reading).
      deadline: t.deadline ?? null,
      dueOn: t.dueOn ?? null,
      deadlineWarning: dueDateOf(t.deadline, result.plan.year).warning,
    })),
    warnings: result.warnings,
    leadRule: result.leadRule,
    leadChoice: result.leadChoice,
    leadRuleNeeded: result.leadRuleNeeded,
    leadEffect: leadEffect(result),
    newUnits: result.newUnits,
  };
}

/**
 * What each lead choice would do to this document, for the office choosing one: the tasks that
 * list two or more units (a choice is asked for only where the document has no ★ at all, so none
 * of them is starred), and how many lead units each choice gives them. "none" marks none; the
 * import then keeps the first listed as the one lead each task must have.
 */
export function leadEffect(result: Pick<ParseResult, "tasks">) {
  const open = result.tasks.filter((task) => task.units.length >= 2);
  const multi = open.length;
  const units = open.reduce((sum, task) => sum + task.units.length, 0);
  return { tasks: multi, units, first_listed: multi, all_lead: units, none: 0 };
}

/**
 * The preview page's summary: the dry run, with the units resolved against those on record as the
 * import will resolve them (the dry run's newUnits only knows the built-in abbreviations).
 */
export function previewSummary(result: ParseResult, units: UnitResolution) {
  return { ...dryRunSummary(result), newUnits: units.newUnits, matchedUnits: units.matched };
}

export type ImportSummary = ReturnType<typeof previewSummary>;

/** "财政局", or "服务业发展局 → 发改局(别名“服务业发展局”)" where the name reached a unit through an alias. */
export function describeUnitMatch(match: UnitResolution["matched"][number]): string {
  if (match.alias === null) return match.name;
  return `${match.name} → ${match.unit}(别名“${match.alias}”)`;
}

/** "张斌 第18项", "第1.2项" (sub-item 2 of livelihood project 1): the task as the document numbers it. */
function taskLabel(task: Pick<TargetsWithFigures, "leader" | "parent" | "number">): string {
  return `${task.leader ? `${task.leader} ` : ""}第${task.parent ? `${task.parent}.` : ""}${task.number}项`;
}

/** One line per target with filed figures that the import changed or kept, in Chinese. */
export function figuresKeptLines(figuresKept: TargetsWithFigures[]): string[] {
  return figuresKept.flatMap((task) =>
    task.targets.map((target) =>
      target.now === null
        ? `${taskLabel(task)}:目标“${target.was}”新文件中已没有,因已填报 ${target.figures} 个数据而保留,请核对`
        : `${taskLabel(task)}:目标“${target.was}”改为“${target.now}”,已填报的 ${target.figures} 个数据保留`,
    ),
  );
}

/** What the import did, for the import page and the audit trail: counts first, then what to check. */
export function outcomeMessage(outcome: ImportOutcome): string {
  const { tasks } = outcome;
  return [
    `已导入:新增任务 ${tasks.created},更新 ${tasks.updated},删除 ${tasks.removed},未变 ${tasks.unchanged}。`,
    ...(outcome.unitsCreated.length ? [`新建单位(请核对):${outcome.unitsCreated.join("、")}`] : []),
    ...figuresKeptLines(outcome.figuresKept),
  ].join("\n");
}
