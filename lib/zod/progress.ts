import { z } from "zod";
import { QualitativeStatus, type TargetKind } from "@/lib/generated/prisma/enums";
import { REVIEW_DECISIONS } from "@/lib/reporting/states";
import { REASON_MAX } from "@/lib/reports/behind";
import { FIGURE, FIGURE_TOO_LONG, idField, textField, versionField } from "@/lib/zod/form";

export const NARRATIVE_MAX = 2000;
export const COMMENT_MAX = 500;
const UNIT_MAX = 20;
// A confirmation names each target's wording and figures: a few lines per target.
const CONFIRMED_MAX = 10 * NARRATIVE_MAX;

export const qualitativeStatusLabels: Record<QualitativeStatus, string> = {
  not_started: "未启动",
  in_progress: "推进中",
  completed: "已完成",
};


/** A typed figure: empty means "not reported"; thousands separators are allowed. */
const actualValue = z
  .string()
  .trim()
  .transform((value) => value.replace(/[,,]/g, ""))
  // One message for one mistake: the length is checked only of a number.
  .refine((value) => value === "" || /^-?\d+(\.\d+)?$/.test(value), { message: "请输入数字,例如 115.01", abort: true })
  .refine((value) => value === "" || FIGURE.test(value), FIGURE_TOO_LONG)
  .transform((value) => (value === "" ? null : Number(value)));

/**
 * A quantity (家, 个, 万千瓦…) is counted up from zero: its target is never negative, and a negative
 * figure is filed only once the unit confirms it (lib/reports/checks.ts: a net amount, such as new
 * loans, can fall). Growth and decrease rates can be negative (a fall, a rise).
 */
export function isNegativeQuantity(target: { kind: TargetKind }, value: number): boolean {
  return target.kind === "quantity" && value < 0;
}

/** One schema for the filing form (checked as the user types and submits) and for the server action. */
export const reportInputSchema = z
  .object({
    taskId: idField("任务"),
    periodId: idField("填报期"),
    /** The version the form was loaded with; 0 for a report not yet saved. */
    version: versionField,
    narrative: textField(NARRATIVE_MAX, { tooLong: `完成情况最多 ${NARRATIVE_MAX} 字` }),
    qualitativeStatus: z.enum(QualitativeStatus).nullable(),
    /** 存在问题 and 下一步措施: required to submit a filing that is behind (lib/reports/behind.ts), which the service judges. */
    problems: textField(REASON_MAX, { tooLong: `存在问题最多 ${REASON_MAX} 字` }).default(""),
    nextSteps: textField(REASON_MAX, { tooLong: `下一步措施最多 ${REASON_MAX} 字` }).default(""),
    /** Figures in the unit each field names (lib/reporting/units.ts), keyed by target id. */
    actuals: z.record(z.string().regex(/^\d+$/), actualValue),
    /** The unit each figure was typed in ("万千瓦"), keyed by target id: the server converts with it. */
    units: z.record(z.string().regex(/^\d+$/), z.string().max(UNIT_MAX)).default({}),
    /** The findings the user saw and confirmed before submitting, as lib/reports/checks.ts words them. */
    confirmed: z.string().max(CONFIRMED_MAX).default(""),
    intent: z.enum(["save", "submit"]),
  })
  .superRefine((input, ctx) => {
    if (input.intent === "submit" && input.narrative === "") {
      ctx.addIssue({ code: "custom", path: ["narrative"], message: "提交前请填写完成情况" });
    }
  });

export type ReportInput = z.output<typeof reportInputSchema>;
export type ReportFormValues = z.input<typeof reportInputSchema>;

/**
 * The filing form's FormData as the schema's input: a figure arrives as "actual.<targetId>", the
 * unit it was typed in as "unit.<targetId>", the findings confirmed as "confirmed".
 */
export function reportFormValues(form: FormData): ReportFormValues {
  const actuals: Record<string, string> = {};
  const units: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    const match = /^(actual|unit)\.(\d+)$/.exec(key);
    if (match && typeof value === "string") (match[1] === "actual" ? actuals : units)[match[2]] = value;
  }
  const status = form.get("qualitativeStatus");
  return {
    taskId: String(form.get("taskId") ?? ""),
    periodId: String(form.get("periodId") ?? ""),
    version: String(form.get("version") ?? ""),
    narrative: String(form.get("narrative") ?? ""),
    problems: String(form.get("problems") ?? ""),
    nextSteps: String(form.get("nextSteps") ?? ""),
    qualitativeStatus: typeof status === "string" && status !== "" ? (status as ReportFormValues["qualitativeStatus"]) : null,
    actuals,
    units,
    confirmed: String(form.get("confirmed") ?? ""),
    intent: form.get("intent") === "submit" ? "submit" : "save",
  };
}

export const reviewInputSchema = z
  .object({
    reportId: idField("报告"),
    version: versionField.pipe(z.number().min(1)),
    decision: z.enum(REVIEW_DECISIONS),
    // Optional except for a return; a form without the field means no comment.
    comment: textField(COMMENT_MAX, { tooLong: `意见最多 ${COMMENT_MAX} 字` }).default(""),
  })
  .superRefine((input, ctx) => {
    if (input.decision === "return" && input.comment === "") {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "退回时请写明原因" });
    }
  });

export type ReviewInput = z.output<typeof reviewInputSchema>;

export const remindInputSchema = z.object({
  periodId: idField("填报期"),
  unitId: idField("单位"),
  note: textField(COMMENT_MAX, { tooLong: `提醒最多 ${COMMENT_MAX} 字`, required: "请填写提醒内容" }),
});
