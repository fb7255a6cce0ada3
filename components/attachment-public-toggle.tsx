"use client";

import type { setAttachmentPublicAction } from "@/app/actions/attachments/set-attachment-public";
import { useAnnounce } from "@/components/announcer";
import { FormMessage, useFormAction } from "@/components/use-form-action";

/** The office's switch for whether the public may read an attachment once its report is published. */
export function AttachmentPublicToggle({ action, attachmentId, fileName, isPublic }: { action: typeof setAttachmentPublicAction; attachmentId: number; fileName: string; isPublic: boolean }) {
  const announce = useAnnounce();
  const { result, formAction, pending } = useFormAction(async (previous: unknown, form: FormData) => {
    const outcome = await action(previous, form);
    if (outcome.ok) announce?.(outcome.message ?? "");
    return outcome;
  });
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="attachmentId" value={attachmentId} />
      <input type="hidden" name="public" value={isPublic ? "false" : "true"} />
      <button type="submit" disabled={pending} aria-label={`${isPublic ? "取消公开" : "设为公开"}:${fileName}`} className="rounded border border-stone-300 px-2 py-0.5 text-xs hover:bg-stone-100">
        {pending ? "正在保存…" : isPublic ? "取消公开" : "设为公开"}
      </button>
      {result && (!result.ok || !announce) && <FormMessage result={result} />}
    </form>
  );
}
