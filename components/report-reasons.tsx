import { quarterLabels } from "@/lib/periods/quarters";
import { formatPercent } from "@/lib/reporting/phrasing";
import type { RepeatOfPrevious } from "@/lib/reports/repeats";

/** A report's 存在问题 and 下一步措施, where it gives them (lib/reports/behind.ts). */
export function ReportReasons({ problems, nextSteps, className = "" }: { problems: string; nextSteps: string; className?: string }) {
  if (!problems && !nextSteps) return null;
  return (
    <dl className={`space-y-1 rounded bg-amber-50 p-2 text-sm ${className}`}>
      {(
        [
          ["存在问题", problems],
          ["下一步措施", nextSteps],
        ] as const
      )
        .filter(([, text]) => text)
        .map(([label, text]) => (
          <div key={label}>
            <dt className="inline font-medium">{label}:</dt>
            <dd className="inline whitespace-pre-wrap">{text}</dd>
          </div>
        ))}
    </dl>
  );
}

/**
 * A narrative with the passages it repeats from the same unit's previous report marked, and how
 * much that is; the narrative alone where there is nothing to compare with.
 */
export function NarrativeWithRepeats({ narrative, repeat, empty = "" }: { narrative: string; repeat: RepeatOfPrevious | null; empty?: string }) {
  if (!repeat) return <p className="mt-2 whitespace-pre-wrap">{narrative || empty}</p>;
  return (
    <>
      <p className="mt-2 text-sm text-stone-700" data-testid="repeat-figure">
        与{quarterLabels[repeat.quarter]}填报相同的文字:<strong>{formatPercent(repeat.share)}</strong>({repeat.repeated} / {repeat.length} 字
        {repeat.repeated > 0 ? ",重复段落以底色标出" : ""})
      </p>
      <p className="mt-1 whitespace-pre-wrap">
        {repeat.segments.map((segment, index) =>
          segment.repeated ? (
            <mark key={index} className="bg-amber-200 text-inherit" title={`与${quarterLabels[repeat.quarter]}相同`}>
              {segment.text}
            </mark>
          ) : (
            segment.text
          ),
        )}
      </p>
    </>
  );
}
