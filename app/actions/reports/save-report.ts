"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { isUnitStaff } from "@/lib/permissions";
import { saveReport } from "@/lib/reports/filing";
import { reportFormValues, reportInputSchema } from "@/lib/zod/progress";

export const saveReportAction = authedFormAction({
  allow: isUnitStaff,
  schema: reportInputSchema,
  values: reportFormValues,
  run: (prisma, actor, input) => saveReport(prisma, actor, input),
  revalidate: (input) => [`/tasks/${input.taskId}`, "/my"],
});
