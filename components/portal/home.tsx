import { quarterLabels } from "@/lib/periods/quarters";
import { planKindLabels } from "@/lib/plans/queries";
import type { PublicPlanPage } from "@/lib/public/types";
import { SearchForm } from "./search";
import { StatusCounts, publicDate } from "./parts";

/** The portal's home: what was promised each year, and how far each plan has got. */
export function HomeView({ pages }: { pages: PublicPlanPage[] }) {
  const years = [...new Set(pages.map((page) => page.plan.year))];
  return (
    <>
      <h1>政府工作报告重点工作公开</h1>
      <p className="lead">政府工作报告向社会作出的承诺,分解到每项任务、每个责任单位;每季度的推进情况经市政府办公室审核后在此公开,并对照全年目标和序时进度标明快慢。</p>
      <SearchForm q="" />
      {pages.length === 0 ? (
        <p className="empty">还没有公开的计划。</p>
      ) : (
        years.map((year) => (
          <section key={year} aria-labelledby={`year-${year}`}>
            <h2 id={`year-${year}`}>{year}年</h2>
            <ul className="plans">
              {pages
                .filter((page) => page.plan.year === year)
                .map((page) => (
                  <li key={page.plan.id} className="card">
                    <h3>
                      <a href={`/public/plans/${page.plan.id}`}>{page.plan.title}</a>
                    </h3>
                    <p className="muted">
                      {page.plan.government} · {planKindLabels[page.plan.kind]} · {page.tasks.length} 项任务
                      {page.latestQuarter && <> · 最新:{quarterLabels[page.latestQuarter]}</>}
                      {page.lastPublishedAt && <> · {publicDate(page.lastPublishedAt)}公开</>}
                    </p>
                    {page.latestQuarter && <StatusCounts planId={page.plan.id} tasks={page.tasks} quarter={page.latestQuarter} />}
                  </li>
                ))}
            </ul>
          </section>
        ))
      )}
      <section aria-labelledby="open-data" className="data">
        <h2 id="open-data">开放数据</h2>
        <p>
          每个计划每季度公开的完成情况表,可下载 CSV(UTF-8,Excel 可直接打开)和 JSON;接口说明见 <a href="/api/v1/openapi.json">OpenAPI 描述</a>,计划列表见{" "}
          <a href="/api/v1/plans">/api/v1/plans</a>。每个计划页面另有 Atom 订阅。
        </p>
      </section>
    </>
  );
}
