/**
 * Reasons when behind (存在问题和下一步措施). A unit whose filing puts its task 慢于序时 says why
 * and what it will do before it submits (DOMAIN.md, "Progress against time"); a draft may be
 * saved without. The filing form asks as soon as the figure is typed and the server refuses the
 * submission without them, both through these functions, so the two never disagree. Plain
 * functions, safe in client and server code.
 *
 * Whether a filing is behind is the dashboard's own judgement (lib/reporting/figures.ts
 * evaluateTask, lib/progress), of the task as it would stand with this report as its figure:
 * only a lead unit's figure is the task's, so a co-unit's input (a part of the whole) is never
 * held against the year's target, and a qualitative task still 推进中 past its 完成时限 counts.
 */
import type { FieldErrors } from "@/lib/actions/result";
import { ReviewState, type Comparator, type QualitativeStatus, type TargetKind } from "@/lib/generated/prisma/enums";
import type { Quarter } from "@/lib/periods/quarters";
import type { Due } from "@/lib/progress";
import { evaluateTask } from "@/lib/reporting/figures";

/** Longest 存在问题 or 下一步措施. */
export const REASON_MAX = 1000;

export interface BehindTarget {
  id: number;
  /** The target's wording in the document ("新增光伏装机6万千瓦"), which the finding names. */
  originalText: string;
  kind: TargetKind;
  comparator: Comparator;
  value: number;
  unit: string;
}

/** What the judgement needs to know of the task, the period and the filing unit. */
export interface BehindCheck {
  targets: readonly BehindTarget[];
  /** The task's due date (完成时限); none: the year's end. */
  dueOn: Due;
  /** Whether the filing unit leads the task. */
  leads: boolean;
  /** The period's quarter, as of whose end the figures are judged. */
  quarter: Quarter;
}

export interface Filing {
  /** Figures in base units, keyed by target id; null or absent: no figure. */
  figures: Readonly<Record<string, number | null | undefined>>;
  qualitativeStatus: QualitativeStatus | null;
}

/** The filing unit in the one-unit task judged here. */
const FILER = 0;

/**
 * What puts the task 慢于序时 with this filing, one Chinese line each naming the target and its
 * 序时进度 ("新增光伏装机6万千瓦:累计1万千瓦,目标≥6万千瓦,完成率16.7%,序时进度50.0%"); empty
 * when nothing does.
 */
export function behindFindings(check: BehindCheck, filing: Filing): string[] {
  const actuals: Record<string, number> = {};
  for (const [targetId, value] of Object.entries(filing.figures)) if (typeof value === "number") actuals[targetId] = value;
  const { progress } = evaluateTask(
    { units: [{ unitId: FILER, isLead: check.leads }], targets: check.targets, dueOn: check.dueOn },
    [{ unitId: FILER, state: ReviewState.submitted, qualitativeStatus: filing.qualitativeStatus, actuals }],
    check.quarter,
  );
  if (check.targets.length === 0) {
    if (progress.status !== "behind") return [];
    const due = check.dueOn ? `(${check.dueOn.getUTCMonth() + 1}月${check.dueOn.getUTCDate()}日)` : "";
    return [`${progress.reason}${due}`];
  }
  return check.targets.flatMap((target, index) => {
    const result = progress.targets[index];
    return result.status === "behind" ? [`${target.originalText}:${result.reason}`] : [];
  });
}

/** What the form and a refused submission say about a filing that is behind. */
export function behindMessage(findings: readonly string[]): string {
  return `本季度填报慢于序时,提交前请填写存在问题和下一步措施。${findings.join(";")}`;
}

/**
 * The fields a submission still needs where the filing is behind: 存在问题 and 下一步措施, each
 * required; null when nothing is missing (or nothing is behind).
 */
export function missingReasons(findings: readonly string[], reasons: { problems: string; nextSteps: string }): FieldErrors | null {
  if (findings.length === 0) return null;
  const errors: FieldErrors = {};
  if (!reasons.problems.trim()) errors.problems = ["慢于序时,提交前请填写存在问题"];
  if (!reasons.nextSteps.trim()) errors.nextSteps = ["慢于序时,提交前请填写下一步措施"];
  return Object.keys(errors).length ? errors : null;
}
