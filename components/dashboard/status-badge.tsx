import { progressStatusLabels, type ProgressStatus } from "@/lib/progress";
import { statusBadgeClasses } from "./status-colors";

/**
 * A task's or a target's status against 序时进度 as a coloured badge, the same on the dashboard
 * and the task page. The label is the text: the colour only repeats it. `className` adds the
 * badge's shape where no list around it sets it (the dashboard's task list sets it once).
 */
export function ProgressStatusBadge({ status, className }: { status: ProgressStatus; className?: string }) {
  return <span className={className ? `${statusBadgeClasses[status]} ${className}` : statusBadgeClasses[status]}>{progressStatusLabels[status]}</span>;
}
