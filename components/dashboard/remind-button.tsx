"use client";

import type { remindUnitAction } from "@/app/actions/reports/remind-unit";
import { FormMessage, useFormAction } from "@/components/use-form-action";

/** One click records a reminder (催报) on each task the unit has not filed this period, or filed without a figure. */
export function RemindButton({ action, periodId, unitId, unitName, dueLabel }: { action: typeof remindUnitAction; periodId: number; unitId: number; unitName: string; dueLabel: string }) {
  const { result, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="note" value={`请${unitName}于${dueLabel}前提交本季度进展和数据。`} />
      <button type="submit" disabled={pending || result?.ok} className="btn-secondary px-3 py-1 text-sm">
        {result?.ok ? "已催报" : pending ? "正在催报…" : "催报"}
      </button>
      <FormMessage result={result} />
    </form>
  );
}
