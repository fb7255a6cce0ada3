"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canCorrectTasks } from "@/lib/permissions";
import { correctLead } from "@/lib/tasks/corrections";
import { leadCorrectionSchema } from "@/lib/zod/corrections";
import { formEntries } from "@/lib/zod/form";

export const correctLeadAction = authedFormAction({
  allow: canCorrectTasks,
  schema: leadCorrectionSchema,
  values: formEntries,
  run: (prisma, actor, input) => correctLead(prisma, actor, input),
  revalidate: (input) => [`/tasks/${input.taskId}`],
});
