import { z } from "zod";

export const IMPORT_MAX_CHARS = 2_000_000;

export const importInputSchema = z.object({
  fileName: z.string().trim().min(1, "请选择文件").max(200, "文件名过长"),
  content: z.string().min(1, "文件为空").max(IMPORT_MAX_CHARS, "文件过大(最多 200 万字)"),
});

export type ImportInput = z.output<typeof importInputSchema>;
