import type { PlanKind, TaskKind } from "@/lib/generated/prisma/enums";
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

/**
 * A plan as the portal shows it (/public/plans/N): every tracked task with every quarter's
 * published progress. Cached as JSON (lib/public/cache.ts), so times are ISO strings, never Date.
 */
export interface PublicPlanPage {
  plan: PublicPlan;
  /** The quarter the page opens on: the latest with published progress, else the latest period; null before any. */
  latestQuarter: Quarter | null;
  tasks: PublicTask[];
  /** Explanations, from the government's work reports, of the slogans the plan's tasks use. */
  glossary: PublicGlossaryEntry[];
  /** The latest publication of the plan's reports (ISO 8601); null when nothing is published. */
  lastPublishedAt: string | null;
}

/** A tracked task of the portal (a livelihood project or a policy area is its `group`, not a task). */
export interface PublicTask {
  id: number;
  /** 序号 as the document writes it. */
  number: string;
  kind: TaskKind;
  /** The heading it is listed under: its project or area, its section, else its leader. */
  group: string | null;
  leader: string | null;
  text: string;
  /** The document's wording where it was converted to simplified characters. */
  originalText: string | null;
  /** 完成时限 with the date it is judged by ("6月底前(6月30日)"); null where the document gives none. */
  deadline: string | null;
  targets: PublicTarget[];
  /** Responsible units in the document's order. */
  units: PublicUnit[];
  /** One per reporting period of the plan, ascending. */
  quarters: PublicTaskQuarter[];
}

export interface PublicTarget {
  id: number;
  /** "增长≥2.5%", "≥6万千瓦" */
  text: string;
  /** The document's own wording ("新增光伏装机6万千瓦"). */
  original: string;
  /** The target's value and unit as stored (base units), for the chart. */
  value: number;
  unit: string;
}

export interface PublicUnit {
  name: string;
  lead: boolean;
}

/** A task's published progress in one quarter. */
export interface PublicTaskQuarter {
  quarter: Quarter;
  status: PublicStatus;
  label: string;
  /** "慢于序时:增长1.9%,目标≥2.5%", or 暂无公开进展. */
  reason: string;
  /** The published narratives, lead units first. */
  progress: PublicNarrative[];
  /** ISO 8601; null when nothing of the task is published for the quarter. */
  publishedAt: string | null;
  /** Per target, in the order of `targets`. */
  figures: PublicFigure[];
  /** The evidence (佐证材料) the office made public, of the quarter's published reports, lead units first. */
  attachments: PublicAttachment[];
}

/** A public attachment: what the portal lists and links (/attachments/{id}). */
export interface PublicAttachment {
  id: number;
  unit: string;
  name: string;
  size: number;
}

export interface PublicNarrative {
  unit: string;
  text: string;
  /** 存在问题 and 下一步措施 of the published report ("" where it gives none). */
  problems: string;
  nextSteps: string;
}

/** A target's published figure in a quarter against the target and what 序时进度 expects by then. */
export interface PublicFigure {
  actual: number | null;
  expected: number;
  /** The target's own status in the quarter, and its sentence ("慢于序时:完成1万千瓦,目标≥6万千瓦…"). */
  status: PublicStatus;
  reason: string;
}

export interface PublicGlossaryEntry {
  term: string;
  explanation: string;
}
