import { quarterLabels } from "@/lib/periods/quarters";
import { QUERY_MAX } from "@/lib/public/search";
import type { PublicPlanPage, PublicTask } from "@/lib/public/types";
import { Breadcrumbs } from "./document";
import { TaskSummary } from "./plan";

export function SearchForm({ q }: { q: string }) {
  return (
    <form method="get" action="/public/search" role="search" className="search" aria-label="搜索全部计划">
      <label htmlFor="site-q">搜索全部任务和进展</label>
      <span className="search-row">
        <input id="site-q" name="q" type="search" defaultValue={q} maxLength={QUERY_MAX} placeholder="如:光伏、养老、責任单位" />
        <button type="submit">搜索</button>
      </span>
    </form>
  );
}

/** Results across every plan, each plan's found tasks under it with their latest status. */
export function SearchView({ q, results }: { q: string; results: Array<{ page: PublicPlanPage; tasks: PublicTask[] }> }) {
  const total = results.reduce((sum, result) => sum + result.tasks.length, 0);
  return (
    <>
      <Breadcrumbs steps={[{ label: "首页", href: "/public" }, { label: "搜索" }]} />
      <h1>搜索</h1>
      <SearchForm q={q} />
      {q === "" ? (
        <p className="muted">输入任务、单位或进展中的词语;简体、繁体都可以。</p>
      ) : (
        <>
          <p className="result-count" role="status">
            {total === 0 ? `没有找到含“${q}”的任务或进展。可以试试更短的词。` : `“${q}”:找到 ${total} 项任务`}
          </p>
          {results
            .filter((result) => result.tasks.length > 0)
            .map(({ page, tasks }) => (
              <section key={page.plan.id} aria-labelledby={`plan-${page.plan.id}`} className="group">
                <h2 id={`plan-${page.plan.id}`}>
                  <a href={`/public/plans/${page.plan.id}?${new URLSearchParams({ q })}`}>{page.plan.title}</a>
                  <span className="muted small">
                    ({page.plan.year}年 · {tasks.length} 项{page.latestQuarter ? ` · 状态为${quarterLabels[page.latestQuarter]}` : ""})
                  </span>
                </h2>
                <ol className="tasks">
                  {tasks.map((task) => (
                    <li key={task.id}>
                      <TaskSummary task={task} quarter={page.latestQuarter} />
                    </li>
                  ))}
                </ol>
              </section>
            ))}
        </>
      )}
    </>
  );
}

export function NotFoundView({ message }: { message: string }) {
  return (
    <>
      <h1>没有找到这个页面</h1>
      <p>{message}</p>
      <p>
        <a href="/public">回到首页</a> · <a href="/public/search">搜索</a>
      </p>
    </>
  );
}
