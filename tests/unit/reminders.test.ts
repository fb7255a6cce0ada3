import { describe, expect, it } from "vitest";
import { dueReminders, type DueRemindersInput, type OwingUnit, type ReminderPeriod } from "@/lib/reminders/due";
import { DEFAULT_REMINDER_RULES, describeRules, reminderSchedule, type ReminderRules } from "@/lib/reminders/rules";
import { reminderRulesSchema } from "@/lib/zod/reminders";

/** Q2 2025, due on 15 July (until 16 July 00:00 CST), opened on 1 July. */
const period: ReminderPeriod = {
  id: 41,
  quarter: 2,
  opensAt: new Date("2025-06-30T16:00:00Z"),
  dueAt: new Date("2025-07-15T16:00:00Z"),
  closed: false,
  planLabel: "2025年 平湖市 · 2025年政府工作报告重点工作",
};
const rules: ReminderRules = { daysBefore: [7, 2], onDueDay: true, overdueEveryDays: 3, escalateAfterDays: 7 };
/** An instant in China Standard Time. */
const cst = (local: string) => new Date(`${local}+08:00`);

const leader = { id: 5, name: "张斌" };
const fagai: OwingUnit = {
  unitId: 11,
  name: "发改局",
  userIds: [101, 102],
  tasks: [
    { taskId: 1, number: "3", text: "全年储备亿元以上项目130个", leader, owed: { kind: "unfiled" } },
    {
      taskId: 2,
      number: "4",
      text: "新增光伏装机6万千瓦",
      leader: { id: 6, name: "李军" },
      owed: { kind: "missing_figures", targets: [{ kind: "quantity", comparator: "gte", value: 60000, unit: "千瓦" }] },
    },
  ],
};
const shangwu: OwingUnit = { unitId: 12, name: "商务局", userIds: [], tasks: [{ taskId: 3, number: "5", text: "出口总额增长6%", leader, owed: { kind: "unfiled" } }] };
const input = (now: Date, change: Partial<DueRemindersInput> = {}): DueRemindersInput => ({
  rules,
  period,
  now,
  owing: [fagai, shangwu],
  leaderUserIds: new Map([
    ["张斌", [201]],
    ["李军", [202]],
  ]),
  officeUserIds: [301],
  ...change,
});
const steps = (now: Date, change: Partial<DueRemindersInput> = {}) => [...new Set(dueReminders(input(now, change)).map((message) => message.step))];

describe("the step due at a moment", () => {
  it("is 7 days before, 2 days before, on the day, then every 3 days overdue, each from 9:00 for a day", () => {
    expect(steps(cst("2025-07-08T08:59:59"))).toEqual([]);
    expect(steps(cst("2025-07-08T09:00:00"))).toEqual(["before-7"]);
    expect(steps(cst("2025-07-09T08:59:59"))).toEqual(["before-7"]);
    expect(steps(cst("2025-07-09T09:00:00"))).toEqual([]);
    expect(steps(cst("2025-07-12T10:00:00"))).toEqual([]);
    expect(steps(cst("2025-07-13T09:30:00"))).toEqual(["before-2"]);
    expect(steps(cst("2025-07-15T09:00:00"))).toEqual(["due"]);
    expect(steps(cst("2025-07-16T09:00:00"))).toEqual([]);
    expect(steps(cst("2025-07-18T09:00:00"))).toEqual(["overdue-3"]);
    expect(steps(cst("2025-07-21T12:00:00"))).toEqual(["overdue-6"]);
    // The escalation day is a step of its own, though not a multiple of 3; the repeats go on.
    expect(steps(cst("2025-07-22T09:00:00"))).toEqual(["overdue-7"]);
    expect(steps(cst("2025-07-24T09:00:00"))).toEqual(["overdue-9"]);
    expect(steps(cst("2025-08-14T09:00:00"))).toEqual(["overdue-30"]);
  });

  it("is none once the period is closed, nor before it opened", () => {
    expect(dueReminders(input(cst("2025-07-18T09:00:00"), { period: { ...period, closed: true } }))).toEqual([]);
    // Opened on 10 July: the reminder 7 days ahead (8 July) is not sent late; 2 days ahead is.
    const late = { ...period, opensAt: cst("2025-07-10T00:00:00") };
    expect(steps(cst("2025-07-08T09:00:00"), { period: late })).toEqual([]);
    expect(steps(cst("2025-07-13T09:00:00"), { period: late })).toEqual(["before-2"]);
  });

  it("follows the rules: no repeats and no copies when unset, nothing on the day when unticked", () => {
    const quiet: ReminderRules = { daysBefore: [3], onDueDay: false, overdueEveryDays: null, escalateAfterDays: null };
    expect(steps(cst("2025-07-12T09:00:00"), { rules: quiet })).toEqual(["before-3"]);
    expect(steps(cst("2025-07-15T09:00:00"), { rules: quiet })).toEqual([]);
    for (let day = 16; day <= 31; day += 1) expect(steps(cst(`2025-07-${day}T09:00:00`), { rules: quiet })).toEqual([]);
  });

  it("is nothing when no unit owes anything", () => {
    expect(dueReminders(input(cst("2025-07-15T09:00:00"), { owing: [] }))).toEqual([]);
  });
});

