"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canReview } from "@/lib/permissions";
import { reviewReports } from "@/lib/reports/review";
import { bulkReviewFormValues, bulkReviewInputSchema } from "@/lib/zod/review";

export const reviewReportsAction = authedFormAction({
  allow: canReview,
  schema: bulkReviewInputSchema,
  values: bulkReviewFormValues,
  run: (prisma, actor, input) => reviewReports(prisma, actor, input),
  // As for one decision: the reports' tasks, the queues and dashboards all change.
  revalidate: () => [["/", "layout"]],
});
