"use client";

import { useActionState, useState } from "react";
import type { reviewReportAction } from "@/app/actions/reports/review-report";
import { useAnnounce } from "@/components/announcer";
import { fieldErrorsOf, INVALID_INPUT } from "@/lib/actions/result";
import type { ReviewState } from "@/lib/generated/prisma/enums";
import { REVIEW_STEPS, decisionsFor } from "@/lib/reporting/states";
import { formEntries } from "@/lib/zod/form";
import { COMMENT_MAX, reviewInputSchema } from "@/lib/zod/progress";

type ReviewResult = Awaited<ReturnType<typeof reviewReportAction>>;

/**
 * The office's decision on one filed report: approve, return with a comment, publish. Inside an
 * Announcer the confirmation shows there, since this panel is redrawn (or gone) once the report
 * has moved on.
 */
export function ReviewPanel({ action, reportId, version, state }: { action: typeof reviewReportAction; reportId: number; version: number; state: ReviewState }) {
  const [comment, setComment] = useState("");
  const announce = useAnnounce();
  const [result, formAction, pending] = useActionState<ReviewResult | null, FormData>(async (_previous, form) => {
    const checked = reviewInputSchema.safeParse(formEntries(form));
    if (!checked.success) return { ok: false, message: INVALID_INPUT, errors: fieldErrorsOf(checked.error) };
    const outcome = await action(null, form);
    if (outcome.ok && announce) announce(outcome.message ?? "");
    return outcome;
  }, null);
  const errors = result && !result.ok ? (result.errors ?? {}) : {};
  const commentId = `comment-${reportId}`;
  const shown = result && !(result.ok && announce) ? result : null;

  return (
    <form action={formAction} className="mt-3 space-y-2 border-t border-stone-200 pt-3" aria-label="审核">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="version" value={version} />
      <div>
          <label htmlFor={commentId} className="block text-sm font-medium">
            审核意见(退回时必填)
          </label>
          <textarea
            id={commentId}
            name="comment"
            rows={2}
            maxLength={COMMENT_MAX}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            aria-invalid={errors.comment ? true : undefined}
            className="input mt-1"
          />
          {errors.comment && <p className="field-error">{errors.comment.join(";")}</p>}
      </div>
      {shown && (
        <p role={shown.ok ? "status" : "alert"} className={`text-sm ${shown.ok ? "text-emerald-800" : "text-red-700"}`}>
          {shown.message}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {decisionsFor(state).map((decision) => (
          <button key={decision} type="submit" name="decision" value={decision} disabled={pending} className={decision === "return" ? "btn-secondary" : "btn-primary"}>
            {REVIEW_STEPS[decision].verb}
          </button>
        ))}
      </div>
    </form>
  );
}
