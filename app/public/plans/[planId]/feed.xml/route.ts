import { publicReads } from "@/lib/public/cache";
import { planFeed, siteOrigin } from "@/lib/public/feed";
import { apiNotFound, openDataResponse } from "@/lib/public/open-data";
import { idParam } from "@/lib/zod/form";

export const dynamic = "force-dynamic";

/** GET /public/plans/{planId}/feed.xml: the plan's Atom feed of newly published progress. */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  const planId = idParam((await params).planId);
  const page = planId === null ? null : await (await publicReads()).planPage(planId);
  if (!page) return apiNotFound("没有这个计划,或它还没有公开的任务。");
  const lastPublished = page.lastPublishedAt ? new Date(page.lastPublishedAt) : null;
  return openDataResponse(request, planFeed(page, siteOrigin(request)), "application/atom+xml; charset=utf-8", lastPublished);
}
