/**
 * A minimal benchmark harness: warm-up runs, then the median and minimum of timed
 * runs with performance.now(), printed as a table against a time target.
 * Benchmarks are not tests: they print figures; run.mjs turns a miss into a
 * non-zero exit code.
 */

export interface BenchOptions {
  /** Untimed runs first, so the JIT has settled (default 3). */
  warmup?: number;
  /** Timed runs (default 10). */
  runs?: number;
  /** False for a figure printed for context only, not held to the target. */
  targeted?: boolean;
  /**
   * False to leave the heap as the runs before left it, rather than collecting garbage before each timed run (default
   * true). For context: some work that allocates a lot runs markedly slower right after a full collection.
   */
  collect?: boolean;
}

export interface BenchResult {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
  readonly targeted: boolean;
}

/** `global.gc` when node runs with --expose-gc (run.mjs passes it): collect before each run to cut noise. */
const gc = (globalThis as { gc?: () => void }).gc;

/** Times `fn`; its result is kept alive so that no run is optimised away. */
export function measure(name: string, fn: () => unknown, options: BenchOptions = {}): BenchResult {
  const { warmup = 3, runs = 10, targeted = true, collect = true } = options;
  for (let i = 0; i < warmup; i++) lastValue = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (collect) gc?.();
    const start = performance.now();
    lastValue = fn();
    times.push(performance.now() - start);
  }
  return summarise(name, times, runs, targeted);
}

/**
 * Like `measure`, for work that finishes asynchronously (a widget's render awaited to the next frame, a store round
 * trip).
 */
export async function measureAsync(
  name: string,
  fn: () => Promise<unknown>,
  options: BenchOptions = {},
): Promise<BenchResult> {
  const { warmup = 3, runs = 10, targeted = true } = options;
  for (let i = 0; i < warmup; i++) lastValue = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const start = performance.now();
    lastValue = await fn();
    times.push(performance.now() - start);
  }
  return summarise(name, times, runs, targeted);
}

function summarise(name: string, times: number[], runs: number, targeted: boolean): BenchResult {
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { name, medianMs: median, minMs: times[0] ?? NaN, runs, targeted };
}

/** The last value a benchmark returned, kept reachable so that no run can be optimised away. */
export let lastValue: unknown;

/**
 * Prints the results as a table with a PASS/FAIL column against `targetMs` (by median)
 * and returns whether every benchmark met it. Sets the process exit code on a miss.
 */
export function report(results: readonly BenchResult[], targetMs: number): boolean {
  const rows = results.map((r) => [
    r.name,
    r.medianMs.toFixed(2),
    r.minMs.toFixed(2),
    !r.targeted ? '(context)' : r.medianMs <= targetMs ? 'PASS' : 'FAIL',
  ]);
  const head = ['benchmark', 'median ms', 'min ms', `≤ ${targetMs} ms`];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  const failed = results.filter((r) => r.targeted && r.medianMs > targetMs);
  console.log(
    failed.length
      ? `\n${failed.length} of ${results.length} over the ${targetMs} ms target: ${failed.map((r) => r.name).join(', ')}`
      : `\nAll ${results.filter((r) => r.targeted).length} targeted figures within the ${targetMs} ms target.`,
  );
  if (failed.length) {
    const proc = (globalThis as { process?: { exitCode?: number | string } }).process;
    if (proc) proc.exitCode = 1;
  }
  return failed.length === 0;
}
