import { quarterName } from "@/lib/periods/quarters";

interface PickerPeriod {
  id: number;
  quarter: number;
  closed: boolean;
  plan: { year: number; government: string; title: string };
}

function periodName(period: PickerPeriod): string {
  const quarter = quarterName(period.quarter);
  return `${period.plan.year}年 ${period.plan.government} ${quarter}${period.closed ? "(已关闭)" : ""} — ${period.plan.title}`;
}

/**
 * A plain GET form, so the chosen period lives in the URL and works without JavaScript. `keep`:
 * the page's other parameters (a filter), carried over to the period chosen.
 */
export function PeriodPicker({ periods, selected, basePath, keep = {} }: { periods: PickerPeriod[]; selected: number; basePath: string; keep?: Record<string, string> }) {
  return (
    <form method="get" action={basePath} className="flex flex-wrap items-end gap-2">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="block grow text-sm">
        填报期
        <select name="period" defaultValue={selected} className="input mt-1">
          {periods.map((period) => (
            <option key={period.id} value={period.id}>
              {periodName(period)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn-secondary">
        查看
      </button>
    </form>
  );
}
