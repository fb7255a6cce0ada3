import { authSecretProblem } from "@/lib/security/secret";

/**
 * At server start (instrumentation.ts): a production server without a proper session secret prints
 * why and exits. Throwing is not enough: `next start` logs an error thrown from `register()` and
 * goes on serving, every page an error 500.
 */
export function refuseToStartWithoutSecret(): void {
  if (process.env.NODE_ENV !== "production") return;
  const problem = authSecretProblem(process.env);
  if (!problem) return;
  console.error(`落实 未启动:${problem}`);
  process.exit(1);
}
