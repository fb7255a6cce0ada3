"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canCorrectTasks } from "@/lib/permissions";
import { correctTarget } from "@/lib/tasks/corrections";
import { targetCorrectionSchema } from "@/lib/zod/corrections";
import { formEntries } from "@/lib/zod/form";

export const correctTargetAction = authedFormAction({
  allow: canCorrectTasks,
  schema: targetCorrectionSchema,
  values: formEntries,
  run: (prisma, actor, input) => correctTarget(prisma, actor, input),
  revalidate: () => [["/", "layout"]],
});
