/**
 * A remote for SyncedStore tests: a MemoryStore behind a wire that can go down
 * (StorageError), answer slowly (held at a gate), or lose the answer after applying
 * (applies, then throws StorageError). It counts how often each edit id was applied.
 */
import { waitUntil } from '@open-wc/testing';
import {
  MemoryStore,
  StorageError,
  SyncedStore,
  ValidationError,
  type ApplyOptions,
  type Author,
  type CaseStore,
  type Change,
  type EntityRef,
  type HistoryEntry,
  type StoreListener,
  type StoreSnapshot,
  type SyncStatus,
  type SyncedStoreOptions,
} from '@odkit/core';
import { CASE_ID } from './support.js';

export class TestRemote implements CaseStore {
  readonly inner: MemoryStore;
  online = true;
  /** The next this many applies are applied, then answered with a StorageError. */
  loseAnswers = 0;
  /** Edit ids the server's own rules refuse (ValidationError). */
  readonly refuse = new Set<string>();
  /** Edit ids the server answers with a permanent refusal (HTTP 403/422: StorageError, permanent). */
  readonly forbid = new Set<string>();
  /** While set, history lookups fail as if unanswered (StorageError). */
  historyDown = false;
  /** How many history lookups failed while `historyDown`. */
  historyFailures = 0;
  /** How many answers were lost so far. */
  lost = 0;
  /** Successful applies per edit id (a duplicate shows as 2). */
  readonly applies = new Map<string, number>();
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;

  readonly #checkRevision: boolean;

  /**
   * `history: false`: a server without a change log. `checkRevision: false`: a server that
   * takes every write whatever revision it was based on (so only the sender lock keeps two
   * tabs from sending the same edit twice).
   */
  constructor(record: unknown, options: { history?: boolean; checkRevision?: boolean } = {}) {
    this.inner = new MemoryStore(record);
    this.#checkRevision = options.checkRevision ?? true;
    // A remote without a change log (the rebase alone must then tell a lost answer).
    if (options.history === false) (this as { history?: unknown }).history = undefined;
  }

  get caseId(): string {
    return this.inner.caseId;
  }
  get snapshot(): StoreSnapshot | undefined {
    return this.inner.snapshot;
  }
  get author(): Author | undefined {
    return this.inner.author;
  }
  set author(value: Author | undefined) {
    this.inner.author = value;
  }

  /** Holds every request until `release()`. */
  hold(): void {
    this.#gate ??= new Promise((resolve) => (this.#open = resolve));
  }
  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }

  async #wire(): Promise<void> {
    await this.#gate;
    if (!this.online) throw new StorageError('The server cannot be reached (test).');
  }

  async load(): Promise<StoreSnapshot> {
    await this.#wire();
    return this.inner.load();
  }

  async apply(change: Change, options?: ApplyOptions): Promise<StoreSnapshot> {
    await this.#wire();
    if (options?.editId && this.refuse.has(options.editId)) {
      throw new ValidationError('Change', [{ path: ['member'], message: 'is refused by the server (test)' }]);
    }
    if (options?.editId && this.forbid.has(options.editId)) {
      throw new StorageError('The FHIR server could not save the change (HTTP 403) (test).', { permanent: true });
    }
    const { baseRevision: _ignored, ...unchecked } = options ?? {};
    const snapshot = await this.inner.apply(change, this.#checkRevision ? options : unchecked);
    if (options?.editId) this.applies.set(options.editId, (this.applies.get(options.editId) ?? 0) + 1);
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      this.lost++;
      throw new StorageError('The answer was lost (test).');
    }
    return snapshot;
  }

  subscribe(listener: StoreListener): () => void {
    return this.inner.subscribe(listener);
  }

  async history(entity: EntityRef): Promise<readonly HistoryEntry[]> {
    await this.#wire();
    if (this.historyDown && ++this.historyFailures) throw new StorageError('The history lookup timed out (test).');
    return this.inner.history(entity);
  }

  /** One device's own line to this server, which can go down alone. */
  link(): TestLink {
    return new TestLink(this);
  }
}

export class TestLink implements CaseStore {
  online = true;
  constructor(readonly server: TestRemote) {
    if (typeof server.history !== 'function') (this as { history?: unknown }).history = undefined;
  }
  get caseId(): string {
    return this.server.caseId;
  }
  get snapshot(): StoreSnapshot | undefined {
    return this.server.snapshot;
  }
  #check(): void {
    if (!this.online) throw new StorageError('This device is offline (test).');
  }
  async load(): Promise<StoreSnapshot> {
    this.#check();
    return this.server.load();
  }
  async apply(change: Change, options?: ApplyOptions): Promise<StoreSnapshot> {
    this.#check();
    return this.server.apply(change, options);
  }
  subscribe(listener: StoreListener): () => void {
    return this.server.subscribe(listener);
  }
  async history(entity: EntityRef): Promise<readonly HistoryEntry[]> {
    this.#check();
    return this.server.history(entity);
  }
}

/** Who makes the test edits unless a test says otherwise (a synced edit must have an author). */
export const tester: Author = { id: 'Practitioner/tester', name: 'Test Practitioner' };

let count = 0;
/** A database name no other test uses. */
export const freshName = () => `odkit-sync-test-${Date.now()}-${count++}`;

/** Opens a SyncedStore on `remote` with quick retries; the connection fails while the remote is down. */
export function openSynced(
  remote: TestRemote | TestLink,
  databaseName: string,
  options: Partial<SyncedStoreOptions> = {},
): Promise<SyncedStore> {
  return SyncedStore.open({
    caseId: CASE_ID,
    databaseName,
    connect: async () => {
      if (!remote.online) throw new StorageError('The server cannot be reached (test).');
      return remote;
    },
    retry: { minDelayMs: 5, maxDelayMs: 40 },
    author: tester,
    ...options,
  });
}

/** Waits until the store's sync status passes `test`. */
export async function waitForStatus(
  store: SyncedStore,
  test: (status: SyncStatus) => boolean,
  what: string,
  timeout = 8000,
): Promise<void> {
  await waitUntil(
    () => test(store.syncStatus),
    `${what} (status: ${JSON.stringify({ ...store.syncStatus, conflicts: store.syncStatus.conflicts.length })})`,
    { timeout, interval: 5 },
  );
}

/** Waits until the store has sent everything it can: online, nothing sending, only conflicts left. */
export async function waitSynced(store: SyncedStore, what = 'synced'): Promise<void> {
  await store.syncNow();
  await waitForStatus(store, (s) => s.connection === 'online' && !s.sending && s.pending === s.conflicts.length, what);
}

/** Deletes a test database (after its stores are closed). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Writes `value` straight into a database's object store (what corruption looks like). */
export function writeRaw(databaseName: string, storeName: string, value: unknown, key?: IDBValidKey): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(databaseName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(storeName, 'readwrite');
      tx.objectStore(storeName).put(value, key);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Every value of one object store. */
export function readAll(databaseName: string, storeName: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(databaseName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const req = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
      req.onsuccess = () => {
        db.close();
        resolve(req.result);
      };
      req.onerror = () => reject(req.error);
    };
  });
}
