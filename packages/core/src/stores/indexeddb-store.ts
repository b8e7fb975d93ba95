import { historyEntry, parseHistoryEntry, type ChangeEntry, type EntityRef, type HistoryEntry } from '../edits.js';
import { ConflictError, NotFoundError, StorageError, ValidationError, type Issue } from '../errors.js';
import { Id } from '../model/primitives.js';
import type { CaseRecord } from '../model/schemas.js';
import { parseWith } from '../model/validate.js';
import { parseCaseRecord, type ParseOptions } from '../record.js';
import { unreadable } from '../internal/guard.js';
import { BaseStore, type StoreOptions } from './base-store.js';
import { DEFAULT_OPEN_TIMEOUT, STRICT, openDatabase, request, runTransaction } from './idb.js';
import type { SeedResult } from './seed.js';
import type { StoreSnapshot } from './types.js';

export const STORE_NAME = 'cases';
/** The change log: one entry per edit (who, when, what kind, which entity), by edit id, indexed by case. */
export const LOG_STORE = 'changes';
/** 2 added the change log. */
const DB_VERSION = 2;

export interface StoredChange extends HistoryEntry {
  caseId: string;
  revision: number;
  /** The change itself, for `@odkit/core/seeding` (entries written before it have none). */
  change?: unknown;
}
const OPTIONS = 'IndexedDbStore options';
/** The subject of every ValidationError about the stored entry itself (not its record). */
const ENTRY = 'Stored case entry';

export interface StoredCase {
  caseId: string;
  revision: number;
  /** The record as JSON-compatible data (structured clone). Validated again on every read. */
  record: unknown;
  savedAt: string;
  /** The host's copy it was last seeded from, kept by `@odkit/core/seeding` (see seed.ts). */
  seed?: unknown;
}

/**
 * @internal How `openFromHost` (`@odkit/core/seeding`) seeds the case, kept out of this module so
 * that only its users pay for it. Resolves to what it did, and the revision it wrote, if any.
 */
export type Seeder = (db: IDBDatabase, options: ParseOptions) => Promise<{ result: SeedResult; revision?: number }>;

/** Where a case is kept: what `readStoredEntry` and `discard` need. */
export interface IndexedDbLocation {
  caseId: string;
  /** Database name (default `odkit`). One database holds many cases, one entry each. */
  databaseName?: string;
  /** The IndexedDB factory (default: the browser's `indexedDB`). */
  indexedDB?: IDBFactory;
  /**
   * How long opening the database may take, in milliseconds (default 10,000). An open
   * held up by another tab (a pending upgrade or deletion) then fails with a StorageError.
   */
  openTimeout?: number;
}

export interface IndexedDbStoreOptions extends StoreOptions, IndexedDbLocation {
  /** Saved as revision 1 when the database has no entry for the case yet. */
  initial?: unknown;
}

/**
 * The browser default: the case survives reloads and crashes. Every write is one
 * IndexedDB transaction that checks the stored revision first, so a second tab or
 * a second store instance working from an older revision gets a ConflictError
 * instead of overwriting. Other tabs are told of each write and reload.
 *
 * Nothing read from the database is trusted: a stored entry whose revision, case
 * or record is not valid is a ValidationError. The host can then export it
 * (`readStoredEntry`) and, once the user agrees, remove it (`discard`).
 */
export class IndexedDbStore extends BaseStore {
  readonly caseId: string;
  readonly databaseName: string;
  readonly #db: IDBDatabase;
  readonly #channel: BroadcastChannel | undefined;
  /** What `openFromHost` did with the host's copy (undefined after `open`). */
  seedResult: SeedResult | undefined;

