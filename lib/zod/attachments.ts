import { z } from "zod";
import { idField } from "@/lib/zod/form";

/** One schema per attachment form, shared by the form and its server action. */
export const uploadAttachmentSchema = z.object({
  reportId: idField("报告"),
  file: z.instanceof(File, { message: "请选择要上传的文件" }),
});

export const deleteAttachmentSchema = z.object({
  attachmentId: idField("佐证材料"),
});

export const attachmentPublicSchema = z.object({
  attachmentId: idField("佐证材料"),
  public: z.enum(["true", "false"], { message: "请选择是否公开" }).transform((value) => value === "true"),
});

export function uploadAttachmentValues(form: FormData) {
  return { reportId: String(form.get("reportId") ?? ""), file: form.get("file") };
}

export function deleteAttachmentValues(form: FormData) {
  return { attachmentId: String(form.get("attachmentId") ?? "") };
}

export function attachmentPublicValues(form: FormData) {
  return { attachmentId: String(form.get("attachmentId") ?? ""), public: String(form.get("public") ?? "") };
}
