import type { PlanKind } from "@/lib/generated/prisma/enums";
import type { Quarter } from "@/lib/periods/quarters";
import type { PublicStatus } from "@/lib/reporting/phrasing";

/**
 * What the public may read, as types that have no room for anything else: no report state, no
 * draft, submitted or returned report, no review comment, no staff name, no audit data. The read
 * layer (lib/public/read.ts) maps every row into these field by field, never spreading a
 * database row, so a column added to the schema cannot reach the public by accident.
 * tests/unit/public-types.test.ts holds these shapes to their fields.
 */

/** A plan with the quarters that have a reporting period. */
export interface PublicPlan {
  id: number;
  year: number;
  government: string;
  title: string;
  kind: PlanKind;
  quarters: Quarter[];
}

/** One key task of the published quarterly table. */
export interface PublicTaskRow {
  taskId: number;
  /** The vice-mayor in charge; null for tasks without one (listed last). */
  leader: string | null;
  /** 序号 within the leader's list, as in the document. */
  number: number;
  text: string;
  /** Each target as phrased everywhere ("增长≥2.5%", "≥6万千瓦"). */
  targets: string[];
  /** The published narratives, lead units first, "单位名:" before each where several. */
  progress: string;
  /** The status against 序时进度 from the published reports alone. */
  status: PublicStatus;
  statusLabel: string;
  /** "慢于序时:增长1.9%,目标≥2.5%" (lib/reporting/phrasing.ts). */
  statusReason: string;
  leadUnits: string[];
  /** Every responsible unit, in the document's order. */
  units: string[];
  /** When the latest of the task's published reports of the quarter was published. */
  publishedAt: Date | null;
}

export interface PublicQuarterTable {
  plan: PublicPlan;
  quarter: Quarter;
  /** "2025年政府工作报告重点工作一季度完成情况" */
  title: string;
  rows: PublicTaskRow[];
  /** The latest publication of the table's reports; null when nothing is published yet. */
  lastPublishedAt: Date | null;
}
