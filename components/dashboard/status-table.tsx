import { progressStatusLabels, progressStatusOrder, type ProgressStatus } from "@/lib/progress";

/** The text equivalent of a status chart: one row per leader, unit or quarter. */
export function StatusTable({ caption, rows, firstColumn }: { caption: string; firstColumn: string; rows: Array<{ name: string; total: number; counts: Record<ProgressStatus, number>; href?: string }> }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] border-collapse text-sm">
        <caption className="mb-1 text-left text-stone-600">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col" className="p-1.5">{firstColumn}</th>
            <th scope="col" className="p-1.5 text-right">合计</th>
            {progressStatusOrder.map((status) => (
              <th key={status} scope="col" className="p-1.5 text-right whitespace-nowrap">
                {progressStatusLabels[status]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className="border-b border-stone-100">
              <th scope="row" className="p-1.5 text-left font-normal">
                {row.href ? (
                  <a href={row.href} className="text-brand-700 hover:underline">
                    {row.name}
                  </a>
                ) : (
                  row.name
                )}
              </th>
              <td className="p-1.5 text-right">{row.total}</td>
              {progressStatusOrder.map((status) => (
                <td key={status} className={`p-1.5 text-right ${status === "behind" && row.counts[status] > 0 ? "font-semibold text-red-700" : ""}`}>
                  {row.counts[status]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
