import {
  changeSubject,
  historyEntry,
  parseEntityRef,
  type ChangeEntry,
  type EntityRef,
  type HistoryEntry,
} from '../edits.js';
import { parseChange } from '../changes.js';
import { ConflictError, NotFoundError, OdError, StorageError, ValidationError } from '../errors.js';
import { newId } from '../internal/id.js';
import { Id } from '../model/primitives.js';
import type { CaseRecord } from '../model/schemas.js';
import { parseWith } from '../model/validate.js';
import { parseCaseRecord } from '../record.js';
import { BaseStore } from './base-store.js';
import { STRICT, describe, request, runTransaction } from './idb.js';
import {
  CASES,
  LOG,
  OUTBOX,
  QUARANTINE,
  caseRange,
  checkEntry,
  checkLogEntry,
  ENTRY_FORMAT,
  isNewerEntry,
  logEntry,
  type LogEntry,
  type OutboxEntry,
  type StoredCase,
} from './outbox.js';
import {
  baseOf,
  entityIn,
  fieldDiff,
  keepMine,
  rebase,
  same,
  type ConflictDetails,
  type RebaseResult,
} from './rebase.js';
import { BUSY, withSenderLock } from './sender-lock.js';
import type { CaseStore, StoreSnapshot, SyncConflict, SyncStatus, SyncStatusListener, SyncingStore } from './types.js';
import {
  invalidOption,
  locate,
  openDb,
  parseOptions,
  readOption,
  type ParsedOptions,
  type SyncedStoreLocation,
  type SyncedStoreOptions,
  type Where,
} from './sync-options.js';

export type { SyncedStoreLocation, SyncedStoreOptions } from './sync-options.js';

