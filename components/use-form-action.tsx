"use client";

import { useActionState, useState } from "react";
import type { FieldErrors } from "@/lib/actions/result";

type Result = { ok: boolean; message?: string; errors?: FieldErrors } | null;

/**
 * useActionState for a plain form, remembering what was typed: React resets a form after its
 * action, so on an error the form is re-rendered (new `attempt` key) with the typed values as defaults.
 */
export function useFormAction<R extends Result>(action: (previous: unknown, form: FormData) => Promise<R>) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [result, formAction, pending] = useActionState<R | null, FormData>(async (previous, form) => {
    const outcome = await action(previous, form);
    setValues(outcome?.ok ? {} : Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string")));
    setAttempt((count) => count + 1);
    return outcome;
  }, null);
  const errors: FieldErrors = (result && !result.ok && result.errors) || {};
  return { result, formAction, pending, values, attempt, errors };
}

export function FormMessage({ result }: { result: Result }) {
  if (!result?.message) return null;
  return (
    <p role={result.ok ? "status" : "alert"} className={`rounded p-2 text-sm ${result.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`}>
      {result.message}
    </p>
  );
}

export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  return messages ? (
    <p id={id} className="field-error">
      {messages.join(";")}
    </p>
  ) : null;
}

/** The end of a form: the outcome of the last attempt, then the submit button. */
export function FormFooter({ result, pending, label, pendingLabel, className = "sm:col-span-2" }: { result: Result; pending: boolean; label: string; pendingLabel: string; className?: string }) {
  return (
    <div className={`space-y-2 ${className}`}>
      <FormMessage result={result} />
      <button type="submit" disabled={pending} className="btn-primary">
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
