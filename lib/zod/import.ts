import { z } from "zod";
import { LEAD_CHOICES, MAPPED_FIELDS } from "@/lib/import/types";
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

/** A header's cells, a sheet's worth at most; a signature is their normalised texts joined. */
const MAX_MAPPED_COLUMNS = 100;

/** The office's mapping of one unrecognised table's columns (lib/import/types.ts ColumnMapping). */
export const columnMappingSchema = z.object({
  signature: z.string().min(1).max(10_000),
  fields: z.array(z.enum(MAPPED_FIELDS).nullable()).max(MAX_MAPPED_COLUMNS),
});

/** The mappings travel as one JSON form field; absent or "" is none. */
const mappingsField = z.preprocess(
  (value) => {
    if (value === undefined || value === null || value === "") return [];
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  },
  z.array(columnMappingSchema, "列对应有误,请重新选择").max(20, "列对应有误,请重新选择"),
);

export const importInputSchema = z.object({
  fileName: textField(200, { tooLong: "文件名过长", required: "请选择文件" }),
  file: uploadedFile,
  // The office's lead rule where the document states none; "" or no field (nothing chosen) is no choice.
  leadChoice: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(LEAD_CHOICES, "请选择牵头单位的认定方式").optional()),
  // The office's column mappings for tables whose headers were not recognised.
  mappings: mappingsField,
});

/** mappings may be left out by callers other than the form (tests, scripts): none. */
export type ImportInput = Omit<z.output<typeof importInputSchema>, "mappings"> & { mappings?: z.output<typeof columnMappingSchema>[] };

/** The fields of the import form: the file, its name as the browser sent it, the lead rule and the column mappings the office chose. */
export function importFormValues(form: FormData): {
  fileName: string;
  file: FormDataEntryValue | null;
  leadChoice: FormDataEntryValue | null;
  mappings: FormDataEntryValue | null;
} {
  const file = form.get("file");
  return { fileName: file instanceof File ? file.name : "", file, leadChoice: form.get("leadChoice"), mappings: form.get("mappings") };
}
