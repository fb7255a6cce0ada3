import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FORBIDDEN, failure, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/sessions";
import { canManageUsers, type Actor } from "@/lib/permissions";
import type { ContactInput, CreateUserInput, UpdateUserInput } from "@/lib/zod/users";

/** Only the fields that belong to the role: staff keep a unit, leaders a name. */
function binding(input: { role: string; unitId: number | null; leaderName: string | null }) {
  return {
    unitId: input.role === "unit_staff" ? input.unitId : null,
    leaderName: input.role === "leader" ? input.leaderName : null,
  };
}

const publicFields = { id: true, username: true, displayName: true, role: true, unitId: true, leaderName: true, active: true, email: true, mobile: true } as const;

export async function createUser(prisma: PrismaClient, actor: Actor, input: CreateUserInput): Promise<ActionResult<{ userId: number }>> {
  if (!canManageUsers(actor)) return failure(FORBIDDEN);
  if (await prisma.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
    return failure("请按提示修改。", { username: ["这个账号已存在"] });
  }
  if (input.role === "unit_staff" && !(await prisma.unit.findUnique({ where: { id: input.unitId! }, select: { id: true } }))) {
    return failure("请按提示修改。", { unitId: ["没有这个单位"] });
  }
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { username: input.username, displayName: input.displayName, role: input.role, email: input.email, mobile: input.mobile, passwordHash, ...binding(input) },
      select: publicFields,
    });
    await recordAudit(tx, { actorId: actor.id, action: "user.create", entityType: "User", entityId: user.id, before: null, after: user });
    return { ok: true as const, message: `账号 ${user.username} 已创建。`, userId: user.id };
  });
}

export async function updateUser(prisma: PrismaClient, actor: Actor, input: UpdateUserInput): Promise<ActionResult> {
  if (!canManageUsers(actor)) return failure(FORBIDDEN);
  const before = await prisma.user.findUnique({ where: { id: input.userId }, select: publicFields });
  if (!before) return failure("没有找到这个账号。");
  if (before.id === actor.id && (!input.active || input.role !== "office")) {
    return failure("不能停用自己的账号或取消自己的市府办角色。");
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const signedOut = await prisma.$transaction(async (tx) => {
    const after = await tx.user.update({
      where: { id: before.id },
      data: {
        displayName: input.displayName,
        role: input.role,
        active: input.active,
        email: input.email,
        mobile: input.mobile,
        ...binding(input),
        ...(passwordHash ? { passwordHash } : {}),
      },
      select: publicFields,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.update",
      entityType: "User",
      entityId: before.id,
      before,
      after: { ...after, ...(passwordHash ? { passwordChanged: true } : {}) },
    });
    // Whoever is signed in as this account with the old password, or to an account now
    // deactivated, is signed out at their next request.
    return passwordHash || !after.active ? endAllSessions(tx, before.id) : 0;
  });
  // A new password of one's own signs this session out too, as every other: say so before the next page asks to sign in.
  if (before.id === actor.id && passwordHash) return { ok: true, message: "密码已修改,所有登录(包括当前这一处)已退出,请用新密码重新登录。" };
  return { ok: true, message: signedOut > 0 ? `账号已更新,已在 ${signedOut} 处登录中退出。` : "账号已更新。" };
}

/** Every signed-in user keeps their own email address and mobile number (the inbox page's form); nothing else of the account. */
export async function updateOwnContact(prisma: PrismaClient, actor: Actor, input: ContactInput): Promise<ActionResult> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: actor.id }, select: publicFields });
    if (!before) return failure("没有找到这个账号。");
    const after = await tx.user.update({ where: { id: actor.id }, data: { email: input.email, mobile: input.mobile }, select: publicFields });
    await recordAudit(tx, { actorId: actor.id, action: "user.update", entityType: "User", entityId: actor.id, before, after });
    return { ok: true as const, message: "联系方式已保存。" };
  });
}
