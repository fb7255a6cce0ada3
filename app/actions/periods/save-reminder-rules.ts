"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canManagePeriods } from "@/lib/permissions";
import { saveReminderRules } from "@/lib/reminders/service";
import { formEntries } from "@/lib/zod/form";
import { reminderRulesSchema } from "@/lib/zod/reminders";

export const saveReminderRulesAction = authedFormAction({
  allow: canManagePeriods,
  schema: reminderRulesSchema,
  values: formEntries,
  run: (prisma, actor, input) => saveReminderRules(prisma, actor, input),
  revalidate: (input) => [`/periods/${input.periodId}/reminders`, "/periods"],
});
