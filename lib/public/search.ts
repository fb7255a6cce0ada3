import { TaskKind } from "@/lib/generated/prisma/enums";
import { isQuarter, type Quarter } from "@/lib/periods/quarters";
import type { PublicTask } from "@/lib/public/types";
import { publicStatusLabels, type PublicStatus } from "@/lib/reporting/phrasing";
import { toSimplified } from "@/lib/units/aliases";

/**
 * Search and filters of the portal, all in the URL (a plain GET form, no JavaScript):
 * `?q=…&leader=…&unit=…&status=…&kind=…&quarter=…`. A value that is not one of the page's is
 * ignored rather than refused: a shared or hand-edited link still opens.
 */

export interface PortalFilters {
  /** Words to find, all of them, in a task's text, targets, units and published progress. */
  q: string;
  leader: string | null;
  unit: string | null;
  /** The task's status in the quarter shown. */
  status: PublicStatus | null;
  kind: TaskKind | null;
  quarter: Quarter | null;
}

/** Longer queries are cut: nobody types more, and a search costs in proportion. */
export const QUERY_MAX = 50;

const STATUSES = Object.keys(publicStatusLabels) as PublicStatus[];
const KINDS = Object.values(TaskKind);

function single(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim();
  return value ? value.slice(0, 100) : null;
}

export function parsePortalFilters(params: URLSearchParams): PortalFilters {
  const status = single(params, "status");
  const kind = single(params, "kind");
  const quarter = Number(single(params, "quarter"));
  return {
    q: (single(params, "q") ?? "").slice(0, QUERY_MAX),
    leader: single(params, "leader"),
    unit: single(params, "unit"),
    status: STATUSES.find((candidate) => candidate === status) ?? null,
    kind: KINDS.find((candidate) => candidate === kind) ?? null,
    quarter: isQuarter(quarter) ? quarter : null,
  };
}

/** Whether the filters narrow the list (the quarter only chooses which one is shown). */
export function narrows(filters: PortalFilters): boolean {
  return filters.q !== "" || filters.leader !== null || filters.unit !== null || filters.status !== null || filters.kind !== null;
}

/**
 * Text as the search compares it: full-width forms folded (ＡＢＣ１２ → abc12), traditional
 * characters made simplified (責任 → 责任), case and blanks ignored. Both the query and the texts
 * go through it, so 責任 finds 责任 and 责任 finds 責任.
 */
export function searchKey(text: string): string {
  return toSimplified(text.normalize("NFKC")).toLowerCase().replace(/\s+/g, "");
}

/** Everything of a task the search looks in, as one search key. */
export function taskSearchText(task: PublicTask): string {
  return searchKey(
    [
      task.text,
      task.originalText ?? "",
      task.group ?? "",
      ...task.targets.map((target) => target.original),
      ...task.units.map((unit) => unit.name),
      ...task.quarters.flatMap((quarter) => quarter.progress.flatMap((narrative) => [narrative.text, narrative.problems, narrative.nextSteps])),
    ].join("\n"),
  );
}

/**
 * The tasks the filters keep, in the order given. `searchTexts[i]` is `taskSearchText(tasks[i])`,
 * computed once per plan and cached; `quarter` is the quarter shown, whose status `status` means.
 */
export function filterTasks(tasks: readonly PublicTask[], searchTexts: readonly string[], filters: PortalFilters, quarter: Quarter | null): PublicTask[] {
  const words = filters.q.split(/\s+/).map(searchKey).filter(Boolean);
  return tasks.filter((task, index) => {
    if (filters.leader !== null && task.leader !== filters.leader) return false;
    if (filters.unit !== null && !task.units.some((unit) => unit.name === filters.unit)) return false;
    if (filters.kind !== null && task.kind !== filters.kind) return false;
    if (filters.status !== null && statusIn(task, quarter) !== filters.status) return false;
    // The texts are cached beside the plan under the same revision; a missing one is made here.
    const haystack = searchTexts[index] ?? taskSearchText(task);
    return words.every((word) => haystack.includes(word));
  });
}

/** A task's public status in a quarter; 暂无公开进展 where the quarter has no period. */
export function statusIn(task: PublicTask, quarter: Quarter | null): PublicStatus {
  return task.quarters.find((entry) => entry.quarter === quarter)?.status ?? "not_published";
}
