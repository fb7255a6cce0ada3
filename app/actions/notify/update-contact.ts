"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canReadInbox } from "@/lib/permissions";
import { updateOwnContact } from "@/lib/users/service";
import { formEntries } from "@/lib/zod/form";
import { contactSchema } from "@/lib/zod/users";

export const updateContactAction = authedFormAction({
  allow: canReadInbox,
  schema: contactSchema,
  values: formEntries,
  run: (prisma, actor, input) => updateOwnContact(prisma, actor, input),
  revalidate: () => ["/inbox", "/users"],
});
