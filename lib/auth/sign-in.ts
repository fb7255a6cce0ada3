import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { verifyPassword } from "@/lib/auth/password";
import { limitKeys, type Headers, type SignInLimiter } from "@/lib/auth/sign-in-limit";
import { signInSchema } from "@/lib/zod/auth";

export type SignInResult = { ok: true; userId: number; name: string } | { ok: false; message: string };

export const WRONG_CREDENTIALS = "账号或密码不正确";

/**
 * Checks a sign-in with a password: refused while the account (or the address a trusted proxy
 * reports) is locked after too many failures, whatever the password; a failure counts against
 * every key, success starts the account's count again. The same message for an unknown account,
 * a wrong password and a deactivated account, so that sign-in does not tell which accounts exist.
 */
export async function checkSignIn(prisma: PrismaClient, limiter: SignInLimiter, input: unknown, headers: Headers): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "请输入账号和密码" };
  const { username, password } = parsed.data;
  const keys = limitKeys(username, headers);
  const wait = await limiter.retryAfter(keys);
  if (wait > 0) return { ok: false, message: `登录失败次数过多,请 ${Math.ceil(wait / 60000)} 分钟后再试` };
  const user = await prisma.user.findUnique({ where: { username } });
  const ok = user?.active && user.passwordHash ? await verifyPassword(user.passwordHash, password) : false;
  if (!user || !ok) {
    await limiter.recordFailure(keys);
    return { ok: false, message: WRONG_CREDENTIALS };
  }
  await limiter.recordSuccess(keys);
  return { ok: true, userId: user.id, name: user.displayName };
}
