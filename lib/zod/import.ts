import { z } from "zod";
import { LEAD_CHOICES } from "@/lib/import/types";
import { textField } from "@/lib/zod/form";

/**
 * The largest document imported at once, in UTF-8 bytes: a year's notice is well under 1 MB.
 * Checked by the import page before it sends the file and by the server; next.config.ts lets a
 * server action's request be a little larger, so that this message, not Next's, is what one sees.
 */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;
export const IMPORT_TOO_LARGE = "文件过大:最多 4 MB(约 130 万字)。请拆分后分别导入。";

export const importInputSchema = z.object({
  fileName: textField(200, { tooLong: "文件名过长", required: "请选择文件" }),
  content: z
    .string()
    .min(1, "文件为空")
    .refine((content) => new TextEncoder().encode(content).length <= IMPORT_MAX_BYTES, IMPORT_TOO_LARGE)
    // PostgreSQL cannot store NUL, which text files never hold: the file is of another kind.
    .refine((content) => !content.includes("\u0000"), "文件中含有空字符(NUL),不是纯文本文件;请另存为纯文本后再导入。"),
  // The office's lead rule where the document states none; "" (nothing chosen) is no choice.
  leadChoice: z.preprocess((value) => (value === "" ? undefined : value), z.enum(LEAD_CHOICES, "请选择牵头单位的认定方式").optional()),
});

export type ImportInput = z.output<typeof importInputSchema>;
