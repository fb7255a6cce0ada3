import { z } from "zod";
import { dayField, idField } from "@/lib/zod/form";

export const periodInputSchema = z
  .object({
    planId: idField("计划"),
    quarter: z.coerce.number().int().min(1, "季度为 1–4").max(4, "季度为 1–4"),
    opensOn: dayField,
    dueOn: dayField,
  })
  .refine((input) => input.dueOn >= input.opensOn, { path: ["dueOn"], message: "截止日期不能早于开始日期" });

export const periodClosedSchema = z.object({
  periodId: idField("填报期"),
  closed: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export type PeriodInput = z.output<typeof periodInputSchema>;
