import type { z } from "zod";

/** What every server action returns: never a thrown error, always something the form can show. */
export type ActionResult<T extends object = object> =
  | ({ ok: true; message?: string } & T)
  | { ok: false; message: string; errors?: FieldErrors };

/** Messages per form field ("narrative", "actual.12", …), in Chinese. */
export type FieldErrors = Record<string, string[]>;

export function failure(message: string, errors?: FieldErrors): { ok: false; message: string; errors?: FieldErrors } {
  return errors ? { ok: false, message, errors } : { ok: false, message };
}

/** zod issues keyed by the dotted path of the field they concern. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

export const INVALID_INPUT = "填写的内容有误,请按提示修改。";
export const NOT_SIGNED_IN = "请先登录。";
export const FORBIDDEN = "没有权限执行此操作。";
