"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canManagePeriods } from "@/lib/permissions";
import { setPeriodClosed } from "@/lib/periods/service";
import { periodClosedSchema } from "@/lib/zod/periods";
import { formEntries } from "@/lib/zod/form";

export const setPeriodClosedAction = authedFormAction({
  allow: canManagePeriods,
  schema: periodClosedSchema,
  values: formEntries,
  run: (prisma, actor, input) => setPeriodClosed(prisma, actor, input),
  revalidate: () => ["/periods", "/my"],
});
