"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

const errorMessages: Record<string, string> = {
  NoAccount: "统一身份认证的账号在本系统中没有开通,请联系市府办。",
  CredentialsSignin: "账号或密码不正确。",
  OAuthSignin: "统一身份认证暂时无法完成登录,请稍后再试。",
  OAuthCallback: "统一身份认证暂时无法完成登录,请稍后再试。",
  AccessDenied: "没有登录权限,请联系市府办。",
};

export function LoginForm({ callbackUrl, sso, initialError }: { callbackUrl: string; sso: { id: string; name: string } | null; initialError?: string }) {
  const [error, setError] = useState(initialError ? (errorMessages[initialError] ?? "登录失败,请重试。") : "");
  const [pending, setPending] = useState(false);

  async function submit(form: FormData) {
    setPending(true);
    setError("");
    const result = await signIn("credentials", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : errorMessages.CredentialsSignin);
  }

  return (
    <form action={submit} className="space-y-4" aria-describedby={error ? "login-error" : undefined}>
      <div>
        <label htmlFor="username" className="block text-sm font-medium">
          账号
        </label>
        <input id="username" name="username" autoComplete="username" required autoFocus className="input mt-1" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          密码
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="input mt-1" />
      </div>
      {error && (
        <p id="login-error" role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="btn-primary w-full">
        {pending ? "正在登录…" : "登录"}
      </button>
      {sso && (
        <button type="button" onClick={() => signIn(sso.id, { callbackUrl })} className="btn-secondary w-full">
          使用{sso.name}登录
        </button>
      )}
    </form>
  );
}
