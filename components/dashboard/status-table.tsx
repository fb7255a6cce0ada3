import { progressStatusLabels, progressStatusOrder, type ProgressStatus } from "@/lib/progress";
import { statusColors } from "./status-colors";

export interface StatusTableRow {
  name: string;
  total: number;
  counts: Record<ProgressStatus, number>;
  href?: string;
}

/**
 * Task statuses by leader, unit or quarter: the figures, and in the last column a stacked bar of
 * the same figures drawn on the server (no chart script, nothing but the drawn widths sent). The
 * bar is decoration for sighted readers; the column headings carry its colour key. Bars share
 * one scale, the largest total of the table, so that their lengths compare.
 */
/** The stacked bar of a row as one CSS gradient: one element and one style string a row. */
function barStyle(counts: Record<ProgressStatus, number>, total: number, scale: number) {
  let at = 0;
  const stops = progressStatusOrder
    .filter((status) => counts[status] > 0)
    .map((status) => {
      at += counts[status];
      return `${statusColors[status]} 0 ${((at / total) * 100).toFixed(1)}%`;
    });
  return { width: `${((total / scale) * 100).toFixed(1)}%`, background: `linear-gradient(90deg,${stops.join(",")})` };
}

export function StatusTable({ caption, rows, firstColumn }: { caption: string; firstColumn: string; rows: StatusTableRow[] }) {
  const scale = Math.max(1, ...rows.map((row) => row.total));
  return (
    <div className="overflow-x-auto">
      {/* Cell styles set once on the table, not on each cell. */}
      <table className="w-full min-w-[40rem] border-collapse text-sm [&_a]:text-brand-700 [&_a]:hover:underline [&_tbody_th]:text-left [&_tbody_th]:font-normal [&_tbody_tr]:border-b [&_tbody_tr]:border-stone-100 [&_td]:p-1.5 [&_td]:text-right [&_th]:p-1.5">
        <caption className="mb-1 text-left text-stone-600">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col">{firstColumn}</th>
            <th scope="col" className="text-right">
              合计
            </th>
            {progressStatusOrder.map((status) => (
              <th key={status} scope="col" className="text-right whitespace-nowrap">
                <span aria-hidden="true" className="mr-1 inline-block size-2.5 rounded-sm" style={{ backgroundColor: statusColors[status] }} />
                {progressStatusLabels[status]}
              </th>
            ))}
            <th scope="col" className="w-1/5 print:hidden">
              分布
            </th>
          </tr>
        </thead>
        {/* Foldable on a phone (Collapsible); the first column stays in view while the rest scrolls sideways. */}
        <tbody data-collapse-items="" className="[&_th]:sticky [&_th]:left-0 [&_th]:min-w-[7em] [&_th]:bg-white">
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.href ? <a href={row.href}>{row.name}</a> : row.name}</th>
              <td>{row.total}</td>
              {progressStatusOrder.map((status) =>
                status === "behind" && row.counts[status] > 0 ? (
                  <td key={status} className="font-semibold text-red-700">
                    {row.counts[status]}
                  </td>
                ) : (
                  <td key={status}>{row.counts[status]}</td>
                ),
              )}
              <td className="print:hidden">{row.total > 0 && <span aria-hidden="true" className="block h-3 rounded-sm" style={barStyle(row.counts, row.total, scale)} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