  private constructor(db: IDBDatabase, options: IndexedDbStoreOptions, location: Location) {
    super(options);
    this.#db = db;
    this.caseId = location.caseId;
    this.databaseName = location.databaseName;
    db.onversionchange = () => db.close();
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(`odkit-store:${this.databaseName}`);
      this.#channel.onmessage = (event: MessageEvent<{ caseId?: unknown; revision?: unknown }>) => {
        const { caseId, revision } = event.data ?? {};
        if (caseId === this.caseId && typeof revision === 'number' && revision > (this.snapshot?.revision ?? 0)) {
          // Another tab wrote: show its record here too. A failed reload keeps the last good one.
          this.load().catch(() => undefined);
        }
      };
    }
  }

  /**
   * Opens the database and loads the case. Throws NotFoundError when the case is
   * not stored and no `initial` record is given, ValidationError when the options,
   * the stored entry or the initial record are invalid, StorageError when
   * IndexedDB fails or the database stays blocked longer than `openTimeout`.
   */
  static async open(options: IndexedDbStoreOptions, seeder?: Seeder): Promise<IndexedDbStore> {
    const location = locate(options);
    const initial = readOption(options, 'initial');
    const db = await connect(location);
    let store: IndexedDbStore;
    try {
      store = new IndexedDbStore(db, options, location);
    } catch (error) {
      db.close();
      throw error;
    }
    try {
      if (seeder) {
        const { result, revision } = await seeder(db, store.parseOptions);
        store.seedResult = result;
        if (revision) store.#tell(revision);
      } else if (initial !== undefined) await store.#seed(initial);
      await store.load();
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }

  /**
   * The entry stored for the case exactly as it is in the database, without any
   * check (`{ caseId, revision, record, savedAt }` when the kit wrote it), or
   * `undefined` when nothing is stored. For a host that got a ValidationError
   * from a corrupt entry and wants to let the user export it before `discard`.
   * Throws ValidationError for invalid options, StorageError when IndexedDB fails.
   */
  static readStoredEntry(location: IndexedDbLocation): Promise<unknown> {
    return onEntry(location, 'readonly', (store, caseId) => request<unknown>(store.get(caseId)));
  }

  /**
   * Deletes the entry stored for the case (only that case; other cases in the
   * database stay). Resolves to `true` when there was one. Irreversible: call it
   * only after the user has confirmed, and after offering `readStoredEntry` for
   * export. Close the case's open stores first. Throws ValidationError for invalid
   * options, StorageError when IndexedDB fails.
   */
  static discard(location: IndexedDbLocation): Promise<boolean> {
    return onEntry(location, 'readwrite', async (store, caseId) => {
      // The case's change log goes with it: names of who changed what stay on no shared device.
      const log = store.transaction.objectStore(LOG_STORE);
      for (const key of await request(log.index('caseId').getAllKeys(caseId))) await request(log.delete(key));
      if ((await request(store.getKey(caseId))) === undefined) return false;
      await request(store.delete(caseId));
      return true;
    });
  }

  /** Closes the database connection and stops listening to other tabs. */
  close(): void {
    this.#channel?.close();
    this.#db.close();
  }

  protected async read(): Promise<StoreSnapshot> {
    const stored = await this.#transaction('readonly', (store) => request<unknown>(store.get(this.caseId)));
    if (stored === undefined) throw new NotFoundError('case', this.caseId);
    const { revision, record: data } = checkEntry(stored, this.caseId);
    // Nothing changed since this store's snapshot: keep it (subscribers compare by identity; no second parse).
    const current = this.snapshot;
    if (current && current.revision === revision) return current;
    const record = parseCaseRecord(data, this.parseOptions);
    if (record.id !== this.caseId)
      throw new ValidationError(ENTRY, [{ path: ['record', 'id'], message: "is another case's id" }]);
    return { record, revision };
  }

  protected async write(record: CaseRecord, baseRevision: number, edit: ChangeEntry): Promise<number> {
    const revision = baseRevision + 1;
    // The record and its log entry in one transaction: an edit is never saved without its author and time.
    await runTransaction(
      this.#db,
      [STORE_NAME, LOG_STORE],
      'readwrite',
      async (tx) => {
        const store = tx.objectStore(STORE_NAME);
        const stored = await request<unknown>(store.get(this.caseId));
        // A corrupt entry is a ValidationError here, so it is never overwritten nor reported as a conflict.
        const actual = stored === undefined ? 0 : checkEntry(stored, this.caseId).revision;
        if (actual !== baseRevision) throw new ConflictError(this.caseId, baseRevision, actual);
        // Fields kept beside the record (the host's copy it was seeded from) stay as they are.
        const entry: StoredCase = {
          ...(stored as StoredCase),
          caseId: this.caseId,
          revision,
          record,
          savedAt: new Date().toISOString(),
        };
        await request(store.put(entry));
        // The change itself too: seeding lays an edit the host's copy does not have yet over its next copy.
        const logged: StoredChange = { ...historyEntry(edit), change: edit.change, caseId: this.caseId, revision };
        await request(tx.objectStore(LOG_STORE).put(logged));
      },
      STRICT,
    );
    this.#tell(revision);
    return revision;
  }

  /** Tells other tabs of a new revision. */
  #tell(revision: number): void {
    try {
      this.#channel?.postMessage({ caseId: this.caseId, revision });
    } catch {
      // The store was closed while saving: the write is committed; telling other tabs is best effort.
    }
  }

  /**
   * Saves the initial record unless the case is already stored (never overwrites).
   * The initial record is only validated when it is needed.
   */
  async #seed(initial: unknown): Promise<void> {
    const stored = await this.#transaction('readonly', (store) => request(store.getKey(this.caseId)));
    if (stored !== undefined) return;
    const record = parseCaseRecord(initial, this.parseOptions);
    if (record.id !== this.caseId) {
      throw new StorageError(`The initial record is case "${record.id}", but this store is for case "${this.caseId}".`);
    }
    await this.#transaction('readwrite', async (store) => {
      // Another tab may have seeded it meanwhile: still never overwrite.
      const existing = await request(store.getKey(this.caseId));
      if (existing !== undefined) return;
      const entry: StoredCase = { caseId: this.caseId, revision: 1, record, savedAt: new Date().toISOString() };
      await request(store.add(entry));
    });
  }

  /**
   * This case's change log, oldest first. An entry that does not read back as a
   * history entry is left out (the record itself is what counts; a damaged log
   * line must not hide the others).
   */
  protected override async readHistory(_entity: EntityRef): Promise<readonly HistoryEntry[]> {
    const rows = await runTransaction(this.#db, LOG_STORE, 'readonly', (tx) =>
      request<unknown[]>(tx.objectStore(LOG_STORE).index('caseId').getAll(this.caseId)),
    );
    const entries: { entry: HistoryEntry; revision: number }[] = [];
    for (const row of rows) {
      try {
        const { caseId: _caseId, revision, change: _change, ...rest } = row as StoredChange;
        if (!Number.isSafeInteger(revision)) continue;
        entries.push({ entry: parseHistoryEntry(rest), revision });
      } catch {
        // Unreadable (a revoked or damaged value): skipped, as above.
      }
    }
    return entries.sort((a, b) => a.revision - b.revision).map((e) => e.entry);
  }

  /** Runs `work` in one transaction on the cases store (see runTransaction). */
  #transaction<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T>): Promise<T> {
    return runTransaction(
      this.#db,
      STORE_NAME,
      mode,
      (tx) => work(tx.objectStore(STORE_NAME)),
      mode === 'readwrite' ? STRICT : undefined,
    );
  }
}

