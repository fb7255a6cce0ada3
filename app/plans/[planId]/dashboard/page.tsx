import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { remindUnitAction } from "@/app/actions/reports/remind-unit";
import { Collapsible } from "@/components/dashboard/collapsible";
import { RemindButton } from "@/components/dashboard/remind-button";
import { ProgressStatusBadge } from "@/components/dashboard/status-badge";
import { statusColors } from "@/components/dashboard/status-colors";
import { StatusTable } from "@/components/dashboard/status-table";
import { ReportReasons } from "@/components/report-reasons";
import { Pager } from "@/components/pager";
import { requireActor } from "@/lib/auth/session";
import { loadOverview, type OverviewFilters } from "@/lib/dashboard/overview";
import { db } from "@/lib/db/client";
import { TaskKind } from "@/lib/generated/prisma/enums";
import { pageParam, paginate } from "@/lib/pagination";
import { listPlanPeriods } from "@/lib/periods/queries";
import { hasTasks } from "@/lib/plans/queries";
import { defaultQuarter, isQuarter, quarterLabels, type Quarter } from "@/lib/periods/quarters";
import { canReadOverview, canRemind } from "@/lib/permissions";
import { progressStatusLabels, progressStatusOrder, type ProgressStatus } from "@/lib/progress";
import { describeProgress, formatPercent } from "@/lib/reporting/phrasing";
import { lastFilingDay } from "@/lib/reports/labels";
import { taskKindLabels } from "@/lib/tasks/labels";
import { idField, idParam } from "@/lib/zod/form";

export const metadata: Metadata = { title: "进度总览" };

// The filters live in the URL, so a view can be bookmarked and sent to a colleague.
const searchSchema = z.object({
  q: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
  leader: z.string().trim().min(1).max(20).optional().catch(undefined),
  unit: idField("单位").optional().catch(undefined),
  status: z.enum(progressStatusOrder as [ProgressStatus, ...ProgressStatus[]]).optional().catch(undefined),
  kind: z.enum(TaskKind).optional().catch(undefined),
  /** The units' table: the tasks they lead (default) or those they share as co-units. */
  units: z.literal("co").optional().catch(undefined),
  // The page of each long list, so that the page stays small however large the plan.
  page: pageParam,
  bpage: pageParam,
  lpage: pageParam,
  upage: pageParam,
});

/** Items per page of the dashboard's lists. */
const PAGE_SIZES = { tasks: 30, behind: 10, lagging: 15, units: 15 } as const;

type PageKey = "page" | "bpage" | "lpage" | "upage";

