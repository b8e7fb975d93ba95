/**
 * The service measures in a Web Worker: the same summary as on the main thread, and a page that
 * keeps answering while 10,000 cases are summarised: its own share (reading the source, writing
 * JSON) is done in slices of `sliceMs`, timed here on a clock the records move, and a task the
 * page queues during a slice runs before the next one. How long the page's tasks take on the
 * wall clock (target: none over 50 ms) is measured by test/bench/service.browser.bench.ts, not
 * here: on a busy machine the system can pause any task part-way.
 */
import { expect } from '@open-wc/testing';
import { InstrumentRegistry, StorageError, ValidationError, defaultInstruments } from '@odkit/core';
import { summariseServiceSync } from '@odkit/core/service';
import { summariseInWorker, type WorkerRunOptions } from '@odkit/core/worker';
import { caseload, caseloadArray } from '../../../test/support/caseload.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { rejection } from './support.js';

/** The worker module from source (a build serves dist/summary-worker.js beside dist/worker.js, the default). */
const worker = () => new Worker(new URL('../src/worker/summary-worker.ts', import.meta.url), { type: 'module' });

/** Chromium's Prioritized Task Scheduling API (not yet in TypeScript's DOM types). */
const scheduler = (
  globalThis as unknown as {
    scheduler: { postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<unknown> };
  }
).scheduler;

/**
 * Watches the batches the page posts to the worker: the record ids in each, and whether a task
 * the page queues while a slice runs (user-blocking, as input is) ran before the next slice
 * started reading. `reading()` is called by the test's source before each record.
 */
function watchSlices() {
  const batches: string[][] = [];
  let answered = 0;
  let unanswered = 0;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: [never]) {
    const m = message as { type?: string; json?: string };
    if (m?.type === 'records') {
      batches.push((JSON.parse(m.json!) as { id: string }[]).map((r) => r.id));
      void scheduler.postTask(() => answered++, { priority: 'user-blocking' });
    }
    return post.call(this, message, ...rest);
  };
  return {
    batches,
    /** Slices that started reading before the page's task from the slice before had run. */
    get unanswered() {
      return unanswered;
    },
    reading() {
      if (answered < batches.length) unanswered++;
    },
    stop: () => (Worker.prototype.postMessage = post),
  };
}

/** A clock for the page that only the test moves: `performance.now()` reads it until `stop()`. */
function virtualClock() {
  const clock = { now: 0, stop: () => Reflect.deleteProperty(performance, 'now') };
  Object.defineProperty(performance, 'now', { configurable: true, value: () => clock.now });
  return clock;
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

  it('reads and writes the source in slices of sliceMs however much each record costs, and answers the page between them', async () => {
    // A hundred records that cost the page little, twenty that each take 8 ms to write as JSON
    // (a case with years of meetings), then cheap ones again; the clock moves only by these costs.
    const records = caseloadArray({ cases: 200, seed: 27 });
    const cost = new Map(records.map((r, i) => [r.id, { read: 0.01, write: i >= 100 && i < 120 ? 8 : 0.02 }]));
    const clock = virtualClock();
    const watch = watchSlices();
    function* source() {
      for (const record of records) {
        watch.reading();
        clock.now += cost.get(record.id)!.read;
        yield {
          ...record,
          toJSON() {
            clock.now += cost.get(record.id)!.write;
            return record;
          },
        };
      }
    }
    let summary;
    try {
      summary = await summariseInWorker(source(), { worker, sliceMs: 2 });
    } finally {
      clock.stop();
      watch.stop();
    }
    expect(summary.records).to.deep.equal({ read: 200, valid: 200, skipped: 0 });
    const pageMs = (ids: string[]) => ids.reduce((ms, id) => ms + cost.get(id)!.read + cost.get(id)!.write, 0);
    // A slice ends as soon as 2 ms are used: only its last record can take it past them.
    const over = watch.batches.filter((ids) => pageMs(ids.slice(0, -1)) >= 2);
    expect(over.map(pageMs), 'slices that went on after 2 ms of the page’s time').to.deep.equal([]);
    const costliest = Math.max(...[...cost.values()].map((c) => c.read + c.write));
    expect(Math.max(...watch.batches.map(pageMs))).to.be.below(2 + costliest);
    expect(watch.batches.flat()).to.deep.equal(records.map((r) => r.id));
    expect(watch.batches.length).to.be.greaterThan(20);
    expect(watch.unanswered, 'slices started before the page’s own task ran').to.equal(0);
  });

  it('summarises 10,000 cases, posting them in many slices and answering the page between them', async () => {
    // The host's records, already in the page. A thousand generated cases, each given ten times
    // under a case id of its own, keep the page's memory modest.
    const made = caseloadArray({ cases: 1000, seed: 22 });
    const watch = watchSlices();
    function* tenThousand() {
      for (let round = 0; round < 10; round++)
        for (const record of made) {
          watch.reading();
          yield { ...record, id: `${record.id}-${round}` };
        }
    }
    let read = 0;
    let summary;
    try {
      summary = await summariseInWorker(tenThousand(), { worker, onProgress: (n) => (read = n) });
    } finally {
      watch.stop();
    }
    expect(summary.records).to.deep.equal({ read: 10_000, valid: 10_000, skipped: 0 });
    expect(read).to.equal(10_000);
    expect(watch.batches.flat().length).to.equal(10_000);
    // About a millisecond of the page's time each: far more than a handful.
    expect(watch.batches.length).to.be.greaterThan(100);
    expect(watch.unanswered, 'slices started before the page’s own task ran').to.equal(0);
  });

  it('names the position of a record that cannot be written as JSON', async () => {
    const records: unknown[] = caseloadArray({ cases: 5, seed: 28 });
    const cyclic: Record<string, unknown> = { id: 'cyclic' };
    cyclic.self = cyclic;
    records.splice(3, 0, cyclic);
    const error = await rejection(summariseInWorker(records, { worker }));
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).to.deep.equal([[3]]);
    expect((error as ValidationError).message).to.not.include('cyclic');
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