interface Location {
  caseId: string;
  databaseName: string;
  factory: IDBFactory;
  openTimeout: number;
}

/** Reads and checks the options that say where a case is kept. */
export function locate(options: IndexedDbLocation): Location {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(OPTIONS, [{ path: [], message: 'expected an object' }]);
  }
  const caseId = parseWith(Id, readOption(options, 'caseId'), OPTIONS, { at: ['caseId'] });
  const databaseName = readOption(options, 'databaseName') ?? 'odkit';
  if (typeof databaseName !== 'string' || databaseName === '' || databaseName.length > 200) {
    throw new ValidationError(OPTIONS, [{ path: ['databaseName'], message: 'must be text of 1 to 200 characters' }]);
  }
  const openTimeout = readOption(options, 'openTimeout') ?? DEFAULT_OPEN_TIMEOUT;
  if (typeof openTimeout !== 'number' || !(openTimeout > 0) || !Number.isFinite(openTimeout)) {
    throw new ValidationError(OPTIONS, [
      { path: ['openTimeout'], message: 'must be a positive number of milliseconds' },
    ]);
  }
  const factory = readOption(options, 'indexedDB') ?? globalThis.indexedDB;
  if (!factory) throw new StorageError('IndexedDB is not available in this environment.');
  return { caseId, databaseName, factory: factory as IDBFactory, openTimeout };
}

/** One option, read so that a throwing getter or a revoked proxy is a ValidationError. */
export function readOption<T extends object>(options: T, key: keyof T & string): unknown {
  try {
    return options[key];
  } catch {
    throw unreadable(OPTIONS, [key]);
  }
}

/** Opens the database for `location`, runs `work` on the cases store in one transaction, and closes it again. */
export async function onEntry<T>(
  location: IndexedDbLocation,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore, caseId: string) => Promise<T>,
): Promise<T> {
  const where = locate(location);
  const db = await connect(where);
  try {
    return await runTransaction(
      db,
      [STORE_NAME, LOG_STORE],
      mode,
      (tx) => work(tx.objectStore(STORE_NAME), where.caseId),
      mode === 'readwrite' ? STRICT : undefined,
    );
  } finally {
    db.close();
  }
}

function connect(location: Location): Promise<IDBDatabase> {
  return openDatabase(
    location.factory,
    location.databaseName,
    DB_VERSION,
    (db) => {
      if (!db.objectStoreNames.contains(STORE_NAME)) db.createObjectStore(STORE_NAME, { keyPath: 'caseId' });
      // From version 1: the cases stay as they are; edits before the upgrade have no log entries.
      if (!db.objectStoreNames.contains(LOG_STORE))
        db.createObjectStore(LOG_STORE, { keyPath: 'id' }).createIndex('caseId', 'caseId');
    },
    location.openTimeout,
  );
}

/**
 * Checks what the database holds for the case before anything is based on it: an
 * object for this case with a revision that is a whole number of at least 1 (a
 * revision of "5" would be written back as "51", NaN would conflict for ever).
 * Its record is checked by parseCaseRecord when it is read.
 */
export function checkEntry(stored: unknown, caseId: string): { revision: number; record: unknown } {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new ValidationError(ENTRY, [{ path: [], message: 'expected an object' }]);
  }
  // Structured clones from IndexedDB are plain data: reading them cannot run code.
  const entry = stored as Partial<Record<keyof StoredCase, unknown>>;
  const issues: Issue[] = [];
  if (entry.caseId !== caseId) issues.push({ path: ['caseId'], message: 'is not the case this store is for' });
  const revision = entry.revision;
  if (!(typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 1)) {
    issues.push({ path: ['revision'], message: 'must be a whole number of at least 1' });
  }
  if (issues.length) throw new ValidationError(ENTRY, issues);
  return { revision: revision as number, record: entry.record };
}
