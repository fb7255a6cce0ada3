import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * `next start` of the production build (which the browser tests need anyway) with chosen
 * variables, on a free loopback port, without a database: nothing here reaches one.
 */

const NEXT = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const SECRET = "dGVzdC1vbmx5LXNlY3JldC1vZi1hdC1sZWFzdC0zMi1jaGFycw";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function start(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(NEXTAUTH_|AUTH_|OIDC_)/.test(name)));
  const child = spawn(process.execPath, [NEXT, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    env: { ...base, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "postgresql://127.0.0.1:1/unused", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, port, output: () => output, exited };
}

/** The exit code, or "still running" after the time allowed (the process is then stopped). */
async function exitWithin(started: Started, ms: number): Promise<number | null | "still running"> {
  const timer = new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), ms));
  const outcome = await Promise.race([started.exited, timer]);
  if (outcome === "still running") started.child.kill("SIGTERM");
  return outcome;
}

async function stop(started: Started) {
  if (started.child.exitCode === null) started.child.kill("SIGTERM");
  await started.exited;
}

/** Waits until the server answers, then returns the response to `path`. */
async function fetchWhenUp(started: Started, path: string, headers: Record<string, string> = {}): Promise<Response> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${started.port}${path}`, { headers });
    } catch (error) {
      if (Date.now() > deadline || started.child.exitCode !== null) throw new Error(`server did not answer: ${started.output()}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

test.describe("production start", () => {
  test("refuses to run without a session secret, with the reason in Chinese", async () => {
    const started = await start({});
    expect(await exitWithin(started, 30_000)).toBe(1);
    expect(started.output()).toContain("落实 未启动:未设置登录会话的签名密钥 NEXTAUTH_SECRET(或 AUTH_SECRET)。");
  });

  test("refuses a secret shorter than 32 characters", async () => {
    const started = await start({ AUTH_SECRET: "change-me" });
    expect(await exitWithin(started, 30_000)).toBe(1);
    expect(started.output()).toContain("落实 未启动:登录会话的签名密钥 AUTH_SECRET 太短:9 个字符,至少需要 32 个。");
  });

  test("sends Strict-Transport-Security when the public address is HTTPS", async () => {
    const started = await start({ NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: "https://luoshi.example.gov.cn" });
    try {
      const response = await fetchWhenUp(started, "/api/auth/providers");
      expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    } finally {
      await stop(started);
    }
  });

  test("believes X-Forwarded-Proto only behind a proxy the operator declared (AUTH_TRUST_HOST)", async () => {
    const started = await start({ NEXTAUTH_SECRET: SECRET, AUTH_TRUST_HOST: "true" });
    try {
      const viaHttps = await fetchWhenUp(started, "/api/auth/providers", { "X-Forwarded-Proto": "https" });
      expect(viaHttps.headers.get("strict-transport-security")).toBe("max-age=31536000");
      const viaHttp = await fetchWhenUp(started, "/api/auth/providers", { "X-Forwarded-Proto": "http" });
      expect(viaHttp.headers.get("strict-transport-security")).toBeNull();
    } finally {
      await stop(started);
    }
  });
});
