"use client";

import type { savePeriodAction } from "@/app/actions/periods/save-period";
import type { setPeriodClosedAction } from "@/app/actions/periods/set-period-closed";
import { FieldError, FormFooter, FormMessage, useFormAction } from "@/components/use-form-action";

export function PeriodForm({
  action,
  plans,
  initial,
}: {
  action: typeof savePeriodAction;
  plans: Array<{ id: number; label: string }>;
  initial: { planId: number; quarter: number; opensOn: string; dueOn: string };
}) {
  const { result, formAction, pending, values, attempt, errors } = useFormAction(action);
  const value = (name: keyof typeof initial) => values[name] ?? String(initial[name]);
  return (
    <form key={attempt} action={formAction} className="card grid gap-3 sm:grid-cols-2" aria-label="开启或修改填报期">
      <label className="block text-sm sm:col-span-2">
        计划
        <select name="planId" defaultValue={value("planId")} className="input mt-1">
          {plans.map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.label}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        季度
        <select name="quarter" defaultValue={value("quarter")} className="input mt-1">
          {[1, 2, 3, 4].map((quarter) => (
            <option key={quarter} value={quarter}>
              第{quarter}季度
            </option>
          ))}
        </select>
      </label>
      <div />
      <div>
        <label htmlFor="opensOn" className="block text-sm">
          开始填报日期
        </label>
        <input id="opensOn" name="opensOn" type="date" defaultValue={value("opensOn")} className="input mt-1" aria-invalid={errors.opensOn ? true : undefined} />
        <FieldError id="opensOn-error" messages={errors.opensOn} />
      </div>
      <div>
        <label htmlFor="dueOn" className="block text-sm">
          截止日期(当天24时)
        </label>
        <input id="dueOn" name="dueOn" type="date" defaultValue={value("dueOn")} className="input mt-1" aria-invalid={errors.dueOn ? true : undefined} />
        <FieldError id="dueOn-error" messages={errors.dueOn} />
      </div>
      <FormFooter result={result} pending={pending} label="保存填报期" pendingLabel="正在保存…" />
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
