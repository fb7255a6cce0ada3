import type { Metadata, Viewport } from "next";
import { SiteHeader } from "@/components/site-header";
import { currentActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { unreadCount } from "@/lib/notify/inbox";
import { menuDashboards } from "@/lib/plans/queries";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "落实 · 政府工作报告重点工作跟踪", template: "%s · 落实" },
  description: "政府工作报告重点工作任务的分解、季度进展填报、督查与公开。",
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  // The overviews of the plans this person follows, one click away on every page.
  const [dashboards, unread] = actor ? await Promise.all([menuDashboards(db(), actor), unreadCount(db(), actor)]) : [[], 0];
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          跳到正文
        </a>
        <SiteHeader actor={actor} dashboards={dashboards} unread={unread} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
