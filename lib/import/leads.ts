/**
 * The one place that decides lead units (牵头单位) for the layouts beyond the five seeds
 * (numbered items, header-named tables), by the rule ParseContext found or the office chose.
 */
import type { ParseContext } from "./context";
import { detectLeadConvention } from "./text";
import type { LeadConvention, ParsedUnit } from "./types";

/**
 * The convention a list of units is read with: the document's own rule (★ marks, "列第一位的为牵头
 * 单位", found by ParseContext), else the office's choice; without either, first listed — what the
 * breakdown notices (003, 004) assume — as the preview's provisional reading, which the import
 * refuses until the office has chosen (ParseContext.leadRuleNeeded).
 */
export function layoutLeadConvention(ctx: ParseContext, documentText: string): LeadConvention {
  return ctx.convention(detectLeadConvention(documentText) ?? "first_listed");
}

/** One list of responsible units: leads by the document's rule (★ first, then the convention). */
export function listedUnits(ctx: ParseContext, list: string, convention: LeadConvention, line: number): ParsedUnit[] {
  return ctx.units(list, convention, line);
}

/**
 * Units given as leads and co-units separately (a 牵头单位 column or "A牵头,B配合"): every lead
 * listed leads, no co-unit does; a unit named in both stays a lead.
 */
export function splitLeadUnits(ctx: ParseContext, leads: string, coUnits: string, line: number): ParsedUnit[] {
  const result = ctx.units(leads, "star", line, { leadsStated: true }).map((u) => ({ ...u, lead: true }));
  for (const unit of ctx.units(coUnits, "star", line, { leadsStated: true })) {
    if (result.some((u) => u.name === unit.name)) continue;
    result.push({ ...unit, lead: false });
  }
  return result;
}
