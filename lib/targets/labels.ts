import type { Comparator, ParsedTarget, TargetKind } from "./parse";

/** Database codes of the parser's comparators (Prisma enum values cannot be symbols). */
export const comparatorCodes = {
  ">=": "gte",
  "<=": "lte",
  "~": "approx",
  ">": "gt",
  "<": "lt",
  "=": "eq",
} as const satisfies Record<Comparator, string>;

export type ComparatorCode = (typeof comparatorCodes)[Comparator];

const comparatorOfCode = Object.fromEntries(Object.entries(comparatorCodes).map(([symbol, code]) => [code, symbol])) as Record<
  ComparatorCode,
  Comparator
>;

export const comparatorSymbols: Record<ComparatorCode, string> = { gte: "≥", lte: "≤", approx: "约", gt: ">", lt: "<", eq: "=" };

export const targetKindLabels: Record<TargetKind, string> = { growth: "增长", decrease: "下降", level: "水平", quantity: "数量" };

// No thousands separators: the documents write 1265套, not 1,265套.
const number = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4, useGrouping: false });

/** A value in base units shown the way the documents write it: 60000 千瓦 → "6万千瓦". */
export function formatQuantity(value: number, unit: string): string {
  if (unit === "%") return `${number.format(value)}%`;
  const abs = Math.abs(value);
  if (abs >= 1e8) return `${number.format(value / 1e8)}亿${unit}`;
  if (abs >= 1e4) return `${number.format(value / 1e4)}万${unit}`;
  return `${number.format(value)}${unit}`;
}

export function describeTarget(target: { kind: TargetKind; comparator: ComparatorCode; value: number; unit: string }): string {
  return `${targetKindLabels[target.kind]} ${comparatorSymbols[target.comparator]} ${formatQuantity(target.value, target.unit)}`;
}

/** A stored target in the parser's shape, so narratives can be matched against it. */
export function asParsedTarget(
  target: { kind: TargetKind; comparator: ComparatorCode; value: number; unit: string; originalText: string },
  subject?: string,
): ParsedTarget {
  return { kind: target.kind, cmp: comparatorOfCode[target.comparator], value: target.value, unit: target.unit, text: target.originalText, subject };
}
