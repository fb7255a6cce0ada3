import { pageWindow } from "@/lib/pagination";

/**
 * Links to the pages of a long list (lib/pagination.ts). Plain links: they work without
 * JavaScript, and the browser does not fetch every page ahead. `href(n)` is the address of page n,
 * best with the list's heading as fragment so that the reader lands on the list.
 */
export function Pager({
  label,
  page,
  pageCount,
  total,
  from,
  to,
  href,
}: {
  /** The navigation's accessible name: "任务清单分页". */
  label: string;
  page: number;
  pageCount: number;
  total: number;
  from: number;
  to: number;
  href: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  // Link styles set once on the nav, not on each link.
  return (
    <nav
      aria-label={label}
      className="mt-2 flex flex-wrap items-center gap-1 text-sm print:hidden [&_a]:rounded [&_a]:border [&_a]:border-stone-300 [&_a]:bg-white [&_a]:px-2 [&_a]:py-0.5 [&_a]:hover:bg-stone-100"
    >
      <span className="mr-2 text-stone-600">
        第 {from}–{to} 项,共 {total} 项
      </span>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          上一页
        </a>
      )}
      {pageWindow(page, pageCount).map((n, i) =>
        n === null ? (
          <span key={`gap${i}`} aria-hidden="true">
            …
          </span>
        ) : n === page ? (
          <span key={n} aria-current="page" className="rounded border border-brand-700 bg-brand-700 px-2 py-0.5 text-white">
            <span className="sr-only">第</span>
            {n}
            <span className="sr-only">页</span>
          </span>
        ) : (
          <a key={n} href={href(n)} aria-label={`第 ${n} 页`}>
            {n}
          </a>
        ),
      )}
      {page < pageCount && (
        <a href={href(page + 1)} rel="next">
          下一页
        </a>
      )}
    </nav>
  );
}
