"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canManageUsers } from "@/lib/permissions";
import { updateUser } from "@/lib/users/service";
import { formEntries } from "@/lib/zod/form";
import { updateUserSchema } from "@/lib/zod/users";

export const updateUserAction = authedFormAction({
  allow: canManageUsers,
  schema: updateUserSchema,
  values: formEntries,
  run: (prisma, actor, input) => updateUser(prisma, actor, input),
  revalidate: () => ["/users"],
});
