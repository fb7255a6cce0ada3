import type { Metadata } from "next";
import { addRobotAction } from "@/app/actions/notify/add-robot";
import { removeRobotAction } from "@/app/actions/notify/remove-robot";
import { AddRobotForm, RemoveRobotButton } from "@/components/notify-forms";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listRobots } from "@/lib/notify/robots";
import { canManageRobots } from "@/lib/permissions";
import { listUnits } from "@/lib/users/queries";
import { robotPlatformLabels } from "@/lib/zod/notify";

export const metadata: Metadata = { title: "群机器人" };

export default async function RobotsPage() {
  const actor = await requireActor("/robots", canManageRobots);
  const [robots, units] = await Promise.all([listRobots(db(), actor), listUnits(db())]);
  return (
    <section aria-labelledby="robots-heading" className="space-y-6">
      <h1 id="robots-heading" className="text-2xl font-semibold">
        群机器人
      </h1>
      <p className="text-sm text-stone-700">催报时,消息也发到单位的钉钉或企业微信工作群。Webhook 地址和加签密钥保存后不再完整显示。</p>
      {robots.length === 0 ? (
        <p className="card border-dashed text-stone-600">还没有群机器人。</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] border-collapse bg-white text-sm">
            <caption className="sr-only">群机器人列表</caption>
            <thead>
              <tr className="border-b border-stone-300 text-left">
                <th scope="col" className="p-2">单位</th>
                <th scope="col" className="p-2">名称</th>
                <th scope="col" className="p-2">平台</th>
                <th scope="col" className="p-2">Webhook</th>
                <th scope="col" className="p-2">加签</th>
                <th scope="col" className="p-2"><span className="sr-only">操作</span></th>
              </tr>
            </thead>
            <tbody>
              {robots.map((robot) => (
                <tr key={robot.id} className="border-b border-stone-100 align-top">
                  <td className="p-2">{robot.unit.government} {robot.unit.name}</td>
                  <td className="p-2">{robot.name}</td>
                  <td className="p-2">{robotPlatformLabels[robot.platform]}</td>
                  <td className="break-all p-2 font-mono text-xs">{robot.webhook}</td>
                  <td className="p-2">{robot.signed ? "已设置" : "—"}</td>
                  <td className="p-2">
                    <RemoveRobotButton action={removeRobotAction} robotId={robot.id} name={robot.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div>
        <h2 className="mb-2 text-lg font-medium">添加群机器人</h2>
        <AddRobotForm action={addRobotAction} units={units} />
      </div>
    </section>
  );
}
