/**
 * The summary worker: a module worker that runs the service measures off the page's main
 * thread. `summariseInWorker` starts it and sends it records in batches; it validates and adds
 * each one (ServiceAccumulator), acknowledges each batch (so the page sends no faster than it
 * is read) and posts the summary at the end. Loaded from its own same-origin URL: no `blob:`
 * URL, no eval, so it runs under a strict CSP (`worker-src 'self'`).
 */
import { OdError, ValidationError } from '../errors.js';
import { InstrumentRegistry } from '../instruments/registry.js';
import { ServiceAccumulator } from '../service/summarise.js';
import type { ErrorData, FromWorker, ToWorker } from './protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = globalThis as unknown as WorkerScope;

let accumulator: ServiceAccumulator | undefined;

const post = (message: FromWorker) => scope.postMessage(message);

function asData(error: unknown): ErrorData {
  if (error instanceof ValidationError)
    return {
      code: 'validation',
      message: error.message,
      issues: error.issues.map((i) => ({ path: [...i.path], message: i.message })),
    };
  // Anything else is the worker's own failure: its text is not passed on (it could quote data).
  return {
    code: 'storage',
    message: error instanceof OdError ? error.message : 'The summary worker stopped on an unexpected error.',
  };
}

scope.onmessage = (event) => {
  const message = event.data;
  try {
    switch (message.type) {
      case 'start': {
        const { instruments, ...rest } = message.options;
        accumulator = new ServiceAccumulator({
          ...rest,
          ...(instruments ? { instruments: new InstrumentRegistry(instruments) } : {}),
        });
        post({ type: 'ready' });
        break;
      }
      case 'records': {
        if (!accumulator)
          throw new ValidationError('Summary worker message', [
            { path: ['type'], message: 'records came before start' },
          ]);
        const records = JSON.parse(message.json) as unknown[];
        for (const record of records) accumulator.add(record);
        post({ type: 'ack', read: records.length });
        break;
      }
      case 'end': {
        if (!accumulator)
          throw new ValidationError('Summary worker message', [{ path: ['type'], message: 'end came before start' }]);
        post({ type: 'summary', summary: accumulator.summary() });
        accumulator = undefined;
        break;
      }
    }
  } catch (error) {
    accumulator = undefined;
    post({ type: 'error', error: asData(error) });
  }
};
