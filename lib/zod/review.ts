import { z } from "zod";
import { MAX_ID } from "@/lib/zod/form";

/** The decisions the office takes on many reports at once; a return needs its own comment on each. */
export const BULK_DECISIONS = ["approve", "publish"] as const;

/** Reports one bulk decision takes: a page of the queue holds fewer. */
export const BULK_MAX = 100;

/** A checked report as the queue's form sends it: "id:version", the version it was read at. */
const selectedReport = z
  .string()
  .regex(/^\d{1,10}:\d{1,10}$/, "所选报告无效,请刷新后再试")
  .transform((value) => {
    const [reportId, version] = value.split(":");
    return { reportId: Number(reportId), version: Number(version) };
  })
  .pipe(
    z.object({
      reportId: z.number().int().positive().max(MAX_ID, "没有这份报告"),
      version: z.number().int().min(1, "所选报告无效,请刷新后再试").max(MAX_ID, "所选报告无效,请刷新后再试"),
    }),
  );

export const bulkReviewInputSchema = z.object({
  decision: z.enum(BULK_DECISIONS, { error: "请选择审核通过或公开" }),
  reports: z
    .array(selectedReport)
    .min(1, "请先勾选报告")
    .max(BULK_MAX, `一次最多处理 ${BULK_MAX} 份报告`)
    .refine((reports) => new Set(reports.map((report) => report.reportId)).size === reports.length, "同一份报告选了两次,请刷新后再试"),
});

export type BulkReviewInput = z.output<typeof bulkReviewInputSchema>;

/** The queue's form as the schema's input: one "report" entry per checked report. */
export function bulkReviewFormValues(form: FormData) {
  return { decision: form.get("decision") ?? undefined, reports: form.getAll("report").filter((value) => typeof value === "string") };
}
