"use server";

import { authedFormAction } from "@/lib/actions/authed";
import { canImport } from "@/lib/permissions";
import { commitImport } from "@/lib/import/service";
import { importFormValues, importInputSchema } from "@/lib/zod/import";

export const commitImportAction = authedFormAction({
  allow: canImport,
  schema: importInputSchema,
  values: importFormValues,
  run: (prisma, actor, input) => commitImport(prisma, actor, input),
  revalidate: () => [["/", "layout"]],
});
