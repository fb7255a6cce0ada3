/** What the benchmarks report of a series of measured runs. */
export interface Timing {
  median: number;
  p95: number;
  min: number;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0] };
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

export const timingLine = (label: string, t: Timing) => `  ${label}: 中位数 ${ms(t.median)}, p95 ${ms(t.p95)}, 最快 ${ms(t.min)}`;

/** Runs a benchmark's main and exits with its code: 0 met, 1 missed its target, 2 could not run. */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
