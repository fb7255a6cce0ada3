import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { safeCallback } from "@/lib/auth/callback";
import { singleSignOn } from "@/lib/auth/options";
import { currentActor } from "@/lib/auth/session";
import { homeFor } from "@/lib/auth/home";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const actor = await currentActor();
  if (actor) redirect(safeCallback(params.callbackUrl) ?? homeFor(actor));
  return (
    <section className="mx-auto max-w-sm rounded border border-stone-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">登录落实</h1>
      <LoginForm
        callbackUrl={safeCallback(params.callbackUrl) ?? "/login"}
        sso={singleSignOn()}
        initialError={typeof params.error === "string" ? params.error : undefined}
      />
    </section>
  );
}
