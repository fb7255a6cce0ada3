import { z } from "zod";
import { SORT_KEYS, defaultDirection, type SortDirection, type SortKey } from "@/lib/scorecard/score";

/**
 * The scorecard's address: `?q=` a quarter (1–4) or `year`, `sort=` a column, `dir=` asc/desc.
 * Shared by the page and its .xlsx, so that the download holds the rows in the order shown.
 * Anything else falls back to the default (the quarter the plan's pages open on, the ranking).
 */
export const scorecardSearch = z.object({
  q: z.union([z.literal("year"), z.coerce.number().int().min(1).max(4)]).optional().catch(undefined),
  sort: z.enum(SORT_KEYS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});

export function scorecardSort(search: { sort?: SortKey; dir?: SortDirection }): { key: SortKey; direction: SortDirection } {
  const key = search.sort ?? "rank";
  return { key, direction: search.dir ?? defaultDirection(key) };
}

/** The first value of each search parameter, as Next passes them. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}
