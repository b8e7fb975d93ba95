import { changeSubject, historyEntry, parseEntityRef, type ChangeEntry, type EntityRef, type HistoryEntry } from '../edits.js';
import { parseChange } from '../changes.js';
import { ConflictError, NotFoundError, OdError, StorageError, ValidationError } from '../errors.js';
import { newId } from '../internal/id.js';
import { Id } from '../model/primitives.js';
import type { CaseRecord } from '../model/schemas.js';
import { parseWith } from '../model/validate.js';
import { InstrumentRegistry } from '../instruments/registry.js';
import { parseCaseRecord, type Migration } from '../record.js';
import { BaseStore, type StoreOptions } from './base-store.js';
import { describe, openDatabase, request, runTransaction } from './idb.js';
import {
  CASES,
  DB_VERSION,
  LOG,
  OUTBOX,
  QUARANTINE,
  caseRange,
  checkEntry,
  logEntry,
  upgrade,
  type LogEntry,
  type OutboxEntry,
  type StoredCase,
} from './outbox.js';
import { entityIn, fieldDiff, keepMine, rebase, same, type ConflictDetails, type RebaseResult } from './rebase.js';
import { BUSY, withSenderLock } from './sender-lock.js';
import type { CaseStore, StoreSnapshot, SyncConflict, SyncStatus, SyncStatusListener, SyncingStore } from './types.js';

const OPTIONS = 'SyncedStore options';
const DEFAULT_DATABASE = 'odkit-sync';
/** How often a pass re-reads the server and re-applies an edit the server refused as stale, before backing off. */
const MAX_REBASES = 5;

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
  /** Backoff after a failed attempt: from `minDelayMs` (default 1,000) doubling up to `maxDelayMs` (default 60,000), with jitter. */
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

export interface SyncLogEntry {
  readonly id: string;
  readonly at: string;
  readonly author?: LogEntry['author'];
  readonly change: LogEntry['change'];
  readonly entity: EntityRef;
  /** `sent`: on the server; `set-aside`: a person kept the server's version instead (kept for audit). */
  readonly outcome: LogEntry['outcome'];
  /** When it left the outbox. */
  readonly settledAt: string;
}

interface Where {
  caseId: string;
  databaseName: string;
  factory: IDBFactory;
}

/**
 * An offline-first store: the case is kept on the device (IndexedDB) and every edit
 * is applied there at once and queued in a durable outbox, then sent in order to a
 * remote store (FhirStore, or any CaseStore) when it can be reached. Edits made on
 * an old revision are rebased onto the server's newest record (see rebase.ts); one
 * that no longer applies is a conflict that waits for a person (`resolveConflict`).
 * See README-sync.md for the design.
 */
export class SyncedStore extends BaseStore implements SyncingStore {
  readonly caseId: string;
  readonly databaseName: string;
  readonly #db: IDBDatabase;
  readonly #connect: () => Promise<CaseStore>;
  readonly #onError: ((error: OdError) => void) | undefined;
  readonly #retry: { min: number; max: number };
  readonly #timeout: number;
  readonly #holder = newId('tab');
  readonly #channel: BroadcastChannel | undefined;
  readonly #statusListeners = new Set<SyncStatusListener>();
  readonly #cleanup: (() => void)[] = [];
  #remote: CaseStore | undefined;
  #connecting: Promise<CaseStore> | undefined;
  /** The server's snapshot as last seen by this tab (saves parsing it back from the database). */
  #remoteSnapshot: StoreSnapshot | undefined;
  #status: SyncStatus = Object.freeze({ pending: 0, conflicts: [], lastSyncedAt: undefined, connection: 'unknown', sending: false, unreadable: 0 });
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #running: Promise<void> | undefined;
  #again = false;
  #rebuild = false;
  /** The next pass reads the server's record first (else it starts from the remote's last snapshot). */
  #refresh = true;
  #closed = false;

