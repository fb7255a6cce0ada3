import type { ProgressStatus } from "@/lib/progress";

/** One colour per status, for charts and badges; red for what needs the office's attention. */
export const statusColors: Record<ProgressStatus, string> = {
  not_filed: "#a8a29e",
  behind: "#dc2626",
  not_started: "#f59e0b",
  in_progress: "#38bdf8",
  on_track: "#22c55e",
  ahead: "#15803d",
  completed: "#1e3a8a",
};