/** How often a pass re-reads the server and re-applies an edit the server refused as stale, before backing off. */
const MAX_REBASES = 5;

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
  /** The remote dropped after a failed pass: closed once `connect` gives another one. */
  #dropped: CaseStore | undefined;
  /** Outbox entries written by a newer kit: left for it, counted as pending. */
  #waiting = 0;
  #connecting: Promise<CaseStore> | undefined;
  /**
   * The server's record as this tab last saved or read it, with the stamp it was saved
   * under: used while the database still holds that one (saves parsing it again).
   */
  #theirs: { stamp: string; record: CaseRecord } | undefined;
  #status: SyncStatus = Object.freeze({
    pending: 0,
    conflicts: [],
    lastSyncedAt: undefined,
    connection: 'unknown',
    sending: false,
    unreadable: 0,
  });
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #running: Promise<void> | undefined;
  #again = false;
  #rebuild = false;
  /** The next pass reads the server's record first (else it starts from the remote's last snapshot). */
  #refresh = true;
  #closed = false;

  private constructor(
    db: IDBDatabase,
    options: SyncedStoreOptions,
    where: Where,
    extra: Omit<ParsedOptions, 'where' | 'initial'>,
  ) {
    super(options);
    this.#db = db;
    this.caseId = where.caseId;
    this.databaseName = where.databaseName;
    this.#connect = extra.connect;
    this.#onError = extra.onError;
    this.#retry = extra.retry;
    this.#timeout = extra.timeout;
    db.onversionchange = () => {
      db.close();
      if (this.#closed) return;
      // Another tab upgrades or deletes the database: this store can no longer keep edits.
      this.#report(
        new StorageError(
          'This case\u2019s copy on the device is being upgraded or removed by another tab; this page stopped syncing. Reload it to go on.',
        ),
      );
      this.close();
    };
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
    const { where, initial, ...extra } = parseOptions(options);
    const db = await openDb(where);
    let store: SyncedStore;
    try {
      store = new SyncedStore(db, options, where, extra);
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
  static async discard(
    options: SyncedStoreLocation & { keepOutbox?: boolean },
  ): Promise<{ copy: boolean; edits: number }> {
    const where = locate(options);
    const keepOutbox = readOption(options, 'keepOutbox') ?? true;
    if (typeof keepOutbox !== 'boolean') throw invalidOption('keepOutbox', 'must be true or false');
    const db = await openDb(where);
    try {
      return await runTransaction(
        db,
        [CASES, OUTBOX],
        'readwrite',
        async (tx) => {
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
        },
        STRICT,
      );
    } finally {
      db.close();
    }
  }

  /**
   * The outbox entries of the case that could not be read back and were set aside
   * (`syncStatus.unreadable`), exactly as they were stored, with the reason and when:
   * for a host to let the user export them. They are never applied.
   */
  static async readQuarantine(
    options: SyncedStoreLocation,
  ): Promise<readonly { key: unknown; value: unknown; reason: string; at: string }[]> {
    const where = locate(options);
    const db = await openDb(where);
    try {
      const all = await runTransaction(db, QUARANTINE, 'readonly', (tx) =>
        request<unknown[]>(tx.objectStore(QUARANTINE).getAll()),
      );
      return all
        .filter(
          (q): q is { caseId: string; key: unknown; value: unknown; reason: string; at: string } =>
            (q as { caseId?: unknown } | null)?.caseId === where.caseId,
        )
        .map(({ key, value, reason, at }) => ({ key, value, reason, at }));
    } finally {
      db.close();
    }
  }

  get syncStatus(): SyncStatus {
    return this.#status;
  }

  subscribeSyncStatus(listener: SyncStatusListener): () => void {
    if (typeof listener !== 'function')
      throw new ValidationError('Sync status listener', [{ path: [], message: 'must be a function' }]);
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
      // Another tab may have decided it meanwhile: then there is nothing left to decide here.
      if (!(await this.#settle(entry, 'set-aside', 'conflict'))) throw new NotFoundError('conflict', editId);
    } else {
      const theirs = await this.#remoteRecord();
      if (!theirs) throw new StorageError('The server\u2019s version of the case is not on this device yet.');
      const mine = keepMine(entry, theirs);
      const change = parseChange(mine.change);
      const updated = await this.#updateEntry(
        entry,
        (stored) => {
          const { conflict: _conflict, attempted: _attempted, ...rest } = stored;
          return { ...rest, change, base: mine.base, state: 'pending' };
        },
        'conflict',
      );
      if (!updated) throw new NotFoundError('conflict', editId);
    }
    this.#rebuild = true;
    await this.load();
    this.#post();
    await this.#refreshStatus();
    if (keep === 'mine') void this.#sync();
  }

  /** This device's log of edits that left the outbox (sent, or set aside by a person), oldest first. */
  async changeLog(): Promise<readonly SyncLogEntry[]> {
    const entries = await runTransaction(this.#db, LOG, 'readonly', (tx) =>
      request(tx.objectStore(LOG).getAll(caseRange(this.caseId))),
    );
    // Nothing on disk is trusted: an entry that does not check out is left out.
    return entries
      .map((e) => checkLogEntry(e, this.caseId))
      .filter((e): e is LogEntry => e !== undefined)
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
    for (const remote of new Set([this.#remote, this.#dropped]))
      if (remote) closeStore(remote, (error) => this.#report(error));
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
    const stored = await runTransaction(this.#db, CASES, 'readonly', (tx) =>
      request<unknown>(tx.objectStore(CASES).get(this.caseId)),
    );
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
    if (!edit.author) {
      // Sent later, maybe to a store with its own author: an edit must say now who made it.
      throw new ValidationError('Apply options', [
        { path: ['author'], message: 'is required: set the store\u2019s author (or pass one) before editing' },
      ]);
    }
    const before = this.snapshot?.record;
    const base = before ? baseOf(before, edit.change) : undefined;
    const revision = baseRevision + 1;
    await runTransaction(
      this.#db,
      [CASES, OUTBOX, LOG],
      'readwrite',
      async (tx) => {
        const cases = tx.objectStore(CASES);
        const outbox = tx.objectStore(OUTBOX);
        const stored = await request<unknown>(cases.get(this.caseId));
        if (stored === undefined) throw new NotFoundError('case', this.caseId);
        const entry = checkCase(stored, this.caseId);
        if (entry.revision !== baseRevision) throw new ConflictError(this.caseId, baseRevision, entry.revision);
        // After the last key in use, whatever was written there (garbage is set aside, never overwritten).
        const last = await request(outbox.openKeyCursor(caseRange(this.caseId), 'prev'));
        // ... and after the log's (a copy discarded and fetched again starts nextSeq at 0).
        const logged = await request(tx.objectStore(LOG).openKeyCursor(caseRange(this.caseId), 'prev'));
        const seq = Math.max(entry.nextSeq, seqOf(last?.key) + 1, seqOf(logged?.key) + 1);
        const queued: OutboxEntry = {
          v: ENTRY_FORMAT,
          id: edit.id,
          caseId: this.caseId,
          seq,
          change: edit.change,
          at: edit.at,
          author: edit.author,
          base,
          state: 'pending',
        };
        await request(cases.put({ ...(stored as StoredCase), revision, record, nextSeq: seq + 1 }));
        await request(outbox.add(queued, [this.caseId, seq]));
      },
      STRICT,
    );
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
    const queued = (await this.#readOutbox()).map((e): HistoryEntry => ({
      ...historyEntry({ ...e, revision: 0 }),
      state: e.state,
    }));
    let saved: readonly HistoryEntry[] | undefined;
    try {
      // Known to be offline: this device's log at once (not after timeoutMs).
      if (this.#status.connection === 'offline') throw new StorageError('offline');
      const remote = await this.#getRemote();
      if (typeof remote.history === 'function') saved = await this.#call('history', () => remote.history!(ref));
    } catch {
      saved = undefined; // unreachable or no log: this device's log instead
    }
    if (!saved) {
      saved = (await this.changeLog())
        .filter((e) => e.outcome === 'sent')
        .map((e) => historyEntry({ ...e, revision: 0 }));
    }
    const seen = new Set(saved.map((e) => e.id));
    const all = [...saved, ...queued.filter((e) => !seen.has(e.id))];
    return all
      .map((e, i) => [e, i] as const)
      .sort(([a, i], [b, j]) => Date.parse(a.at) - Date.parse(b.at) || i - j)
      .map(([e]) => e);
  }

  /* ------------------------------------------------------------ opening */

  /** Makes sure the device has a copy of the case: the server's, or else `initial`. */
  async #prepare(initial: unknown): Promise<void> {
    const exists = await runTransaction(this.#db, CASES, 'readonly', (tx) =>
      request(tx.objectStore(CASES).getKey(this.caseId)),
    );
    if (exists !== undefined) return;
    let seed: StoredCase;
    try {
      const remote = await this.#getRemote();
      const snapshot = remote.snapshot ?? (await this.#call('load', () => remote.load()));
      const stamp = newId('remote');
      this.#theirs = { stamp, record: snapshot.record };
      this.#setStatus({ connection: 'online' });
      seed = {
        caseId: this.caseId,
        revision: 1,
        record: snapshot.record,
        nextSeq: 0,
        remote: { record: snapshot.record, revision: snapshot.revision, stamp },
      };
      this.#refresh = false; // just read: the first pass need not read it again
    } catch (error) {
      if (initial === undefined)
        throw error instanceof OdError
          ? error
          : new StorageError(`Could not reach the server for case "${this.caseId}": ${describe(error)}`, {
              cause: error,
            });
      this.#setStatus({ connection: 'offline' });
      const record = parseCaseRecord(initial, this.parseOptions);
      if (record.id !== this.caseId) throw invalidOption('initial', "is another case's record");
      seed = { caseId: this.caseId, revision: 1, record, nextSeq: 0 };
    }
    await runTransaction(
      this.#db,
      CASES,
      'readwrite',
      async (tx) => {
        const cases = tx.objectStore(CASES);
        // Another tab may have made its copy meanwhile: never overwrite it.
        if ((await request(cases.getKey(this.caseId))) === undefined) await request(cases.add(seed));
      },
      STRICT,
    );
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
      outcome = await withSenderLock(
        `odkit-sync:${this.databaseName}:${this.caseId}`,
        { db: this.#db, caseId: this.caseId, holder: this.#holder },
        () => this.#send(),
      );
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
        else await this.#refreshConflict(entry, snapshot.record);
      }
      await this.#saveRemote(snapshot, true);
      return 'done';
    } catch (error) {
      if (this.#closed) return 'done';
      if (!(error instanceof StorageError || error instanceof ConflictError)) this.#report(error);
      // Still busy elsewhere after several rebases: the server is reachable, try again later.
      if (!(error instanceof ConflictError)) {
        this.#setStatus({ connection: 'offline' });
        // The remote did not answer at all (an expired token, a lost session): connect again
        // next time rather than keep a dead one. One that answered and then failed is kept.
        if (!snapshot) this.#dropRemote();
      }
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
        const reason = new ValidationError('Outbox entry', [
          { path: ['change'], message: `could not be re-applied (${error instanceof Error ? error.name : 'error'})` },
        ]);
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
      const refused = async (): Promise<StoreSnapshot> => {
        // Show the entity as it would be, and as it is; the edits after it still go.
        const subject = changeSubject(entry.change);
        const mine = entityIn(result.record, subject);
        const theirs = entityIn(current.record, subject);
        await this.#markConflict(entry, { reason: 'refused', fields: fieldDiff(mine, theirs), mine, theirs });
        return current;
      };
      // Never sent anonymously, nor under the remote's own author (an entry from before authors were required).
      if (!entry.author) return refused();
      if (!entry.attempted) await this.#updateEntry(entry, (stored) => ({ ...stored, attempted: true }));
      try {
        const options = { baseRevision: current.revision, editId: entry.id, at: entry.at, author: entry.author };
        current = await this.#call('apply', () => remote.apply(result.change, options));
      } catch (error) {
        // Someone wrote first: read their record and rebase again (a few times, then back off).
        if (error instanceof ConflictError && tries < MAX_REBASES) {
          current = await this.#call('load', () => remote.load());
          continue;
        }
        // The server's own rules refuse it, or it answers that it never will take it (400, 403, 422…).
        if (
          error instanceof ValidationError ||
          error instanceof NotFoundError ||
          (error instanceof StorageError && error.permanent)
        )
          return refused();
        throw error;
      }
      await this.#settle(entry, 'sent');
      return current;
    }
  }

  #dropRemote(): void {
    if (this.#remote) this.#dropped = this.#remote;
    this.#remote = undefined;
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
      const dropped = this.#dropped;
      this.#dropped = undefined;
      if (dropped && dropped !== remote) closeStore(dropped, (error) => this.#report(error));
      this.#remote = remote;
      return remote;
    })().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  /** Whether the server's history lists the edit (it arrived though its answer was lost). */
  async #onServer(remote: CaseStore, entry: OutboxEntry): Promise<boolean> {
    if (typeof remote.history !== 'function') return false;
    try {
      return (await this.#call('history', () => remote.history!(changeSubject(entry.change)))).some(
        (e) => e.id === entry.id,
      );
    } catch (error) {
      // No answer: whether it arrived is unknown, so the pass ends offline (never a guess).
      if (error instanceof StorageError) throw error;
      return false; // no log: the rebase decides (a stale base is refused by the revision check)
    }
  }

  /** One request to the remote, given up (StorageError) after the timeout. */
  #call<T>(what: string, request: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StorageError(`The server did not answer (${what}) within ${this.#timeout} ms.`)),
        this.#timeout,
      );
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
    let waiting = 0;
    values.forEach((value, i) => {
      if (isNewerEntry(value, keys[i], this.caseId)) {
        waiting++; // a newer kit's: left for it
        return;
      }
      try {
        entries.push(checkEntry(value, keys[i], this.caseId));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        unreadable.push({ key: keys[i]!, error });
      }
    });
    this.#waiting = waiting;
    if (unreadable.length) await this.#quarantine(unreadable);
    return entries.sort((a, b) => a.seq - b.seq);
  }

  /** Moves unreadable outbox entries to the quarantine (kept for export, never applied) and reports them. */
  async #quarantine(unreadable: { key: IDBValidKey; error: ValidationError }[]): Promise<void> {
    const moved = await runTransaction(
      this.#db,
      [OUTBOX, QUARANTINE],
      'readwrite',
      async (tx) => {
        const outbox = tx.objectStore(OUTBOX);
        const quarantine = tx.objectStore(QUARANTINE);
        const done: ValidationError[] = [];
        for (const { key, error } of unreadable) {
          const value = await request<unknown>(outbox.get(key));
          if (value === undefined) continue; // another tab moved it
          await request(
            quarantine.add({ caseId: this.caseId, key, value, reason: error.message, at: new Date().toISOString() }),
          );
          await request(outbox.delete(key));
          done.push(error);
        }
        return done;
      },
      STRICT,
    );
    if (moved.length) this.#post();
    for (const error of moved) this.#report(error);
  }

  /** Rewrites an entry (when it is still there, and in `state` if given); resolves to whether it did. */
  async #updateEntry(
    entry: OutboxEntry,
    update: (stored: OutboxEntry) => OutboxEntry,
    state?: OutboxEntry['state'],
  ): Promise<boolean> {
    return runTransaction(
      this.#db,
      OUTBOX,
      'readwrite',
      async (tx) => {
        const outbox = tx.objectStore(OUTBOX);
        const key = [this.caseId, entry.seq];
        const stored = await request<OutboxEntry | undefined>(outbox.get(key));
        if (stored?.id !== entry.id || (state && stored.state !== state)) return false; // settled or decided meanwhile
        await request(outbox.put(update(stored), key));
        return true;
      },
      STRICT,
    );
  }

  /** Re-runs the rebase of a waiting conflict on the newest record, so the panel shows theirs as it is now. */
  async #refreshConflict(entry: OutboxEntry, record: CaseRecord): Promise<void> {
    let details: ConflictDetails;
    try {
      const result = rebase(entry, record, this.parseOptions);
      if (result.kind === 'conflict') details = result.conflict;
      else {
        const theirs = entityIn(record, changeSubject(entry.change));
        details = { ...entry.conflict!, fields: fieldDiff(entry.conflict!.mine, theirs), theirs };
      }
    } catch {
      return; // left as it was found
    }
    if (same(details, entry.conflict)) return;
    await this.#updateEntry(entry, (stored) => ({ ...stored, conflict: details }), 'conflict');
  }

  async #markConflict(entry: OutboxEntry, conflict: ConflictDetails): Promise<void> {
    await this.#updateEntry(entry, (stored) => ({ ...stored, state: 'conflict', conflict }));
  }

  /**
   * Moves an edit from the outbox to the log, in one transaction (when it is still
   * there, and in `state` if given); resolves to whether it did. A log entry is never
   * overwritten: a key already taken gets the next free one.
   */
  async #settle(entry: OutboxEntry, outcome: LogEntry['outcome'], state?: OutboxEntry['state']): Promise<boolean> {
    return runTransaction(
      this.#db,
      [OUTBOX, LOG],
      'readwrite',
      async (tx) => {
        const outbox = tx.objectStore(OUTBOX);
        const log = tx.objectStore(LOG);
        const key = [this.caseId, entry.seq];
        const stored = await request<OutboxEntry | undefined>(outbox.get(key));
        if (stored?.id !== entry.id || (state && stored.state !== state)) return false;
        let seq = entry.seq;
        if ((await request(log.getKey(key))) !== undefined) {
          seq = seqOf((await request(log.openKeyCursor(caseRange(this.caseId), 'prev')))?.key) + 1;
        }
        await request(log.add(logEntry(entry, outcome, seq), [this.caseId, seq]));
        await request(outbox.delete(key));
        return true;
      },
      STRICT,
    );
  }

  /* ------------------------------------------------------------ the server's record and the view */

  async #saveRemote(snapshot: StoreSnapshot, synced: boolean): Promise<void> {
    const stamp = newId('remote');
    await runTransaction(
      this.#db,
      CASES,
      'readwrite',
      async (tx) => {
        const cases = tx.objectStore(CASES);
        const stored = await request<StoredCase | undefined>(cases.get(this.caseId));
        if (!stored) return;
        const next: StoredCase = { ...stored, remote: { record: snapshot.record, revision: snapshot.revision, stamp } };
        if (synced) next.lastSyncedAt = new Date().toISOString();
        await request(cases.put(next));
      },
      STRICT,
    );
    this.#theirs = { stamp, record: snapshot.record };
  }

  /** The server's record as the database holds it now (another tab may have saved a newer one). */
  #theirsIn(stored: StoredCase): CaseRecord | undefined {
    const remote = stored.remote;
    if (typeof remote !== 'object' || remote === null) return undefined;
    if (this.#theirs && this.#theirs.stamp === remote.stamp) return this.#theirs.record;
    const record = this.#parseOwn(remote.record);
    if (typeof remote.stamp === 'string') this.#theirs = { stamp: remote.stamp, record };
    return record;
  }

  async #remoteRecord(): Promise<CaseRecord | undefined> {
    const stored = await runTransaction(this.#db, CASES, 'readonly', (tx) =>
      request<StoredCase | undefined>(tx.objectStore(CASES).get(this.caseId)),
    );
    return stored ? this.#theirsIn(stored) : undefined;
  }

  /**
   * The view: the server's record with every pending edit rebased onto it, in order.
   * Written (with a new revision) only when it differs from the stored view.
   */
  async #rebuildView(): Promise<StoreSnapshot> {
    // Everything read in the one transaction that writes the view: an edit another tab
    // queues meanwhile is never left out of it.
    return runTransaction(
      this.#db,
      [CASES, OUTBOX],
      'readwrite',
      async (tx) => {
        const cases = tx.objectStore(CASES);
        const outbox = tx.objectStore(OUTBOX);
        const stored = await request<unknown>(cases.get(this.caseId));
        const values = await request(outbox.getAll(caseRange(this.caseId)));
        const keys = await request(outbox.getAllKeys(caseRange(this.caseId)));
        if (stored === undefined) throw new NotFoundError('case', this.caseId);
        const entry = checkCase(stored, this.caseId);
        const current =
          this.snapshot?.revision === entry.revision ? this.snapshot.record : this.#parseOwn(entry.record);
        const theirs = this.#theirsIn(stored as StoredCase);
        if (!theirs) return { record: current, revision: entry.revision };
        let record = theirs;
        const pending = values
          .map((value, i) => {
            try {
              return checkEntry(value, keys[i], this.caseId);
            } catch {
              return undefined; // unreadable: left out of the view, set aside by the next status check
            }
          })
          .filter((e): e is OutboxEntry => e?.state === 'pending')
          .sort((a, b) => a.seq - b.seq);
        for (const edit of pending) {
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
      },
      STRICT,
    );
  }

  #parseOwn(data: unknown): CaseRecord {
    const record = parseCaseRecord(data, this.parseOptions);
    if (record.id !== this.caseId)
      throw new ValidationError('Stored case entry', [{ path: ['record', 'id'], message: "is another case's id" }]);
    return record;
  }

  /* ------------------------------------------------------------ status */

  async #refreshStatus(): Promise<void> {
    if (this.#closed) return;
    try {
      const entries = await this.#readOutbox();
      const { unreadable, lastSyncedAt } = await runTransaction(
        this.#db,
        [CASES, QUARANTINE],
        'readonly',
        async (tx) => {
          const set = await request<{ caseId?: unknown }[]>(tx.objectStore(QUARANTINE).getAll());
          const stored = await request<StoredCase | undefined>(tx.objectStore(CASES).get(this.caseId));
          return {
            unreadable: set.filter((q) => q?.caseId === this.caseId).length,
            lastSyncedAt: typeof stored?.lastSyncedAt === 'string' ? stored.lastSyncedAt : undefined,
          };
        },
      );
      this.#setStatus({
        pending: entries.length + this.#waiting,
        conflicts: entries.filter((e) => e.state === 'conflict').map(toConflict),
        unreadable,
        lastSyncedAt,
      });
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
    const typed =
      error instanceof OdError ? error : new StorageError(`Sync failed: ${describe(error)}`, { cause: error });
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

