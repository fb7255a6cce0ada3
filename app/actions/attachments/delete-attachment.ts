"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { deleteAttachment } from "@/lib/attachments/service";
import { isUnitStaff } from "@/lib/permissions";
import { deleteAttachmentSchema, deleteAttachmentValues } from "@/lib/zod/attachments";

export const deleteAttachmentAction = authedFormAction({
  allow: isUnitStaff,
  schema: deleteAttachmentSchema,
  values: deleteAttachmentValues,
  run: (prisma, actor, input) => deleteAttachment(prisma, actor, input),
  revalidate: () => [["/tasks/[id]", "page"]],
});
