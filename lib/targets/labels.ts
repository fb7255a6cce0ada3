import type { Comparator as ComparatorCode } from "@/lib/generated/prisma/enums";
import type { Comparator, ParsedTarget, TargetKind } from "./parse";

/** Database codes of the parser's comparators (Prisma enum values cannot be symbols). */
export const comparatorCodes = {
  ">=": "gte",
  "<=": "lte",
  "~": "approx",
  ">": "gt",
  "<": "lt",
  "=": "eq",
} as const satisfies Record<Comparator, ComparatorCode>;

const comparatorOfCode = Object.fromEntries(Object.entries(comparatorCodes).map(([symbol, code]) => [code, symbol])) as Record<
  ComparatorCode,
  Comparator
>;

/** A stored target in the parser's shape, so narratives can be matched against it. */
export function asParsedTarget(
  target: { kind: TargetKind; comparator: ComparatorCode; value: number; unit: string; originalText: string },
  subject?: string,
): ParsedTarget {
  return { kind: target.kind, cmp: comparatorOfCode[target.comparator], value: target.value, unit: target.unit, text: target.originalText, subject };
}
