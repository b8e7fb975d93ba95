/**
 * The service measures in a Web Worker: the same summary as on the main thread, and a page
 * that keeps answering (no main-thread task over 50 ms) while 10,000 cases are summarised.
 */
import { expect } from '@open-wc/testing';
import { InstrumentRegistry, StorageError, ValidationError, defaultInstruments } from '@odkit/core';
import { summariseServiceSync } from '@odkit/core/service';
import { summariseInWorker, type WorkerRunOptions } from '@odkit/core/worker';
import { caseload, caseloadArray } from '../../../test/support/caseload.js';
import { guardConsole } from '../../../test/support/console-guard.js';

/** The worker module from source (a build serves dist/summary-worker.js beside dist/worker.js, the default). */
const worker = () => new Worker(new URL('../src/worker/summary-worker.ts', import.meta.url), { type: 'module' });

/** A new task (not a microtask): what came before has finished. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });

/**
 * Watches how long the main thread goes without getting to a task of the page's own: a timer
 * queued every 5 ms records how late it ran. A late timer is a task (the kit's or anyone's) that
 * held the thread. Works in a hidden tab, where long-task entries and animation frames are not
 * delivered (the test runner runs two files at once, one tab hidden).
 */
function watchMainThread() {
  const state = { turns: 0, blocked: [] as number[], stop: () => {} };
  let timer: ReturnType<typeof setTimeout>;
  let due = performance.now() + 5;
  const tick = () => {
    const late = performance.now() - due;
    state.turns++;
    if (late > 50) state.blocked.push(late);
    due = performance.now() + 5;
    timer = setTimeout(tick, 5);
  };
  timer = setTimeout(tick, 5);
  state.stop = () => clearTimeout(timer);
  return state;
}

/** Resolves once `condition` holds, checking on each new task. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await nextTask();
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('summariseInWorker', function () {
  // Ten thousand cases on a shared two-core machine.
  this.timeout(300_000);
  guardConsole();

  it('gives the same summary as summariseService, skipping an invalid record with its position', async () => {
    const records: unknown[] = caseloadArray({ cases: 400, seed: 21 });
    records.splice(123, 0, { schemaVersion: 1, id: 'broken', person: { id: 'p', name: '' } });
    const options = { groupBy: 'team', timeZone: 'Europe/London' } as const;
    const progress: number[] = [];
    const summary = await summariseInWorker(records, { ...options, worker, onProgress: (n) => progress.push(n) });
    const expected = summariseServiceSync(records, options);
    expect(JSON.stringify(summary)).to.equal(JSON.stringify(expected));
    expect(summary.records).to.deep.equal({ read: 401, valid: 400, skipped: 1 });
    expect(summary.skipped.map((s) => s.position)).to.deep.equal([123]);
    expect(summary.overall.episodes).to.be.greaterThan(400);
    expect(progress.at(-1)).to.equal(401);
    expect(progress).to.deep.equal([...progress].sort((a, b) => a - b));
  });

  it('keeps the page answering while 10,000 cases are summarised: no main-thread task over 50 ms', async () => {
    // The host's records, already in the page (made before the clock starts: making them is not the kit's work).
    // A thousand generated cases, each given ten times under a case id of its own, keep the page's memory modest.
    const made = caseloadArray({ cases: 1000, seed: 22 });
    function* tenThousand() {
      for (let round = 0; round < 10; round++)
        for (const record of made) yield { ...record, id: `${record.id}-${round}` };
    }
    // A new task, so the one that made the records is over before the watch starts.
    await nextTask();
    const watch = watchMainThread();
    let read = 0;
    let summary;
    try {
      summary = await summariseInWorker(tenThousand(), { worker, onProgress: (n) => (read = n) });
    } finally {
      watch.stop();
    }
    expect(summary.records).to.deep.equal({ read: 10_000, valid: 10_000, skipped: 0 });
    expect(read).to.equal(10_000);
    expect(watch.turns, 'the watch got its turns').to.be.greaterThan(10);
    expect(
      watch.blocked,
      `main-thread stalls over 50 ms (ms): ${watch.blocked.map((d) => d.toFixed(0)).join(', ')}`,
    ).to.deep.equal([]);
  });

  it('sees the main thread blocked (so the check above means something)', async () => {
    const watch = watchMainThread();
    await nextTask();
    // The same work on the main thread, in one go.
    summariseServiceSync(caseload({ cases: 300, seed: 23 }));
    await until(() => watch.turns > 2);
    watch.stop();
    expect(watch.blocked.length).to.equal(1);
    expect(watch.blocked[0]).to.be.greaterThan(50);
  });

  it('takes the host’s instruments, and reads async iterables', async () => {
    const records = caseloadArray({ cases: 50, seed: 24 });
    const instruments = new InstrumentRegistry(defaultInstruments.list());
    async function* slowly() {
      for (const r of records) yield await Promise.resolve(r);
    }
    const summary = await summariseInWorker(slowly(), { worker, instruments });
    expect(JSON.stringify(summary)).to.equal(JSON.stringify(summariseServiceSync(records, { instruments })));
  });

  it('rejects bad options with a ValidationError naming each (checked on the page, or by the worker)', async () => {
    const onPage = await rejection(
      summariseInWorker(42 as never, { worker, sliceMs: 0, onProgress: 1 as never, instruments: {} as never }),
    );
    expect(onPage).to.be.instanceOf(ValidationError);
    expect((onPage as ValidationError).issues.map((i) => i.path.join('.'))).to.deep.equal([
      'onProgress',
      'sliceMs',
      'instruments',
      'records',
    ]);
    const inWorker = await rejection(summariseInWorker([], { worker, groupBy: 'ward' as never }));
    expect(inWorker).to.be.instanceOf(ValidationError);
    expect((inWorker as ValidationError).issues.map((i) => i.path.join('.'))).to.deep.equal(['groupBy']);
  });

  it('stops when the page cancels, passes on the source’s own error, and fails typed when the worker cannot load', async () => {
    const controller = new AbortController();
    const cancelled = summariseInWorker(caseload({ cases: 10_000, seed: 25 }), {
      worker,
      signal: controller.signal,
      onProgress: (n) => n > 100 && controller.abort(),
    });
    expect(await rejection(cancelled)).to.be.instanceOf(StorageError);

    const failure = new Error('page 3 could not be fetched');
    async function* failing() {
      yield* caseloadArray({ cases: 5, seed: 26 });
      throw failure;
    }
    expect(await rejection(summariseInWorker(failing(), { worker }))).to.equal(failure);

    const missing = await rejection(
      summariseInWorker([], {
        worker: () => new Worker(new URL('./no-such-worker.js', import.meta.url), { type: 'module' }),
      } satisfies WorkerRunOptions),
    );
    expect(missing).to.be.instanceOf(StorageError);
  });
});
