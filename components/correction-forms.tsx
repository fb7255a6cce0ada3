"use client";

import type { correctLeadAction } from "@/app/actions/tasks/correct-lead";
import type { correctTargetAction } from "@/app/actions/tasks/correct-target";
import { FieldError, FormMessage, useFormAction } from "@/components/use-form-action";
import { Comparator, TargetKind } from "@/lib/generated/prisma/enums";
import { comparatorLabels, targetKindLabels } from "@/lib/reporting/phrasing";

export function TargetCorrectionForm({
  action,
  target,
}: {
  action: typeof correctTargetAction;
  target: { id: number; kind: string; comparator: string; value: number; unit: string };
}) {
  const { result, formAction, pending, values, attempt, errors } = useFormAction(action);
  const value = (name: "kind" | "comparator" | "value" | "unit") => values[name] ?? String(target[name]);
  const id = (name: string) => `target-${target.id}-${name}`;
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-brand-700">更正或确认</summary>
      <form key={attempt} action={formAction} className="mt-2 grid grid-cols-2 gap-2">
        <input type="hidden" name="targetId" value={target.id} />
        <label htmlFor={id("kind")}>
          类型
          <select id={id("kind")} name="kind" defaultValue={value("kind")} className="input mt-1">
            {Object.values(TargetKind).map((kind) => (
              <option key={kind} value={kind}>
                {targetKindLabels[kind]}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={id("comparator")}>
          比较
          <select id={id("comparator")} name="comparator" defaultValue={value("comparator")} className="input mt-1">
            {Object.values(Comparator).map((code) => (
              <option key={code} value={code}>
                {comparatorLabels[code]}
              </option>
            ))}
          </select>
        </label>
        <div>
          <label htmlFor={id("value")}>数值(基本单位)</label>
          <input id={id("value")} name="value" inputMode="decimal" defaultValue={value("value")} className="input mt-1" aria-invalid={errors.value ? true : undefined} />
          <FieldError id={id("value-error")} messages={errors.value} />
        </div>
        <div>
          <label htmlFor={id("unit")}>计量单位</label>
          <input id={id("unit")} name="unit" defaultValue={value("unit")} className="input mt-1" aria-invalid={errors.unit ? true : undefined} />
          <FieldError id={id("unit-error")} messages={errors.unit} />
        </div>
        <div className="col-span-2 space-y-2">
          <FormMessage result={result} />
          <button type="submit" disabled={pending} className="btn-secondary">
            保存
          </button>
        </div>
      </form>
    </details>
  );
}

export function LeadToggle({ action, taskId, unitId, unitName, isLead }: { action: typeof correctLeadAction; taskId: number; unitId: number; unitName: string; isLead: boolean }) {
  const { result, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="taskId" value={taskId} />
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="isLead" value={isLead ? "false" : "true"} />
      <button type="submit" disabled={pending} className="rounded border border-stone-300 px-2 py-0.5 text-xs hover:bg-stone-100">
        {isLead ? `取消${unitName}牵头` : `设${unitName}为牵头`}
      </button>
      {result && !result.ok && <FormMessage result={result} />}
    </form>
  );
}
