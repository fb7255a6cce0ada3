"use client";

import { useId, useState } from "react";
import type { deleteAttachmentAction } from "@/app/actions/attachments/delete-attachment";
import type { uploadAttachmentAction } from "@/app/actions/attachments/upload-attachment";
import { useAnnounce } from "@/components/announcer";
import { AttachmentList } from "@/components/attachment-list";
import { FormMessage, useFormAction } from "@/components/use-form-action";
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, ATTACHMENT_RULES, emptyFile, tooLarge } from "@/lib/attachments/limits";
import type { AttachmentItem } from "@/lib/attachments/limits";

/** A file chosen and not yet on the report: being sent, or refused with the reason. */
interface Pending {
  key: string;
  name: string;
  error: string | null;
}

/**
 * 佐证材料 of the unit's own report, while the unit may still change it: several files can be
 * chosen at once; each is sent on its own (its row says 正在上传… until the server answers, then
 * it joins the list, or stays with the reason it was refused) and can be removed again until the
 * report is submitted. A file too large or empty is stopped here before it is sent; the server
 * checks everything again, the type by the file's content. Before the report's first save there
 * is no report to attach to, and the uploader says so.
 */
export function AttachmentUploader({
  uploadAction,
  deleteAction,
  reportId,
  items,
}: {
  uploadAction: typeof uploadAttachmentAction;
  deleteAction: typeof deleteAttachmentAction;
  reportId: number | null;
  items: AttachmentItem[];
}) {
  const inputId = useId();
  const [pending, setPending] = useState<Pending[]>([]);
  const [status, setStatus] = useState("");
  // The filing section's status region says it where there is one (one status region per section).
  const announce = useAnnounce();

  async function upload(files: File[]) {
    if (reportId === null) return;
    const chosen = files.map((file, index): Pending & { file: File } => ({
      key: `${Date.now()}-${index}-${file.name}`,
      name: file.name,
      file,
      error: file.size > ATTACHMENT_MAX_BYTES ? tooLarge(file.name) : file.size === 0 ? emptyFile(file.name) : null,
    }));
    setPending((current) => [...current, ...chosen.map(({ key, name, error }) => ({ key, name, error }))]);
    let done = 0;
    for (const entry of chosen.filter((candidate) => candidate.error === null)) {
      const form = new FormData();
      form.set("reportId", String(reportId));
      form.set("file", entry.file);
      const outcome = await uploadAction(null, form).catch(() => ({ ok: false as const, message: "上传未成功,请检查网络后重试。" }));
      if (outcome.ok) {
        done += 1;
        setPending((current) => current.filter((candidate) => candidate.key !== entry.key));
      } else {
        setPending((current) => current.map((candidate) => (candidate.key === entry.key ? { ...candidate, error: outcome.message } : candidate)));
      }
    }
    if (done > 0) {
      if (announce) announce(`已上传 ${done} 个文件。`);
      else setStatus(`已上传 ${done} 个文件。`);
    }
  }

  return (
    <section aria-labelledby={`${inputId}-heading`} className="mt-4 border-t border-stone-200 pt-4">
      <h3 id={`${inputId}-heading`} className="font-medium">
        佐证材料
      </h3>
      <p id={`${inputId}-rules`} className="mt-1 text-sm text-stone-600">
        {ATTACHMENT_RULES}提交审核后不能再增删。
      </p>
      {reportId === null ? (
        <p className="mt-2 rounded bg-stone-100 p-2 text-sm">请先保存草稿,再上传佐证材料。</p>
      ) : (
        <div className="mt-2">
          <label htmlFor={inputId} className="block text-sm">
            选择文件上传(可多选)
          </label>
          <input
            id={inputId}
            type="file"
            multiple
            accept={ATTACHMENT_ACCEPT}
            aria-describedby={`${inputId}-rules`}
            className="mt-1 block max-w-full text-sm file:mr-3 file:rounded file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              // Emptied at once, so that choosing the same file again (after a failure) is a change too.
              event.target.value = "";
              void upload(files);
            }}
          />
        </div>
      )}
      {!announce && (
        <p role="status" className={status ? "mt-2 text-sm text-emerald-900" : "sr-only"}>
          {status}
        </p>
      )}
      {pending.length > 0 && (
        <ul aria-label="正在上传的文件" className="mt-2 space-y-1 text-sm">
          {pending.map((entry) => (
            <li key={entry.key} className="flex flex-wrap items-center gap-2">
              <span className="break-all">{entry.name}</span>
              {entry.error === null ? (
                <span className="text-stone-600" aria-live="polite">
                  正在上传…
                </span>
              ) : (
                <>
                  <span role="alert" className="text-red-800">
                    {entry.error}
                  </span>
                  <button type="button" className="text-xs text-stone-600 underline" onClick={() => setPending((current) => current.filter((candidate) => candidate.key !== entry.key))}>
                    关闭
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <AttachmentList
        items={items}
        label="本单位报告的佐证材料"
        control={(item) => <DeleteAttachment action={deleteAction} attachmentId={item.id} fileName={item.fileName} />}
      />
    </section>
  );
}

function DeleteAttachment({ action, attachmentId, fileName }: { action: typeof deleteAttachmentAction; attachmentId: number; fileName: string }) {
  const { result, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="attachmentId" value={attachmentId} />
      <button type="submit" disabled={pending} aria-label={`删除 ${fileName}`} className="rounded border border-stone-300 px-2 py-0.5 text-xs hover:bg-stone-100">
        {pending ? "正在删除…" : "删除"}
      </button>
      {result && !result.ok && <FormMessage result={result} />}
    </form>
  );
}
