"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { addRobot } from "@/lib/notify/robots";
import { canManageRobots } from "@/lib/permissions";
import { formEntries } from "@/lib/zod/form";
import { robotInputSchema } from "@/lib/zod/notify";

export const addRobotAction = authedFormAction({
  allow: canManageRobots,
  schema: robotInputSchema,
  values: formEntries,
  run: (prisma, actor, input) => addRobot(prisma, actor, input),
  revalidate: () => ["/robots"],
});
