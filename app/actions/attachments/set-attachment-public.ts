"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { setAttachmentPublic } from "@/lib/attachments/service";
import { canMarkAttachmentsPublic } from "@/lib/permissions";
import { attachmentPublicSchema, attachmentPublicValues } from "@/lib/zod/attachments";

export const setAttachmentPublicAction = authedFormAction({
  allow: canMarkAttachmentsPublic,
  schema: attachmentPublicSchema,
  values: attachmentPublicValues,
  run: (prisma, actor, input) => setAttachmentPublic(prisma, actor, input),
  revalidate: () => [["/tasks/[id]", "page"], "/review"],
});
