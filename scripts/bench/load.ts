/**
 * Load for the page benchmark: a fixed number of concurrent callers, each calling again as soon
 * as its call returns, for a bounded time and count. The same loop drives HTTP requests to the
 * server (`httpCaller`) and, for the baseline, the page's lib/ reads in this process.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { summarise, type Timing } from "./timing";

export interface LoadOptions {
  /** Callers at once (connections). */
  concurrency: number;
  /** Run at least this long… */
  seconds: number;
  /** …and until this many calls have returned, */
  minCalls: number;
  /** but never longer than this, nor more calls than `maxCalls`. */
  maxSeconds: number;
  maxCalls: number;
}

export interface LoadResult extends Timing {
  calls: number;
  errors: number;
  seconds: number;
  /** Calls completed per second. */
  rate: number;
  /** Bytes of the last response (HTTP only). */
  bytes: number;
  /** CPU time spent per call by whoever does the work (see `runLoad`'s `cpu`), in ms; null where unknown. */
  cpuPerCall: number | null;
}

/** One call; resolves to the response size in bytes (0 in-process), rejects on a failure. */
export type Caller = () => Promise<number>;

/**
 * Runs `call` under `options`. `cpu`, when given, reads the CPU time (ms) used so far by whoever
 * does the work (the server process, or this one): read before and after, it gives the CPU time a
 * call costs, which other work on the machine hardly changes, unlike the time a call takes.
 */
export async function runLoad(call: Caller, options: LoadOptions, cpu?: () => number | null): Promise<LoadResult> {
  const samples: number[] = [];
  const cpuBefore = cpu?.() ?? null;
  let errors = 0;
  let started = 0;
  let bytes = 0;
  let firstError: unknown;
  const begin = performance.now();
  const elapsed = () => (performance.now() - begin) / 1000;
  const more = () =>
    started < options.maxCalls &&
    elapsed() < options.maxSeconds &&
    (elapsed() < options.seconds || samples.length + errors < options.minCalls);
  const worker = async () => {
    while (more()) {
      started += 1;
      const start = performance.now();
      try {
        bytes = await call();
        samples.push(performance.now() - start);
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = elapsed();
  const cpuAfter = cpu?.() ?? null;
  if (samples.length === 0) throw new Error(`没有一次成功的调用(${errors} 次失败): ${String(firstError)}`);
  const cpuPerCall = cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / (samples.length + errors) : null;
  return { ...summarise(samples), calls: samples.length, errors, seconds, rate: samples.length / seconds, bytes, cpuPerCall };
}

/**
 * A GET of `url` over keep-alive connections (one socket per caller), with the given cookie.
 * Anything but 200 counts as a failure. Resolves to the body's size.
 */
export function httpCaller(url: string, options: { cookie?: string; agent: http.Agent; timeoutMs?: number }): Caller {
  const headers: http.OutgoingHttpHeaders = options.cookie ? { cookie: options.cookie } : {};
  return () =>
    new Promise<number>((resolve, reject) => {
      const request = http.get(url, { agent: options.agent, headers, timeout: options.timeoutMs ?? 60_000 }, (response) => {
        let size = 0;
        response.on("data", (chunk: Buffer) => (size += chunk.length));
        response.on("end", () => (response.statusCode === 200 ? resolve(size) : reject(new Error(`${url}: HTTP ${response.statusCode}`))));
        response.on("error", reject);
      });
      request.on("timeout", () => request.destroy(new Error(`${url}: 超时`)));
      request.on("error", reject);
    });
}

/** One keep-alive agent per measurement, with as many sockets as callers. */
export function agentFor(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency });
}

/** CPU time (ms) this process has used. */
export function ownCpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * CPU time (ms) used by the processes of a process group (a server started detached, with its
 * children), from /proc; null where there is no /proc.
 */
export function groupCpu(pgid: number, ticksPerSecond = 100): number | null {
  if (!existsSync("/proc")) return null;
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // After "pid (comm) ": state ppid pgrp … utime (14th field) stime (15th).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / ticksPerSecond;
}
