import { PlanView } from "@/components/portal/plan";
import { quarterLabels } from "@/lib/periods/quarters";
import { publicReads } from "@/lib/public/cache";
import { filterTasks, narrows, parsePortalFilters } from "@/lib/public/search";
import { idParam } from "@/lib/zod/form";
import { cachedPortalPage, portalNotFound, portalPage, rememberedPortalPage } from "../../respond";

export const dynamic = "force-dynamic";

/**
 * GET /public/plans/{planId}[?quarter=&q=&leader=&unit=&status=&kind=]: a plan on the portal.
 * Without search or filters the page is the same for everyone and served from the cache; with
 * them it is rendered for the request from the cached plan.
 */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  const planId = idParam((await params).planId);
  const filters = parsePortalFilters(new URL(request.url).searchParams);
  const reads = await publicReads();
  if (planId !== null && !narrows(filters)) {
    const remembered = rememberedPortalPage(request, reads.revision, `/public/plans/${planId}${filters.quarter ? `?quarter=${filters.quarter}` : ""}`);
    if (remembered) return remembered;
  }
  const page = planId === null ? null : await reads.planPage(planId);
  if (!page) return portalNotFound(request, "没有这个计划,或它还没有公开的任务。");

  const quarter = filters.quarter !== null && page.plan.quarters.includes(filters.quarter) ? filters.quarter : page.latestQuarter;
  const meta = {
    title: `${page.plan.title}${quarter ? ` · ${quarterLabels[quarter]}` : ""}`,
    description: `${page.plan.government}${page.plan.year}年「${page.plan.title}」${page.tasks.length}项任务的责任单位、目标和经审核公开的季度进展。`,
    feed: { href: `/public/plans/${page.plan.id}/feed.xml`, title: `${page.plan.title}:新公开的进展` },
  };
  if (narrows(filters)) {
    const tasks = filterTasks(page.tasks, await reads.searchTexts(page), filters, quarter);
    return portalPage(request, { ...meta, title: `搜索 · ${meta.title}` }, <PlanView page={page} quarter={quarter} filters={filters} tasks={tasks} narrowed />);
  }
  const path = `/public/plans/${page.plan.id}${filters.quarter === quarter && quarter !== null ? `?quarter=${quarter}` : ""}`;
  return cachedPortalPage(request, reads.revision, path, async () => ({ meta, body: <PlanView page={page} quarter={quarter} filters={filters} tasks={page.tasks} narrowed={false} /> }));
}
