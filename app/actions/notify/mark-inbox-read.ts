"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { markInboxRead } from "@/lib/notify/inbox";
import { canReadInbox } from "@/lib/permissions";
import { formEntries } from "@/lib/zod/form";
import { markReadSchema } from "@/lib/zod/notify";

export const markInboxReadAction = authedFormAction({
  allow: canReadInbox,
  schema: markReadSchema,
  values: formEntries,
  run: (prisma, actor, input) => markInboxRead(prisma, actor, input),
  // The unread count is in the menu of every page.
  revalidate: () => [["/", "layout"]],
});
