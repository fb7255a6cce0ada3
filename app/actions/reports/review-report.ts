"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canReview } from "@/lib/permissions";
import { reviewReport } from "@/lib/reports/review";
import { formEntries } from "@/lib/zod/form";
import { reviewInputSchema } from "@/lib/zod/progress";

export const reviewReportAction = authedFormAction({
  allow: canReview,
  schema: reviewInputSchema,
  values: formEntries,
  run: (prisma, actor, input) => reviewReport(prisma, actor, input),
  // The report's task, the queues and dashboards all change: refresh the whole app.
  revalidate: () => [["/", "layout"]],
});
