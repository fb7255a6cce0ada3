import { publicReads } from "@/lib/public/cache";
import { escapeMarkup, siteOrigin } from "@/lib/public/feed";

export const dynamic = "force-dynamic";

/** GET /sitemap.xml: the portal's pages — its home, every plan and every task — for search engines. */
export async function GET(request: Request) {
  const origin = siteOrigin(request);
  const pages = await (await publicReads()).planPages();
  const urls: Array<{ loc: string; lastmod: string | null }> = [{ loc: `${origin}/public`, lastmod: null }];
  for (const page of pages) {
    urls.push({ loc: `${origin}/public/plans/${page.plan.id}`, lastmod: page.lastPublishedAt });
    for (const task of page.tasks) {
      const published = task.quarters.map((entry) => entry.publishedAt).filter((at): at is string => at !== null).sort().at(-1) ?? null;
      urls.push({ loc: `${origin}/public/tasks/${task.id}`, lastmod: published });
    }
  }
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((url) => `<url><loc>${escapeMarkup(url.loc)}</loc>${url.lastmod ? `<lastmod>${url.lastmod}</lastmod>` : ""}</url>`),
    "</urlset>",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, no-cache" } });
}
