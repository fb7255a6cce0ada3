/**
 * Progress of a numeric target against time (序时进度), and of a task from its targets.
 *
 * Rules (see DOMAIN.md, "Progress against time"):
 *
 * 1. Quantity targets with a lower bound (gte / gt / approx / eq) are judged pro rata:
 *    share = actual ÷ target, set against the expected share of the year (25 % after Q1…).
 *    Meeting the target is 已完成 at any time (提前完成 counts as 已完成). Otherwise the share
 *    within ±5 percentage points of the expected share is 按序时, above it 超序时, below it
 *    慢于序时. At the year's end there is no time left to catch up, so a target not met is
 *    慢于序时 even if it is within 5 points (97 % of the year's target is still a miss).
 *
 * 2. Growth, decrease and level targets are compared directly, not pro rata: a year-to-date
 *    growth rate is already a pace ("增长1.9%" in Q1 is the whole year's pace so far), so
 *    a quarter of 2.5 % is meaningless. Meeting the target mid-year is 按序时, never 已完成
 *    — the year's figure is not in and year-to-date rates routinely slip as the base catches
 *    up — and never 超序时 either, for the same reason: a rate above target only says "on
 *    pace so far". At the year's end (Q4, 31 Dec) meeting it is 已完成. Missing it is 慢于序时.
 *
 * 3. Upper bounds (lte / lt) of any kind — PM2.5 ≤ 26 微克/立方米, 中介事项 ≤ 15 项 — are met
 *    while the value stays under the cap: 按序时 during the year, 已完成 at its end, and
 *    慢于序时 once over the cap. A share of a cap means nothing, so these are direct too.
 *
 * 4. Comparators: eq is read as "reach" (like gte) — the plans state plain figures
 *    ("储备项目130个") as goals, and overshooting one is not a failure. approx (左右) is a
 *    lower bound with 5 % slack: 92亿千瓦时左右 is met from 87.4亿; 增长6%左右 from 5.7 %.
 *    gt (超过 / 突破) needs strictly more: 30 of "超过30家" is not met.
 *
 * 5. A decrease target's actual is the size of the fall (下降2.1% → 2.1; a rise is negative),
 *    as lib/targets/actuals.ts delivers it; a growth target's fall is a negative growth.
 *
 * 6. No figure (null, or not a finite number) is 未填报 when no lead unit filed a report of the
 *    period, and 已填报,缺少数据 when one did: the narrative is in, the figure is not, and the
 *    office asks for the figure rather than for a report. A quantity target of 0 or less has
 *    no share to speak of and is compared directly.
 *
 * 7. A task with a deadline (完成时限) is due by that date, not by the year's end: the expected
 *    share reaches 100 % on the due date (lib/progress/schedule.ts), and from then on there is no
 *    time left, as at the year's end above. A qualitative task past its deadline and not
 *    completed is 慢于序时 (one without a deadline keeps the status its unit filed).
 */
import type { Comparator, QualitativeStatus, TargetKind } from "@/lib/generated/prisma/enums";
import { describeActual, describeTarget, formatPercent } from "@/lib/reporting/phrasing";
import { expectedShare as expectedShareAt, type AsOf, type Due } from "./schedule";
import { compareProgressStatus, progressStatusLabels, type ProgressStatus } from "./status";

/** A target as stored (a Prisma `Target` row fits). `value` is in base units: 60000 for 6万千瓦, 2.5 for 2.5 %. */
export interface ProgressTarget {
  kind: TargetKind;
  comparator: Comparator;
  value: number;
  unit: string;
}

export interface TargetProgress {
  /** Share of the year's target achieved, 0..1+; null where not judged pro rata or not filed. */
  share: number | null;
  /** Share of the year expected by `asOf`, 0..1. */
  expectedShare: number;
  status: ProgressStatus;
  /** Short Chinese sentence with the figures: "增长1.9%,目标≥2.5%". */
  reason: string;
  /** "pro_rata": share against expected share; "direct": the value against the target itself. */
  basis: "pro_rata" | "direct";
}

export interface TargetWithActual {
  target: ProgressTarget;
  /** Year-to-date actual in the target's unit, or null when not filed. */
  actual: number | null;
}

export interface TaskProgress {
  status: ProgressStatus;
  /** The reason of the target that decided the status, or the qualitative status filed. */
  reason: string;
  expectedShare: number;
  /** Per-target results, in the order given. */
  targets: TargetProgress[];
  /** Index into `targets` of the target that decided the status; null for a qualitative task. */
  decidedBy: number | null;
}

/** Half-width of the 按序时 band around the expected share (5 percentage points). */
export const ON_TRACK_BAND = 0.05;
/** Relative slack below an approx (左右) target that still counts as meeting it. */
export const APPROX_TOLERANCE = 0.05;

const isUpperBound = (t: ProgressTarget) => t.comparator === "lte" || t.comparator === "lt";

/** Rule 1: a quantity to reach, of a positive size, is judged pro rata; everything else directly. */
function isProRata(t: ProgressTarget): boolean {
  return t.kind === "quantity" && !isUpperBound(t) && t.value > 0;
}

