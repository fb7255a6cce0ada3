import { HomeView } from "@/components/portal/home";
import { publicReads } from "@/lib/public/cache";
import { cachedPortalPage } from "./respond";

// Rendered once per public revision and served from Next's data cache (lib/public/cache.ts).
export const dynamic = "force-dynamic";

/** GET /public (and / for a visitor not signed in, rewritten in next.config.ts): the portal's home. */
export async function GET(request: Request) {
  const reads = await publicReads();
  return cachedPortalPage(request, reads.revision, "/public", async () => ({
    meta: { title: "首页", description: "政府工作报告重点工作的分解、责任单位和每季度经审核公开的推进情况。" },
    body: <HomeView pages={await reads.planPages()} />,
  }));
}
