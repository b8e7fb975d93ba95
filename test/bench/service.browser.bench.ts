/**
 * Service measures in a Web Worker (summariseInWorker) in Chromium, on the generated caseload
 * (test/support/caseload.ts), with the page's main thread watched by a long-task observer:
 *  - 1,000 and 10,000 cases, records already in the page (a host's own, or a source's) posted
 *    to the worker in ~1 ms slices: time to the summary (for context), and every main-thread
 *    task over 50 ms while it ran (target: none, issue 19);
 *  - the same 1,000 cases summarised on the main thread, for comparison (one long task).
 */
import { summariseService } from '@odkit/core/service';
import { summariseInWorker } from '@odkit/core/worker';
import { caseloadArray } from '../support/caseload.js';
import { report, type BenchResult } from './harness.js';

const worker = () =>
  new Worker(new URL('../../packages/core/src/worker/summary-worker.ts', import.meta.url), { type: 'module' });

/** Runs `fn` with a long-task observer; returns its time and the tasks over 50 ms (their durations). */
async function watched(fn: () => Promise<unknown>): Promise<{ ms: number; longTasks: number[] }> {
  // A new task first, so nothing done before counts.
  await new Promise((resolve) => setTimeout(resolve));
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  // A new task again: a long task is reported once it has ended, and `fn` may have ended inside it.
  await new Promise((resolve) => setTimeout(resolve));
  for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
  observer.disconnect();
  return { ms, longTasks };
}

describe('service measures in a Web Worker', function () {
  this.timeout(15 * 60 * 1000);

  it('summarises 1,000 and 10,000 cases without a main-thread task over 50 ms', async () => {
    const made = caseloadArray({ cases: 10_000, seed: 1 });
    const thousand = made.slice(0, 1000);
    const runs: { name: string; ms: number[]; longTasks: number[] }[] = [];
    const run = async (name: string, fn: () => Promise<unknown>, times: number, watchTasks = true) => {
      const entry = { name, ms: [] as number[], longTasks: [] as number[] };
      for (let i = 0; i < times; i++) {
        const { ms, longTasks } = await watched(fn);
        entry.ms.push(ms);
        if (watchTasks) entry.longTasks.push(...longTasks);
        else entry.longTasks = longTasks;
      }
      runs.push(entry);
    };
    await run('summariseInWorker, 1,000 cases', () => summariseInWorker(thousand, { worker }), 5);
    await run('summariseInWorker, 10,000 cases', () => summariseInWorker(made, { worker }), 3);
    await run(
      'summariseService on the main thread, 1,000 cases (comparison)',
      () => summariseService(thousand),
      3,
      false,
    );

    const results: BenchResult[] = runs.map((r) => {
      const sorted = [...r.ms].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return {
        name: r.name,
        medianMs: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2,
        minMs: sorted[0]!,
        runs: sorted.length,
        targeted: false,
      };
    });
    report(results, 1000);
    console.log('\nMain-thread tasks over 50 ms while it ran (target for the worker: none):');
    for (const r of runs)
      console.log(
        `  ${r.name}: ${r.longTasks.length ? r.longTasks.map((d) => `${d.toFixed(0)} ms`).join(', ') : 'none'}`,
      );
    const missed = runs.slice(0, 2).filter((r) => r.longTasks.length);
    if (missed.length)
      throw new Error(`Main-thread tasks over 50 ms with the worker: ${missed.map((r) => r.name).join(', ')}`);
  });
});
