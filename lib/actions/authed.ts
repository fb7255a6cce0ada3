import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { FORBIDDEN, INVALID_INPUT, NOT_SIGNED_IN, failure, fieldErrorsOf, type FieldErrors } from "@/lib/actions/result";
import { currentActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { forgetPublicRevision } from "@/lib/public/revision-memo";

type Failure = { ok: false; message: string; errors?: FieldErrors };

const FAILED = "操作未成功,请稍后再试。你填写的内容仍在表单中。";

/**
 * A form action that a signed-in user calls. The action declares who may call it (`allow`, one of
 * the predicates of lib/permissions.ts — an action without one does not compile); the wrapper
 * reads who the user is from the session (never from the form), refuses anyone else, validates
 * the form with the same zod schema the form uses, and hands both to a `lib/` service, which
 * checks what this user may touch. Unexpected errors are logged and reported in Chinese, never
 * thrown to the browser.
 *
 * It accepts both ways React calls a form action: `(previousState, formData)` from
 * useActionState, and `(formData)` from a form posted without JavaScript.
 */
export function authedFormAction<Schema extends z.ZodType, Result extends { ok: boolean }>(options: {
  allow: (actor: Actor) => boolean;
  schema: Schema;
  values: (form: FormData) => unknown;
  run: (prisma: PrismaClient, actor: Actor, input: z.output<Schema>) => Promise<Result>;
  /** Pages whose data the action changes; "layout" paths refresh everything under them. */
  revalidate: (input: z.output<Schema>) => Array<string | [string, "layout" | "page"]>;
}) {
  return async (previousOrForm: unknown, maybeForm?: FormData): Promise<Result | Failure> => {
    try {
      const form = maybeForm instanceof FormData ? maybeForm : previousOrForm instanceof FormData ? previousOrForm : null;
      const actor = await currentActor();
      if (!actor) return failure(NOT_SIGNED_IN);
      if (!options.allow(actor)) return failure(FORBIDDEN);
      if (!form) return failure(INVALID_INPUT);
      const parsed = options.schema.safeParse(options.values(form));
      if (!parsed.success) return failure(INVALID_INPUT, fieldErrorsOf(parsed.error));
      const result = await options.run(db(), actor, parsed.data);
      if (result.ok) {
        // Whatever it changed, the public pages of this process look again at once (a publication
        // shows on the next load); the database's revision token says whether anything public changed.
        forgetPublicRevision();
        for (const path of options.revalidate(parsed.data)) {
          if (typeof path === "string") revalidatePath(path);
          else revalidatePath(...path);
        }
      }
      return result;
    } catch (error) {
      console.error("server action failed", error);
      return failure(FAILED);
    }
  };
}
