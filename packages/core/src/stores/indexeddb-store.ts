import { ConflictError, NotFoundError, StorageError } from '../errors.js';
import { Id } from '../model/primitives.js';
import type { CaseRecord } from '../model/schemas.js';
import { parseWith } from '../model/validate.js';
import { parseCaseRecord } from '../record.js';
import { BaseStore, type StoreOptions } from './base-store.js';
import { openDatabase, request, runTransaction } from './idb.js';
import type { StoreSnapshot } from './types.js';

const STORE_NAME = 'cases';
const DB_VERSION = 1;

interface StoredCase {
  caseId: string;
  revision: number;
  /** The record as JSON-compatible data (structured clone). Validated again on every read. */
  record: unknown;
  savedAt: string;
}

export interface IndexedDbStoreOptions extends StoreOptions {
  caseId: string;
  /** Database name (default `odkit`). One database holds many cases, one entry each. */
  databaseName?: string;
  /** Saved as revision 1 when the database has no entry for the case yet. */
  initial?: unknown;
  /** The IndexedDB factory (default: the browser's `indexedDB`). */
  indexedDB?: IDBFactory;
}

/**
 * The browser default: the case survives reloads and crashes. Every write is one
 * IndexedDB transaction that checks the stored revision first, so a second tab or
 * a second store instance working from an older revision gets a ConflictError
 * instead of overwriting. Other tabs are told of each write and reload.
 */
export class IndexedDbStore extends BaseStore {
  readonly caseId: string;
  readonly databaseName: string;
  readonly #db: IDBDatabase;
  readonly #channel: BroadcastChannel | undefined;

  private constructor(db: IDBDatabase, options: IndexedDbStoreOptions) {
    super(options);
    this.#db = db;
    this.caseId = options.caseId;
    this.databaseName = options.databaseName ?? 'odkit';
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
   * not stored and no `initial` record is given, ValidationError when the stored
   * or initial record is invalid, StorageError when IndexedDB fails.
   */
  static async open(options: IndexedDbStoreOptions): Promise<IndexedDbStore> {
    const factory = options.indexedDB ?? globalThis.indexedDB;
    if (!factory) throw new StorageError('IndexedDB is not available in this environment.');
    parseWith(Id, options.caseId, 'IndexedDbStore options', { at: ['caseId'] });
    const db = await openDatabase(factory, options.databaseName ?? 'odkit', DB_VERSION, (db) => {
      if (!db.objectStoreNames.contains(STORE_NAME)) db.createObjectStore(STORE_NAME, { keyPath: 'caseId' });
    });
    const store = new IndexedDbStore(db, options);
    try {
      if (options.initial !== undefined) await store.#seed(options.initial);
      await store.load();
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }

  /** Closes the database connection and stops listening to other tabs. */
  close(): void {
    this.#channel?.close();
    this.#db.close();
  }

  protected async read(): Promise<StoreSnapshot> {
    const stored = await this.#transaction('readonly', (store) => request<StoredCase | undefined>(store.get(this.caseId)));
    if (!stored) throw new NotFoundError('case', this.caseId);
    // Nothing changed since this store's snapshot: keep it (subscribers compare by identity; no second parse).
    const current = this.snapshot;
    if (current && current.revision === stored.revision) return current;
    return { record: parseCaseRecord(stored.record, this.parseOptions), revision: stored.revision };
  }

  protected async write(record: CaseRecord, baseRevision: number): Promise<number> {
    const revision = baseRevision + 1;
    await this.#transaction('readwrite', async (store) => {
      const stored = await request<StoredCase | undefined>(store.get(this.caseId));
      const actual = stored?.revision ?? 0;
      if (actual !== baseRevision) throw new ConflictError(this.caseId, baseRevision, actual);
      const entry: StoredCase = { caseId: this.caseId, revision, record, savedAt: new Date().toISOString() };
      await request(store.put(entry));
    });
    try {
      this.#channel?.postMessage({ caseId: this.caseId, revision });
    } catch {
      // The store was closed while saving: the write is committed; telling other tabs is best effort.
    }
    return revision;
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

  /** Runs `work` in one transaction on the cases store (see runTransaction). */
  #transaction<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T>): Promise<T> {
    return runTransaction(this.#db, STORE_NAME, mode, (tx) => work(tx.objectStore(STORE_NAME)));
  }
}
