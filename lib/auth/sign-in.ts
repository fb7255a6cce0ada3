import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { limitKeys, type Headers, type SignInLimiter } from "@/lib/auth/sign-in-limit";
import { signInSchema } from "@/lib/zod/auth";

export type SignInResult = { ok: true; userId: number; name: string } | { ok: false; message: string };

export const WRONG_CREDENTIALS = "账号或密码不正确";

/**
 * A hash of no one's password, verified when an account has none (unknown, deactivated, single
 * sign-on only), so that the answer takes as long as for a wrong password and its timing does not
 * tell which accounts exist.
 */
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(randomUUID()));

/**
 * Checks a sign-in with a password. The attempt is counted first (lib/auth/sign-in-limit.ts) and
 * refused while a key is past its limit, whatever the password; success gives the attempt back.
 * The same message for an unknown account, a wrong password and a deactivated account, so that
 * sign-in does not tell which accounts exist.
 */
export async function checkSignIn(prisma: PrismaClient, limiter: SignInLimiter, input: unknown, headers: Headers): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "请输入账号和密码" };
  const { username, password } = parsed.data;
  const keys = limitKeys(username, headers);
  const wait = await limiter.count(keys);
  if (wait > 0) return { ok: false, message: `登录失败次数过多,请 ${Math.ceil(wait / 60000)} 分钟后再试` };
  const user = await prisma.user.findUnique({ where: { username } });
  const usable = user?.active && user.passwordHash ? user.passwordHash : null;
  const verified = await verifyPassword(usable ?? (await decoy()), password);
  if (!user || !usable || !verified) return { ok: false, message: WRONG_CREDENTIALS };
  await limiter.succeeded(keys);
  return { ok: true, userId: user.id, name: user.displayName };
}
