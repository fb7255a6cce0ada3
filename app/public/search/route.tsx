import { SearchView } from "@/components/portal/search";
import { publicReads } from "@/lib/public/cache";
import { filterTasks, parsePortalFilters } from "@/lib/public/search";
import { portalPage } from "../respond";

export const dynamic = "force-dynamic";

/** GET /public/search?q=…: tasks of every plan whose text, targets, units or published progress hold the words. */
export async function GET(request: Request) {
  const { q } = parsePortalFilters(new URL(request.url).searchParams);
  const reads = await publicReads();
  const pages = q === "" ? [] : await reads.planPages();
  const results = await Promise.all(
    pages.map(async (page) => ({
      page,
      tasks: filterTasks(page.tasks, await reads.searchTexts(page), { q, leader: null, unit: null, status: null, kind: null, quarter: null }, page.latestQuarter),
    })),
  );
  return portalPage(
    request,
    { title: q ? `搜索“${q}”` : "搜索", description: "在全部计划的任务、目标、责任单位和公开进展中搜索,简体繁体均可。" },
    <SearchView q={q} results={results} />,
  );
}
