import { z } from "zod";
import { Comparator, TargetKind } from "@/lib/generated/prisma/enums";
import { FIGURE, FIGURE_TOO_LONG, idField, textField } from "@/lib/zod/form";
import { isNegativeQuantity } from "@/lib/zod/progress";

export const targetCorrectionSchema = z
  .object({
    targetId: idField("目标"),
    kind: z.enum(TargetKind, { error: "请选择类型" }),
    comparator: z.enum(Comparator, { error: "请选择比较方式" }),
    value: z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/, { message: "请输入数字(基本单位,如 6万千瓦 填 60000)", abort: true })
      .regex(FIGURE, FIGURE_TOO_LONG)
      .transform(Number),
    unit: textField(20, { tooLong: "计量单位过长", required: "请填写计量单位" }),
  })
  .superRefine((input, ctx) => {
    if (isNegativeQuantity(input, input.value)) ctx.addIssue({ code: "custom", path: ["value"], message: "数量目标不能为负数" });
  });

export const leadCorrectionSchema = z.object({
  taskId: idField("任务"),
  unitId: idField("单位"),
  isLead: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export type TargetCorrection = z.output<typeof targetCorrectionSchema>;
export type LeadCorrection = z.output<typeof leadCorrectionSchema>;
