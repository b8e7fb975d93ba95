/**
 * Messages between `summariseInWorker` (the page) and the summary worker. Everything in them
 * is structured-cloneable data: options without the instrument registry (its instruments are
 * sent as a list), records as the page has them, and the summary as plain data.
 */
import type { Instrument } from '../model/schemas.js';
import type { ServiceOptions, ServiceSummary } from '../service/types.js';

/** Service options as they cross to the worker: the registry becomes its list of instruments. */
export type WorkerOptions = Omit<ServiceOptions, 'instruments'> & { instruments?: readonly Instrument[] };

export type ToWorker =
  | { readonly type: 'start'; readonly options: WorkerOptions }
  /** A batch of records as JSON text (an array). */
  | { readonly type: 'records'; readonly json: string }
  | { readonly type: 'end' };

/** A typed error as data: its code, message and (for a ValidationError) issues. */
export interface ErrorData {
  readonly code: 'validation' | 'storage';
  readonly message: string;
  readonly issues?: readonly { readonly path: readonly (string | number)[]; readonly message: string }[];
}

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'ack'; readonly read: number }
  | { readonly type: 'summary'; readonly summary: ServiceSummary }
  | { readonly type: 'error'; readonly error: ErrorData };
