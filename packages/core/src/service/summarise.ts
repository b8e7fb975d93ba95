import { ValidationError } from '../errors.js';
import { guarded, isParsed } from '../internal/guard.js';
import { parseCaseRecord } from '../record.js';
import type { CaseRecord, Episode } from '../model/schemas.js';
import { Bucket } from './bucket.js';
import { episodeFacts, type EpisodeFacts, type FactContext } from './episode-facts.js';
import { readServiceOptions, type ReadOptions } from './options.js';
import type { RecordSource, ServiceGroupBy, ServiceOptions, ServiceSummary, SkippedRecord } from './types.js';

/** The keys an episode is grouped under for `groupBy`. */
function groupKeys(groupBy: ServiceGroupBy, facts: EpisodeFacts): readonly string[] {
  switch (groupBy) {
    case 'team':
      return [facts.episode.responsibleTeam];
    case 'referralSource':
      return [facts.episode.referralSource ?? '(none)'];
    case 'month':
      return [facts.month];
    case 'practitioner':
      return facts.practitioners;
  }
}

const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Validates records one at a time, keeping what the measures need of each and nothing
 * else. Shared by `summariseService` and the research export (which walks the same
 * records and episodes in the same order).
 */
export class RecordReader {
  readonly options: ReadOptions;
  readonly context: FactContext;
  read = 0;
  valid = 0;
  readonly skipped: SkippedRecord[] = [];

  constructor(options: ServiceOptions | undefined) {
    this.options = readServiceOptions(options);
    this.context = {
      instruments: this.options.instruments,
      localDate: this.options.localDate,
      asOf: this.options.asOf,
    };
  }

  /** The record as a valid case record, or null (listed in `skipped`) when it is not one. */
  parse(input: unknown): CaseRecord | null {
    const position = this.read++;
    try {
      const record = isParsed(input)
        ? (input as CaseRecord)
        : parseCaseRecord(input, { instruments: this.options.instruments });
      this.valid++;
      return record;
    } catch (error) {
      const issue = error instanceof ValidationError ? error.issues[0] : undefined;
      if (this.skipped.length < this.options.maxSkippedListed) {
        this.skipped.push({ position, path: issue?.path ?? [], message: issue?.message ?? 'could not be read' });
      }
      return null;
    }
  }

  /** The record's episodes in the period, by first contact (then id), each with its facts. */
  episodes(record: CaseRecord): { episode: Episode; facts: EpisodeFacts }[] {
    const { period } = this.options;
    const chosen: { episode: Episode; time: number }[] = [];
    for (const episode of record.episodes) {
      const time = Date.parse(episode.firstContact);
      if (period) {
        const date = this.context.localDate(time);
        if (date < period.start || date > period.end) continue;
      }
      chosen.push({ episode, time });
    }
    chosen.sort((a, b) => a.time - b.time || (a.episode.id < b.episode.id ? -1 : 1));
    return chosen.map(({ episode }) => ({ episode, facts: episodeFacts(record, episode, this.context) }));
  }

  counts() {
    return { read: this.read, valid: this.valid, skipped: this.read - this.valid };
  }
}

/**
 * Adds case records one at a time and summarises them on demand: what `summariseService`
 * uses, and what a source or a Web Worker can drive itself. Memory grows by a few numbers
 * per episode, never by the records themselves.
 */
export class ServiceAccumulator {
  readonly #reader: RecordReader;
  readonly #overall = new Bucket();
  readonly #groups = new Map<string, Bucket>();
  readonly #months = new Map<string, Bucket>();

  /** Throws ValidationError when an option is invalid (naming it). */
  constructor(options: ServiceOptions = {}) {
    this.#reader = new RecordReader(options);
  }

  /**
   * Validates and adds one record; an invalid one is skipped and listed with its position. Never throws for a bad
   * record.
   */
  add(input: unknown): void {
    const record = this.#reader.parse(input);
    if (!record) return;
    const position = this.#reader.read - 1;
    const { groupBy } = this.#reader.options;
    for (const { facts } of this.#reader.episodes(record)) {
      this.#overall.add(facts, position);
      bucketOf(this.#months, facts.month).add(facts, position);
      if (groupBy) for (const key of groupKeys(groupBy, facts)) bucketOf(this.#groups, key).add(facts, position);
    }
  }

  /** The summary of every record added so far. */
  summary(): ServiceSummary {
    const { period, timeZone, groupBy, asOf } = this.#reader.options;
    return {
      period: period ?? null,
      timeZone,
      groupBy: groupBy ?? null,
      asOf: asOf ?? null,
      records: this.#reader.counts(),
      overall: this.#overall.measures(),
      groups: byKey(this.#groups).map(([key, bucket]) => ({ key, measures: bucket.measures() })),
      monthly: byKey(this.#months).map(([key, bucket]) => ({ key, measures: bucket.measures() })),
      skipped: [...this.#reader.skipped],
    };
  }
}

function bucketOf(map: Map<string, Bucket>, key: string): Bucket {
  let bucket = map.get(key);
  if (!bucket) map.set(key, (bucket = new Bucket()));
  return bucket;
}

/** Calls `each` for every item of an array, iterable or async iterable, one at a time. */
export async function forEachRecord(
  records: RecordSource,
  each: (record: unknown) => void | Promise<void>,
): Promise<void> {
  const source = records as Partial<AsyncIterable<unknown> & Iterable<unknown>> | null;
  const isAsync = guarded('Records', () => typeof source?.[Symbol.asyncIterator] === 'function');
  const isSync = guarded('Records', () => typeof source?.[Symbol.iterator] === 'function');
  if (!isAsync && !isSync) {
    throw new ValidationError('Records', [
      { path: [], message: 'must be an array, an iterable or an async iterable of case records' },
    ]);
  }
  if (isAsync) for await (const record of source as AsyncIterable<unknown>) await each(record);
  else for (const record of source as Iterable<unknown>) await each(record);
}

/**
 * Service measures over many case records, read one at a time (an array, an iterable or an
 * async iterable such as a paged FHIR search or an NDJSON file). Invalid records are skipped
 * and reported in `skipped` with their position, never counted. Throws ValidationError for
 * invalid options, or when `records` is not iterable; an error thrown by the source itself
 * (a failed page fetch) is passed on as it is.
 */
export async function summariseService(records: RecordSource, options: ServiceOptions = {}): Promise<ServiceSummary> {
  const accumulator = new ServiceAccumulator(options);
  await forEachRecord(records, (record) => accumulator.add(record));
  return accumulator.summary();
}

/** The same as `summariseService`, synchronously, for records already in memory. */
export function summariseServiceSync(records: Iterable<unknown>, options: ServiceOptions = {}): ServiceSummary {
  const accumulator = new ServiceAccumulator(options);
  const isSync = guarded(
    'Records',
    () => typeof (records as Partial<Iterable<unknown>> | null)?.[Symbol.iterator] === 'function',
  );
  if (!isSync)
    throw new ValidationError('Records', [{ path: [], message: 'must be an array or an iterable of case records' }]);
  for (const record of records) accumulator.add(record);
  return accumulator.summary();
}
