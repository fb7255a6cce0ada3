import { ReviewState } from "@/lib/generated/prisma/enums";

/**
 * Which reports count. A report counts as filed — as progress on every page, table, export and
 * chart, and as "reported" for reminders — once submitted, while it waits for review, after
 * approval and after publication. A draft is the unit's work in progress; a returned (退回)
 * report was sent back as not good enough: neither is progress anywhere.
 */
export const FILED_STATES = [ReviewState.submitted, ReviewState.approved, ReviewState.published] as const satisfies readonly ReviewState[];

export function isFiled(state: ReviewState): boolean {
  return (FILED_STATES as readonly ReviewState[]).includes(state);
}

/** The unit may still change these: its own draft, or a report the office sent back. */
const EDITABLE_STATES = [ReviewState.draft, ReviewState.returned] as const satisfies readonly ReviewState[];

export function isEditable(state: ReviewState): boolean {
  return (EDITABLE_STATES as readonly ReviewState[]).includes(state);
}

/**
 * The office's note on a report the unit has to rework: the comment of a return, kept while the
 * unit edits the report again (a save turns a returned report into a draft), gone once it is
 * resubmitted and reviewed again.
 */
export function returnNoteOf(report: { state: ReviewState; reviewComment: string | null }): string | null {
  return isEditable(report.state) && report.reviewComment ? report.reviewComment : null;
}

/** Every state, in the order a report goes through them. */
export const REVIEW_STATES = Object.values(ReviewState);

/** The office's decisions on a filed report: the states each starts from, and where it leads. */
export const REVIEW_STEPS = {
  approve: { from: [ReviewState.submitted], to: ReviewState.approved, verb: "审核通过" },
  publish: { from: [ReviewState.approved], to: ReviewState.published, verb: "公开" },
  return: { from: [ReviewState.submitted, ReviewState.approved], to: ReviewState.returned, verb: "退回" },
} as const satisfies Record<string, { from: readonly ReviewState[]; to: ReviewState; verb: string }>;

export type ReviewDecision = keyof typeof REVIEW_STEPS;

export const REVIEW_DECISIONS = Object.keys(REVIEW_STEPS) as [ReviewDecision, ...ReviewDecision[]];

/** The decisions the office can take on a report in this state (none: nothing awaits it). */
export function decisionsFor(state: ReviewState): ReviewDecision[] {
  return REVIEW_DECISIONS.filter((decision) => (REVIEW_STEPS[decision].from as readonly ReviewState[]).includes(state));
}

/** Reports waiting for the office: to review (submitted) or to publish (approved). */
export const AWAITING_REVIEW = REVIEW_STATES.filter((state) => decisionsFor(state).length > 0);

/**
 * The review a report carries as it stands: the return the unit is reworking (returned, or a
 * draft again with the note kept), or the approval of an approved or published report. A
 * submitted report awaits a new review and carries none, whatever an earlier round left behind.
 */
export function standingReviewOf(report: { state: ReviewState; reviewComment: string | null }): { kind: "return" | "approval"; comment: string | null } | null {
  const note = returnNoteOf(report);
  if (note !== null || report.state === ReviewState.returned) return { kind: "return", comment: note };
  if (report.state === ReviewState.approved || report.state === ReviewState.published) return { kind: "approval", comment: report.reviewComment };
  return null;
}