describe("the reminders of a step", () => {
  it("go to each unit that owes, saying what is missing and when it is due", () => {
    const messages = dueReminders(input(cst("2025-07-08T09:00:00")));
    expect(messages.map((message) => [message.dedupeKey, message.audience, message.recipientUserIds])).toEqual([
      ["reminder:41:2025-07-15:before-7:unit-11", { kind: "unit", unitId: 11 }, [101, 102]],
      // No account: the unit's robot, if it has one, is still written to.
      ["reminder:41:2025-07-15:before-7:unit-12", { kind: "unit", unitId: 12 }, []],
    ]);
    expect(messages[0].subject).toBe("【催报】二季度进展填报还有7天截止 · 发改局");
    expect(messages[0].body).toBe(
      [
        "发改局:",
        "2025年 平湖市 · 2025年政府工作报告重点工作 二季度进展填报将于2025年7月15日(当天24时)截止,还有 7 天。",
        "尚未提交报告的任务 1 项:",
        "· 张斌 第3项 全年储备亿元以上项目130个",
        "已提交但缺少数据的任务 1 项:",
        "· 李军 第4项 新增光伏装机6万千瓦(缺少:≥6万千瓦)",
        "请登录落实系统填报。",
      ].join("\n"),
    );
    expect(dueReminders(input(cst("2025-07-15T09:00:00")))[1].body).toContain("二季度进展填报今天(2025年7月15日)24时截止。");
  });

  it("say how many days overdue, and from the escalation day are copied to the leaders (their own tasks only) and the office", () => {
    const before = dueReminders(input(cst("2025-07-21T09:00:00")));
    expect(before.map((message) => message.audience.kind)).toEqual(["unit", "unit"]);
    expect(before[1].body).toContain("已于2025年7月15日截止,已逾期 6 天");
    expect(before[1].body).not.toContain("抄送");

    const escalated = dueReminders(input(cst("2025-07-22T09:00:00")));
    expect(escalated.map((message) => [message.dedupeKey, message.recipientUserIds])).toEqual([
      ["reminder:41:2025-07-15:overdue-7:unit-11", [101, 102]],
      ["reminder:41:2025-07-15:overdue-7:unit-12", []],
      ["reminder:41:2025-07-15:overdue-7:leader-5", [201]],
      ["reminder:41:2025-07-15:overdue-7:leader-6", [202]],
      ["reminder:41:2025-07-15:overdue-7:office", [301]],
    ]);
    expect(escalated[0].body).toContain("本提醒已抄送分管市领导和市府办。");
    const zhang = escalated[2].body;
    expect(zhang).toContain("张斌同志:");
    expect(zhang).toContain("· 发改局:未提交 1 项");
    expect(zhang).toContain("· 商务局:未提交 1 项");
    // 李军's task is not 张斌's to read.
    expect(zhang).not.toContain("光伏");
    expect(escalated[3].body).toContain("· 发改局:缺少数据 1 项");
    expect(escalated[3].body).not.toContain("商务局");
    expect(escalated[4].body).toContain("以下 2 个单位仍未报齐:\n· 发改局:未提交 1 项,缺少数据 1 项\n· 商务局:未提交 1 项");
    // Later repeats are copied too; a leader without an account gets no copy.
    const later = dueReminders(input(cst("2025-07-24T09:00:00"), { leaderUserIds: new Map([["张斌", [201]]]) }));
    expect(later.map((message) => message.dedupeKey)).toEqual([
      "reminder:41:2025-07-15:overdue-9:unit-11",
      "reminder:41:2025-07-15:overdue-9:unit-12",
      "reminder:41:2025-07-15:overdue-9:leader-5",
      "reminder:41:2025-07-15:overdue-9:office",
    ]);
  });

  it("are the same, keys and texts, whenever within the step they are worked out", () => {
    expect(dueReminders(input(cst("2025-07-13T09:00:00")))).toEqual(dueReminders(input(cst("2025-07-14T08:59:00"))));
  });

  it("get new keys when the due date moves, so that a later deadline is reminded of again", () => {
    const moved = { ...period, dueAt: new Date("2025-07-20T16:00:00Z") };
    expect(dueReminders(input(cst("2025-07-18T09:00:00"), { period: moved }))[0].dedupeKey).toBe("reminder:41:2025-07-20:before-2:unit-11");
  });

  it("list twenty tasks and count the rest", () => {
    const many: OwingUnit = { ...shangwu, tasks: Array.from({ length: 23 }, (_, index) => ({ ...shangwu.tasks[0], taskId: index, number: String(index + 1) })) };
    const body = dueReminders(input(cst("2025-07-15T09:00:00"), { owing: [many] }))[0].body;
    expect(body).toContain("尚未提交报告的任务 23 项:");
    expect(body).toContain("第20项");
    expect(body).not.toContain("第21项");
    expect(body).toContain("……另有 3 项");
  });
});

