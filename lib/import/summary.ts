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

export type ImportSummary = ReturnType<typeof dryRunSummary>;
