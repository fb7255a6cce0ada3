/** Items a long list shows on a phone before it is expanded (the CSS in app/globals.css counts the same). */
export const PHONE_SHOWN = 5;

/**
 * A long list that a phone shows folded: its first items, then "展开全部(N)". The list inside marks
 * its items' parent (a ul or a tbody) with `data-collapse-items`. Wider screens show everything and
 * no toggle. Folded items are hidden only from the layout of a phone; the toggle reveals them in
 * place, so a table's rows and their figures (the text of its bars) stay together.
 */
export function Collapsible({ count, label, children }: { count: number; label: string; children: React.ReactNode }) {
  return (
    <div data-collapse="">
      {children}
      {count > PHONE_SHOWN && (
        <details className="mt-1 sm:hidden">
          <summary className="cursor-pointer py-2 text-sm text-brand-700 underline">
            <span className="collapse-closed">
              展开全部({count})<span className="sr-only">{label}</span>
            </span>
            <span className="collapse-open">
              收起<span className="sr-only">{label}</span>
            </span>
          </summary>
        </details>
      )}
    </div>
  );
}
