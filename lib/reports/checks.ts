/**
 * Figures a person should look at again before submitting: the filing form asks for a
 * confirmation of each, and the server refuses a submission that has not confirmed them all, so
 * neither a script nor a page loaded before the figures changed can skip them. Plain functions,
 * safe in client and server code.
 */
import type { TargetKind } from "@/lib/generated/prisma/enums";
import { quarterLabels, type Quarter } from "@/lib/periods/quarters";
import { formatFigure } from "@/lib/reporting/phrasing";
import { isNegativeQuantity } from "@/lib/zod/progress";

export interface CheckedTarget {
  id: number;
  /** How the form labels the target: its wording in the document ("6万千瓦"). */
  originalText: string;
  kind: TargetKind;
  value: number;
  unit: string;
}

/** The unit's own highest figure for a target in an earlier quarter of the plan, base units. */
export interface EarlierFigure {
  targetId: number;
  quarter: Quarter;
  value: number;
}

/** A figure this many times its year's target is most likely typed in the wrong unit. */
const TIMES_TARGET = 10;

/**
 * What to confirm before a submission, in Chinese, one message per finding, in the order of the
 * targets: a year-to-date quantity below what the unit filed for an earlier quarter (the figures
 * are cumulative, 82个 after 113个 is a slip or needs saying), a figure more than ten times the
 * target, a negative count or amount, and the targets left without a figure. `figures` are in
 * base units, keyed by target id; a target without an entry has no figure.
 */
export function filingWarnings(targets: readonly CheckedTarget[], figures: Readonly<Record<string, number | null>>, earlier: readonly EarlierFigure[]): string[] {
  const warnings: string[] = [];
  const missing: string[] = [];
  for (const target of targets) {
    const value = figures[String(target.id)];
    if (value === null || value === undefined) {
      missing.push(target.originalText);
      continue;
    }
    const figure = formatFigure(target, value);
    const before = earlier.find((entry) => entry.targetId === target.id);
    if (isNegativeQuantity(target, value)) {
      warnings.push(`${target.originalText}:累计完成${figure}是负数`);
    } else if (target.kind === "quantity" && before && value < before.value) {
      warnings.push(`${target.originalText}:累计完成${figure},低于${quarterLabels[before.quarter]}已填报的${formatFigure(target, before.value)}(累计数一般不会减少)`);
    }
    if (target.value !== 0 && Math.abs(value) > TIMES_TARGET * Math.abs(target.value)) {
      warnings.push(`${target.originalText}:${figure}超过全年目标的${TIMES_TARGET}倍,请核对单位`);
    }
  }
  if (missing.length) warnings.push(`缺少数据:${missing.join("、")}`);
  return warnings;
}

/**
 * The findings as one text: what a refused submission says, and what the form posts as confirmed.
 * A confirmation covers exactly these findings, so one given for other figures covers nothing.
 */
export function confirmationMessage(warnings: readonly string[]): string {
  return `提交前请确认:${warnings.join(";")}`;
}
