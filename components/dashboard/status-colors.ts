import type { ProgressStatus } from "@/lib/progress";

/** One colour per status, for charts and badges; red for what needs the office's attention. */
export const statusColors: Record<ProgressStatus, string> = {
  not_filed: "#a8a29e",
  behind: "#dc2626",
  // Apart from 未填报's grey: the unit did report, the office asks for a figure.
  missing_figure: "#8b5cf6",
  not_started: "#f59e0b",
  in_progress: "#38bdf8",
  on_track: "#22c55e",
  ahead: "#15803d",
  completed: "#1e3a8a",
};

/** Badge classes with text contrast of at least 4.5:1 (WCAG AA); the chart colours above are too light for text. */
export const statusBadgeClasses: Record<ProgressStatus, string> = {
  not_filed: "bg-stone-200 text-stone-800",
  behind: "bg-red-100 text-red-800",
  missing_figure: "bg-violet-100 text-violet-900",
  not_started: "bg-amber-100 text-amber-900",
  in_progress: "bg-sky-100 text-sky-900",
  on_track: "bg-green-100 text-green-900",
  ahead: "bg-emerald-200 text-emerald-900",
  completed: "bg-blue-100 text-blue-900",
};
