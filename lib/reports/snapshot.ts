import type { Prisma } from "@/lib/generated/prisma/client";
import type { QualitativeStatus, ReviewState } from "@/lib/generated/prisma/enums";

/** What a report says at one moment: the before/after of audit events and the conflict message. */
export interface ReportSnapshot {
  narrative: string;
  /** 存在问题 and 下一步措施 (lib/reports/behind.ts). */
  problems: string;
  nextSteps: string;
  qualitativeStatus: QualitativeStatus | null;
  state: ReviewState;
  late: boolean;
  version: number;
  reviewComment: string | null;
  actuals: Record<string, number>;
}

export const snapshotSelect = {
  id: true,
  unitId: true,
  narrative: true,
  problems: true,
  nextSteps: true,
  qualitativeStatus: true,
  state: true,
  late: true,
  version: true,
  reviewComment: true,
  updatedAt: true,
  actuals: { select: { targetId: true, value: true } },
} satisfies Prisma.ProgressReportSelect;

type SnapshotRow = Prisma.ProgressReportGetPayload<{ select: typeof snapshotSelect }>;

export function snapshotOf(report: SnapshotRow): ReportSnapshot {
  return {
    narrative: report.narrative,
    problems: report.problems,
    nextSteps: report.nextSteps,
    qualitativeStatus: report.qualitativeStatus,
    state: report.state,
    late: report.late,
    version: report.version,
    reviewComment: report.reviewComment,
    actuals: Object.fromEntries(report.actuals.map((actual) => [String(actual.targetId), actual.value])),
  };
}
