import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Pager } from "@/components/pager";
import { StateBadge } from "@/components/state-badge";
import { UnitList } from "@/components/unit-list";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { pageParam, paginate } from "@/lib/pagination";
import { quarterName } from "@/lib/periods/quarters";
import { lastFilingDay } from "@/lib/reports/labels";
import { listMyTasks, type MyItem, type MyPlan, type MyQuarter } from "@/lib/tasks/my-tasks";

export const metadata: Metadata = { title: "我的任务" };

/** Rows per page (a task in one quarter): a unit of a large plan can be responsible for hundreds. */
const PAGE_SIZE = 50;

const planName = (plan: MyPlan["plan"]) => `${plan.title.startsWith(`${plan.year}年`) ? "" : `${plan.year}年 `}${plan.title}`;

/** One heading's worth of rows: a quarter of a plan, or the tasks of a plan that never opened one. */
interface Group {
  key: string;
  plan: MyPlan["plan"];
  quarter: MyQuarter | null;
  items: MyItem[];
}

function groupsOf(plans: MyPlan[]): Group[] {
  return plans.flatMap((entry): Group[] => {
    const quarters = entry.open.length > 0 ? entry.open : entry.latest ? [entry.latest] : [];
    if (quarters.length === 0) {
      return [{ key: `plan-${entry.plan.id}`, plan: entry.plan, quarter: null, items: entry.tasks.map((task) => ({ task, report: null, need: "to_file" })) }];
    }
    return quarters.map((quarter) => ({ key: `q-${quarter.period.id}`, plan: entry.plan, quarter, items: quarter.items }));
  });
}

/** The quarter's state in one line: its deadline, and what is left to do. */
function quarterSummary(quarter: MyQuarter): string {
  const { period, counts, overdue } = quarter;
  if (period.closed) return `已关闭(截止 ${lastFilingDay(period.dueAt)})`;
  const left = [counts.returned > 0 ? `${counts.returned} 项被退回` : "", counts.to_file > 0 ? `${counts.to_file} 项待提交` : ""].filter(Boolean);
  return `截止 ${lastFilingDay(period.dueAt)}${overdue ? "(已过截止日期)" : ""} · ${left.length ? `还有${left.join("、")}` : "都已提交"}`;
}