describe("the schedule the office reads", () => {
  it("lists the steps and their times, the copies marked", () => {
    expect(reminderSchedule(rules, period).map((step) => [step.day, step.at.toISOString(), step.escalated])).toEqual([
      [-7, "2025-07-08T01:00:00.000Z", false],
      [-2, "2025-07-13T01:00:00.000Z", false],
      [0, "2025-07-15T01:00:00.000Z", false],
      [3, "2025-07-18T01:00:00.000Z", false],
      [6, "2025-07-21T01:00:00.000Z", false],
      [7, "2025-07-22T01:00:00.000Z", true],
      [9, "2025-07-24T01:00:00.000Z", true],
      [12, "2025-07-27T01:00:00.000Z", true],
    ]);
    expect(describeRules(DEFAULT_REMINDER_RULES)).toBe("截止前 7、2 天,截止当天,逾期后每 3 天;逾期 6 天起抄送分管市领导和市府办");
    expect(describeRules({ daysBefore: [], onDueDay: false, overdueEveryDays: null, escalateAfterDays: null })).toBe("不在截止前后提醒");
  });
});

describe("the rules form", () => {
  const form = (fields: Record<string, string>) => reminderRulesSchema.safeParse({ periodId: "3", version: "0", ...fields });

  it("reads the days however they are separated, largest first, blanks as none", () => {
    expect(form({ daysBefore: "2、７ ", onDueDay: "on", overdueEveryDays: "3", escalateAfterDays: "" }).data).toEqual({
      periodId: 3,
      version: 0,
      daysBefore: [7, 2],
      onDueDay: true,
      overdueEveryDays: 3,
      escalateAfterDays: null,
    });
    expect(form({ daysBefore: "10, 5;1" }).data).toMatchObject({ daysBefore: [10, 5, 1], onDueDay: false, overdueEveryDays: null });
  });

  it("refuses what it cannot use, in Chinese", () => {
    const errors = (fields: Record<string, string>) => form(fields).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(errors({ daysBefore: "7,0" })).toEqual(["daysBefore: 截止前的天数请填写 1–60 之间的整数,用逗号或顿号分开,例如 7、2"]);
    expect(errors({ daysBefore: "一周" })).toEqual(["daysBefore: 截止前的天数请填写 1–60 之间的整数,用逗号或顿号分开,例如 7、2"]);
    expect(errors({ daysBefore: "7,7" })).toEqual(["daysBefore: 截止前的天数有重复"]);
    expect(errors({ daysBefore: "1,2,3,4,5,6" })).toEqual(["daysBefore: 截止前最多提醒 5 次"]);
    expect(errors({ overdueEveryDays: "0", escalateAfterDays: "100" })).toEqual([
      "overdueEveryDays: 逾期后的提醒间隔请填写 1–30 之间的整数天数,不需要则留空",
      "escalateAfterDays: 抄送领导的逾期天数请填写 1–90 之间的整数天数,不需要则留空",
    ]);
  });
});
