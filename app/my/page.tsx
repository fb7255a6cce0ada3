import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { StateBadge } from "@/components/state-badge";
import { UnitList } from "@/components/unit-list";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { quarterLabels, isQuarter } from "@/lib/periods/quarters";
import { isEditable, returnNoteOf } from "@/lib/reporting/states";
import { lastFilingDay } from "@/lib/reports/labels";
import { listMyTasks } from "@/lib/tasks/queries";

export const metadata: Metadata = { title: "我的任务" };

export default async function MyTasksPage() {
  const actor = await requireActor("/my");
  const mine = await listMyTasks(db(), actor);
  if (!mine) redirect("/");
  const { unitName, plan, period, tasks } = mine;
  const open = period && !period.closed;
  const todo = tasks.filter((task) => !task.report || isEditable(task.report.state)).length;

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
        <ul className="space-y-2">
          {tasks.map((task) => (
            <li key={task.id} className="card">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <p className="text-sm text-stone-500">
                  {task.leader ? `${task.leader.name} · ` : ""}
                  {task.parent ? `${task.parent.number}. ${task.parent.text.slice(0, 20)} · ` : ""}第 {task.number} 项 ·{" "}
                  <span className={task.isLead ? "font-semibold text-brand-700" : ""}>{task.isLead ? "牵头" : "配合"}</span>
                </p>
                {period && <StateBadge state={task.report?.state ?? null} late={task.report?.late} />}
              </div>
              <Link href={`/tasks/${task.id}`} className="mt-1 block text-stone-900 hover:text-brand-700 hover:underline">
                {task.text}
              </Link>
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
    </section>
  );
}