/** One filter of the GET form; the empty choice means no filter. */
function FilterSelect({ label, name, value, options }: { label: string; name: string; value: string | number | undefined; options: Array<[string | number, string]> }) {
  return (
    <label className="text-sm">
      {label}
      <select name={name} defaultValue={value ?? ""} className="input mt-1">
        <option value="">全部</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}

export default async function DashboardPage({ params, searchParams }: { params: Promise<{ planId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const planId = idParam((await params).planId);
  if (planId === null) notFound();
  // Department staff work from their own task list; the overview is the office's and the leaders'.
  const actor = await requireActor(`/plans/${planId}/dashboard`, canReadOverview, "/my");
  const search = searchSchema.parse(Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])));

  const [periods, tracked] = await Promise.all([listPlanPeriods(db(), planId), hasTasks(db(), planId)]);
  // A work report kept as reference text has no tasks, hence no overview.
  if (!tracked) notFound();
  const quarter = (search.q ?? defaultQuarter(periods)) as Quarter;
  const filters: OverviewFilters = { leader: search.leader, unitId: search.unit, status: search.status, kind: search.kind };
  const overview = await loadOverview(db(), actor, { planId, quarter, filters });
  if (!overview) notFound();

  // A filter link starts every list at its first page; a pager keeps the other lists where they are.
  const filterParams = { q: quarter, leader: search.leader, unit: search.unit, status: search.status, kind: search.kind, units: search.units };
  const href = (params: Record<string, string | number | undefined>, fragment?: string) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") next.set(key, String(value));
    return `?${next.toString()}${fragment ? `#${fragment}` : ""}`;
  };
  const query = (changes: Record<string, string | number | undefined>, fragment?: string) => href({ ...filterParams, ...changes }, fragment);
  const pageHref = (key: PageKey, page: number, fragment: string) =>
    href({ ...filterParams, page: search.page, bpage: search.bpage, lpage: search.lpage, upage: search.upage, [key]: page > 1 ? page : undefined }, fragment);

  const unitName = new Map(overview.options.units.map((unit) => [unit.id, unit.name]));
  const unitSide = search.units === "co" ? "co" : "lead";
  const tasks = paginate(overview.tasks, search.page, PAGE_SIZES.tasks);
  const behind = paginate(overview.behind, search.bpage, PAGE_SIZES.behind);
  const lagging = paginate(overview.lagging, search.lpage, PAGE_SIZES.lagging);
  const units = paginate(
    overview.byUnit.filter((row) => row[unitSide].total > 0),
    search.upage,
    PAGE_SIZES.units,
  );
  const mayRemind = canRemind(actor);

  return (
    <article className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-stone-500">
          {overview.plan.year}年 · {overview.plan.government}
          {actor.role === "leader" ? ` · 分管市领导 ${actor.leaderName}` : ""}
        </p>
        <h1 className="text-2xl font-semibold">进度总览</h1>
        <p className="text-stone-600">{overview.plan.title}</p>
        <nav aria-label="季度" className="flex flex-wrap gap-2 pt-2">
          {periods.filter((period) => isQuarter(period.quarter)).map((period) => (
            <Link
              key={period.quarter}
              href={query({ q: period.quarter })}
              aria-current={period.quarter === quarter ? "page" : undefined}
              className={`rounded border px-3 py-1 text-sm ${period.quarter === quarter ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white"}`}
            >
              {quarterLabels[period.quarter as Quarter]}
            </Link>
          ))}
          <Link href={`/plans/${planId}/table/${quarter}`} className="ml-auto text-sm text-brand-700 underline">
            {quarterLabels[quarter]}完成情况表(打印 / Excel)
          </Link>
          <Link href={`/plans/${planId}/scorecard?q=${quarter}`} className="text-sm text-brand-700 underline">
            {quarterLabels[quarter]}单位考核
          </Link>
        </nav>
      </header>

      <form method="get" className="card grid gap-3 sm:grid-cols-5" aria-label="筛选">
        <input type="hidden" name="q" value={quarter} />
        {search.units && <input type="hidden" name="units" value={search.units} />}
        <FilterSelect label="分管市领导" name="leader" value={search.leader} options={overview.options.leaders.map((leader) => [leader.name, leader.name])} />
        <FilterSelect label="责任单位" name="unit" value={search.unit} options={overview.options.units.map((unit) => [unit.id, unit.name])} />
        <FilterSelect label="状态" name="status" value={search.status} options={progressStatusOrder.map((status) => [status, progressStatusLabels[status]])} />
        <FilterSelect label="类别" name="kind" value={search.kind} options={overview.options.kinds.map((kind) => [kind, taskKindLabels[kind]])} />
        <div className="flex items-end gap-2">
          <button type="submit" className="btn-primary">
            筛选
          </button>
          <Link href={`?q=${quarter}`} className="btn-secondary">
            清除
          </Link>
        </div>
      </form>

      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading" className="mb-2 text-lg font-medium">
          {quarterLabels[quarter]} · {overview.taskCount} 项任务 · 序时进度 {formatPercent(overview.expectedShare)}
          {overview.period ? ` · ${lastFilingDay(new Date(overview.period.dueAt))}截止` : " · 尚未开启填报"}
        </h2>
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-8">
          {progressStatusOrder.map((status) => (
            <li key={status}>
              <Link href={query({ status })} className="card block border-l-4 hover:bg-stone-50" style={{ borderLeftColor: statusColors[status] }}>
                <span className="block text-sm text-stone-600">{progressStatusLabels[status]}</span>
                <span className="text-2xl font-semibold">{overview.statusCounts[status]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="behind-heading">
        <h2 id="behind-heading" className="mb-2 text-lg font-medium">
          慢于序时的任务({overview.behind.length})
        </h2>
        {behind.total === 0 ? (
          <p className="text-stone-600">没有慢于序时的任务。</p>
        ) : (
          <Collapsible count={behind.items.length} label="慢于序时的任务">
            <ul data-collapse-items="" className="space-y-2">
              {behind.items.map((task) => (
                <li key={task.taskId} className="card border-l-4 border-l-red-600">
                  <p className="text-sm text-stone-500">
                    {task.leaderName ?? ""} · 第 {task.number} 项 · 牵头 {task.leadUnits.join("、")}
                  </p>
                  <a href={`/tasks/${task.taskId}?q=${quarter}`} className="font-medium hover:text-brand-700 hover:underline">
                    {task.text}
                  </a>
                  <p className="mt-1 text-sm text-red-800">{task.reason}</p>
                  <ul className="mt-1 text-sm text-stone-700">
                    {/* Each target's status and figures in the words of the task page (describeProgress). */}
                    {task.targets.map((target) => (
                      <li key={target.targetId}>
                        {target.originalText}:<span className={target.decisive ? "font-semibold text-red-700" : ""}>{describeProgress(target)}</span>
                      </li>
                    ))}
                  </ul>
                  {task.reasons.map((reason) => (
                    <div key={reason.unit} className="mt-2">
                      {task.reasons.length > 1 && <p className="text-sm font-medium">{reason.unit}</p>}
                      <ReportReasons problems={reason.problems} nextSteps={reason.nextSteps} />
                    </div>
                  ))}
                </li>
              ))}
            </ul>
          </Collapsible>
        )}
        <Pager label="慢于序时的任务分页" {...behind} href={(n) => pageHref("bpage", n, "behind-heading")} />
      </section>

      <section aria-labelledby="lagging-heading">
        <h2 id="lagging-heading" className="mb-2 text-lg font-medium">
          未报、迟报和缺少数据的单位(催报)
        </h2>
        {!overview.period ? (
          <p className="text-stone-600">本季度尚未开启填报。</p>
        ) : lagging.total === 0 ? (
          <p className="text-stone-600">各单位均已按时提交,数据齐全。</p>
        ) : (
          <Collapsible count={lagging.items.length} label="未报、迟报和缺少数据的单位">
            <div className="overflow-x-auto">
              <table className="w-full min-w-[32rem] text-sm [&_a]:text-brand-700 [&_a]:hover:underline [&_tbody_th]:text-left [&_tbody_th]:font-normal [&_tbody_tr]:border-b [&_tbody_tr]:border-stone-100 [&_td]:p-1.5 [&_td]:text-right [&_th]:p-1.5">
                <caption className="sr-only">未报、迟报和缺少数据的单位</caption>
                <thead>
                  <tr className="border-b border-stone-300 text-left">
                    <th scope="col">单位</th>
                    <th scope="col" className="text-right">应报</th>
                    <th scope="col" className="text-right">未报</th>
                    <th scope="col" className="text-right">其中牵头</th>
                    <th scope="col" className="text-right">逾期</th>
                    <th scope="col" className="text-right">{progressStatusLabels.missing_figure}</th>
                    {mayRemind && <th scope="col">操作</th>}
                  </tr>
                </thead>
                <tbody data-collapse-items="" className="[&_th]:sticky [&_th]:left-0 [&_th]:min-w-[7em] [&_th]:bg-white">
                  {lagging.items.map((unit) => (
                    <tr key={unit.unitId}>
                      <th scope="row">
                        <a href={query({ unit: unit.unitId })}>{unit.name}</a>
                      </th>
                      <td>{unit.tasks}</td>
                      <td>{unit.missing}</td>
                      <td>{unit.missingLead}</td>
                      <td>{unit.late}</td>
                      <td>
                        {unit.missingFigures.length === 0 ? (
                          0
                        ) : (
                          // Which tasks and targets: the office asks for these figures, not for a report.
                          <details>
                            <summary className="cursor-pointer">{unit.missingFigures.length}</summary>
                            <ul className="text-left text-xs">
                              {unit.missingFigures.map((task) => (
                                <li key={task.taskId}>
                                  <a href={`/tasks/${task.taskId}?q=${quarter}`}>{`${task.leaderName ? `${task.leaderName} ` : ""}第 ${task.number} 项`}</a>:缺 {task.targets.join("、")}
                                </li>
                              ))}
                            </ul>
                          </details>
                        )}
                      </td>
                      {mayRemind && (
                        <td className="text-left!">
                          {(unit.missing > 0 || unit.missingFigures.length > 0) && overview.period && !overview.period.closed && (
                            <RemindButton
                              action={remindUnitAction}
                              periodId={overview.period.id}
                              unitId={unit.unitId}
                              unitName={unit.name}
                              dueLabel={lastFilingDay(new Date(overview.period.dueAt))}
                            />
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Collapsible>
        )}
        <Pager label="未报、迟报单位分页" {...lagging} href={(n) => pageHref("lpage", n, "lagging-heading")} />
      </section>

      <section aria-labelledby="leaders-heading">
        <h2 id="leaders-heading" className="mb-2 text-lg font-medium">
          按分管市领导
        </h2>
        <Collapsible count={overview.byLeader.length} label="各分管市领导的任务状态">
          <StatusTable
            caption="各分管市领导的任务状态"
            firstColumn="分管市领导"
            rows={overview.byLeader.map((row) => ({ name: row.name ?? "未分管", total: row.total, counts: row.counts, href: row.name ? query({ leader: row.name }) : undefined }))}
          />
        </Collapsible>
      </section>

      {overview.quarters.length > 1 && (
        <section aria-labelledby="quarters-heading">
          <h2 id="quarters-heading" className="mb-2 text-lg font-medium">
            各季度状态变化
          </h2>
          <StatusTable
            caption="各季度的任务状态"
            firstColumn="季度"
            rows={overview.quarters.map((mix) => ({ name: quarterLabels[mix.quarter as Quarter], total: Object.values(mix.counts).reduce((a, b) => a + b, 0), counts: mix.counts }))}
          />
        </section>
      )}

      <section aria-labelledby="units-heading">
        <h2 id="units-heading" className="mb-2 text-lg font-medium">
          按责任单位
        </h2>
        <nav aria-label="单位的任务" className="mb-2 flex gap-2 text-sm">
          {(["lead", "co"] as const).map((side) => (
            <a
              key={side}
              href={query({ units: side === "co" ? "co" : undefined }, "units-heading")}
              aria-current={side === unitSide ? "page" : undefined}
              className={`rounded border px-3 py-1 ${side === unitSide ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white"}`}
            >
              {side === "lead" ? "牵头任务" : "配合任务"}
            </a>
          ))}
        </nav>
        <Collapsible count={units.items.length} label="单位的任务状态">
          <StatusTable
            caption={unitSide === "lead" ? "各单位牵头任务的状态" : "各单位配合任务的状态"}
            firstColumn="单位"
            rows={units.items.map((row) => ({ name: row.name, total: row[unitSide].total, counts: row[unitSide].counts, href: query({ unit: row.unitId }) }))}
          />
        </Collapsible>
        <Pager label="单位分页" {...units} href={(n) => pageHref("upage", n, "units-heading")} />
      </section>

      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading" className="mb-2 text-lg font-medium">
          任务清单({overview.tasks.length})
        </h2>
        {tasks.total === 0 ? (
          <p className="text-stone-600">没有符合条件的任务。</p>
        ) : (
          // Item styles set once on the list (a badge, then the task and its figures), not on each item.
          <Collapsible count={tasks.items.length} label="任务清单">
            <ul data-collapse-items="" className="divide-y divide-stone-100 rounded border border-stone-200 bg-white text-sm [&_a]:hover:text-brand-700 [&_a]:hover:underline [&_li>div]:min-w-0 [&_li>div]:flex-1 [&_li>span]:rounded [&_li>span]:px-2 [&_li>span]:py-0.5 [&_li>span]:text-xs [&_li>span]:font-medium [&_li>span]:whitespace-nowrap [&_p]:text-stone-500 [&>li]:flex [&>li]:items-start [&>li]:gap-3 [&>li]:p-3">
              {tasks.items.map((task) => (
                <li key={task.id}>
                  <ProgressStatusBadge status={task.status} />
                  <div>
                    <a href={`/tasks/${task.id}?q=${quarter}`}>{`${task.leaderName ? `${task.leaderName} ` : ""}${task.number}. ${task.text}`}</a>
                    <p>{`${task.reason}${task.late ? " · 逾期" : ""} · 牵头 ${task.leadUnitIds.map((id) => unitName.get(id) ?? "").join("、")}`}</p>
                  </div>
                </li>
              ))}
            </ul>
          </Collapsible>
        )}
        <Pager label="任务清单分页" {...tasks} href={(n) => pageHref("page", n, "tasks-heading")} />
      </section>
    </article>
  );
}
