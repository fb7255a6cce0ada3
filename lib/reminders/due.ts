/**
 * The reminders due at a moment: who is reminded of what, in Chinese, each with a key that names
 * it for good. A plain function of its input (the rules, the period, the clock time, who still owes
 * what, the accounts to write to): run again, on a second instance or after a restart, it gives
 * the same messages with the same keys, and the outbox sends each key once.
 *
 * Per step of the schedule (lib/reminders/rules.ts) the messages are:
 * - to each unit that still owes something (lib/reporting/owed.ts): its accounts, and whatever
 *   channel the outbox has for the unit (its group robot), even where no account is set up;
 * - from the escalation day on, copies: to each leader in charge, of their own tasks only (a
 *   leader reads the tasks in their charge, lib/reporting/visibility.ts), and to the office, of
 *   every unit behind; a copy with no account to go to is left out.
 */
import { quarterName } from "@/lib/periods/quarters";
import type { Owed } from "@/lib/reporting/owed";
import { describeTarget, type PhrasedTarget } from "@/lib/reporting/phrasing";
import { lastFilingDate, stepDueAt, stepName, type ReminderRules, type ReminderStep, type SchedulePeriod } from "@/lib/reminders/rules";

export interface ReminderPeriod extends SchedulePeriod {
  id: number;
  quarter: number;
  /** The plan as pages name it: "2025年 平湖市 · 2025年政府工作报告重点工作". */
  planLabel: string;
}

export interface OwedTask {
  taskId: number;
  number: string;
  text: string;
  leader: { id: number; name: string } | null;
  owed: Owed<PhrasedTarget>;
}

/** A unit expected to file that still owes something this period, and its active accounts. */
export interface OwingUnit {
  unitId: number;
  name: string;
  userIds: number[];
  tasks: OwedTask[];
}

export type ReminderAudience = { kind: "unit"; unitId: number } | { kind: "leader"; leaderId: number; leaderName: string } | { kind: "office" };

/** One message for the outbox: sent once per `dedupeKey`, to the accounts named (and the unit's robot, for a unit's message). */
export interface ReminderMessage {
  dedupeKey: string;
  periodId: number;
  /** The step it belongs to: "before-7", "due", "overdue-3". */
  step: string;
  audience: ReminderAudience;
  recipientUserIds: number[];
  subject: string;
  body: string;
}

export interface DueRemindersInput {
  rules: ReminderRules;
  period: ReminderPeriod;
  now: Date;
  owing: readonly OwingUnit[];
  /** Active leader accounts by the leader's name (User.leaderName). */
  leaderUserIds: ReadonlyMap<string, readonly number[]>;
  /** Active office accounts. */
  officeUserIds: readonly number[];
}

/** Tasks named in one message; the rest are counted. */
const LISTED_TASKS = 20;

