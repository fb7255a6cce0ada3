/**
 * A bounded concurrent read load on a running app (e.g. `npm run demo -- --port 3100`): signs in
 * as the demo's office account, opens each page once to warm it up, then requests the pages
 * round-robin from `--concurrency` workers, `--requests` in all, each request given 120 s, the
 * whole load `--seconds` at most. Prints status counts, latency and requests per second.
 *   npx tsx scripts/reliability/demo-load.ts --base http://127.0.0.1:3100 [--concurrency 4] [--requests 40] [--seconds 180]
 * Exit code 1 when a request failed or did not answer 200.
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    base: { type: "string", default: "http://127.0.0.1:3000" },
    concurrency: { type: "string", default: "4" },
    requests: { type: "string", default: "40" },
    seconds: { type: "string", default: "180" },
    user: { type: "string", default: "office" },
    password: { type: "string", default: "luoshi-demo-2025" },
  },
});
const base = new URL(values.base);
if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname)) throw new Error("only a server on this machine");

/** Cookies of the session, as one Cookie header. */
const jar = new Map<string, string>();
const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
function keepCookies(response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}
const get = (path: string) => fetch(new URL(path, base), { headers: { cookie: cookieHeader() }, redirect: "manual", signal: AbortSignal.timeout(120_000) });

async function signIn(): Promise<boolean> {
  const csrf = await get("/api/auth/csrf");
  keepCookies(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(new URL("/api/auth/callback/credentials", base), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, username: values.user, password: values.password, json: "true" }),
    redirect: "manual",
    signal: AbortSignal.timeout(120_000),
  });
  keepCookies(response);
  return [...jar.keys()].some((name) => name.includes("session-token"));
}

const signedIn = await signIn();
// The demo's plan is the first imported (seed 000); the dashboard is the heaviest read, the table the public one.
const pages = ["/plans/1/table/1", ...(signedIn ? ["/plans/1/dashboard", "/review", "/tasks/1"] : [])];
/** Requests a page whole; its status (or the error's name) and how long it took. */
async function timed(page: string): Promise<{ outcome: string; ms: number }> {
  const started = performance.now();
  try {
    const response = await get(page);
    await response.arrayBuffer();
    return { outcome: String(response.status), ms: performance.now() - started };
  } catch (error) {
    return { outcome: error instanceof Error ? error.name : "error", ms: performance.now() - started };
  }
}

for (const page of pages) {
  const { outcome, ms } = await timed(page);
  console.log(`warm-up ${page}: ${outcome}, ${Math.round(ms)} ms`);
}

const total = Number(values.requests);
const deadline = Date.now() + Number(values.seconds) * 1000;
const statuses = new Map<string, number>();
const latencies: number[] = [];
let next = 0;
async function worker() {
  while (next < total && Date.now() < deadline) {
    const { outcome, ms } = await timed(pages[next++ % pages.length]);
    latencies.push(ms);
    statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]);
console.log(
  `${latencies.length} requests (${signedIn ? "signed in" : "public only"}) by ${values.concurrency} workers in ${seconds.toFixed(1)} s: ` +
    `${(latencies.length / seconds).toFixed(1)}/s, median ${at(0.5)} ms, p95 ${at(0.95)} ms, status ${JSON.stringify(Object.fromEntries(statuses))}`,
);
process.exit([...statuses.keys()].every((status) => status === "200") ? 0 : 1);
