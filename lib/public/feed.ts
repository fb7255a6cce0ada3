import { Feed } from "feed";
import { quarterLabels } from "@/lib/periods/quarters";
import type { PublicPlanPage } from "@/lib/public/types";
import { reportText } from "@/lib/quarterly/text";

/**
 * The Atom feed of a plan: one entry per task and quarter with published progress, newest
 * publication first, so that a reader following the plan sees each new publication once (an entry
 * published again after a correction comes back with its new time).
 */

/** Entries a feed holds: readers keep what they have seen; a quarter of a large plan fits. */
export const FEED_ENTRIES = 200;

export function planFeed(page: PublicPlanPage, origin: string): string {
  const planUrl = `${origin}/public/plans/${page.plan.id}`;
  const entries = page.tasks
    .flatMap((task) =>
      task.quarters
        .filter((entry) => entry.publishedAt !== null)
        .map((entry) => ({ task, entry, publishedAt: entry.publishedAt as string })),
    )
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.task.id - b.task.id)
    .slice(0, FEED_ENTRIES);
  const feed = new Feed({
    id: planUrl,
    title: `${page.plan.title}:公开进展`,
    description: `${page.plan.government}${page.plan.year}年「${page.plan.title}」经审核公开的季度进展。`,
    link: planUrl,
    language: "zh-CN",
    // A plan with nothing published yet: a fixed time (the start of its year), so that the feed's
    // ETag holds and a reader's reload is a 304, not a new document every second.
    updated: new Date(page.lastPublishedAt ?? Date.UTC(page.plan.year, 0, 1)),
    feedLinks: { atom: `${planUrl}/feed.xml` },
    generator: false,
    copyright: page.plan.government,
  });
  for (const { task, entry, publishedAt } of entries) {
    const link = `${origin}/public/tasks/${task.id}#q${entry.quarter}`;
    const narratives = entry.progress.map((narrative) => {
      const text = reportText({ narrative: narrative.text, problems: narrative.problems, nextSteps: narrative.nextSteps });
      return entry.progress.length > 1 ? `${narrative.unit}:${text}` : text;
    });
    feed.addItem({
      id: link,
      link,
      // The feed writes titles and summaries as HTML, like the content: escaped alike.
      title: escapeMarkup(`${quarterLabels[entry.quarter]} · ${task.text}`),
      date: new Date(publishedAt),
      description: escapeMarkup(entry.reason),
      content: [entry.reason, ...narratives].map((text) => `<p>${escapeMarkup(text)}</p>`).join(""),
    });
  }
  return feed.atom1();
}

/** Text for HTML or XML: the feed's entries, the sitemap's addresses. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The site's address in absolute links: NEXTAUTH_URL where the operator gave it, else the request's own. */
export function siteOrigin(request: Request, env: Record<string, string | undefined> = process.env): string {
  try {
    if (env.NEXTAUTH_URL?.trim()) return new URL(env.NEXTAUTH_URL.trim()).origin;
  } catch {
    // An unparsable NEXTAUTH_URL is reported by next-auth itself; the request's address serves.
  }
  return new URL(request.url).origin;
}
