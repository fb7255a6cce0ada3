import { z } from "zod";
import { REMINDER_LIMITS } from "@/lib/reminders/rules";
import { idField, versionField } from "@/lib/zod/form";

/** Whole days typed by a person: full-width digits read as digits, blanks around ignored. */
function days(value: string): string {
  return value.replace(/[０-９]/g, (digit) => String(digit.charCodeAt(0) - 0xff10)).trim();
}

/** An optional number of days, blank for none: "" → null. */
function optionalDays(label: string, max: number) {
  const message = `${label}请填写 1–${max} 之间的整数天数,不需要则留空`;
  return z
    .string()
    .default("")
    .transform(days)
    .refine((value) => value === "" || (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= max), message)
    .transform((value) => (value === "" ? null : Number(value)));
}

/**
 * The rules form of a period (lib/reminders/rules.ts). The days before are typed as a list, "7, 2"
 * or "7、2" or "7 2"; every field says in Chinese what it takes.
 */
export const reminderRulesSchema = z.object({
  periodId: idField("填报期"),
  version: versionField,
  daysBefore: z
    .string()
    .default("")
    .transform(days)
    .transform((value) => value.split(/[\s,,、;;]+/).filter((part) => part !== ""))
    .refine((parts) => parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) >= 1 && Number(part) <= REMINDER_LIMITS.daysBefore), {
      message: `截止前的天数请填写 1–${REMINDER_LIMITS.daysBefore} 之间的整数,用逗号或顿号分开,例如 7、2`,
      abort: true,
    })
    .transform((parts) => parts.map(Number))
    .refine((list) => new Set(list).size === list.length, "截止前的天数有重复")
    .refine((list) => list.length <= REMINDER_LIMITS.daysBeforeCount, `截止前最多提醒 ${REMINDER_LIMITS.daysBeforeCount} 次`)
    .transform((list) => list.sort((a, b) => b - a)),
  onDueDay: z
    .string()
    .optional()
    .transform((value) => value === "on"),
  overdueEveryDays: optionalDays("逾期后的提醒间隔", REMINDER_LIMITS.overdueEveryDays),
  escalateAfterDays: optionalDays("抄送领导的逾期天数", REMINDER_LIMITS.escalateAfterDays),
});

export type ReminderRulesInput = z.output<typeof reminderRulesSchema>;
