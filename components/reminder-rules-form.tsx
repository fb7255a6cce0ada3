"use client";

import type { saveReminderRulesAction } from "@/app/actions/periods/save-reminder-rules";
import { FieldError, FormFooter, useFormAction } from "@/components/use-form-action";
import type { ReminderRules } from "@/lib/reminders/rules";

type Name = "daysBefore" | "overdueEveryDays" | "escalateAfterDays";

/** A days field with what it takes said beside it (its hint), and its errors. */
function DaysField({ name, label, hint, value, messages, wide }: { name: Name; label: string; hint: string; value: string; messages?: string[]; wide?: boolean }) {
  const described = [`${name}-hint`, messages ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <label htmlFor={name} className="block text-sm">
        {label}
      </label>
      <input
        id={name}
        name={name}
        defaultValue={value}
        inputMode={wide ? "text" : "numeric"}
        autoComplete="off"
        className="input mt-1"
        aria-invalid={messages ? true : undefined}
        aria-describedby={described}
      />
      <p id={`${name}-hint`} className="mt-1 text-xs text-stone-600">
        {hint}
      </p>
      <FieldError id={`${name}-error`} messages={messages} />
    </div>
  );
}

/**
 * The office's reminder rules of one period. A refused save draws the form again with what was
 * typed (useFormAction); a saved one with the rules as saved, read again by the page.
 */
export function ReminderRulesForm({ action, periodId, version, rules }: { action: typeof saveReminderRulesAction; periodId: number; version: number; rules: ReminderRules }) {
  const { result, formAction, pending, values, attempt, errors } = useFormAction(action);
  const typed = values.periodId !== undefined;
  const value = (name: Name, saved: string) => (typed ? (values[name] ?? "") : saved);
  return (
    <form key={`${attempt}:${version}`} action={formAction} className="card grid gap-3 sm:grid-cols-2" aria-label="提醒规则">
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="version" value={version} />
      <DaysField
        name="daysBefore"
        label="截止前几天提醒"
        hint="天数,用逗号或顿号分开,例如 7、2;留空则截止前不提醒。"
        value={value("daysBefore", rules.daysBefore.join("、"))}
        messages={errors.daysBefore}
        wide
      />
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="onDueDay" defaultChecked={typed ? values.onDueDay === "on" : rules.onDueDay} className="size-5" />
        截止当天提醒
      </label>
      <DaysField
        name="overdueEveryDays"
        label="逾期后每隔几天提醒"
        hint="留空则逾期后不再提醒。"
        value={value("overdueEveryDays", rules.overdueEveryDays?.toString() ?? "")}
        messages={errors.overdueEveryDays}
      />
      <DaysField
        name="escalateAfterDays"
        label="逾期几天起抄送分管市领导和市府办"
        hint="留空则不抄送。"
        value={value("escalateAfterDays", rules.escalateAfterDays?.toString() ?? "")}
        messages={errors.escalateAfterDays}
      />
      <FormFooter result={result} pending={pending} label="保存提醒规则" pendingLabel="正在保存…" />
    </form>
  );
}
