"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { uploadAttachment } from "@/lib/attachments/service";
import { isUnitStaff } from "@/lib/permissions";
import { uploadAttachmentSchema, uploadAttachmentValues } from "@/lib/zod/attachments";

export const uploadAttachmentAction = authedFormAction({
  allow: isUnitStaff,
  schema: uploadAttachmentSchema,
  values: uploadAttachmentValues,
  run: (prisma, actor, input) => uploadAttachment(prisma, actor, input),
  revalidate: () => [["/tasks/[id]", "page"]],
});