/** The sequence number of an outbox or log key `[caseId, seq]` (-1: none). */
function seqOf(key: IDBValidKey | undefined): number {
  return Array.isArray(key) && typeof key[1] === 'number' && Number.isFinite(key[1]) ? Math.floor(key[1]) : -1;
}

/** Closes a remote that can be closed; what it throws is reported, never thrown into the page. */
function closeStore(store: CaseStore, report: (error: unknown) => void): void {
  try {
    (store as CaseStore & { close?: () => void }).close?.();
  } catch (error) {
    report(error);
  }
}

function isStore(value: unknown): value is CaseStore {
  const store = value as Partial<CaseStore> | null;
  return (
    typeof store === 'object' && store !== null && typeof store.load === 'function' && typeof store.apply === 'function'
  );
}

function checkCase(stored: unknown, caseId: string): { revision: number; record: unknown; nextSeq: number } {
  const entry = stored as Partial<StoredCase> | null;
  const issues: { path: string[]; message: string }[] = [];
  if (typeof entry !== 'object' || entry === null)
    throw new ValidationError('Stored case entry', [{ path: [], message: 'expected an object' }]);
  if (entry.caseId !== caseId) issues.push({ path: ['caseId'], message: 'is not the case this store is for' });
  if (!(Number.isSafeInteger(entry.revision) && (entry.revision as number) >= 1))
    issues.push({ path: ['revision'], message: 'must be a whole number of at least 1' });
  if (!(Number.isSafeInteger(entry.nextSeq) && (entry.nextSeq as number) >= 0))
    issues.push({ path: ['nextSeq'], message: 'must be a whole number' });
  if (issues.length) throw new ValidationError('Stored case entry', issues);
  return { revision: entry.revision as number, record: entry.record, nextSeq: entry.nextSeq as number };
}
