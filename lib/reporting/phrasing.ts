/**
 * How a target and a figure are phrased, everywhere: task page, dashboard, reasons of a status,
 * review queue, import preview, exports. Plain functions, safe in client and server code.
 * Values are in base units (60000 for 6万千瓦, 2e10 for 200亿元, 2.5 for 2.5 %); the scale they are
 * written at is lib/reporting/units.ts's.
 */
import type { Comparator, TargetKind } from "@/lib/generated/prisma/enums";
import { progressStatusLabels, type ProgressStatus } from "@/lib/progress/status";
import { entryUnitOf, scaleOf, toEntry } from "@/lib/reporting/units";

export interface PhrasedTarget {
  kind: TargetKind;
  comparator: Comparator;
  value: number;
  unit: string;
}

export const targetKindLabels: Record<TargetKind, string> = { growth: "增长", decrease: "下降", level: "水平", quantity: "数量" };

/** The sign written before a figure; 左右 (approx) is written after it, and a plain figure (eq) has none. */
const comparatorSigns: Record<Comparator, string> = { gte: "≥", gt: ">", lte: "≤", lt: "<", eq: "", approx: "" };

/** What each comparator means, for the office's correction form. */
export const comparatorLabels: Record<Comparator, string> = {
  gte: "≥ 不少于(以上)",
  gt: "> 超过",
  lte: "≤ 不超过(以下)",
  lt: "< 低于",
  approx: "左右",
  eq: "= 达到",
};

/** A number as the documents write it: no thousands separators (1265套), at most four decimals. */
function formatNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** A value with its unit, at the scale its size calls for: 60000 千瓦 → "6万千瓦", 2e10 元 → "200亿元", 30000 万元 → "30000万元". */
export function formatQuantity(value: number, unit: string): string {
  const scale = scaleOf(value, unit);
  return `${formatNumber(toEntry(value, scale))}${scale.label}`;
}

/**
 * A figure of a target in the unit the target is entered in (lib/reporting/units.ts), so that it
 * reads as typed and compares at a glance: 32000 against 6万千瓦 → "3.2万千瓦", 3000 → "0.3万千瓦".
 * A figure too small to show at that scale is written at its own (1 against 800亿元 → "1元", not "0亿元").
 */
export function formatFigure(target: { value: number; unit: string }, value: number): string {
  const unit = entryUnitOf(target);
  const scaled = toEntry(value, unit);
  if (value !== 0 && Number(scaled.toFixed(4)) === 0) return formatQuantity(value, target.unit);
  return `${formatNumber(scaled)}${unit.label}`;
}

/**
 * A share of the year's target or of the year itself: 0.355 → "35.5%" (one decimal, half up),
 * the only place a share becomes text. It rounds the decimal figure a person would work out, not
 * its binary approximation: 1.45 of 100 is 1.45 %, which is 1.5 %, though 1.45 / 100 is stored as
 * 0.014499999… (the shares of the figures a unit types hit such halves often), so the float noise
 * is cut at 12 significant digits before rounding.
 */
export function formatPercent(share: number): string {
  const tenths = Number((share * 1000).toPrecision(12));
  return `${(Math.sign(tenths) * Math.round(Math.abs(tenths))) / 10}%`;
}

/**
 * A status with its reason, as every page writes it: "慢于序时:增长1.9%,目标≥2.5%",
 * "已填报,缺少数据:未填数据,目标≥800亿元". The reason carries the figures, phrased above.
 */
export function describeProgress({ status, reason }: { status: ProgressStatus; reason: string }): string {
  return `${progressStatusLabels[status]}:${reason}`;
}

/**
 * A target: "增长≥2.5%", "≥6万千瓦", "6%左右", "130个". The kind word (增长 / 下降) is written
 * unless `kindWord` is false — a reason drops it where the actual beside it already says it.
 */
export function describeTarget(target: PhrasedTarget, { kindWord = true }: { kindWord?: boolean } = {}): string {
  const word = !kindWord ? "" : target.kind === "growth" ? "增长" : target.kind === "decrease" ? "下降" : "";
  const approx = target.comparator === "approx" ? "左右" : "";
  return `${word}${comparatorSigns[target.comparator]}${formatQuantity(target.value, target.unit)}${approx}`;
}

const isUpperBound = (target: PhrasedTarget) => target.comparator === "lte" || target.comparator === "lt";

/**
 * A year-to-date figure against its target: "增长1.9%", "下降5.5%" (a negative growth),
 * "上升0.4%" (a negative decrease), "完成2.1万千瓦" (a quantity to reach), "实际24微克/立方米"
 * (a level, or a cap). `reversed`: the figure went the other way from the target's kind.
 */
export function describeActual(target: PhrasedTarget, actual: number): { text: string; reversed: boolean } {
  const size = formatFigure(target, Math.abs(actual));
  if (target.kind === "growth") return actual < 0 ? { text: `下降${size}`, reversed: true } : { text: `增长${size}`, reversed: false };
  if (target.kind === "decrease") return actual < 0 ? { text: `上升${size}`, reversed: true } : { text: `下降${size}`, reversed: false };
  const verb = target.kind === "quantity" && !isUpperBound(target) ? "完成" : "实际";
  return { text: `${verb}${formatFigure(target, actual)}`, reversed: false };
}

/**
 * A status as the public reads it. The public sees published reports only, so a task without a
 * published report has 暂无公开进展 (`not_published`), not 未填报: its unit may well have filed a
 * report that the office has not published yet.
 */
export type PublicStatus = Exclude<ProgressStatus, "not_filed"> | "not_published";

export const publicStatusLabels: Record<PublicStatus, string> = {
  not_published: "暂无公开进展",
  behind: progressStatusLabels.behind,
  missing_figure: progressStatusLabels.missing_figure,
  not_started: progressStatusLabels.not_started,
  in_progress: progressStatusLabels.in_progress,
  on_track: progressStatusLabels.on_track,
  ahead: progressStatusLabels.ahead,
  completed: progressStatusLabels.completed,
};

/** The public's status of a task and its sentence, "慢于序时:增长1.9%,目标≥2.5%" or "暂无公开进展". */
export function describePublicProgress(progress: { status: ProgressStatus; reason: string }): { status: PublicStatus; label: string; text: string } {
  if (progress.status === "not_filed") return { status: "not_published", label: publicStatusLabels.not_published, text: publicStatusLabels.not_published };
  return { status: progress.status, label: publicStatusLabels[progress.status], text: describeProgress(progress) };
}
