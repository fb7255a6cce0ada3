"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { retryMessage } from "@/lib/notify/office";
import { canReadOutbox } from "@/lib/permissions";
import { formEntries } from "@/lib/zod/form";
import { messageIdSchema } from "@/lib/zod/notify";

export const retryMessageAction = authedFormAction({
  allow: canReadOutbox,
  schema: messageIdSchema,
  values: formEntries,
  run: (prisma, actor, input) => retryMessage(prisma, actor, input),
  revalidate: () => ["/outbox"],
});
