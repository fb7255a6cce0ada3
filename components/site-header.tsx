import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";
import type { Actor } from "@/lib/permissions";
import { roleLabels } from "@/lib/zod/users";

const links: Record<Actor["role"], Array<{ href: string; label: string }>> = {
  unit_staff: [{ href: "/my", label: "我的任务" }],
  office: [
    { href: "/review", label: "审核" },
    { href: "/periods", label: "填报期" },
    { href: "/import", label: "导入" },
    { href: "/units/groups", label: "单位群组" },
    { href: "/users", label: "账号" },
    { href: "/robots", label: "群机器人" },
    { href: "/outbox", label: "消息投递" },
  ],
  leader: [],
};

export interface MenuDashboard {
  id: number;
  year: number;
  government: string;
  title: string;
}

/** "进度总览" for one plan; with several, each names its year and government, and its title where those are shared. */
function dashboardLinks(plans: MenuDashboard[]) {
  const place = (plan: MenuDashboard) => `${plan.year}年${plan.government}`;
  return plans.map((plan) => {
    const shared = plans.some((other) => other !== plan && place(other) === place(plan));
    const label = plans.length === 1 ? "进度总览" : `进度总览(${place(plan)}${shared ? ` ${plan.title}` : ""})`;
    return { href: `/plans/${plan.id}/dashboard`, label, title: `${place(plan)} ${plan.title}` };
  });
}

export function SiteHeader({ actor, dashboards, unread = 0 }: { actor: Actor | null; dashboards: MenuDashboard[]; unread?: number }) {
  return (
    <header className="border-b border-brand-700 bg-brand-700 text-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-wide">
          落实
        </Link>
        <nav aria-label="主导航" className="flex flex-wrap gap-4 text-sm">
          <Link href="/" className="hover:underline">
            工作计划
          </Link>
          {dashboardLinks(dashboards).map((link) => (
            <Link key={link.href} href={link.href} title={link.title} className="hover:underline">
              {link.label}
            </Link>
          ))}
          {/* What the public reads, for staff (the public's home page is the portal already). Plain
              HTML served by route handlers, not a page of this app: a full load. */}
          {actor && (
            <a href="/public" className="hover:underline">
              公开门户
            </a>
          )}
          {actor && links[actor.role].map((link) => (
            <Link key={link.href} href={link.href} className="hover:underline">
              {link.label}
            </Link>
          ))}
          {actor && (
            <Link href="/inbox" className="hover:underline">
              消息
              {unread > 0 && (
                <span className="ml-1 rounded-full bg-white px-1.5 text-xs font-semibold text-brand-700">
                  {unread}
                  <span className="sr-only">条未读</span>
                </span>
              )}
            </Link>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-2 text-sm">
          {actor ? (
            <>
              <span>
                {actor.displayName}
                <span className="text-red-100">({roleLabels[actor.role]})</span>
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/login" className="rounded px-2 py-1 hover:bg-brand-800">
              登录
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
