"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canDefineGroups } from "@/lib/permissions";
import { defineGroupMembers } from "@/lib/units/groups";
import { groupMembersEntries, groupMembersSchema } from "@/lib/zod/units";

export const defineGroupMembersAction = authedFormAction({
  allow: canDefineGroups,
  schema: groupMembersSchema,
  values: groupMembersEntries,
  run: (prisma, actor, input) => defineGroupMembers(prisma, actor, input),
  // Members join the group's tasks as co-units: every task page, list and overview may change.
  revalidate: () => [["/", "layout"]],
});
