"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { removeRobot } from "@/lib/notify/robots";
import { canManageRobots } from "@/lib/permissions";
import { formEntries } from "@/lib/zod/form";
import { robotIdSchema } from "@/lib/zod/notify";

export const removeRobotAction = authedFormAction({
  allow: canManageRobots,
  schema: robotIdSchema,
  values: formEntries,
  run: (prisma, actor, input) => removeRobot(prisma, actor, input),
  revalidate: () => ["/robots"],
});