  private constructor(db: IDBDatabase, options: SyncedStoreOptions, where: Where, extra: { connect: () => Promise<CaseStore>; onError: ((error: OdError) => void) | undefined; retry: { min: number; max: number }; timeout: number }) {
    super(options);
    this.#db = db;
    this.caseId = where.caseId;
    this.databaseName = where.databaseName;
    this.#connect = extra.connect;
    this.#onError = extra.onError;
    this.#retry = extra.retry;
    this.#timeout = extra.timeout;
    db.onversionchange = () => db.close();
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(`odkit-sync:${this.databaseName}`);
      this.#channel.onmessage = (event: MessageEvent<{ caseId?: unknown }>) => {
        if (event.data?.caseId !== this.caseId) return;
        // Another tab wrote (an edit, a sync, a decision): show its view and queue here too.
        this.load().catch((error: unknown) => this.#report(error));
        void this.#refreshStatus();
      };
    }
  }

  /**
   * Opens the case from this device at once; connects to the server and syncs in the
   * background. With no copy on this device, `connect` (or else `initial`) gives the
   * first record. Throws ValidationError (bad options, a corrupt copy on this device:
   * see `discard`), StorageError (IndexedDB fails; no copy and the server cannot be
   * reached and no `initial`), or what `connect` threw when it is one of the kit's errors.
   */
  static async open(options: SyncedStoreOptions): Promise<SyncedStore> {
    const where = locate(options);
    const connect = read(options, 'connect');
    if (typeof connect !== 'function') throw invalidOption('connect', 'must be a function that opens the remote store');
    const onError = read(options, 'onError');
    if (onError !== undefined && typeof onError !== 'function') throw invalidOption('onError', 'must be a function');
    const retry = readRetry(read(options, 'retry'));
    const timeout = read(options, 'timeoutMs') ?? 30_000;
    if (typeof timeout !== 'number' || !(timeout > 0) || !Number.isFinite(timeout)) throw invalidOption('timeoutMs', 'must be a positive number of milliseconds');
    const initial = read(options, 'initial');
    const instruments = read(options, 'instruments');
    if (instruments !== undefined && !(instruments instanceof InstrumentRegistry)) throw invalidOption('instruments', 'must be an InstrumentRegistry');
    const migrations = read(options, 'migrations');
    if (migrations !== undefined && !(Array.isArray(migrations) && migrations.every((m: Partial<Migration> | null) => typeof m?.from === 'number' && typeof m.migrate === 'function'))) {
      throw invalidOption('migrations', 'must be a list of { from, migrate }');
    }
    const db = await openDb(where);
    let store: SyncedStore;
    try {
      store = new SyncedStore(db, options, where, { connect: connect as () => Promise<CaseStore>, onError: onError as SyncedStoreOptions['onError'], retry, timeout });
    } catch (error) {
      db.close();
      throw error;
    }
    try {
      await store.#prepare(initial);
      await store.load();
      await store.#refreshStatus();
    } catch (error) {
      store.close();
      throw error;
    }
    store.#listen();
    void store.#sync();
    return store;
  }

  /**
   * Removes this device's copy of the case (after a ValidationError on open, once the
   * user agrees). The outbox (edits not yet on the server) is kept unless
   * `keepOutbox` is false: the next open fetches the case again and sends them.
   * Close the case's open stores first. Resolves to what was removed.
   */
  static async discard(options: SyncedStoreLocation & { keepOutbox?: boolean }): Promise<{ copy: boolean; edits: number }> {
    const where = locate(options);
    const keepOutbox = read(options, 'keepOutbox') ?? true;
    if (typeof keepOutbox !== 'boolean') throw invalidOption('keepOutbox', 'must be true or false');
    const db = await openDb(where);
    try {
      return await runTransaction(db, [CASES, OUTBOX], 'readwrite', async (tx) => {
        const cases = tx.objectStore(CASES);
        const copy = (await request(cases.getKey(where.caseId))) !== undefined;
        if (copy) await request(cases.delete(where.caseId));
        let edits = 0;
        if (!keepOutbox) {
          const outbox = tx.objectStore(OUTBOX);
          edits = await request(outbox.count(caseRange(where.caseId)));
          await request(outbox.delete(caseRange(where.caseId)));
        }
        return { copy, edits };
      });
    } finally {
      db.close();
    }
  }

  get syncStatus(): SyncStatus {
    return this.#status;
  }

  subscribeSyncStatus(listener: SyncStatusListener): () => void {
    if (typeof listener !== 'function') throw new ValidationError('Sync status listener', [{ path: [], message: 'must be a function' }]);
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Tries to send every pending edit now; resolves when that attempt has finished. Never rejects. */
  syncNow(): Promise<void> {
    return this.#sync();
  }

  /**
   * Decides a conflict: `mine` sends this device's version laid over the server's
   * (it is checked again against the server's newest record when sent); `theirs`
   * keeps the server's version and sets the edit aside in the log (never deleted).
   * Throws ValidationError for bad arguments or a version of mine the record can no
   * longer take, NotFoundError when no conflict has that id.
   */
  async resolveConflict(editId: string, keep: 'mine' | 'theirs'): Promise<void> {
    parseWith(Id, editId, 'resolveConflict', { at: ['editId'] });
    if (keep !== 'mine' && keep !== 'theirs') {
      throw new ValidationError('resolveConflict', [{ path: ['keep'], message: 'must be "mine" or "theirs"' }]);
    }
    const entry = (await this.#readOutbox()).find((e) => e.id === editId && e.state === 'conflict');
    if (!entry?.conflict) throw new NotFoundError('conflict', editId);
    if (keep === 'theirs') {
      await this.#settle(entry, 'set-aside');
    } else {
      const theirs = await this.#remoteRecord();
      if (!theirs) throw new StorageError('The server\u2019s version of the case is not on this device yet.');
      const mine = keepMine(entry, entry.conflict, theirs);
      const change = parseChange(mine.change);
      await this.#updateEntry(entry, (stored) => {
        const { conflict: _conflict, attempted: _attempted, ...rest } = stored;
        return { ...rest, change, base: mine.base, state: 'pending' };
      });
    }
    this.#rebuild = true;
    await this.load();
    this.#post();
    await this.#refreshStatus();
    if (keep === 'mine') void this.#sync();
  }

  /** This device's log of edits that left the outbox (sent, or set aside by a person), oldest first. */
  async changeLog(): Promise<readonly SyncLogEntry[]> {
    const entries = await runTransaction(this.#db, LOG, 'readonly', (tx) => request(tx.objectStore(LOG).getAll(caseRange(this.caseId))));
    return (entries as LogEntry[])
      .filter((e) => typeof e === 'object' && e !== null && typeof e.id === 'string')
      .map(({ caseId: _c, seq: _s, ...rest }) => rest);
  }

  /** Stops syncing and listening, and closes the database and the remote (when it can be closed). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const stop of this.#cleanup.splice(0)) stop();
    this.#channel?.close();
    this.#db.close();
    const remote = this.#remote as (CaseStore & { close?: () => void }) | undefined;
    try {
      remote?.close?.();
    } catch (error) {
      this.#report(error);
    }
  }

  /* ------------------------------------------------------------ reading and writing the local copy */

  protected async read(): Promise<StoreSnapshot> {
    if (this.#rebuild) {
      this.#rebuild = false;
      try {
        return await this.#rebuildView();
      } catch (error) {
        this.#rebuild = true;
        throw error;
      }
    }
    const stored = await runTransaction(this.#db, CASES, 'readonly', (tx) => request<unknown>(tx.objectStore(CASES).get(this.caseId)));
    if (stored === undefined) throw new NotFoundError('case', this.caseId);
    const entry = checkCase(stored, this.caseId);
    const current = this.snapshot;
    if (current && current.revision === entry.revision) return current;
    return { record: this.#parseOwn(entry.record), revision: entry.revision };
  }

  /**
   * Writes the edit in ONE transaction: the local view and its revision (checked
   * first, as every store does, so a second tab's stale edit is a conflict) and the
   * outbox entry with the entity as it was before (for the rebase).
   */
  protected async write(record: CaseRecord, baseRevision: number, edit: ChangeEntry): Promise<number> {
    const before = this.snapshot?.record;
    const base = before ? entityIn(before, changeSubject(edit.change)) : undefined;
    const revision = baseRevision + 1;
    await runTransaction(this.#db, [CASES, OUTBOX], 'readwrite', async (tx) => {
      const cases = tx.objectStore(CASES);
      const outbox = tx.objectStore(OUTBOX);
      const stored = await request<unknown>(cases.get(this.caseId));
      if (stored === undefined) throw new NotFoundError('case', this.caseId);
      const entry = checkCase(stored, this.caseId);
      if (entry.revision !== baseRevision) throw new ConflictError(this.caseId, baseRevision, entry.revision);
      // After the last key in use, whatever was written there (garbage is set aside, never overwritten).
      const last = await request(outbox.openKeyCursor(caseRange(this.caseId), 'prev'));
      const lastSeq = Array.isArray(last?.key) && typeof last.key[1] === 'number' ? last.key[1] : -1;
      const seq = Math.max(entry.nextSeq, Math.floor(lastSeq) + 1);
      const queued: OutboxEntry = {
        id: edit.id,
        caseId: this.caseId,
        seq,
        change: edit.change,
        at: edit.at,
        ...(edit.author ? { author: edit.author } : {}),
        base,
        state: 'pending',
      };
      await request(cases.put({ ...(stored as StoredCase), revision, record, nextSeq: seq + 1 }));
      await request(outbox.add(queued, [this.caseId, seq]));
    });
    this.#post();
    // After the snapshot is published (this runs once write has returned).
    queueMicrotask(() => {
      void this.#refreshStatus();
      if (this.#status.connection !== 'offline') void this.#sync(false);
    });
    return revision;
  }

  /**
   * The entity's history: the server's (when it keeps one and answers) with this
   * device's pending and conflicting edits, each edit once; this device's log when
   * the server gives none.
   */
  protected override async readHistory(entity: EntityRef): Promise<readonly HistoryEntry[]> {
    const ref = parseEntityRef(entity);
    const queued = (await this.#readOutbox()).map((e): HistoryEntry => ({ ...historyEntry({ ...e, revision: 0 }), state: e.state }));
    let saved: readonly HistoryEntry[] | undefined;
    try {
      const remote = await this.#getRemote();
      if (typeof remote.history === 'function') saved = await this.#call('history', () => remote.history!(ref));
    } catch {
      saved = undefined; // unreachable or no log: this device's log instead
    }
    if (!saved) {
      saved = (await this.changeLog()).filter((e) => e.outcome === 'sent').map((e) => historyEntry({ ...e, revision: 0 }));
    }
    const seen = new Set(saved.map((e) => e.id));
    const all = [...saved, ...queued.filter((e) => !seen.has(e.id))];
    return all.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => (Date.parse(a.at) - Date.parse(b.at)) || i - j).map(([e]) => e);
  }

  /* ------------------------------------------------------------ opening */

  /** Makes sure the device has a copy of the case: the server's, or else `initial`. */
  async #prepare(initial: unknown): Promise<void> {
    const exists = await runTransaction(this.#db, CASES, 'readonly', (tx) => request(tx.objectStore(CASES).getKey(this.caseId)));
    if (exists !== undefined) return;
    let seed: StoredCase;
    try {
      const remote = await this.#getRemote();
      const snapshot = remote.snapshot ?? (await this.#call('load', () => remote.load()));
      this.#remoteSnapshot = snapshot;
      this.#setStatus({ connection: 'online' });
      seed = { caseId: this.caseId, revision: 1, record: snapshot.record, nextSeq: 0, remote: { record: snapshot.record, revision: snapshot.revision } };
      this.#refresh = false; // just read: the first pass need not read it again
    } catch (error) {
      if (initial === undefined) throw error instanceof OdError ? error : new StorageError(`Could not reach the server for case "${this.caseId}": ${describe(error)}`, { cause: error });
      this.#setStatus({ connection: 'offline' });
      const record = parseCaseRecord(initial, this.parseOptions);
      if (record.id !== this.caseId) throw invalidOption('initial', "is another case's record");
      seed = { caseId: this.caseId, revision: 1, record, nextSeq: 0 };
    }
    await runTransaction(this.#db, CASES, 'readwrite', async (tx) => {
      const cases = tx.objectStore(CASES);
      // Another tab may have made its copy meanwhile: never overwrite it.
      if ((await request(cases.getKey(this.caseId))) === undefined) await request(cases.add(seed));
    });
    // Edits kept from before a discarded copy go on top of it.
    this.#rebuild = true;
  }

  #listen(): void {
    const on = (target: EventTarget | undefined, type: string, handler: () => void) => {
      if (!target || typeof target.addEventListener !== 'function') return;
      target.addEventListener(type, handler);
      this.#cleanup.push(() => target.removeEventListener(type, handler));
    };
    const win = typeof window === 'undefined' ? undefined : window;
    const doc = typeof document === 'undefined' ? undefined : document;
    on(win, 'online', () => void this.#sync());
    on(win, 'focus', () => void this.#sync());
    on(doc, 'visibilitychange', () => {
      if (doc?.visibilityState === 'visible') void this.#sync();
    });
  }

  /* ------------------------------------------------------------ sending */

  /** Runs a pass (or another one after the running pass). `refresh`: read the server's record first. */
  #sync(refresh = true): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (refresh) this.#refresh = true;
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#pass();
      } while (this.#again && !this.#closed);
    })().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** One attempt: take the sender lock, send what waits, then schedule the next attempt. */
  async #pass(): Promise<void> {
    clearTimeout(this.#timer);
    let outcome: 'done' | 'offline' | typeof BUSY;
    try {
      outcome = await withSenderLock(`odkit-sync:${this.databaseName}:${this.caseId}`, { db: this.#db, caseId: this.caseId, holder: this.#holder }, () => this.#send());
    } catch (error) {
      if (!this.#closed) this.#report(error);
      outcome = 'offline';
    }
    if (this.#closed) return;
    if (outcome === BUSY) {
      // Another tab is sending (our edits too: the outbox is shared). Look again later.
      this.#schedule(this.#retry.min);
    } else if (outcome === 'offline') {
      this.#failures++;
      const ceiling = Math.min(this.#retry.max, this.#retry.min * 2 ** Math.min(this.#failures - 1, 30));
      this.#schedule(ceiling / 2 + (Math.random() * ceiling) / 2);
    } else {
      this.#failures = 0;
    }
    await this.#refreshStatus().catch(() => undefined);
  }

  async #send(): Promise<'done' | 'offline'> {
    if (this.#closed) return 'done';
    let remote: CaseStore;
    try {
      remote = await this.#getRemote();
    } catch (error) {
      if (!(error instanceof StorageError)) this.#report(error);
      this.#setStatus({ connection: 'offline' });
      return 'offline';
    }
    this.#setStatus({ sending: true });
    let snapshot: StoreSnapshot | undefined;
    try {
      const known = this.#refresh ? undefined : remote.snapshot;
      this.#refresh = false;
      snapshot = known ?? (await this.#call('load', () => remote.load()));
      this.#setStatus({ connection: 'online' });
      for (const entry of await this.#readOutbox()) {
        if (this.#closed) return 'done';
        if (entry.state === 'pending') snapshot = await this.#sendOne(remote, entry, snapshot);
      }
      await this.#saveRemote(snapshot, true);
      return 'done';
    } catch (error) {
      if (this.#closed) return 'done';
      if (!(error instanceof StorageError || error instanceof ConflictError)) this.#report(error);
      // Still busy elsewhere after several rebases: the server is reachable, try again later.
      if (!(error instanceof ConflictError)) this.#setStatus({ connection: 'offline' });
      this.#refresh = true;
      if (snapshot) await this.#saveRemote(snapshot, false).catch(() => undefined);
      return 'offline';
    } finally {
      this.#setStatus({ sending: false });
      if (!this.#closed && snapshot) {
        this.#rebuild = true;
        await this.load().catch((error: unknown) => this.#report(error));
        this.#post();
      }
    }
  }

  /** Sends one edit (rebased onto the newest record); returns the server's snapshot after it. */
  async #sendOne(remote: CaseStore, entry: OutboxEntry, snapshot: StoreSnapshot): Promise<StoreSnapshot> {
    // Sent before without an answer: if the server's history has it, it arrived.
    if (entry.attempted && (await this.#onServer(remote, entry))) {
      await this.#settle(entry, 'sent');
      return snapshot;
    }
    let current = snapshot;
    for (let tries = 1; ; tries++) {
      let result: RebaseResult;
      try {
        result = rebase(entry, current.record, this.parseOptions);
      } catch (error) {
        // An entry that passed its checks and still cannot be rebased must not hold up the rest.
        const reason = new ValidationError('Outbox entry', [{ path: ['change'], message: `could not be re-applied (${error instanceof Error ? error.name : 'error'})` }]);
        await this.#quarantine([{ key: [this.caseId, entry.seq], error: reason }]);
        return current;
      }
      if (result.kind === 'applied') {
        await this.#settle(entry, 'sent');
        return current;
      }
      if (result.kind === 'conflict') {
        await this.#markConflict(entry, result.conflict);
        return current;
      }
      if (!entry.attempted) await this.#updateEntry(entry, (stored) => ({ ...stored, attempted: true }));
      try {
        const options = { baseRevision: current.revision, editId: entry.id, at: entry.at, ...(entry.author ? { author: entry.author } : {}) };
        current = await this.#call('apply', () => remote.apply(result.change, options));
      } catch (error) {
        // Someone wrote first: read their record and rebase again (a few times, then back off).
        if (error instanceof ConflictError && tries < MAX_REBASES) {
          current = await this.#call('load', () => remote.load());
          continue;
        }
        if (error instanceof ValidationError || error instanceof NotFoundError) {
          // The server's own rules refuse it: show the entity as it would be, and as it is.
          const subject = changeSubject(entry.change);
          const mine = entityIn(result.record, subject);
          const theirs = entityIn(current.record, subject);
          await this.#markConflict(entry, { reason: 'refused', fields: fieldDiff(mine, theirs), mine, theirs });
          return current;
        }
        throw error;
      }
      this.#remoteSnapshot = current;
      await this.#settle(entry, 'sent');
      return current;
    }
  }

  #getRemote(): Promise<CaseStore> {
    if (this.#remote) return Promise.resolve(this.#remote);
    this.#connecting ??= (async () => {
      const remote = await this.#call('connect', () => this.#connect());
      if (!isStore(remote) || remote.caseId !== this.caseId) {
        throw invalidOption('connect', 'must resolve to a store for this case');
      }
      if (this.#closed) {
        (remote as { close?: () => void }).close?.();
        throw new StorageError('The store was closed.');
      }
      this.#remote = remote;
      return remote;
    })().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  /** Whether the server's history lists the edit (it arrived though its answer was lost). */
  async #onServer(remote: CaseStore, entry: OutboxEntry): Promise<boolean> {
    if (typeof remote.history !== 'function') return false;
    try {
      return (await this.#call('history', () => remote.history!(changeSubject(entry.change)))).some((e) => e.id === entry.id);
    } catch {
      return false; // no log, or no answer: the rebase decides (a stale base is refused by the revision check)
    }
  }

  /** One request to the remote, given up (StorageError) after the timeout. */
  #call<T>(what: string, request: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StorageError(`The server did not answer (${what}) within ${this.#timeout} ms.`)), this.#timeout);
    });
    return Promise.race([Promise.resolve().then(request), timedOut]).finally(() => clearTimeout(timer));
  }

  #schedule(delay: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#sync(), delay);
  }

  /* ------------------------------------------------------------ the outbox */

  /**
   * The case's outbox entries in order. Entries that cannot be read back are moved
   * to the quarantine and reported; the rest are returned.
   */
  async #readOutbox(): Promise<OutboxEntry[]> {
    const { values, keys } = await runTransaction(this.#db, OUTBOX, 'readonly', async (tx) => {
      const store = tx.objectStore(OUTBOX);
      const range = caseRange(this.caseId);
      return { values: await request(store.getAll(range)), keys: await request(store.getAllKeys(range)) };
    });
    const entries: OutboxEntry[] = [];
    const unreadable: { key: IDBValidKey; error: ValidationError }[] = [];
    values.forEach((value, i) => {
      try {
        entries.push(checkEntry(value, keys[i], this.caseId));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        unreadable.push({ key: keys[i]!, error });
      }
    });
    if (unreadable.length) await this.#quarantine(unreadable);
    return entries.sort((a, b) => a.seq - b.seq);
  }

  /** Moves unreadable outbox entries to the quarantine (kept for export, never applied) and reports them. */
  async #quarantine(unreadable: { key: IDBValidKey; error: ValidationError }[]): Promise<void> {
    const moved = await runTransaction(this.#db, [OUTBOX, QUARANTINE], 'readwrite', async (tx) => {
      const outbox = tx.objectStore(OUTBOX);
      const quarantine = tx.objectStore(QUARANTINE);
      const done: ValidationError[] = [];
      for (const { key, error } of unreadable) {
        const value = await request<unknown>(outbox.get(key));
        if (value === undefined) continue; // another tab moved it
        await request(quarantine.add({ caseId: this.caseId, key, value, reason: error.message, at: new Date().toISOString() }));
        await request(outbox.delete(key));
        done.push(error);
      }
      return done;
    });
    if (moved.length) this.#post();
    for (const error of moved) this.#report(error);
  }

  async #updateEntry(entry: OutboxEntry, update: (stored: OutboxEntry) => OutboxEntry): Promise<void> {
    await runTransaction(this.#db, OUTBOX, 'readwrite', async (tx) => {
      const outbox = tx.objectStore(OUTBOX);
      const key = [this.caseId, entry.seq];
      const stored = await request<OutboxEntry | undefined>(outbox.get(key));
      if (stored?.id !== entry.id) return; // settled meanwhile
      await request(outbox.put(update(stored), key));
    });
  }

  #markConflict(entry: OutboxEntry, conflict: ConflictDetails): Promise<void> {
    return this.#updateEntry(entry, (stored) => ({ ...stored, state: 'conflict', conflict }));
  }

  /** Moves an edit from the outbox to the log, in one transaction. */
  async #settle(entry: OutboxEntry, outcome: LogEntry['outcome']): Promise<void> {
    await runTransaction(this.#db, [OUTBOX, LOG], 'readwrite', async (tx) => {
      const outbox = tx.objectStore(OUTBOX);
      const key = [this.caseId, entry.seq];
      const stored = await request<OutboxEntry | undefined>(outbox.get(key));
      if (stored?.id !== entry.id) return;
      await request(tx.objectStore(LOG).put(logEntry(entry, outcome, entry.seq), key));
      await request(outbox.delete(key));
    });
  }

  /* ------------------------------------------------------------ the server's record and the view */

  async #saveRemote(snapshot: StoreSnapshot, synced: boolean): Promise<void> {
    this.#remoteSnapshot = snapshot;
    await runTransaction(this.#db, CASES, 'readwrite', async (tx) => {
      const cases = tx.objectStore(CASES);
      const stored = await request<StoredCase | undefined>(cases.get(this.caseId));
      if (!stored) return;
      const next: StoredCase = { ...stored, remote: { record: snapshot.record, revision: snapshot.revision } };
      if (synced) next.lastSyncedAt = new Date().toISOString();
      await request(cases.put(next));
    });
  }

  /** The server's record as last seen (from this tab's memory, else from the database). */
  async #remoteRecord(): Promise<CaseRecord | undefined> {
    if (this.#remoteSnapshot) return this.#remoteSnapshot.record;
    const stored = await runTransaction(this.#db, CASES, 'readonly', (tx) => request<StoredCase | undefined>(tx.objectStore(CASES).get(this.caseId)));
    if (!stored?.remote) return undefined;
    return this.#parseOwn(stored.remote.record);
  }

  /**
   * The view: the server's record with every pending edit rebased onto it, in order.
   * Written (with a new revision) only when it differs from the stored view.
   */
  async #rebuildView(): Promise<StoreSnapshot> {
    const theirs = await this.#remoteRecord();
    const entries = await this.#readOutbox();
    return runTransaction(this.#db, [CASES, OUTBOX], 'readwrite', async (tx) => {
      const cases = tx.objectStore(CASES);
      const stored = await request<unknown>(cases.get(this.caseId));
      if (stored === undefined) throw new NotFoundError('case', this.caseId);
      const entry = checkCase(stored, this.caseId);
      const current = this.snapshot?.revision === entry.revision ? this.snapshot.record : this.#parseOwn(entry.record);
      if (!theirs) return { record: current, revision: entry.revision };
      let record = theirs;
      for (const edit of entries) {
        if (edit.state !== 'pending') continue;
        try {
          const result = rebase(edit, record, this.parseOptions);
          if (result.kind === 'apply') record = result.record;
        } catch {
          // Left out of the view; the sender sets it aside.
        }
      }
      if (same(record, current)) return { record: current, revision: entry.revision };
      const revision = entry.revision + 1;
      await request(cases.put({ ...(stored as StoredCase), revision, record }));
      return { record, revision };
    });
  }

  #parseOwn(data: unknown): CaseRecord {
    const record = parseCaseRecord(data, this.parseOptions);
    if (record.id !== this.caseId) throw new ValidationError('Stored case entry', [{ path: ['record', 'id'], message: "is another case's id" }]);
    return record;
  }

  /* ------------------------------------------------------------ status */

  async #refreshStatus(): Promise<void> {
    if (this.#closed) return;
    try {
      const entries = await this.#readOutbox();
      const { unreadable, lastSyncedAt } = await runTransaction(this.#db, [CASES, QUARANTINE], 'readonly', async (tx) => {
        const set = await request<{ caseId?: unknown }[]>(tx.objectStore(QUARANTINE).getAll());
        const stored = await request<StoredCase | undefined>(tx.objectStore(CASES).get(this.caseId));
        return { unreadable: set.filter((q) => q?.caseId === this.caseId).length, lastSyncedAt: typeof stored?.lastSyncedAt === 'string' ? stored.lastSyncedAt : undefined };
      });
      this.#setStatus({ pending: entries.length, conflicts: entries.filter((e) => e.state === 'conflict').map(toConflict), unreadable, lastSyncedAt });
    } catch (error) {
      if (!this.#closed) this.#report(error);
    }
  }

  #setStatus(change: Partial<SyncStatus>): void {
    const next = { ...this.#status, ...change };
    if (same(next, this.#status)) return;
    this.#status = Object.freeze(next);
    for (const listener of [...this.#statusListeners]) {
      try {
        listener(this.#status);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Tells the other tabs that the case's view or outbox changed. */
  #post(): void {
    try {
      this.#channel?.postMessage({ caseId: this.caseId });
    } catch {
      // Closed meanwhile: telling other tabs is best effort.
    }
  }

  #report(error: unknown): void {
    const typed = error instanceof OdError ? error : new StorageError(`Sync failed: ${describe(error)}`, { cause: error });
    if (!this.#onError) return;
    try {
      this.#onError(typed);
    } catch (thrown) {
      queueMicrotask(() => {
        throw thrown;
      });
    }
  }
}

function toConflict(entry: OutboxEntry): SyncConflict {
  const details = entry.conflict!;
  return {
    editId: entry.id,
    change: entry.change,
    at: entry.at,
    ...(entry.author ? { author: entry.author } : {}),
    entity: changeSubject(entry.change),
    reason: details.reason,
    fields: details.fields,
    mine: details.mine,
    theirs: details.theirs,
  };
}


function isStore(value: unknown): value is CaseStore {
  const store = value as Partial<CaseStore> | null;
  return typeof store === 'object' && store !== null && typeof store.load === 'function' && typeof store.apply === 'function';
}

function checkCase(stored: unknown, caseId: string): { revision: number; record: unknown; nextSeq: number } {
  const entry = stored as Partial<StoredCase> | null;
  const issues: { path: string[]; message: string }[] = [];
  if (typeof entry !== 'object' || entry === null) throw new ValidationError('Stored case entry', [{ path: [], message: 'expected an object' }]);
  if (entry.caseId !== caseId) issues.push({ path: ['caseId'], message: 'is not the case this store is for' });
  if (!(Number.isSafeInteger(entry.revision) && (entry.revision as number) >= 1)) issues.push({ path: ['revision'], message: 'must be a whole number of at least 1' });
  if (!(Number.isSafeInteger(entry.nextSeq) && (entry.nextSeq as number) >= 0)) issues.push({ path: ['nextSeq'], message: 'must be a whole number' });
  if (issues.length) throw new ValidationError('Stored case entry', issues);
  return { revision: entry.revision as number, record: entry.record, nextSeq: entry.nextSeq as number };
}

function invalidOption(name: string, message: string): ValidationError {
  return new ValidationError(OPTIONS, [{ path: [name], message }]);
}

/** One option, read so that a throwing getter is a ValidationError. */
function read(options: object, key: string): unknown {
  try {
    return (options as Record<string, unknown>)[key];
  } catch (error) {
    throw invalidOption(key, `could not be read (${error instanceof Error ? error.name : 'error'})`);
  }
}

function locate(options: SyncedStoreLocation): Where {
  if (typeof options !== 'object' || options === null) throw new ValidationError(OPTIONS, [{ path: [], message: 'expected an object' }]);
  const caseId = parseWith(Id, read(options, 'caseId'), OPTIONS, { at: ['caseId'] });
  const databaseName = read(options, 'databaseName') ?? DEFAULT_DATABASE;
  if (typeof databaseName !== 'string' || databaseName === '' || databaseName.length > 200) {
    throw invalidOption('databaseName', 'must be text of 1 to 200 characters');
  }
  const factory = read(options, 'indexedDB') ?? globalThis.indexedDB;
  if (!factory) throw new StorageError('IndexedDB is not available in this environment.');
  if (typeof (factory as IDBFactory).open !== 'function') throw invalidOption('indexedDB', 'must be an IDBFactory');
  return { caseId, databaseName, factory: factory as IDBFactory };
}

function readRetry(value: unknown): { min: number; max: number } {
  if (value === undefined) return { min: 1_000, max: 60_000 };
  if (typeof value !== 'object' || value === null) throw invalidOption('retry', 'must be an object');
  const min = read(value, 'minDelayMs') ?? 1_000;
  const max = read(value, 'maxDelayMs') ?? Math.max(60_000, min as number);
  const ms = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 86_400_000;
  if (!ms(min)) throw new ValidationError(OPTIONS, [{ path: ['retry', 'minDelayMs'], message: 'must be a number of milliseconds above 0, at most a day' }]);
  if (!ms(max) || (max as number) < (min as number)) {
    throw new ValidationError(OPTIONS, [{ path: ['retry', 'maxDelayMs'], message: 'must be a number of milliseconds, at least minDelayMs, at most a day' }]);
  }
  return { min: min as number, max: max as number };
}

function openDb(where: Where): Promise<IDBDatabase> {
  return openDatabase(where.factory, where.databaseName, DB_VERSION, (db) => upgrade(db));
}
