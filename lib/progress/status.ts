/**
 * Progress statuses (进度状态) as published by supervision offices, and the order used to
 * pick a task's worst target and to sort dashboards.
 */

export type ProgressStatus =
  | "not_filed" // 未填报: no lead unit filed a report of the period (a qualitative task: nor a status)
  | "behind" // 慢于序时 / 欠进度 / 滞后
  | "missing_figure" // 已填报,缺少数据: a lead unit filed, but no lead unit gave a figure for the target
  | "not_started" // 未启动 (qualitative tasks only)
  | "in_progress" // 推进中 (qualitative tasks only)
  | "on_track" // 按序时推进 / 达进度
  | "ahead" // 超序时进度 (pro-rata quantity targets only)
  | "completed"; // 已完成 / 提前完成

export const progressStatusLabels: Record<ProgressStatus, string> = {
  not_filed: "未填报",
  behind: "慢于序时",
  missing_figure: "已填报,缺少数据",
  not_started: "未启动",
  in_progress: "推进中",
  on_track: "按序时",
  ahead: "超序时",
  completed: "已完成",
};

/**
 * Worst first. 未填报 is worst: the office chases a missing filing (催报) before anything
 * else, and a task with an unfiled target cannot be called on track. 慢于序时 follows.
 * 已填报,缺少数据 comes right after 慢于序时: like 未填报 it leaves the target unjudged, so it
 * outranks every judged state short of a lag (a task cannot be on track with a figure missing),
 * but the unit has reported and the office's chase is of another kind — it asks for the figure,
 * not for a report — while a lag measured on another target of the task is a known problem and
 * keeps the task among those 慢于序时.
 * 未启动 ranks above 慢于序时 because many qualitative tasks legitimately start late in the
 * year (a project due to break ground in Q3); the narrative is the evidence, not a measured lag.
 * 推进中 sits just below 按序时: under way, but with no figure to show it is on pace.
 */
export const progressStatusOrder: readonly ProgressStatus[] = [
  "not_filed",
  "behind",
  "missing_figure",
  "not_started",
  "in_progress",
  "on_track",
  "ahead",
  "completed",
];

const rank = (status: ProgressStatus) => progressStatusOrder.indexOf(status);

/** Sort comparator, worst first: `statuses.sort(compareProgressStatus)`. */
export function compareProgressStatus(a: ProgressStatus, b: ProgressStatus): number {
  return rank(a) - rank(b);
}

/** Count of each status, every status present (zero when absent), keys in worst-to-best order. */
export function countByStatus(statuses: Iterable<ProgressStatus>): Record<ProgressStatus, number> {
  const counts = Object.fromEntries(progressStatusOrder.map((s) => [s, 0])) as Record<ProgressStatus, number>;
  for (const status of statuses) counts[status] += 1;
  return counts;
}
