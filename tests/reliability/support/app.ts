import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { inject } from "vitest";

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface AppInstance {
  /** http://127.0.0.1:PORT */
  url: string;
  pid: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** The exit code or signal once the process has ended, else null. */
  exited(): string | null;
  stop(): Promise<void>;
}

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/**
 * `next start` (the production build in .next/) on a free loopback port against the suite's
 * database, in a process group of its own; resolves once it answers a page. Every instance shares
 * the suite's session secret.
 */
export async function startApp(options: { databaseUrl?: string; poolMax?: number; env?: Record<string, string> } = {}): Promise<AppInstance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.databaseUrl ?? inject("databaseUrl"),
      DATABASE_POOL_MAX: String(options.poolMax ?? 10),
      NEXTAUTH_SECRET: inject("authSecret"),
      NEXTAUTH_URL: url,
      PORT: String(port),
      ...options.env,
    },
  });
  let output = "";
  let exit: string | null = null;
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exit = signal ?? String(code);
      resolve();
    }),
  );
  const pid = child.pid!;
  const instance: AppInstance = {
    url,
    pid,
    output: () => output,
    exited: () => exit,
    async stop() {
      if (exit !== null) return;
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5_000);
      await ended;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exit !== null) throw new Error(`next start exited (${exit}) before answering:\n${output}`);
    try {
      const response = await fetch(`${url}/login`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.ok) return instance;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await instance.stop();
      throw new Error(`next start did not answer within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
