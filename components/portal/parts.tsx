import { quarterLabels, type Quarter } from "@/lib/periods/quarters";
import { progressStatusOrder, type ProgressStatus } from "@/lib/progress";
import { statusIn } from "@/lib/public/search";
import type { PublicPlanPage, PublicTask } from "@/lib/public/types";
import { publicStatusLabels, type PublicStatus } from "@/lib/reporting/phrasing";
import { formatDate } from "@/lib/reports/labels";

/** Statuses as the public sees them, worst first as everywhere (the order of the counts and the filter), 暂无公开进展 last. */
export const PUBLIC_STATUS_ORDER: readonly PublicStatus[] = [
  ...progressStatusOrder.filter((status): status is Exclude<ProgressStatus, "not_filed"> => status !== "not_filed"),
  "not_published",
];

/** A status in words, on a colour of at least 4.5:1 contrast (public/portal.css .s-…). */
export function StatusBadge({ status, children }: { status: PublicStatus; children?: React.ReactNode }) {
  return <span className={`badge s-${status}`}>{children ?? publicStatusLabels[status]}</span>;
}

/** The status as a badge and its reason after it: "[慢于序时] 增长1.9%,目标≥2.5%". */
export function StatusLine({ status, label, sentence }: { status: PublicStatus; label: string; sentence: string }) {
  // The sentence is "label:reason" (describePublicProgress); the badge says the label already.
  const reason = sentence.startsWith(`${label}:`) ? sentence.slice(label.length + 1) : sentence === label ? "" : sentence;
  return (
    <p className="task-status">
      <StatusBadge status={status}>{label}</StatusBadge>
      {reason && <span className="reason">{reason}</span>}
    </p>
  );
}

export function publicDate(iso: string): string {
  return formatDate(new Date(iso));
}

/** A task's status in each quarter so far, in words: the strip under every task of the plan page. */
export function QuarterStrip({ task }: { task: PublicTask }) {
  if (task.quarters.length === 0) return null;
  return (
    <ol className="strip" aria-label="各季度状态">
      {task.quarters.map((entry) => (
        <li key={entry.quarter} className={`s-${entry.status}`}>
          {quarterLabels[entry.quarter]} {entry.label}
        </li>
      ))}
    </ol>
  );
}

/** The open data of a plan's quarter and the plan's feed. */
export function OpenDataLinks({ page, quarter }: { page: PublicPlanPage; quarter: Quarter | null }) {
  const base = `/api/v1/plans/${page.plan.id}/quarters/${quarter}`;
  return (
    <ul className="links">
      {quarter !== null && page.plan.kind === "key_tasks" && (
        <>
          <li>
            <a href={`/plans/${page.plan.id}/table/${quarter}`}>{quarterLabels[quarter]}完成情况表(可打印)</a>
          </li>
          <li>
            <a href={`${base}.csv`}>{quarterLabels[quarter]} CSV</a>
          </li>
          <li>
            <a href={`${base}.json`}>{quarterLabels[quarter]} JSON</a>
          </li>
        </>
      )}
      <li>
        <a href={`/public/plans/${page.plan.id}/feed.xml`}>订阅新公开的进展(Atom)</a>
      </li>
    </ul>
  );
}

/** The counts of the quarter's statuses, each a link to the tasks of that status. */
export function StatusCounts({ planId, tasks, quarter }: { planId: number; tasks: readonly PublicTask[]; quarter: Quarter | null }) {
  const counts = new Map<PublicStatus, number>();
  for (const task of tasks) {
    const status = statusIn(task, quarter);
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return (
    <ul className="counts" aria-label={quarter ? `${quarterLabels[quarter]}各状态任务数` : "各状态任务数"}>
      {PUBLIC_STATUS_ORDER.filter((status) => counts.has(status)).map((status) => (
        <li key={status}>
          <a href={`/public/plans/${planId}?${new URLSearchParams({ ...(quarter ? { quarter: String(quarter) } : {}), status })}`} className={`count s-${status}`}>
            <strong>{counts.get(status)}</strong> {publicStatusLabels[status]}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A narrative cut for a list, with the whole on the task page. */
export function excerpt(text: string, max = 140): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max).join("")}…`;
}
