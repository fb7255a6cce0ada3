"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canRemind } from "@/lib/permissions";
import { remindUnit } from "@/lib/reports/remind";
import { formEntries } from "@/lib/zod/form";
import { remindInputSchema } from "@/lib/zod/progress";

export const remindUnitAction = authedFormAction({
  allow: canRemind,
  schema: remindInputSchema,
  values: formEntries,
  run: (prisma, actor, input) => remindUnit(prisma, actor, input),
  revalidate: () => [["/", "layout"]],
});
