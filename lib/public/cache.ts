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
 * the cache's memory as it fills (Next keeps 50 MB). Values cross the cache as JSON: the types
 * read here hold no Date and no Map.
 *
 * Only ids that exist are cached: an unknown plan or task is answered from the cached lists, so
 * requests for made-up ids cannot fill the cache.
 */
export async function cachedForRevision<T>(key: readonly string[], produce: () => Promise<T>): Promise<T> {
  const revision = await publicRevision(db());
  return unstable_cache(produce, ["public", revision, ...key])();
}

export function publicPlans(): Promise<PublicPlan[]> {
  return cachedForRevision(["plans"], () => listPublicPlans(db()));
}

export async function publicPlanPage(planId: number): Promise<PublicPlanPage | null> {
  if (!(await publicPlans()).some((plan) => plan.id === planId)) return null;
  return cachedForRevision(["plan", String(planId)], () => loadPublicPlanPage(db(), planId));
}

/** Every plan's page, newest year first (the home page, the search, the sitemap). */
export async function publicPlanPages(): Promise<PublicPlanPage[]> {
  const plans = await publicPlans();
  const pages = await Promise.all(plans.map((plan) => publicPlanPage(plan.id)));
  return pages.filter((page): page is PublicPlanPage => page !== null);
}

/** The search text of each task of a plan, in the order of its tasks (lib/public/search.ts). */
export function publicSearchTexts(page: PublicPlanPage): Promise<string[]> {
  return cachedForRevision(["search", String(page.plan.id)], async () => page.tasks.map(taskSearchText));
}

/** The plan a task is in, or null when the public has no such task. */
export async function publicTaskPlan(taskId: number): Promise<number | null> {
  const index = await cachedForRevision(["task-index"], async () => {
    const entries: Record<string, number> = {};
    for (const page of await publicPlanPages()) for (const task of page.tasks) entries[task.id] = page.plan.id;
    return entries;
  });
  return index[taskId] ?? null;
}

