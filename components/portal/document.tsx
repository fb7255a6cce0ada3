import type { ReactNode } from "react";

/**
 * The portal's page: a whole HTML document rendered to static markup on the server
 * (app/public/respond.ts) — no script at all, so it reads the same with JavaScript off, and the
 * Content-Security-Policy of these pages allows none (lib/security/headers.ts). Styles come from
 * /portal.css (public/portal.css); 关怀版 (larger text, higher contrast) is a class on <html>,
 * switched by a link that sets a cookie (app/public/care/route.ts).
 */

export interface PortalPageMeta {
  /** The page's own title; the site name is added after it. */
  title: string;
  description: string;
  /** The page's path with its query, for the 关怀版 switch to come back to. */
  path: string;
  care: boolean;
  /** A plan's Atom feed, announced to feed readers. */
  feed?: { href: string; title: string };
}

export const SITE_NAME = "落实 · 政府工作报告重点工作公开";

export function careSwitchHref(path: string, care: boolean): string {
  return `/public/care?${new URLSearchParams({ mode: care ? "off" : "on", back: path })}`;
}

export function PortalDocument({ meta, children }: { meta: PortalPageMeta; children: ReactNode }) {
  const title = `${meta.title} · ${SITE_NAME}`;
  return (
    <html lang="zh-CN" className={meta.care ? "care" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={meta.description} />
        <meta property="og:type" content="website" />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:site_name" content={SITE_NAME} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/portal.css" />
        {meta.feed && <link rel="alternate" type="application/atom+xml" href={meta.feed.href} title={meta.feed.title} />}
      </head>
      <body>
        <a className="skip" href="#main">
          跳到正文
        </a>
        <header className="site">
          <div className="wrap site-bar">
            <a className="brand" href="/public">
              落实<span className="brand-sub">政府工作报告重点工作公开</span>
            </a>
            <nav aria-label="网站">
              <ul className="site-nav">
                <li>
                  <a href="/public/search">搜索</a>
                </li>
                <li>
                  <a href="/public#open-data">开放数据</a>
                </li>
                <li>
                  <a href={careSwitchHref(meta.path, meta.care)} rel="nofollow">
                    {meta.care ? "标准版" : "关怀版"}
                  </a>
                </li>
                <li>
                  <a href="/login">工作人员登录</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="wrap">
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>本站公开的进展均经市政府办公室审核后发布;未公开的填报内容不在此显示。</p>
            <p>
              <a href="/api/v1/openapi.json">开放数据接口(OpenAPI)</a> · <a href="/sitemap.xml">网站地图</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** 首页 › 2025年 › … : where the page sits, each step a link but the last. */
export function Breadcrumbs({ steps }: { steps: Array<{ label: string; href?: string }> }) {
  return (
    <nav aria-label="位置" className="crumbs">
      <ol>
        {steps.map((step, index) => (
          <li key={index}>{step.href ? <a href={step.href}>{step.label}</a> : <span aria-current="page">{step.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}
