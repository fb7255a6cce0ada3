import type { Metadata } from "next";
import Link from "next/link";
import { defineGroupMembersAction } from "@/app/actions/units/define-group-members";
import { GroupMembersForm } from "@/components/group-members-form";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { canDefineGroups } from "@/lib/permissions";
import { listGroups } from "@/lib/units/groups";

export const metadata: Metadata = { title: "单位群组" };

export default async function UnitGroupsPage() {
  const actor = await requireActor("/units/groups", canDefineGroups);
  const governments = (await listGroups(db(), actor)) ?? [];

  return (
    <section aria-labelledby="groups-heading" className="space-y-6">
      <h1 id="groups-heading" className="text-2xl font-semibold">
        单位群组
      </h1>
      <p className="text-stone-600">
        “各镇街道”“市政府各部门”等群组不牵头、不单独填报。为群组选定成员单位后,列有该群组的每项任务都增加这些单位为配合单位(不牵头),由它们各自填报,也会出现在未填报和催报名单中;再次导入文件时保留。从群组中移除的单位仍留在已加入的任务上,因为它可能已经填报。
      </p>
      {governments.length === 0 ? (
        <p className="card text-stone-600">尚无单位群组。导入的文件列有“各镇街道”“市政府各部门”“…成员单位”等时,会在这里列出。</p>
      ) : (
        governments.map((government) => (
          <section key={government.government} aria-labelledby={`gov-${government.government}`} className="space-y-3">
            <h2 id={`gov-${government.government}`} className="text-xl font-medium">
              {government.government}
            </h2>
            <ul className="space-y-4">
              {government.groups.map((group) => (
                <li key={group.id}>
                  <section aria-labelledby={`group-${group.id}`} className="card space-y-3">
                    <h3 id={`group-${group.id}`} className="text-lg font-medium">
                      {group.name}
                    </h3>
                    <p className="text-sm" data-testid="group-members">
                      成员单位:{group.members.length ? group.members.map((member) => member.name).join("、") : "尚未设定"}
                    </p>
                    <details className="text-sm">
                      <summary className="cursor-pointer text-brand-700">列有该群组的任务({group.tasks.length} 项)</summary>
                      {group.tasks.length === 0 ? (
                        <p className="mt-2 text-stone-600">没有任务列有该群组。</p>
                      ) : (
                        <ul className="mt-2 space-y-1">
                          {group.tasks.map((task) => (
                            <li key={task.id}>
                              <Link href={`/tasks/${task.id}`} className="text-brand-700 hover:underline">
                                {task.year}年 {task.planTitle} · {task.leader ? `${task.leader} ` : ""}第 {task.number} 项
                              </Link>
                              :{task.text}
                            </li>
                          ))}
                        </ul>
                      )}
                    </details>
                    <GroupMembersForm
                      action={defineGroupMembersAction}
                      group={{ id: group.id, name: group.name, memberIds: group.members.map((member) => member.id) }}
                      units={government.units}
                    />
                  </section>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}
