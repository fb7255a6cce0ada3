import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { remindUnitAction } from "@/app/actions/reports/remind-unit";
import { RemindButton } from "@/components/dashboard/remind-button";
import { StatusBars } from "@/components/dashboard/status-bars";
import { statusBadgeClasses, statusColors } from "@/components/dashboard/status-colors";
import { StatusTable } from "@/components/dashboard/status-table";
import { requireActor } from "@/lib/auth/session";
import { loadOverview, type OverviewFilters } from "@/lib/dashboard/overview";
import { db } from "@/lib/db/client";
import { TaskKind } from "@/lib/generated/prisma/enums";
import { listPlanPeriods } from "@/lib/periods/queries";
import { defaultQuarter, isQuarter, quarterLabels, type Quarter } from "@/lib/periods/quarters";
import { canReadOverview, canRemind } from "@/lib/permissions";
import { progressStatusLabels, progressStatusOrder, type ProgressStatus } from "@/lib/progress";
import { formatPercent, formatQuantity } from "@/lib/reporting/phrasing";
import { lastFilingDay } from "@/lib/reports/labels";
import { taskKindLabels } from "@/lib/tasks/labels";

export const metadata: Metadata = { title: "进度总览" };

// The filters live in the URL, so a view can be bookmarked and sent to a colleague.
const searchSchema = z.object({
  q: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
  leader: z.string().trim().min(1).max(20).optional().catch(undefined),
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(progressStatusOrder as [ProgressStatus, ...ProgressStatus[]]).optional().catch(undefined),
  kind: z.enum(TaskKind).optional().catch(undefined),
});

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
  const planId = Number((await params).planId);
  if (!Number.isInteger(planId) || planId <= 0) notFound();
  // Department staff work from their own task list; the overview is the office's and the leaders'.
  const actor = await requireActor(`/plans/${planId}/dashboard`, canReadOverview, "/my");
  const search = searchSchema.parse(Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])));

  const periods = await listPlanPeriods(db(), planId);
  const quarter = (search.q ?? defaultQuarter(periods)) as Quarter;
  const filters: OverviewFilters = { leader: search.leader, unitId: search.unit, status: search.status, kind: search.kind };
  const overview = await loadOverview(db(), actor, { planId, quarter, filters });
  if (!overview) notFound();

  const query = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    const merged = { q: quarter, leader: search.leader, unit: search.unit, status: search.status, kind: search.kind, ...changes };
    for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== "") next.set(key, String(value));
    return `?${next.toString()}`;
  };
  const unitName = new Map(overview.options.units.map((unit) => [unit.id, unit.name]));

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
        </nav>
      </header>

      <form method="get" className="card grid gap-3 sm:grid-cols-5" aria-label="筛选">
        <input type="hidden" name="q" value={quarter} />
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
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7">
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
        {overview.behind.length === 0 ? (
          <p className="text-stone-600">没有慢于序时的任务。</p>
        ) : (
          <ul className="space-y-2">
            {overview.behind.map((task) => (
              <li key={task.taskId} className="card border-l-4 border-l-red-600">
                <p className="text-sm text-stone-500">
                  {task.leaderName ?? ""} · 第 {task.number} 项 · 牵头 {task.leadUnits.join("、")}
                </p>
                <Link href={`/tasks/${task.taskId}`} className="font-medium hover:text-brand-700 hover:underline">
                  {task.text}
                </Link>
                <p className="mt-1 text-sm text-red-800">{task.reason}</p>
                <ul className="mt-1 text-sm text-stone-700">
                  {task.targets.map((target) => (
                    <li key={target.targetId}>
                      {target.originalText}:目标 {target.description},累计 {target.actual === null ? "未填报" : formatQuantity(target.actual, target.unit)}
                      {target.share !== null ? `,完成 ${formatPercent(target.share)}(序时 ${formatPercent(target.expectedShare)})` : ""} ·{" "}
                      <span className={target.decisive ? "font-semibold text-red-700" : ""}>{progressStatusLabels[target.status]}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="lagging-heading">
        <h2 id="lagging-heading" className="mb-2 text-lg font-medium">
          未报、迟报单位(催报)
        </h2>
        {!overview.period ? (
          <p className="text-stone-600">本季度尚未开启填报。</p>
        ) : overview.lagging.length === 0 ? (
          <p className="text-stone-600">各单位均已按时提交。</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[32rem] text-sm">
              <caption className="sr-only">未报、迟报单位</caption>
              <thead>
                <tr className="border-b border-stone-300 text-left">
                  <th scope="col" className="p-1.5">单位</th>
                  <th scope="col" className="p-1.5 text-right">应报</th>
                  <th scope="col" className="p-1.5 text-right">未报</th>
                  <th scope="col" className="p-1.5 text-right">其中牵头</th>
                  <th scope="col" className="p-1.5 text-right">逾期</th>
                  {canRemind(actor) && <th scope="col" className="p-1.5">操作</th>}
                </tr>
              </thead>
              <tbody>
                {overview.lagging.map((unit) => (
                  <tr key={unit.unitId} className="border-b border-stone-100">
                    <th scope="row" className="p-1.5 text-left font-normal">
                      <Link href={query({ unit: unit.unitId })} className="text-brand-700 hover:underline">
                        {unit.name}
                      </Link>
                    </th>
                    <td className="p-1.5 text-right">{unit.tasks}</td>
                    <td className="p-1.5 text-right">{unit.missing}</td>
                    <td className="p-1.5 text-right">{unit.missingLead}</td>
                    <td className="p-1.5 text-right">{unit.late}</td>
                    {canRemind(actor) && (
                      <td className="p-1.5">
                        {unit.missing > 0 && overview.period && !overview.period.closed && (
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
        )}
      </section>

      <section aria-labelledby="leaders-heading" className="space-y-2">
        <h2 id="leaders-heading" className="text-lg font-medium">
          按分管市领导
        </h2>
        <StatusBars rows={overview.byLeader.map((row) => ({ name: row.name ?? "未分管", counts: row.counts }))} />
        <StatusTable
          caption="各分管市领导的任务状态"
          firstColumn="分管市领导"
          rows={overview.byLeader.map((row) => ({ name: row.name ?? "未分管", total: row.total, counts: row.counts, href: row.name ? query({ leader: row.name }) : undefined }))}
        />
      </section>

      {overview.quarters.length > 1 && (
        <section aria-labelledby="quarters-heading" className="space-y-2">
          <h2 id="quarters-heading" className="text-lg font-medium">
            各季度状态变化
          </h2>
          <StatusBars layout="horizontal" rows={overview.quarters.map((mix) => ({ name: quarterLabels[mix.quarter as Quarter], counts: mix.counts }))} />
          <StatusTable
            caption="各季度的任务状态"
            firstColumn="季度"
            rows={overview.quarters.map((mix) => ({ name: quarterLabels[mix.quarter as Quarter], total: Object.values(mix.counts).reduce((a, b) => a + b, 0), counts: mix.counts }))}
          />
        </section>
      )}

      <section aria-labelledby="units-heading" className="space-y-2">
        <h2 id="units-heading" className="text-lg font-medium">
          按责任单位(牵头任务)
        </h2>
        <StatusBars rows={overview.byUnit.filter((row) => row.lead.total > 0).map((row) => ({ name: row.name, counts: row.lead.counts }))} />
        <StatusTable
          caption="各单位牵头任务的状态(配合任务见下表)"
          firstColumn="单位"
          rows={overview.byUnit.filter((row) => row.lead.total > 0).map((row) => ({ name: row.name, total: row.lead.total, counts: row.lead.counts, href: query({ unit: row.unitId }) }))}
        />
        <details>
          <summary className="cursor-pointer text-sm text-brand-700">各单位配合任务的状态</summary>
          <StatusTable
            caption="各单位配合任务的状态"
            firstColumn="单位"
            rows={overview.byUnit.filter((row) => row.co.total > 0).map((row) => ({ name: row.name, total: row.co.total, counts: row.co.counts, href: query({ unit: row.unitId }) }))}
          />
        </details>
      </section>

      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading" className="mb-2 text-lg font-medium">
          任务清单({overview.tasks.length})
        </h2>
        {overview.tasks.length === 0 ? (
          <p className="text-stone-600">没有符合条件的任务。</p>
        ) : (
          <ul className="divide-y divide-stone-100 rounded border border-stone-200 bg-white">
            {overview.tasks.map((task) => (
              <li key={task.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 p-3 text-sm">
                <span className={`rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${statusBadgeClasses[task.status]}`}>
                  {progressStatusLabels[task.status]}
                </span>
                <span className="min-w-0 flex-1">
                  <Link href={`/tasks/${task.id}`} className="hover:text-brand-700 hover:underline">
                    {task.leaderName ? `${task.leaderName} ${task.number}. ` : `${task.number}. `}
                    {task.text}
                  </Link>
                  <span className="block text-stone-500">
                    {task.reason}
                    {task.late ? " · 逾期" : ""} · 牵头 {task.leadUnitIds.map((id) => unitName.get(id) ?? "").join("、")}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