function dayLabel(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

function timing(step: ReminderStep, due: string): string {
  if (step.day < 0) return `将于${due}(当天24时)截止,还有 ${-step.day} 天`;
  if (step.day === 0) return `今天(${due})24时截止`;
  return `已于${due}截止,已逾期 ${step.day} 天`;
}

function taskLabel(task: OwedTask): string {
  const text = task.text.length > 40 ? `${task.text.slice(0, 40)}…` : task.text;
  return `${task.leader ? `${task.leader.name} ` : ""}第${task.number}项 ${text}`;
}

function listed(tasks: readonly OwedTask[], line: (task: OwedTask) => string): string[] {
  const lines = tasks.slice(0, LISTED_TASKS).map((task) => `· ${line(task)}`);
  if (tasks.length > LISTED_TASKS) lines.push(`……另有 ${tasks.length - LISTED_TASKS} 项`);
  return lines;
}

function unitBody(unit: OwingUnit, headline: string, step: ReminderStep): string {
  const unfiled = unit.tasks.filter((task) => task.owed.kind === "unfiled");
  const missing = unit.tasks.filter((task) => task.owed.kind === "missing_figures");
  const lines = [`${unit.name}:`, `${headline}。`];
  if (unfiled.length > 0) lines.push(`尚未提交报告的任务 ${unfiled.length} 项:`, ...listed(unfiled, taskLabel));
  if (missing.length > 0) {
    lines.push(`已提交但缺少数据的任务 ${missing.length} 项:`);
    lines.push(...listed(missing, (task) => `${taskLabel(task)}(缺少:${task.owed.kind === "missing_figures" ? task.owed.targets.map((target) => describeTarget(target)).join("、") : ""})`));
  }
  if (step.escalated) lines.push("本提醒已抄送分管市领导和市府办。");
  lines.push("请登录落实系统填报。");
  return lines.join("\n");
}

/** "发改局:未提交 3 项,缺少数据 1 项" */
function unitSummary(name: string, tasks: readonly OwedTask[]): string {
  const unfiled = tasks.filter((task) => task.owed.kind === "unfiled").length;
  const missing = tasks.length - unfiled;
  const parts = [unfiled > 0 ? `未提交 ${unfiled} 项` : null, missing > 0 ? `缺少数据 ${missing} 项` : null].filter((part) => part !== null);
  return `${name}:${parts.join(",")}`;
}

export function dueReminders(input: DueRemindersInput): ReminderMessage[] {
  const { period } = input;
  const step = stepDueAt(input.rules, period, input.now);
  if (!step) return [];
  const owing = input.owing.filter((unit) => unit.tasks.length > 0);
  if (owing.length === 0) return [];
  const due = lastFilingDate(period);
  const name = stepName(step.day);
  const key = (audience: string) => `reminder:${period.id}:${due}:${name}:${audience}`;
  const headline = `${period.planLabel} ${quarterName(period.quarter)}进展填报${timing(step, dayLabel(due))}`;
  const subject = (who: string) => `【催报】${quarterName(period.quarter)}进展填报${step.day < 0 ? `还有${-step.day}天截止` : step.day === 0 ? "今天截止" : `已逾期${step.day}天`} · ${who}`;
  const base = { periodId: period.id, step: name };

  const messages: ReminderMessage[] = owing.map((unit) => ({
    ...base,
    dedupeKey: key(`unit-${unit.unitId}`),
    audience: { kind: "unit", unitId: unit.unitId },
    recipientUserIds: [...unit.userIds],
    subject: subject(unit.name),
    body: unitBody(unit, headline, step),
  }));
  if (!step.escalated) return messages;

  // Per leader, the units behind on the tasks in their charge, with those tasks.
  type UnitTasks = { name: string; tasks: OwedTask[] };
  const leaders = new Map<number, { name: string; units: Map<number, UnitTasks> }>();
  for (const unit of owing) {
    for (const task of unit.tasks) {
      if (!task.leader) continue;
      const leader = leaders.get(task.leader.id) ?? { name: task.leader.name, units: new Map<number, UnitTasks>() };
      leaders.set(task.leader.id, leader);
      const entry = leader.units.get(unit.unitId) ?? { name: unit.name, tasks: [] };
      leader.units.set(unit.unitId, entry);
      entry.tasks.push(task);
    }
  }
  for (const [leaderId, leader] of [...leaders].sort(([a], [b]) => a - b)) {
    const userIds = input.leaderUserIds.get(leader.name) ?? [];
    if (userIds.length === 0) continue;
    const lines = [`${leader.name}同志:`, `${headline}。您分管的任务中,以下单位仍未报齐:`];
    for (const unit of leader.units.values()) lines.push(`· ${unitSummary(unit.name, unit.tasks)}`, ...listed(unit.tasks, taskLabel).map((line) => `  ${line}`));
    lines.push("请督促相关单位尽快填报。");
    messages.push({
      ...base,
      dedupeKey: key(`leader-${leaderId}`),
      audience: { kind: "leader", leaderId, leaderName: leader.name },
      recipientUserIds: [...userIds],
      subject: subject(`抄送${leader.name}`),
      body: lines.join("\n"),
    });
  }
  if (input.officeUserIds.length > 0) {
    const lines = [`市府办:`, `${headline}。以下 ${owing.length} 个单位仍未报齐:`, ...owing.map((unit) => `· ${unitSummary(unit.name, unit.tasks)}`)];
    messages.push({
      ...base,
      dedupeKey: key("office"),
      audience: { kind: "office" },
      recipientUserIds: [...input.officeUserIds],
      subject: subject("抄送市府办"),
      body: lines.join("\n"),
    });
  }
  return messages;
}
