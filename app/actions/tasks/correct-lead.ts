"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { correctLead } from "@/lib/tasks/corrections";
import { leadCorrectionSchema } from "@/lib/zod/corrections";
import { formEntries } from "@/lib/zod/form";

export const correctLeadAction = authedFormAction({
  schema: leadCorrectionSchema,
  values: formEntries,
  run: (prisma, actor, input) => correctLead(prisma, actor, input),
  revalidate: (input) => [`/tasks/${input.taskId}`],
});
