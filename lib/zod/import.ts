import { z } from "zod";
import { LEAD_CHOICES } from "@/lib/import/types";
import { textField } from "@/lib/zod/form";

/**
 * The largest file imported at once, in bytes, whatever its type: a year's notice is well under 1 MB as text or
 * Word, a few MB as a PDF from a website. Checked by the import page before it sends the file and by the server
 * before it reads the file; next.config.ts lets a server action's request (and the proxy's copy of it) be a little
 * larger, so that this message, not Next's, is what one sees.
 */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_LABEL = "10 MB";
export const IMPORT_TOO_LARGE = `文件过大:最多 ${IMPORT_MAX_LABEL}。请拆分后分别导入。`;

/** The file types the import reads (lib/import/files.ts), for the file input's `accept`. */
export const IMPORT_ACCEPT = ".docx,.xlsx,.pdf,.csv,.tsv,.txt";
export const IMPORT_TYPES_LABEL = "Word(.docx)、Excel(.xlsx)、带文字的 PDF、CSV/TSV、纯文本(.txt)";

/** The uploaded file: in the browser and on the server a File, a Blob in tests that build one. */
const uploadedFile = z
  .custom<Blob>((value) => typeof Blob !== "undefined" && value instanceof Blob, "请选择文件")
  .refine((file) => file.size > 0, "文件为空")
  .refine((file) => file.size <= IMPORT_MAX_BYTES, IMPORT_TOO_LARGE);

export const importInputSchema = z.object({
  fileName: textField(200, { tooLong: "文件名过长", required: "请选择文件" }),
  file: uploadedFile,
  // The office's lead rule where the document states none; "" or no field (nothing chosen) is no choice.
  leadChoice: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(LEAD_CHOICES, "请选择牵头单位的认定方式").optional()),
});

export type ImportInput = z.output<typeof importInputSchema>;

/** The fields of the import form: the file, its name as the browser sent it, and the lead rule the office chose. */
export function importFormValues(form: FormData): { fileName: string; file: FormDataEntryValue | null; leadChoice: FormDataEntryValue | null } {
  const file = form.get("file");
  return { fileName: file instanceof File ? file.name : "", file, leadChoice: form.get("leadChoice") };
}
