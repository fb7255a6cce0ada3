import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { LoginRateLimiter } from "@/lib/auth/rate-limit";
import { authSecret } from "@/lib/security/secret";
import { signInSchema } from "@/lib/zod/auth";

const limiter = new LoginRateLimiter();
const SESSION_HOURS = 8;

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  return typeof forwarded === "string" ? forwarded.split(",")[0].trim() : "local";
}

const credentials = CredentialsProvider({
  id: "credentials",
  name: "账号密码",
  credentials: { username: { label: "账号", type: "text" }, password: { label: "密码", type: "password" } },
  async authorize(input, request) {
    const parsed = signInSchema.safeParse(input);
    if (!parsed.success) throw new Error("请输入账号和密码");
    const { username, password } = parsed.data;
    const keys = [`user:${username}`, `ip:${clientAddress(request?.headers)}`];
    const wait = Math.max(...keys.map((key) => limiter.retryAfter(key)));
    if (wait > 0) throw new Error(`登录失败次数过多,请 ${Math.ceil(wait / 60000)} 分钟后再试`);
    const user = await db().user.findUnique({ where: { username } });
    const ok = user?.active && user.passwordHash ? await verifyPassword(user.passwordHash, password) : false;
    if (!user || !ok) {
      keys.forEach((key) => limiter.recordFailure(key));
      throw new Error("账号或密码不正确");
    }
    keys.forEach((key) => limiter.reset(key));
    return { id: String(user.id), name: user.displayName };
  },
});

/**
 * A city's own single sign-on, by configuration alone: set OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET (and optionally OIDC_NAME, OIDC_USERNAME_CLAIM). Only people who already
 * have an account here (same user name) get in; the office still decides roles and units.
 */
function oidcProvider(): OAuthConfig<Record<string, string>> | null {
  const issuer = process.env.OIDC_ISSUER;
  if (!issuer || !process.env.OIDC_CLIENT_ID) return null;
  const usernameClaim = process.env.OIDC_USERNAME_CLAIM ?? "preferred_username";
  return {
    id: "oidc",
    name: process.env.OIDC_NAME ?? "统一身份认证",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: process.env.OIDC_CLIENT_ID,
    clientSecret: process.env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid profile email" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({ id: profile[usernameClaim] ?? profile.sub, name: profile.name ?? profile[usernameClaim] }),
  };
}

const sso = oidcProvider();

/** The single sign-on button for the sign-in page, when one is configured. */
export function singleSignOn(): { id: string; name: string } | null {
  return sso ? { id: sso.id, name: sso.name } : null;
}

export const authOptions: NextAuthOptions = {
  providers: sso ? [credentials, sso] : [credentials],
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60, updateAge: 60 * 60 },
  pages: { signIn: "/login" },
  secret: authSecret(process.env),
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      const local = await db().user.findUnique({ where: { username: user.id } });
      return local?.active ? true : "/login?error=NoAccount";
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        const userId =
          account.provider === "oidc"
            ? (await db().user.findUnique({ where: { username: user.id }, select: { id: true } }))?.id
            : Number(user.id);
        token.uid = userId;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid };
    },
  },
};
