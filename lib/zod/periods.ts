import { z } from "zod";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择日期");

export const periodInputSchema = z
  .object({
    planId: z.coerce.number().int().positive("缺少计划"),
    quarter: z.coerce.number().int().min(1, "季度为 1–4").max(4, "季度为 1–4"),
    opensOn: date,
    dueOn: date,
  })
  .refine((input) => input.dueOn >= input.opensOn, { path: ["dueOn"], message: "截止日期不能早于开始日期" });

export const periodClosedSchema = z.object({
  periodId: z.coerce.number().int().positive(),
  closed: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export type PeriodInput = z.output<typeof periodInputSchema>;
