import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { singleSignOn } from "@/lib/auth/options";
import { currentActor } from "@/lib/auth/session";
import { homeFor } from "@/lib/auth/home";

export const metadata: Metadata = { title: "登录" };

/** Only same-site paths are followed after sign-in. */
function safeCallback(value: string | string[] | undefined): string | null {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : null;
}

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
