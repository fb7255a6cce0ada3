import Link from "next/link";
import { formatPercent } from "@/lib/reporting/phrasing";
import { defaultDirection, type ScoreRow, type SortDirection, type SortKey } from "@/lib/scorecard/score";
import { SCORECARD_COLUMNS } from "@/lib/scorecard/xlsx";

/** The .xlsx's columns, each a sortable header; 其中牵头 shows under 应报 rather than on its own. */
const COLUMNS = SCORECARD_COLUMNS.flatMap((column) => (column.key === "dueAsLead" ? [] : [{ key: column.key, header: column.header }]));

/**
 * The ranking as a table whose column headers are links that sort it (the sort lives in the URL,
 * so it works without JavaScript and by keyboard); the unit's name stays in view while a phone
 * scrolls the figures sideways.
 */
export function ScorecardTable({
  rows,
  sort,
  href,
  caption,
}: {
  rows: readonly ScoreRow[];
  sort: { key: SortKey; direction: SortDirection };
  href: (key: SortKey, direction: SortDirection) => string;
  caption: string;
}) {
  const header = ({ key, header: label }: { key: SortKey; header: string }) => {
    const current = sort.key === key;
    const next: SortDirection = current ? (sort.direction === "asc" ? "desc" : "asc") : defaultDirection(key);
    const arrow = current ? (sort.direction === "asc" ? "↑" : "↓") : "";
    return (
      <th key={key} scope="col" aria-sort={current ? (sort.direction === "asc" ? "ascending" : "descending") : undefined} className={key === "name" ? "text-left" : "text-right"}>
        <Link href={href(key, next)} className="whitespace-nowrap" aria-label={`按${label}${next === "asc" ? "升序" : "降序"}排列`}>
          {label}
          {arrow && <span aria-hidden="true">{arrow}</span>}
        </Link>
      </th>
    );
  };
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-sm [&_a]:text-brand-700 [&_a]:hover:underline [&_tbody_tr]:border-b [&_tbody_tr]:border-stone-100 [&_td]:p-1.5 [&_td]:text-right [&_th]:p-1.5">
        <caption className="sr-only">{caption}(点击列名排序)</caption>
        <thead>
          <tr className="border-b border-stone-300">{COLUMNS.map(header)}</tr>
        </thead>
        <tbody className="[&_th]:sticky [&_th]:left-0 [&_th]:min-w-[7em] [&_th]:bg-white [&_th]:text-left [&_th]:font-normal">
          {rows.map((row) => (
            <tr key={row.unitId}>
              <td>{row.rank}</td>
              <th scope="row">{row.name}</th>
              <td>
                {row.due}
                <span className="block text-xs text-stone-500">牵头 {row.dueAsLead}</span>
              </td>
              <td>{row.onTime}</td>
              <td className={row.late ? "text-amber-800" : undefined}>{row.late}</td>
              <td className={row.returned ? "text-amber-800" : undefined}>{row.returned}</td>
              <td className={row.missing ? "font-semibold text-red-800" : undefined}>{row.missing}</td>
              <td>{row.pending}</td>
              <td>{row.onTimeRate === null ? "—" : formatPercent(row.onTimeRate)}</td>
              <td className={row.behind ? "text-red-800" : undefined}>{row.behind}</td>
              <td>{row.missingFigures}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
