"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canManagePeriods } from "@/lib/permissions";
import { savePeriod } from "@/lib/periods/service";
import { periodInputSchema } from "@/lib/zod/periods";
import { formEntries } from "@/lib/zod/form";

export const savePeriodAction = authedFormAction({
  allow: canManagePeriods,
  schema: periodInputSchema,
  values: formEntries,
  run: (prisma, actor, input) => savePeriod(prisma, actor, input),
  revalidate: () => ["/periods", "/my"],
});
