/**
 * The one place that decides lead units (牵头单位) for the layouts beyond the five seeds
 * (numbered items, header-named tables), so that a later explicit lead rule changes only this file.
 */
import type { ParseContext } from "./context";
import { detectLeadConvention } from "./text";
import type { LeadConvention, ParsedUnit } from "./types";

/**
 * The document's lead rule: its own (★ marks, "列第一位的为牵头单位"), else first listed — what the
 * breakdown notices (003, 004) and every stored task already assume where nothing is marked
 * (migration every_task_has_a_lead, lib/reporting/figures.ts withLead).
 */
export function layoutLeadConvention(documentText: string): LeadConvention {
  return detectLeadConvention(documentText) ?? "first_listed";
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
  const result = ctx.units(leads, "star", line).map((u) => ({ ...u, lead: true }));
  for (const unit of ctx.units(coUnits, "star", line)) {
    if (result.some((u) => u.name === unit.name)) continue;
    result.push({ ...unit, lead: false });
  }
  return result;
}
