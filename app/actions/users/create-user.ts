"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canManageUsers } from "@/lib/permissions";
import { createUser } from "@/lib/users/service";
import { formEntries } from "@/lib/zod/form";
import { createUserSchema } from "@/lib/zod/users";

export const createUserAction = authedFormAction({
  allow: canManageUsers,
  schema: createUserSchema,
  values: formEntries,
  run: (prisma, actor, input) => createUser(prisma, actor, input),
  revalidate: () => ["/users"],
});
