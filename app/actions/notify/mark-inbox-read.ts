"use server";

import { z } from "zod";
import { authedFormAction } from "@/lib/actions/authed";
import { markInboxRead } from "@/lib/notify/inbox";
import { canReadInbox } from "@/lib/permissions";
import { formEntries } from "@/lib/zod/form";

export const markInboxReadAction = authedFormAction({
  allow: canReadInbox,
  schema: z.object({}),
  values: formEntries,
  run: (prisma, actor) => markInboxRead(prisma, actor),
  // The unread count is in the menu of every page.
  revalidate: () => [["/", "layout"]],
});
