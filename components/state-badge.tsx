import { reportStateLabels, reportStateStyles } from "@/lib/reports/labels";
import type { ReviewState } from "@/lib/generated/prisma/enums";

export function StateBadge({ state, late }: { state: ReviewState | null; late?: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className={`rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${reportStateStyles[state ?? "none"]}`}>
        {state ? reportStateLabels[state] : "未填报"}
      </span>
      {late && <span className="rounded bg-orange-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-orange-800">逾期</span>}
    </span>
  );
}
