import { z } from "zod";
import { textField } from "@/lib/zod/form";

export const IMPORT_MAX_CHARS = 2_000_000;

export const importInputSchema = z.object({
  fileName: textField(200, { tooLong: "文件名过长", required: "请选择文件" }),
  content: z
    .string()
    .min(1, "文件为空")
    .max(IMPORT_MAX_CHARS, "文件过大(最多 200 万字)")
    // PostgreSQL cannot store NUL, which text files never hold: the file is of another kind.
    .refine((content) => !content.includes("\u0000"), "文件中含有空字符(NUL),不是纯文本文件;请另存为纯文本后再导入。"),
});

export type ImportInput = z.output<typeof importInputSchema>;
