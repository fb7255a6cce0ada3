import { siteOrigin } from "@/lib/public/feed";

/**
 * GET /robots.txt: the portal and the open data are for everyone, search engines included; the
 * office's and the units' pages are behind sign-in and of no use to them. A route rather than a
 * file in public/ because the Sitemap line must be an absolute address.
 */
export function GET(request: Request) {
  const body = [
    "User-agent: *",
    "Allow: /public",
    "Allow: /api/v1/",
    "Disallow: /api/auth/",
    "Disallow: /login",
    "Disallow: /my",
    "Disallow: /review",
    "Disallow: /periods",
    "Disallow: /import",
    "Disallow: /users",
    "Disallow: /tasks/",
    "Disallow: /plans/*/dashboard",
    "",
    `Sitemap: ${siteOrigin(request)}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
