import { taskKindLabels } from "@/lib/tasks/labels";
import { quarterLabels, type Quarter } from "@/lib/periods/quarters";
import { planKindLabels } from "@/lib/plans/queries";
import type { PortalFilters } from "@/lib/public/search";
import type { PublicPlanPage, PublicTask } from "@/lib/public/types";
import { publicStatusLabels } from "@/lib/reporting/phrasing";
import { Breadcrumbs } from "./document";
import { OpenDataLinks, PUBLIC_STATUS_ORDER, QuarterStrip, StatusLine, StatusCounts, excerpt, publicDate } from "./parts";

/** Consecutive tasks under the same heading (a leader, a section, a project or an area). */
function groups(tasks: readonly PublicTask[]): Array<{ heading: string | null; tasks: PublicTask[] }> {
  const result: Array<{ heading: string | null; tasks: PublicTask[] }> = [];
  for (const task of tasks) {
    const last = result.at(-1);
    if (last && last.heading === task.group) last.tasks.push(task);
    else result.push({ heading: task.group, tasks: [task] });
  }
  return result;
}

export function TaskSummary({ task, quarter, headingLevel = 3 }: { task: PublicTask; quarter: Quarter | null; headingLevel?: 2 | 3 }) {
  const shown = task.quarters.find((entry) => entry.quarter === quarter);
  const leads = task.units.filter((unit) => unit.lead).map((unit) => unit.name);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="task" aria-labelledby={`task-${task.id}`}>
      <Heading id={`task-${task.id}`} className="task-title">
        <span className="task-no">{task.number}.</span> <a href={`/public/tasks/${task.id}`}>{task.text}</a>
      </Heading>
      <p className="task-meta">
        {task.targets.length > 0 && <>目标:{task.targets.map((target) => target.text).join(";")} · </>}
        牵头:{leads.join("、") || "—"}
      </p>
      {shown ? (
        <>
          <StatusLine status={shown.status} label={shown.label} sentence={shown.reason} />
          {shown.progress.length > 0 && (
            <p className="task-progress">
              <span className="muted">{quarterLabels[shown.quarter]}进展{shown.publishedAt ? `(${publicDate(shown.publishedAt)}公开)` : ""}:</span>
              {excerpt(shown.progress.map((narrative) => narrative.text).join(" "))}
            </p>
          )}
        </>
      ) : (
        <StatusLine status="not_published" label={publicStatusLabels.not_published} sentence={publicStatusLabels.not_published} />
      )}
      <QuarterStrip task={task} />
    </article>
  );
}

function FilterForm({ page, filters, quarter }: { page: PublicPlanPage; filters: PortalFilters; quarter: Quarter | null }) {
  const leaders = [...new Set(page.tasks.map((task) => task.leader).filter((leader): leader is string => leader !== null))];
  const units = [...new Set(page.tasks.flatMap((task) => task.units.map((unit) => unit.name)))].sort((a, b) => a.localeCompare(b, "zh-CN"));
  const kinds = [...new Set(page.tasks.map((task) => task.kind))];
  return (
    <form method="get" action={`/public/plans/${page.plan.id}`} className="filters" role="search" aria-label="搜索和筛选本计划的任务">
      {quarter !== null && <input type="hidden" name="quarter" value={quarter} />}
      <p className="field wide">
        <label htmlFor="q">搜索任务和进展</label>
        <input id="q" name="q" type="search" defaultValue={filters.q} maxLength={50} placeholder="如:光伏、养老、責任单位" />
      </p>
      {leaders.length > 0 && (
        <p className="field">
          <label htmlFor="leader">分管市领导</label>
          <select id="leader" name="leader" defaultValue={filters.leader ?? ""}>
            <option value="">全部</option>
            {leaders.map((leader) => (
              <option key={leader}>{leader}</option>
            ))}
          </select>
        </p>
      )}
      <p className="field">
        <label htmlFor="unit">责任单位</label>
        <select id="unit" name="unit" defaultValue={filters.unit ?? ""}>
          <option value="">全部</option>
          {units.map((unit) => (
            <option key={unit}>{unit}</option>
          ))}
        </select>
      </p>
      <p className="field">
        <label htmlFor="status">状态{quarter ? `(${quarterLabels[quarter]})` : ""}</label>
        <select id="status" name="status" defaultValue={filters.status ?? ""}>
          <option value="">全部</option>
          {PUBLIC_STATUS_ORDER.map((status) => (
            <option key={status} value={status}>
              {publicStatusLabels[status]}
            </option>
          ))}
        </select>
      </p>
      {kinds.length > 1 && (
        <p className="field">
          <label htmlFor="kind">类别</label>
          <select id="kind" name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">全部</option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {taskKindLabels[kind]}
              </option>
            ))}
          </select>
        </p>
      )}
      <p className="field actions">
        <button type="submit">搜索</button> <a href={`/public/plans/${page.plan.id}${quarter ? `?quarter=${quarter}` : ""}`}>清除</a>
      </p>
    </form>
  );
}

/** A plan on the portal: counts, search and filters, every task under its heading. */
export function PlanView({ page, quarter, filters, tasks, narrowed }: { page: PublicPlanPage; quarter: Quarter | null; filters: PortalFilters; tasks: PublicTask[]; narrowed: boolean }) {
  const { plan } = page;
  return (
    <>
      <Breadcrumbs steps={[{ label: "首页", href: "/public" }, { label: `${plan.year}年`, href: `/public#year-${plan.year}` }, { label: plan.title }]} />
      <h1>{plan.title}</h1>
      <p className="lead">
        {plan.government} · {plan.year}年 · {planKindLabels[plan.kind]} · 共 {page.tasks.length} 项任务
        {page.lastPublishedAt && <> · 最近公开 {publicDate(page.lastPublishedAt)}</>}
      </p>
      {plan.quarters.length > 0 ? (
        <nav aria-label="季度" className="quarters">
          <ul>
            {plan.quarters.map((q) => (
              <li key={q}>
                {q === quarter ? (
                  <span aria-current="page">{quarterLabels[q]}</span>
                ) : (
                  <a href={`/public/plans/${plan.id}?quarter=${q}`}>{quarterLabels[q]}</a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <p className="notice">本计划还没有开始季度填报,暂无公开进展。</p>
      )}
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="visually-hidden">
          概况
        </h2>
        <StatusCounts planId={plan.id} tasks={page.tasks} quarter={quarter} />
        <p className="muted small">状态按牵头单位已公开的进展,对照全年目标和序时进度(到本季度末应完成的比例)判断;“暂无公开进展”表示该季度尚无经审核公开的内容。</p>
      </section>
      <FilterForm page={page} filters={filters} quarter={quarter} />
      <p className="result-count" role="status">
        {narrowed ? `找到 ${tasks.length} 项任务` : `共 ${tasks.length} 项任务`}
      </p>
      {tasks.length === 0 ? (
        <p className="empty">没有符合条件的任务。可以换一个词,或清除筛选条件。</p>
      ) : (
        groups(tasks).map((group, index) => (
          <section key={index} aria-labelledby={`group-${index}`} className="group">
            <h2 id={`group-${index}`}>{group.heading ?? "任务"}</h2>
            <ol className="tasks">
              {group.tasks.map((task) => (
                <li key={task.id}>
                  <TaskSummary task={task} quarter={quarter} />
                </li>
              ))}
            </ol>
          </section>
        ))
      )}
      <section aria-labelledby="data-heading" className="data">
        <h2 id="data-heading">下载和订阅</h2>
        <OpenDataLinks page={page} quarter={quarter} />
      </section>
    </>
  );
}
