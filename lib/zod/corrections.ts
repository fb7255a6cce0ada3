import { z } from "zod";

export const targetKinds = ["growth", "decrease", "level", "quantity"] as const;
export const comparatorCodeList = ["gte", "lte", "approx", "gt", "lt", "eq"] as const;

export const targetCorrectionSchema = z.object({
  targetId: z.coerce.number().int().positive(),
  kind: z.enum(targetKinds, { error: "请选择类型" }),
  comparator: z.enum(comparatorCodeList, { error: "请选择比较方式" }),
  value: z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, "请输入数字(基本单位,如 6万千瓦 填 60000)")
    .transform(Number),
  unit: z.string().trim().min(1, "请填写计量单位").max(20, "计量单位过长"),
});

export const leadCorrectionSchema = z.object({
  taskId: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive(),
  isLead: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export type TargetCorrection = z.output<typeof targetCorrectionSchema>;
export type LeadCorrection = z.output<typeof leadCorrectionSchema>;
