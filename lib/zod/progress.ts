import { z } from "zod";

export const NARRATIVE_MAX = 2000;
export const COMMENT_MAX = 500;

export const qualitativeStatuses = ["not_started", "in_progress", "completed"] as const;
export const qualitativeStatusLabels: Record<(typeof qualitativeStatuses)[number], string> = {
  not_started: "未启动",
  in_progress: "推进中",
  completed: "已完成",
};

const id = (label: string) => z.coerce.number({ error: `缺少${label}` }).int().positive(`缺少${label}`);

/** A typed figure: empty means "not reported"; thousands separators are allowed. */
const actualValue = z
  .string()
  .trim()
  .max(30, "数字过长")
  .refine((value) => value === "" || /^-?\d+(\.\d+)?$/.test(value.replace(/[,,]/g, "")), "请输入数字,例如 115.01")
  .transform((value) => (value === "" ? null : Number(value.replace(/[,,]/g, ""))));

/** One schema for the filing form (checked as the user types and submits) and for the server action. */
export const reportInputSchema = z
  .object({
    taskId: id("任务"),
    periodId: id("填报期"),
    /** The version the form was loaded with; 0 for a report not yet saved. */
    version: z.coerce.number().int().min(0),
    narrative: z.string().trim().max(NARRATIVE_MAX, `完成情况最多 ${NARRATIVE_MAX} 字`),
    qualitativeStatus: z.enum(qualitativeStatuses).nullable(),
    actuals: z.record(z.string().regex(/^\d+$/), actualValue),
    intent: z.enum(["save", "submit"]),
  })
  .superRefine((input, ctx) => {
    if (input.intent === "submit" && input.narrative === "") {
      ctx.addIssue({ code: "custom", path: ["narrative"], message: "提交前请填写完成情况" });
    }
  });

export type ReportInput = z.output<typeof reportInputSchema>;
export type ReportFormValues = z.input<typeof reportInputSchema>;

/** The filing form's FormData as the schema's input: actual values arrive as "actual.<targetId>". */
export function reportFormValues(form: FormData): ReportFormValues {
  const actuals: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    const match = /^actual\.(\d+)$/.exec(key);
    if (match && typeof value === "string") actuals[match[1]] = value;
  }
  const status = form.get("qualitativeStatus");
  return {
    taskId: String(form.get("taskId") ?? ""),
    periodId: String(form.get("periodId") ?? ""),
    version: String(form.get("version") ?? ""),
    narrative: String(form.get("narrative") ?? ""),
    qualitativeStatus: typeof status === "string" && status !== "" ? (status as ReportFormValues["qualitativeStatus"]) : null,
    actuals,
    intent: form.get("intent") === "submit" ? "submit" : "save",
  };
}

export const reviewDecisions = ["approve", "return", "publish"] as const;

export const reviewInputSchema = z
  .object({
    reportId: id("报告"),
    version: z.coerce.number().int().min(1),
    decision: z.enum(reviewDecisions),
    // Optional except for a return; a form without the field means no comment.
    comment: z.string().trim().max(COMMENT_MAX, `意见最多 ${COMMENT_MAX} 字`).default(""),
  })
  .superRefine((input, ctx) => {
    if (input.decision === "return" && input.comment === "") {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "退回时请写明原因" });
    }
  });

export type ReviewInput = z.output<typeof reviewInputSchema>;

export const remindInputSchema = z.object({
  periodId: id("填报期"),
  unitId: id("单位"),
  note: z.string().trim().min(1, "请填写提醒内容").max(COMMENT_MAX, `提醒最多 ${COMMENT_MAX} 字`),
});
