import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { checkSignIn } from "@/lib/auth/sign-in";
import { signInLimiter } from "@/lib/auth/sign-in-limit";
import { SESSION_HOURS, endSession, startSession } from "@/lib/auth/sessions";
import { authSecret } from "@/lib/security/secret";

const SIGN_IN_UNAVAILABLE = "登录暂时无法完成,请稍后再试。";

const credentials = CredentialsProvider({
  id: "credentials",
  name: "账号密码",
  credentials: { username: { label: "账号", type: "text" }, password: { label: "密码", type: "password" } },
  async authorize(input, request) {
    let result;
    try {
      result = await checkSignIn(db(), signInLimiter(), input, request?.headers);
    } catch (error) {
      // Refused, not let through, when the database cannot be asked; and its error text (an
      // address, a port) is for the log, not for the sign-in form.
      console.error("登录检查失败:", error);
      throw new Error(SIGN_IN_UNAVAILABLE);
    }
    // next-auth shows the thrown message on the sign-in form.
    if (!result.ok) throw new Error(result.message);
    return { id: String(result.userId), name: result.name };
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
    // The account is matched on the configured claim alone, which must be one users cannot edit
    // themselves; without it nobody is matched (never on `sub`, which could equal a local name).
    profile: (profile) => ({ id: profile[usernameClaim] ?? "", name: profile.name ?? profile[usernameClaim] ?? "" }),
  };
}

const sso = oidcProvider();

/** The single sign-on button for the sign-in page, when one is configured. */
export function singleSignOn(): { id: string; name: string } | null {
  return sso ? { id: sso.id, name: sso.name } : null;
}

export const authOptions: NextAuthOptions = {
  providers: sso ? [credentials, sso] : [credentials],
  // The cookie lives no longer than a session may; the session itself is checked on the server
  // at every request (lib/auth/sessions.ts), which is what ends it early.
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60, updateAge: 60 * 60 },
  jwt: { maxAge: SESSION_HOURS * 60 * 60 },
  // next-auth's own error page carries an inline style the CSP refuses: errors come to /login.
  pages: { signIn: "/login", error: "/login" },
  secret: authSecret(process.env),
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      const local = user.id ? await db().user.findUnique({ where: { username: user.id } }) : null;
      return local?.active ? true : "/login?error=NoAccount";
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        const userId =
          account.provider === "oidc"
            ? (await db().user.findUnique({ where: { username: user.id }, select: { id: true } }))?.id
            : Number(user.id);
        token.uid = userId;
        token.sid = userId === undefined ? undefined : await startSession(db(), userId);
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sid: token.sid };
    },
  },
  events: {
    // Signing out ends the session on the server: the old cookie no longer opens anything.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(db(), token.sid);
    },
  },
};
