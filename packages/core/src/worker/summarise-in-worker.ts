/**
 * @odkit/core/worker — the service measures in a Web Worker, so a page stays responsive
 * while thousands of case records are summarised. The page reads the source (any array,
 * iterable or async iterable of case records: a host's records, `@odkit/fhir/service`'s
 * sources) in short slices and posts the records to the worker in batches, never more
 * than a few batches ahead of it; the worker validates, adds and summarises them.
 *
 * This module is small (no schemas, no measures): they live in the worker's own module,
 * `@odkit/core/summary-worker`, loaded by URL as a module worker (same origin, no `blob:`).
 */
import { StorageError, ValidationError } from '../errors.js';
import type { RecordSource, ServiceOptions, ServiceSummary } from '../service/types.js';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol.js';

export interface WorkerRunOptions extends ServiceOptions {
  /**
   * Makes the worker. Default: `new Worker(new URL('./summary-worker.js', import.meta.url), { type: 'module' })`,
   * which bundlers (Vite, webpack 5, Rollup with a worker plugin) follow. Give your own when the
   * worker is served from elsewhere on your origin, e.g.
   * `() => new Worker('/assets/odkit-summary-worker.js', { type: 'module' })`.
   */
  worker?: () => Worker;
  /** Called after each batch the worker has read, with the number of records read so far. */
  onProgress?: (read: number) => void;
  /** Aborting it stops the worker; the promise rejects with a StorageError. */
  signal?: AbortSignal;
  /**
   * About the most milliseconds the page spends in one go reading records from the source and
   * writing them for the worker (default 1; one record is never split, so a slice can run over by
   * one record's cost): the page's tasks stay far below the 50 ms that makes it feel stuck.
   */
  sliceMs?: number;
}

/** Batches sent and not yet read by the worker: enough to keep it busy, few enough to bound the memory they hold. */
const MAX_IN_FLIGHT = 4;

const defaultWorker = () =>
  new Worker(new URL('./summary-worker.js', import.meta.url), { type: 'module', name: 'odkit-summary' });

/** Lets the page's other tasks (input, rendering) run: a new task, not a microtask. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * Service measures over many case records, computed in a Web Worker (the same result as
 * `summariseService` from `@odkit/core/service`). Invalid records are skipped and listed in the
 * summary with their position. Rejects with ValidationError for invalid options or a source
 * that is not iterable, StorageError when the worker cannot start or stops, or the signal
 * aborts; an error thrown by the source itself (a failed fetch) is passed on as it is.
 */
