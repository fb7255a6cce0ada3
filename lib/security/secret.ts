/**
 * The secret that signs sessions. A production server without one would fail at its first sign-in;
 * with a short one it would sign cookies that can be forged by guessing. `instrumentation.ts`
 * refuses to start with either.
 */

type Env = Record<string, string | undefined>;

export const MIN_SECRET_LENGTH = 32;

/** The variable that holds the secret: `AUTH_SECRET` if set, else `NEXTAUTH_SECRET`. */
function secretSource(env: Env): "AUTH_SECRET" | "NEXTAUTH_SECRET" | null {
  if (env.AUTH_SECRET) return "AUTH_SECRET";
  if (env.NEXTAUTH_SECRET) return "NEXTAUTH_SECRET";
  return null;
}

/** The secret next-auth signs with (an empty variable counts as unset). */
export function authSecret(env: Env): string | undefined {
  const source = secretSource(env);
  return source ? env[source] : undefined;
}

/** Why the secret will not do for production, in Chinese, or null when it will. */
export function authSecretProblem(env: Env): string | null {
  const source = secretSource(env);
  const howTo = `请设置为至少 ${MIN_SECRET_LENGTH} 个字符的随机字符串,例如用 \`openssl rand -base64 32\` 生成。`;
  if (!source) return `未设置登录会话的签名密钥 NEXTAUTH_SECRET(或 AUTH_SECRET)。${howTo}`;
  const length = [...(env[source] ?? "").trim()].length;
  if (length < MIN_SECRET_LENGTH) return `登录会话的签名密钥 ${source} 太短:${length} 个字符,至少需要 ${MIN_SECRET_LENGTH} 个。${howTo}`;
  return null;
}
