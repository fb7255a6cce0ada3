import type { ReviewState } from "@/lib/generated/prisma/enums";

export const reportStateLabels: Record<ReviewState, string> = {
  draft: "草稿",
  submitted: "已提交",
  returned: "已退回",
  approved: "已审核",
  published: "已公开",
};

/** Tailwind classes of a state badge; returned reports stand out because they need the unit's work. */
export const reportStateStyles: Record<ReviewState | "none", string> = {
  none: "bg-stone-100 text-stone-700",
  draft: "bg-amber-50 text-amber-800",
  submitted: "bg-sky-50 text-sky-800",
  returned: "bg-red-100 text-red-800",
  approved: "bg-emerald-50 text-emerald-800",
  published: "bg-emerald-100 text-emerald-900",
};

const cstFormat = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });
const cstDateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

export function formatDate(date: Date): string {
  return cstFormat.format(date);
}

export function formatDateTime(date: Date | string): string {
  return cstDateTime.format(typeof date === "string" ? new Date(date) : date);
}

/** A period "due 16 April 00:00" is shown as due on 15 April: the last day one may file. */
export function lastFilingDay(dueAt: Date): string {
  return formatDate(new Date(dueAt.getTime() - 1));
}