export async function summariseInWorker(
  records: RecordSource,
  options: WorkerRunOptions = {},
): Promise<ServiceSummary> {
  const { worker: makeWorker = defaultWorker, onProgress, signal, sliceMs = 1, instruments, ...service } = options;
  const issues: { path: string[]; message: string }[] = [];
  if (typeof makeWorker !== 'function')
    issues.push({ path: ['worker'], message: 'must be a function that makes a Worker' });
  if (onProgress !== undefined && typeof onProgress !== 'function')
    issues.push({ path: ['onProgress'], message: 'must be a function' });
  if (signal !== undefined && !(signal instanceof AbortSignal))
    issues.push({ path: ['signal'], message: 'must be an AbortSignal' });
  if (!(typeof sliceMs === 'number' && sliceMs >= 1 && sliceMs <= 1000))
    issues.push({ path: ['sliceMs'], message: 'must be a number of milliseconds from 1 to 1,000' });
  if (instruments !== undefined && typeof (instruments as { list?: unknown } | null)?.list !== 'function')
    issues.push({ path: ['instruments'], message: 'must be an InstrumentRegistry' });
  const input = records as Partial<Iterable<unknown> & AsyncIterable<unknown>> | null;
  const iterate =
    typeof input?.[Symbol.asyncIterator] === 'function'
      ? () => input[Symbol.asyncIterator]!()
      : typeof input?.[Symbol.iterator] === 'function'
        ? () => input[Symbol.iterator]!()
        : undefined;
  if (!iterate)
    issues.push({ path: ['records'], message: 'must be an array, an iterable or an async iterable of case records' });
  if (issues.length) throw new ValidationError('Worker summary options', issues);
  if (signal?.aborted) throw cancelled();

  let worker: Worker;
  try {
    worker = makeWorker();
  } catch (cause) {
    throw new StorageError(
      'The summary could not start its Web Worker (is the worker script served from this origin, and allowed by the page’s worker-src policy?).',
      { cause },
    );
  }

  // One queue of what the worker says; `failure` settles as soon as it fails or the page cancels.
  let read = 0;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  let summary: ServiceSummary | undefined;
  let failed: unknown;
  const settle = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (error: unknown) => {
    failed ??= error;
    settle();
  };
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'ack') {
      inFlight--;
      read += message.read;
      try {
        onProgress?.(read);
      } catch {
        // A host's progress callback that throws does not stop the summary.
      }
    } else if (message.type === 'summary') summary = message.summary;
    else if (message.type === 'error') {
      const e = message.error;
      fail(
        e.code === 'validation' ? new ValidationError('Service options', e.issues ?? []) : new StorageError(e.message),
      );
    }
    settle();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(
      new StorageError(
        'The summary’s Web Worker could not be loaded or stopped on an error (is its script served from this origin, and allowed by the page’s worker-src policy?).',
      ),
    );
  };
  worker.onmessageerror = () =>
    fail(new StorageError('The summary’s Web Worker sent a message the page could not read.'));
  const onAbort = () => fail(cancelled());
  signal?.addEventListener('abort', onAbort, { once: true });
  const waitFor = async (done: () => boolean) => {
    while (!done() && failed === undefined) await new Promise<void>((resolve) => (wake = resolve));
    if (failed !== undefined) throw failed;
  };
  const send = (message: ToWorker) => {
    try {
      worker.postMessage(message);
    } catch (cause) {
      // Options the structured clone cannot copy (a function, a revoked proxy).
      throw new ValidationError('Worker summary options', [
        {
          path: [],
          message: `could not be sent to the worker (${cause instanceof Error && /^[A-Za-z]{1,40}$/.test(cause.name) ? cause.name : 'error'})`,
        },
      ]);
    }
  };

  /** The source's iterator while it has more to give. */
  let source: Iterator<unknown> | AsyncIterator<unknown> | undefined;
  try {
    const workerOptions: WorkerOptions = { ...service, ...(instruments ? { instruments: instruments.list() } : {}) };
    send({ type: 'start', options: workerOptions });
    const iterator = (source = iterate!() as Iterator<unknown> | AsyncIterator<unknown>);
    let position = 0;
    for (let done = false; !done;) {
      // Records read and written as JSON one by one until a slice of the page's time is used: each record's
      // cost counts as it is paid, so a large record ends the slice rather than being written after it.
      const batch: string[] = [];
      const start = performance.now();
      do {
        const step = await iterator.next();
        if (step.done) {
          done = true;
          source = undefined;
          break;
        }
        batch.push(json(step.value, position++));
      } while (performance.now() - start < sliceMs);
      if (failed !== undefined) throw failed;
      if (batch.length) {
        send({ type: 'records', json: `[${batch.join(',')}]` });
        inFlight++;
      }
      // Never more than a few batches ahead of the worker; and a new task each time, so the page can answer.
      await waitFor(() => inFlight < MAX_IN_FLIGHT);
      await nextTask();
    }
    send({ type: 'end' });
    await waitFor(() => summary !== undefined);
    return summary!;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    worker.terminate();
    // Stopped before the source's end: let it close what it holds (a file, a connection).
    void Promise.resolve()
      .then(() => source?.return?.())
      .catch(() => undefined);
  }
}

/**
 * One record as JSON text: V8 writes plain objects as JSON several times faster than its
 * structured clone copies them, and a batch crosses to the worker as one block of text. What JSON
 * writes as `null` in an array (undefined, a function) is `null` here too, so the worker skips it
 * as invalid at its position. A record JSON cannot carry (a cycle, a BigInt, a throwing getter)
 * is a ValidationError naming its position in the source.
 */
function json(record: unknown, position: number): string {
  try {
    return JSON.stringify(record) ?? 'null';
  } catch (cause) {
    throw new ValidationError('Records', [
      {
        path: [position],
        message: `could not be sent to the worker as JSON (${cause instanceof Error && /^[A-Za-z]{1,40}$/.test(cause.name) ? cause.name : 'error'})`,
      },
    ]);
  }
}

const cancelled = () => new StorageError('The page cancelled the summary.');
