"use client";

import { useState } from "react";
import type { savePeriodAction } from "@/app/actions/periods/save-period";
import type { setPeriodClosedAction } from "@/app/actions/periods/set-period-closed";
import { FieldError, FormFooter, FormMessage, useFormAction } from "@/components/use-form-action";
import { isQuarter, periodFormDays, quarterLabels, type PeriodDays, type Quarter } from "@/lib/periods/quarters";

export interface PeriodFormPlan {
  id: number;
  label: string;
  year: number;
  periods: PeriodDays[];
}

/**
 * Opens a quarter or changes its dates. The quarter and dates follow the chosen plan (its next
 * quarter, lib/periods/quarters.ts) and the chosen quarter (its own dates where it is open
 * already), in the browser, without a reload. Fields are uncontrolled, keyed by what they follow:
 * React resets a form after its action, and the form is drawn afresh after each attempt.
 */
export function PeriodForm({ action, plans }: { action: typeof savePeriodAction; plans: PeriodFormPlan[] }) {
  const [planId, setPlanId] = useState(plans[0].id);
  // null: the plan's next quarter.
  const [quarter, setQuarter] = useState<Quarter | null>(null);
  // The dates a refused attempt held, shown again until the plan or quarter changes.
  const [typed, setTyped] = useState<{ opensOn: string; dueOn: string } | null>(null);
  const { result, formAction, pending, values, attempt, errors } = useFormAction(async (previous: unknown, form: FormData) => {
    // The form stays on the plan and quarter sent, saved or not.
    const sent = Number(form.get("quarter"));
    setPlanId(Number(form.get("planId")));
    setQuarter(isQuarter(sent) ? sent : null);
    return action(previous, form);
  });
  const [shownAttempt, setShownAttempt] = useState(attempt);
  if (shownAttempt !== attempt) {
    setShownAttempt(attempt);
    setTyped(values.planId ? { opensOn: values.opensOn ?? "", dueOn: values.dueOn ?? "" } : null);
  }
  const plan = plans.find((candidate) => candidate.id === planId) ?? plans[0];
  const days = { ...periodFormDays(plan, quarter ?? undefined), ...typed };
  const opening = !plan.periods.some((period) => period.quarter === days.quarter);
  const dateKey = `${plan.id}:${days.quarter}:${days.opensOn}:${days.dueOn}`;
  return (
    <form key={attempt} action={formAction} className="card grid gap-3 sm:grid-cols-2" aria-label="开启或修改填报期">
      <label className="block text-sm sm:col-span-2">
        计划
        <select
          name="planId"
          defaultValue={plan.id}
          onChange={(event) => {
            setPlanId(Number(event.target.value));
            setQuarter(null);
            setTyped(null);
          }}
          className="input mt-1"
        >
          {plans.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        季度
        <select
          key={plan.id}
          name="quarter"
          defaultValue={days.quarter}
          onChange={(event) => {
            const chosen = Number(event.target.value);
            setQuarter(isQuarter(chosen) ? chosen : null);
            setTyped(null);
          }}
          className="input mt-1"
        >
          {([1, 2, 3, 4] as const).map((option) => (
            <option key={option} value={option}>
              {quarterLabels[option]}
              {plan.periods.some((period) => period.quarter === option) ? "(已开启)" : ""}
            </option>
          ))}
        </select>
      </label>
      <p className="self-end text-sm text-stone-600" aria-live="polite">
        {opening ? "将开启新的填报期。" : "该季度已开启,保存将修改日期。"}
      </p>
      <DayField key={`opensOn-${dateKey}`} name="opensOn" label="开始填报日期" day={days.opensOn} messages={errors.opensOn} />
      <DayField key={`dueOn-${dateKey}`} name="dueOn" label="截止日期(当天24时)" day={days.dueOn} messages={errors.dueOn} />
      <FormFooter result={result} pending={pending} label={opening ? "开启填报期" : "保存填报期"} pendingLabel="正在保存…" />
    </form>
  );
}

export function PeriodClosedToggle({ action, periodId, closed }: { action: typeof setPeriodClosedAction; periodId: number; closed: boolean }) {
  const { result, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="closed" value={closed ? "false" : "true"} />
      <button type="submit" disabled={pending} className="btn-secondary px-3 py-1 text-sm">
        {closed ? "重新开放" : "关闭填报"}
      </button>
      {result && !result.ok && <FormMessage result={result} />}
    </form>
  );
}

/** A day of the period; remounted (its key) when the plan or quarter chosen gives it a new default. */
function DayField({ name, label, day, messages }: { name: "opensOn" | "dueOn"; label: string; day: string; messages: string[] | undefined }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type="date"
        defaultValue={day}
        className="input mt-1"
        aria-invalid={messages ? true : undefined}
        aria-describedby={messages ? `${name}-error` : undefined}
      />
      <FieldError id={`${name}-error`} messages={messages} />
    </div>
  );
}
