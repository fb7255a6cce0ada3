"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { reviewReport } from "@/lib/reports/review";
import { reviewFormValues, reviewInputSchema } from "@/lib/zod/progress";

export const reviewReportAction = authedFormAction({
  schema: reviewInputSchema,
  values: reviewFormValues,
  run: (prisma, actor, input) => reviewReport(prisma, actor, input),
  // The report's task, the queues and dashboards all change: refresh the whole app.
  revalidate: () => [["/", "layout"]],
});
