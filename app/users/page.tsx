import type { Metadata } from "next";
import { createUserAction } from "@/app/actions/users/create-user";
import { updateUserAction } from "@/app/actions/users/update-user";
import { CreateUserForm, EditUserForm } from "@/components/user-forms";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { canManageUsers } from "@/lib/permissions";
import { listUnits, listUsers } from "@/lib/users/queries";
import { roleLabels } from "@/lib/zod/users";

export const metadata: Metadata = { title: "账号管理" };

export default async function UsersPage() {
  await requireActor("/users", canManageUsers);
  const [users, units] = await Promise.all([listUsers(db()), listUnits(db())]);

  return (
    <section aria-labelledby="users-heading" className="space-y-6">
      <h1 id="users-heading" className="text-2xl font-semibold">
        账号管理
      </h1>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] border-collapse bg-white text-sm">
          <caption className="sr-only">账号列表</caption>
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="p-2">账号</th>
              <th scope="col" className="p-2">姓名</th>
              <th scope="col" className="p-2">角色</th>
              <th scope="col" className="p-2">单位 / 分管领导</th>
              <th scope="col" className="p-2">状态</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-b border-stone-100 align-top">
                <td className="p-2 font-mono">{user.username}</td>
                <td className="p-2">
                  <details>
                    <summary className="cursor-pointer text-brand-700 underline-offset-2 hover:underline">{user.displayName}</summary>
                    <EditUserForm
                      action={updateUserAction}
                      units={units}
                      user={{ userId: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId, leaderName: user.leaderName, active: user.active, email: user.email, mobile: user.mobile }}
                    />
                  </details>
                </td>
                <td className="p-2">{roleLabels[user.role]}</td>
                <td className="p-2">{user.unit ? `${user.unit.government} ${user.unit.name}` : (user.leaderName ?? "—")}</td>
                <td className="p-2">{user.active ? "启用" : "停用"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h2 className="mb-2 text-lg font-medium">新建账号</h2>
        <CreateUserForm action={createUserAction} units={units} />
      </div>
    </section>
  );
}
