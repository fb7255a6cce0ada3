import type { LeadConvention, PlanKind, TaskKind as StoredTaskKind } from "@/lib/generated/prisma/enums";
import type { ParsedTarget } from "@/lib/targets";

export type { LeadConvention, ParsedTarget };

/** A task a document lists (a notice holding key tasks and livelihood projects is a key_tasks plan). */
export type TaskKind = Extract<StoredTaskKind, "key" | "livelihood" | "policy">;
export type DocumentFormat =
  | "pipe-table"
  | "cell-lines"
  | "leader-headings"
  | "policy-list"
  | "work-report"
  | "header-table"
  | "numbered-items";

export interface ParsedUnit {
  name: string; // canonical name, see lib/units
  rawName: string; // as written
  lead: boolean; // always false for a group
  group?: true; // 各镇街道, 市政府各部门 …: several units, shown on the task, never asked to file
}

export interface ParsedTask {
  line: number; // 1-based line in the source file where the task starts
  leader: string | null; // vice-mayor name without title; null where the document has none
  leaderTitle: string | null; // e.g. "副市长" / "市长" when the document says so
  number: string; // 序号 within that leader's list (or within the project for livelihood sub-items; 004 keeps its running number)
  kind: TaskKind;
  parent: string | null; // livelihood sub-items: the project/group number; 004 items: the area number; else null
  section: string | null; // heading or table title the task sits under
  text: string; // simplified-character text
  originalText: string | null; // original (traditional) text where it was converted
  units: ParsedUnit[];
  targets: ParsedTarget[];
  progress: Array<{ unit: string | null; text: string }>; // quarterly table only; unit null = the lead unit's text
  // 完成时限 as written ("6月底前", "2025年9月"), stored as Task.deadlineText.
  deadline?: string | null;
  // The date it is due by ("2025-09-30"), within the plan's year; null: none or not read (a warning says which).
  // parseDocument sets it from `deadline` (lib/progress/deadline.ts); the format parsers leave it alone.
  dueOn?: string | null;
}

export interface ParsedParent {
  kind: Extract<StoredTaskKind, "livelihood_project" | "policy_area">;
  number: string;
  title: string; // simplified
  originalTitle: string | null; // original (traditional) title where it was converted
  line: number;
  leader: string | null;
  leadUnit: string | null; // 004: the area's lead from "(由科技局牵头)"
}

export interface ParsedPlan {
  year: number;
  government: string; // 平湖市 / 嘉兴市
  title: string;
  kind: PlanKind;
  leadConvention: LeadConvention;
  sourceFile: string;
  format: DocumentFormat;
  period?: { year: number; quarter: 1 | 2 | 3 | 4 }; // quarterly progress tables only
}

/**
 * The office's answer where a document states no lead rule: the first listed unit leads, every
 * listed unit leads, or the document's lists mark none (each task then keeps the one lead the
 * system requires, the first listed, to be set right on the task page).
 */
export const LEAD_CHOICES = ["first_listed", "all_lead", "none"] as const;
export type LeadChoice = (typeof LEAD_CHOICES)[number];

/** Where the lead rule came from: the document's own words (source names the line), or the office's choice. */
export interface LeadRule {
  convention: LeadConvention;
  source: string; // "第10行:“列第一位的为牵头单位”"
  line: number;
}

export interface ImportWarning {
  line: number | null;
  message: string; // Chinese
}

export interface GlossaryEntry {
  number: number;
  term: string;
  explanation: string;
}

/** A unit the document refers to, with the aliases it was written under. */
export interface DocumentUnit {
  name: string;
  aliases: string[];
  isNew: boolean;
  group: boolean; // see ParsedUnit.group
}

export interface ParseResult {
  plan: ParsedPlan;
  leaders: Array<{ name: string; title: string | null }>;
  parents: ParsedParent[];
  tasks: ParsedTask[];
  glossary: GlossaryEntry[]; // work report only
  documentText?: string; // work report only: the whole text as imported
  warnings: ImportWarning[];
  /** The rule the document states, or null: then leadChoice (the office's) applies. */
  leadRule: LeadRule | null;
  leadChoice: LeadChoice | null;
  /** True when the document states no rule and some task lists two or more units none of which is starred: the office must choose. */
  leadRuleNeeded: boolean;
  newUnits: string[]; // names not in the directory passed in: reported for review
  units: DocumentUnit[];
  /** Tables whose headers were not recognised, offered for the office to map (read by a mapping, or skipped). */
  tablesToMap?: TableToMap[];
}

/** The fields a table column can be mapped to: "units" is 配合单位 beside a 牵头单位 column, 责任单位 without one. */
export const MAPPED_FIELDS = ["number", "task", "leader", "lead", "units", "deadline", "progress", "remark"] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** What a column of an unrecognised table can be mapped to, as the import page and `npm run import --map` name it. */
export const MAPPED_FIELD_LABELS: Record<MappedField, string> = {
  number: "序号",
  task: "任务",
  leader: "分管领导",
  lead: "牵头单位",
  units: "配合单位/责任单位",
  deadline: "完成时限",
  progress: "完成情况",
  remark: "备注",
};
/** A column mapped to nothing is not imported. */
export const NOT_IMPORTED_LABEL = "不导入";

/** The office's mapping of one table's columns, by the signature of its header row (header-table.ts headerSignature). */
export interface ColumnMapping {
  signature: string;
  /** Per column, left to right; null: not imported. */
  fields: Array<MappedField | null>;
}

/** A table whose headers were not recognised, as the preview offers it for mapping. */
export interface TableToMap {
  name: string;
  signature: string;
  header: string[];
  /** The fields suggested for each column: the office's last mapping of this header, else what the header names. */
  fields: Array<MappedField | null>;
  /** Whether fields are a mapping remembered from an earlier import. */
  remembered?: boolean;
  /** Whether the table was read by fields (a mapping the office sent or one remembered), not skipped. */
  applied?: boolean;
}

export class ImportError extends Error {
  constructor(
    message: string, // Chinese, names the line: "第12行:…"
    public line: number | null,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

/** No table of the document could be read until the office maps the columns of these. */
export class MappingNeeded extends ImportError {
  constructor(
    message: string,
    public tables: TableToMap[],
  ) {
    super(message, null);
    this.name = "MappingNeeded";
  }
}

/** What a format parser returns; index.ts adds the file name, warnings and units. */
export type ParserOutput = Omit<ParseResult, "plan" | "warnings" | "newUnits" | "units" | "leadRule" | "leadChoice" | "leadRuleNeeded"> & {
  plan: Omit<ParsedPlan, "sourceFile" | "format">;
};