/**
 * The figure 序时进度 expects by `asOf`: the pro-rata share of a quantity target
 * (6万千瓦 → 1.5万 after Q1), else the target itself (a rate or a cap applies all year).
 */
export function expectedFigure(t: ProgressTarget, asOf: AsOf, due?: Due): number {
  return isProRata(t) ? t.value * expectedShareAt(asOf, due) : t.value;
}

/** Whether `actual` satisfies the target's comparator. A small epsilon absorbs float noise. */
function meets(t: ProgressTarget, actual: number): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(t.value));
  switch (t.comparator) {
    case "gte":
    case "eq":
      return actual >= t.value - eps;
    case "gt":
      return actual > t.value + eps;
    case "approx":
      return actual >= t.value - APPROX_TOLERANCE * Math.abs(t.value) - eps;
    case "lte":
      return actual <= t.value + eps;
    case "lt":
      return actual < t.value - eps;
  }
}

/** "目标≥2.5%"; with the kind spelt out ("目标增长≥2.5%") when the actual went the other way or is missing. */
const targetText = (t: ProgressTarget, spellKind: boolean) => `目标${describeTarget(t, { kindWord: spellKind })}`;

/** Whether a lead unit filed a report of the period: what tells 已填报,缺少数据 from 未填报 (rule 6). */
export interface FiledOption {
  filed?: boolean;
  /** The task's due date (完成时限); none: the year's end (rule 7). */
  due?: Due;
}

/** Progress of one target with its year-to-date actual, as of a quarter's end or a date. */
export function targetProgress(target: ProgressTarget, actual: number | null, asOf: AsOf, { filed = false, due }: FiledOption = {}): TargetProgress {
  const expected = expectedShareAt(asOf, due);
  const yearOver = expected >= 1;
  const basis = isProRata(target) ? "pro_rata" : "direct";

  if (actual === null || !Number.isFinite(actual)) {
    return filed
      ? { share: null, expectedShare: expected, status: "missing_figure", reason: `未填数据,${targetText(target, true)}`, basis }
      : { share: null, expectedShare: expected, status: "not_filed", reason: `未填报,${targetText(target, true)}`, basis };
  }

  const met = meets(target, actual);
  const { text, reversed } = describeActual(target, actual);
  const reason = `${text},${targetText(target, reversed)}`;

  if (basis === "direct") {
    const status: ProgressStatus = !met ? "behind" : yearOver ? "completed" : "on_track";
    return { share: null, expectedShare: expected, status, reason, basis };
  }

  const share = actual / target.value;
  const eps = 1e-9;
  const status: ProgressStatus = met
    ? "completed"
    : yearOver
      ? "behind"
      : share > expected + ON_TRACK_BAND + eps
        ? "ahead"
        : share < expected - ON_TRACK_BAND - eps
          ? "behind"
          : "on_track";
  return {
    share,
    expectedShare: expected,
    status,
    reason: `${reason},完成率${formatPercent(share)},序时进度${formatPercent(expected)}`,
    basis,
  };
}

const QUALITATIVE: Record<QualitativeStatus, ProgressStatus> = {
  not_started: "not_started",
  in_progress: "in_progress",
  completed: "completed",
};

/**
 * A task's status: the worst of its targets (ties go to the earlier target), with that
 * target's reason. A task without numeric targets takes the qualitative status its unit filed
 * (未启动 / 推进中 / 已完成; nothing filed → 未填报). Where a task has targets the filed
 * qualitative status is not consulted: the figures are the evidence. `filed`: a lead unit filed a
 * report of the period, so a target without a figure is 已填报,缺少数据 rather than 未填报.
 */
export function taskProgress(
  targets: readonly TargetWithActual[],
  qualitativeStatus: QualitativeStatus | null,
  asOf: AsOf,
  options: FiledOption = {},
): TaskProgress {
  const expected = expectedShareAt(asOf, options.due);
  if (targets.length === 0) {
    const filed = qualitativeStatus === null ? "not_filed" : QUALITATIVE[qualitativeStatus];
    const reason = qualitativeStatus === null ? "定性任务,未填报" : `定性任务,单位填报:${progressStatusLabels[filed]}`;
    // Rule 7: past its own deadline, a task not yet done is late, whatever its unit calls it.
    const overdue = options.due && expected >= 1 && (filed === "in_progress" || filed === "not_started");
    if (overdue) return { status: "behind", reason: `${reason},已到完成时限`, expectedShare: expected, targets: [], decidedBy: null };
    return { status: filed, reason, expectedShare: expected, targets: [], decidedBy: null };
  }
  const results = targets.map(({ target, actual }) => targetProgress(target, actual, asOf, options));
  let decidedBy = 0;
  results.forEach((r, i) => {
    if (compareProgressStatus(r.status, results[decidedBy].status) < 0) decidedBy = i;
  });
  const decider = results[decidedBy];
  return { status: decider.status, reason: decider.reason, expectedShare: expected, targets: results, decidedBy };
}
