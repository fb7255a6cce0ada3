import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Pager } from "@/components/pager";
import { StateBadge } from "@/components/state-badge";
import { UnitList } from "@/components/unit-list";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { pageParam, paginate } from "@/lib/pagination";
import { quarterLabels, isQuarter } from "@/lib/periods/quarters";
import { isEditable, returnNoteOf } from "@/lib/reporting/states";
import { lastFilingDay } from "@/lib/reports/labels";
import { listMyTasks } from "@/lib/tasks/queries";

export const metadata: Metadata = { title: "我的任务" };

/** Tasks per page: a unit of a large plan can be responsible for hundreds. */
const PAGE_SIZE = 50;

export default async function MyTasksPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const actor = await requireActor("/my");
  const { page } = await searchParams;
  const mine = await listMyTasks(db(), actor);
  if (!mine) redirect("/");
  const { unitName, plan, period, tasks } = mine;
  const open = period && !period.closed;
  const todo = tasks.filter((task) => !task.report || isEditable(task.report.state)).length;
  const shown = paginate(tasks, pageParam.parse(Array.isArray(page) ? page[0] : page), PAGE_SIZE);

  return (
    <section aria-labelledby="my-heading" className="space-y-4">
      <div>
        <h1 id="my-heading" className="text-2xl font-semibold">
          我的任务
        </h1>
        <p className="mt-1 text-stone-600">
          {unitName}
          {plan ? ` · ${plan.title.startsWith(`${plan.year}年`) ? "" : `${plan.year}年 `}${plan.title}` : ""}
        </p>
      </div>
      {period && isQuarter(period.quarter) && (
        <p className={`card ${open ? "" : "bg-stone-100"}`}>
          {open ? (
            <>
              正在填报 <strong>{quarterLabels[period.quarter]}</strong> 完成情况,请于 <strong>{lastFilingDay(period.dueAt)}</strong>{" "}
              前提交;{todo > 0 ? `还有 ${todo} 项待提交。` : "都已提交。"}
            </>
          ) : (
            "当前没有开放的填报期。"
          )}
        </p>
      )}
      {tasks.length === 0 ? (
        <p className="card border-dashed text-stone-600">你的单位在当前计划中没有责任任务。</p>
      ) : (
        // Link styles set once on the list; plain links, so that a page of fifty tasks does not fetch fifty task pages ahead.
        <ul className="space-y-2 [&_a]:mt-1 [&_a]:block [&_a]:text-stone-900 [&_a]:hover:text-brand-700 [&_a]:hover:underline">
          {shown.items.map((task) => (
            <li key={task.id} className="card">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <p className="text-sm text-stone-500">
                  {`${task.leader ? `${task.leader.name} · ` : ""}${task.parent ? `${task.parent.number}. ${task.parent.text.slice(0, 20)} · ` : ""}第 ${task.number} 项 · `}
                  <span className={task.isLead ? "font-semibold text-brand-700" : undefined}>{task.isLead ? "牵头" : "配合"}</span>
                </p>
                {period && <StateBadge state={task.report?.state ?? null} late={task.report?.late} />}
              </div>
              <a href={`/tasks/${task.id}`}>{task.text}</a>
              {task.report && returnNoteOf(task.report) && (
                <p className="mt-2 rounded bg-red-50 p-2 text-sm text-red-800">退回意见:{returnNoteOf(task.report)}</p>
              )}
              <p className="mt-1 text-xs text-stone-500">
                责任单位:
                <UnitList units={task.units.map((unit) => ({ key: unit.name, name: unit.name, isLead: unit.isLead, highlight: unit.mine }))} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager label="我的任务分页" {...shown} href={(n) => (n > 1 ? `?page=${n}` : "/my")} />
    </section>
  );
}
