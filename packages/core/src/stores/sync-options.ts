/**
 * SyncedStore's options: what they are and how each is checked (a bad one is a
 * ValidationError naming it).
 */
import { ValidationError, StorageError, type OdError } from '../errors.js';
import { InstrumentRegistry } from '../instruments/registry.js';
import { Id } from '../model/primitives.js';
import { parseWith } from '../model/validate.js';
import type { Migration } from '../record.js';
import type { StoreOptions } from './base-store.js';
import { openDatabase } from './idb.js';
import { DB_VERSION, upgrade } from './outbox.js';
import type { CaseStore } from './types.js';

const OPTIONS = 'SyncedStore options';
const DEFAULT_DATABASE = 'odkit-sync';

export interface SyncedStoreLocation {
  caseId: string;
  /** The device database (default `odkit-sync`). One database holds many cases. */
  databaseName?: string;
  /** The IndexedDB factory (default: the browser's `indexedDB`). */
  indexedDB?: IDBFactory;
}

export interface SyncedStoreOptions extends StoreOptions, SyncedStoreLocation {
  /**
   * Opens the remote store, e.g. `() => FhirStore.open({ … })`. Called when the store
   * first needs the server, and again after it failed (offline), with backoff.
   */
  connect: () => Promise<CaseStore>;
  /** The case to start from when this device has no copy and the server cannot be reached. */
  initial?: unknown;
  /**
   * Backoff after a failed attempt: from `minDelayMs` (default 1,000) doubling up to `maxDelayMs` (default 60,000),
   * with jitter.
   */
  retry?: { minDelayMs?: number; maxDelayMs?: number };
  /**
   * Told of what went wrong in the background, where no caller can be: an outbox
   * entry that could not be read back and was set aside (ValidationError), a remote
   * that refuses to open for a reason other than being unreachable. Never throws into the page.
   */
  onError?: (error: OdError) => void;
  /**
   * How long one request to the remote (connect, load, apply, history) may take before it
   * counts as failed, in ms (default 30,000). An edit whose answer never came is checked
   * against the server before it is sent again, so it is never applied twice.
   */
  timeoutMs?: number;
}

export interface Where {
  caseId: string;
  databaseName: string;
  factory: IDBFactory;
}

export interface ParsedOptions {
  where: Where;
  initial: unknown;
  connect: () => Promise<CaseStore>;
  onError: ((error: OdError) => void) | undefined;
  retry: { min: number; max: number };
  timeout: number;
}

/** Checks every option of `SyncedStore.open`. */
export function parseOptions(options: SyncedStoreOptions): ParsedOptions {
  const where = locate(options);
  const connect = readOption(options, 'connect');
  if (typeof connect !== 'function') throw invalidOption('connect', 'must be a function that opens the remote store');
  const onError = readOption(options, 'onError');
  if (onError !== undefined && typeof onError !== 'function') throw invalidOption('onError', 'must be a function');
  const retry = readRetry(readOption(options, 'retry'));
  const timeout = readOption(options, 'timeoutMs') ?? 30_000;
  if (typeof timeout !== 'number' || !(timeout > 0) || !Number.isFinite(timeout))
    throw invalidOption('timeoutMs', 'must be a positive number of milliseconds');
  const instruments = readOption(options, 'instruments');
  if (instruments !== undefined && !(instruments instanceof InstrumentRegistry))
    throw invalidOption('instruments', 'must be an InstrumentRegistry');
  const migrations = readOption(options, 'migrations');
  if (
    migrations !== undefined &&
    !(
      Array.isArray(migrations) &&
      migrations.every((m: Partial<Migration> | null) => typeof m?.from === 'number' && typeof m.migrate === 'function')
    )
  ) {
    throw invalidOption('migrations', 'must be a list of { from, migrate }');
  }
  return {
    where,
    initial: readOption(options, 'initial'),
    connect: connect as () => Promise<CaseStore>,
    onError: onError as ParsedOptions['onError'],
    retry,
    timeout,
  };
}

export function invalidOption(name: string, message: string): ValidationError {
  return new ValidationError(OPTIONS, [{ path: [name], message }]);
}

/** One option, read so that a throwing getter is a ValidationError. */
export function readOption(options: object, key: string): unknown {
  try {
    return (options as Record<string, unknown>)[key];
  } catch (error) {
    throw invalidOption(key, `could not be read (${error instanceof Error ? error.name : 'error'})`);
  }
}

export function locate(options: SyncedStoreLocation): Where {
  if (typeof options !== 'object' || options === null)
    throw new ValidationError(OPTIONS, [{ path: [], message: 'expected an object' }]);
  const caseId = parseWith(Id, readOption(options, 'caseId'), OPTIONS, { at: ['caseId'] });
  const databaseName = readOption(options, 'databaseName') ?? DEFAULT_DATABASE;
  if (typeof databaseName !== 'string' || databaseName === '' || databaseName.length > 200) {
    throw invalidOption('databaseName', 'must be text of 1 to 200 characters');
  }
  const factory = readOption(options, 'indexedDB') ?? globalThis.indexedDB;
  if (!factory) throw new StorageError('IndexedDB is not available in this environment.');
  if (typeof (factory as IDBFactory).open !== 'function') throw invalidOption('indexedDB', 'must be an IDBFactory');
  return { caseId, databaseName, factory: factory as IDBFactory };
}

function readRetry(value: unknown): { min: number; max: number } {
  if (value === undefined) return { min: 1_000, max: 60_000 };
  if (typeof value !== 'object' || value === null) throw invalidOption('retry', 'must be an object');
  const min = readOption(value, 'minDelayMs') ?? 1_000;
  const max = readOption(value, 'maxDelayMs') ?? Math.max(60_000, min as number);
  const ms = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 86_400_000;
  if (!ms(min))
    throw new ValidationError(OPTIONS, [
      { path: ['retry', 'minDelayMs'], message: 'must be a number of milliseconds above 0, at most a day' },
    ]);
  if (!ms(max) || (max as number) < (min as number)) {
    throw new ValidationError(OPTIONS, [
      {
        path: ['retry', 'maxDelayMs'],
        message: 'must be a number of milliseconds, at least minDelayMs, at most a day',
      },
    ]);
  }
  return { min: min as number, max: max as number };
}

export function openDb(where: Where): Promise<IDBDatabase> {
  return openDatabase(where.factory, where.databaseName, DB_VERSION, (db) => upgrade(db));
}