export default async function MyTasksPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const actor = await requireActor("/my");
  const { page } = await searchParams;
  const mine = await listMyTasks(db(), actor);
  if (!mine) redirect("/");
  const groups = groupsOf(mine.plans);
  const rows = groups.flatMap((group) => group.items.map((item) => ({ group, item })));
  const shown = paginate(rows, pageParam.parse(Array.isArray(page) ? page[0] : page), PAGE_SIZE);
  const openQuarters = mine.plans.flatMap((entry) => entry.open.map((quarter) => ({ plan: entry.plan, quarter })));
  // What needs doing first: returned reports, then quarters past their deadline, then the one due soonest.
  const todo = [
    ...openQuarters.filter(({ quarter }) => quarter.counts.returned > 0).map(({ plan, quarter }) => ({ plan, quarter, text: `${quarter.counts.returned} 项被退回,请修改后重新提交` })),
    ...openQuarters
      .filter(({ quarter }) => quarter.counts.to_file > 0)
      .map(({ plan, quarter }) => ({ plan, quarter, text: `${quarter.counts.to_file} 项${quarter.overdue ? "已逾期未提交" : `待提交,截止 ${lastFilingDay(quarter.period.dueAt)}`}` }))
      .sort((a, b) => Number(b.quarter.overdue) - Number(a.quarter.overdue)),
  ];
  // A quarter's rows may start on a later page: the links of "需要处理" go to that page.
  const startPage = new Map<string, number>();
  rows.forEach((row, index) => {
    if (!startPage.has(row.group.key)) startPage.set(row.group.key, Math.floor(index / PAGE_SIZE) + 1);
  });
  const groupHref = (key: string) => `${(startPage.get(key) ?? 1) > 1 ? `?page=${startPage.get(key)}` : "/my"}#${key}`;
  const pageGroups: Array<{ group: Group; items: MyItem[] }> = [];
  for (const row of shown.items) {
    const last = pageGroups.at(-1);
    if (last && last.group === row.group) last.items.push(row.item);
    else pageGroups.push({ group: row.group, items: [row.item] });
  }
  const single = mine.plans.length === 1;

  return (
    <section aria-labelledby="my-heading" className="space-y-4">
      <div>
        <h1 id="my-heading" className="text-2xl font-semibold">
          我的任务
        </h1>
        <p className="mt-1 text-stone-600">
          {mine.unitName}
          {single ? ` · ${planName(mine.plans[0].plan)}` : ""}
        </p>
        {/* How the unit stands in the office's ranking: its reports on time, late, returned, missing. */}
        <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
          {mine.plans.map((entry) => (
            <a key={entry.plan.id} href={`/plans/${entry.plan.id}/scorecard`} className="text-brand-700 underline">
              本单位考核{single ? "" : `(${planName(entry.plan)})`}
            </a>
          ))}
        </p>
      </div>
      {mine.plans
        .filter((entry) => entry.open.length === 0)
        .map((entry) => (
          <p key={entry.plan.id} className="card bg-stone-100">
            {single ? "" : `${planName(entry.plan)}:`}当前没有开放的填报期
            {entry.latest ? `(${quarterName(entry.latest.period.quarter)}已关闭),不能提交或修改报告。` : ",市府办开启后即可填报。"}
          </p>
        ))}
      {todo.length > 0 && (
        <nav aria-labelledby="todo-heading" className="card">
          <h2 id="todo-heading" className="font-medium">
            需要处理
          </h2>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {todo.map(({ plan, quarter, text }) => (
              <li key={`${quarter.period.id}-${text}`}>
                <a href={groupHref(`q-${quarter.period.id}`)} className="text-brand-700 underline">
                  {single ? "" : `${planName(plan)} `}
                  {quarterName(quarter.period.quarter)}
                </a>
                :{text}
              </li>
            ))}
          </ul>
        </nav>
      )}
      {groups.length === 0 && <p className="card border-dashed text-stone-600">你的单位在当前计划中没有责任任务。</p>}
      {pageGroups.map(({ group, items }, index) => {
        const headingId = `${group.key}-heading`;
        const planChanged = index === 0 || pageGroups[index - 1].group.plan.id !== group.plan.id;
        const periodParam = group.quarter && !group.quarter.period.closed ? `?period=${group.quarter.period.id}` : "";
        // Several plans: each plan's name heads its quarters (two plans can share a year).
        const Heading = single || !group.quarter ? "h2" : "h3";
        return (
          <section key={group.key} id={group.key} aria-labelledby={headingId} className="space-y-2">
            {planChanged && !single && group.quarter && <h2 className="text-lg font-medium">{planName(group.plan)}</h2>}
            <Heading id={headingId} className={single || !group.quarter ? "text-lg font-medium" : "font-medium"}>
              {group.quarter ? quarterName(group.quarter.period.quarter) : planName(group.plan)}
              {group.quarter && <span className="ml-2 text-sm font-normal text-stone-600">{quarterSummary(group.quarter)}</span>}
            </Heading>
            {/* Link styles set once on the list; plain links, so that a page of fifty tasks does not fetch fifty task pages ahead. */}
            <ul className="space-y-2 [&_a]:mt-1 [&_a]:block [&_a]:text-stone-900 [&_a]:hover:text-brand-700 [&_a]:hover:underline">
              {items.map(({ task, report }) => (
                <li key={task.id} className="card">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <p className="text-sm text-stone-500">
                      {`${task.leader ? `${task.leader.name} · ` : ""}${task.parent ? `${task.parent.number}. ${task.parent.text.slice(0, 20)} · ` : ""}第 ${task.number} 项 · `}
                      <span className={task.isLead ? "font-semibold text-brand-700" : undefined}>{task.isLead ? "牵头" : "配合"}</span>
                    </p>
                    {group.quarter && <StateBadge state={report?.state ?? null} late={report?.late} />}
                  </div>
                  <a href={`/tasks/${task.id}${periodParam}`}>{task.text}</a>
                  {report?.returnNote && <p className="mt-2 rounded bg-red-50 p-2 text-sm text-red-800">退回意见:{report.returnNote}</p>}
                  <p className="mt-1 text-xs text-stone-500">
                    责任单位:
                    <UnitList units={task.units.map((unit) => ({ key: unit.name, name: unit.name, isLead: unit.isLead, highlight: unit.mine }))} />
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <Pager label="我的任务分页" {...shown} href={(n) => (n > 1 ? `?page=${n}` : "/my")} />
    </section>
  );
}
