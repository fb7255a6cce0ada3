"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canImport } from "@/lib/permissions";
import { previewImport } from "@/lib/import/service";
import { importFormValues, importInputSchema } from "@/lib/zod/import";

export const previewImportAction = authedFormAction({
  allow: canImport,
  schema: importInputSchema,
  values: importFormValues,
  run: (prisma, actor, input) => previewImport(prisma, actor, input),
  revalidate: () => [],
});
