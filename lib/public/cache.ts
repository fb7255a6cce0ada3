import "server-only";
import { unstable_cache } from "next/cache";
import { db } from "@/lib/db/client";
import { loadPublicPlanPage } from "@/lib/public/portal";
import { listPublicPlans } from "@/lib/public/read";
import { publicRevision } from "@/lib/public/revision";
import { taskSearchText } from "@/lib/public/search";
import type { PublicPlan, PublicPlanPage } from "@/lib/public/types";

/**
 * The portal's reads through Next's data cache (unstable_cache), keyed by the public revision
 * (lib/public/revision.ts): published data changes a few times a quarter, so a page view is
 * served from memory, and the first view after a publication, a correction or an import reads
 * the database once for everyone. Entries of an old revision are never asked for again and leave
 * the cache's memory as it fills (Next keeps 50 MB; next.config.ts keeps them off the disk).
 * Values cross the cache as JSON: the types read here hold no Date and no Map.
 *
 * A request reads the revision once (`publicReads`) and makes every read under it: a publication
 * that lands while the request runs cannot have the request store what it read before under the
 * new revision.
 *
 * Only ids that exist are cached: an unknown plan or task is answered from the cached lists, so
 * requests for made-up ids cannot fill the cache.
 */
export function cachedForRevision<T>(revision: string, key: readonly string[], produce: () => Promise<T>): Promise<T> {
  return unstable_cache(produce, ["public", revision, ...key])();
}

export interface PublicReads {
  revision: string;
  plans(): Promise<PublicPlan[]>;
  planPage(planId: number): Promise<PublicPlanPage | null>;
  /** Every plan's page, newest year first (the home page, the search, the sitemap). */
  planPages(): Promise<PublicPlanPage[]>;
  /** The search text of each task of a plan, in the order of its tasks (lib/public/search.ts). */
  searchTexts(page: PublicPlanPage): Promise<string[]>;
  /** The plan a task is in, or null when the public has no such task. */
  taskPlan(taskId: number): Promise<number | null>;
}

/** The portal's reads of one request, all under the revision current when it began. */
export async function publicReads(): Promise<PublicReads> {
  const revision = await publicRevision(db());
  const cached = <T>(key: readonly string[], produce: () => Promise<T>) => cachedForRevision(revision, key, produce);
  // A plan known to be in the list.
  const listedPage = (planId: number) => cached(["plan", String(planId)], () => loadPublicPlanPage(db(), planId));
  const reads: PublicReads = {
    revision,
    plans: () => cached(["plans"], () => listPublicPlans(db())),
    async planPage(planId) {
      return (await reads.plans()).some((plan) => plan.id === planId) ? listedPage(planId) : null;
    },
    async planPages() {
      const pages = await Promise.all((await reads.plans()).map((plan) => listedPage(plan.id)));
      return pages.filter((page): page is PublicPlanPage => page !== null);
    },
    searchTexts: (page) => cached(["search", String(page.plan.id)], async () => page.tasks.map(taskSearchText)),
    async taskPlan(taskId) {
      const index = await cached(["task-index"], async () => {
        const entries: Record<string, number> = {};
        for (const page of await reads.planPages()) for (const task of page.tasks) entries[task.id] = page.plan.id;
        return entries;
      });
      return index[taskId] ?? null;
    },
  };
  return reads;
}
