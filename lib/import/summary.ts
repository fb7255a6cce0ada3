import type { UnitResolution } from "./persist";
import type { ParseResult } from "./types";

/** What an import would bring in, as the dry run prints it and the preview page shows it. */
export function dryRunSummary(result: ParseResult) {
  return {
    plan: result.plan,
    tasks: result.tasks.map((t) => ({
      leader: t.leader,
      number: t.number,
      kind: t.kind,
      parent: t.parent,
      text: t.text,
      units: t.units.map((u) => ({ name: u.name, lead: u.lead })),
      targets: t.targets,
    })),
    warnings: result.warnings,
    newUnits: result.newUnits,
  };
}

/**
 * The preview page's summary: the dry run, with the units resolved against those on record as the
 * import will resolve them (the dry run's newUnits only knows the built-in abbreviations).
 */
export function previewSummary(result: ParseResult, units: UnitResolution) {
  return { ...dryRunSummary(result), newUnits: units.newUnits, matchedUnits: units.matched };
}

export type ImportSummary = ReturnType<typeof previewSummary>;

/** "财政局", or "服务业发展局 → 发改局(别名“服务业发展局”)" where the name reached a unit through an alias. */
export function describeUnitMatch(match: UnitResolution["matched"][number]): string {
  if (match.alias === null) return match.name;
  return `${match.name} → ${match.unit}(别名“${match.alias}”)`;
}
