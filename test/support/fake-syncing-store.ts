import {
  MemoryStore,
  type EntityRef,
  type NetworkMember,
  type HistoryEntry,
  type StoreOptions,
  type SyncConflict,
  type SyncStatus,
  type SyncStatusListener,
  type SyncingStore,
} from '@odkit/core';

const INITIAL: SyncStatus = {
  pending: 0,
  conflicts: [],
  lastSyncedAt: undefined,
  connection: 'online',
  sending: false,
  unreadable: 0,
};

/**
 * A MemoryStore that plays a SyncingStore for UI tests and stories: the test sets its
 * status and conflicts, marks edits as pending or conflicting in `history`, and reads
 * the `resolveConflict` calls it received. It sends nothing anywhere.
 */
export class FakeSyncingStore extends MemoryStore implements SyncingStore {
  #status: SyncStatus = INITIAL;
  readonly #listeners = new Set<SyncStatusListener>();
  /** Every `resolveConflict` call, in order. */
  readonly resolved: { editId: string; keep: 'mine' | 'theirs' }[] = [];
  /** Every `syncNow` call. */
  syncNowCalls = 0;
  /** Set to make the next `resolveConflict` reject with this error (once). */
  failNextResolve: Error | undefined;
  /** Set to hold `resolveConflict` until the test calls the function it leaves here. */
  holdResolve = false;
  release: (() => void) | undefined;
  /** Edit ids shown as pending or in conflict by `history`. */
  readonly editStates = new Map<string, 'pending' | 'conflict'>();
  /** History entries given on top of the store's own log (stories seed "Changed by" with them). */
  readonly extraHistory: HistoryEntry[] = [];

  constructor(record: unknown, options: StoreOptions & { status?: Partial<SyncStatus> } = {}) {
    const { status, ...storeOptions } = options;
    super(record, storeOptions);
    if (status) this.#status = { ...INITIAL, ...status };
  }

  get syncStatus(): SyncStatus {
    return this.#status;
  }

  /** Changes the status (a new object, as a real store gives) and tells every listener. */
  setStatus(change: Partial<SyncStatus>): SyncStatus {
    this.#status = { ...this.#status, ...change };
    for (const listener of [...this.#listeners]) listener(this.#status);
    return this.#status;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  subscribeSyncStatus(listener: SyncStatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async resolveConflict(editId: string, keep: 'mine' | 'theirs'): Promise<void> {
    this.resolved.push({ editId, keep });
    if (this.holdResolve) await new Promise<void>((resolve) => (this.release = resolve));
    const failure = this.failNextResolve;
    if (failure) {
      this.failNextResolve = undefined;
      throw failure;
    }
    const conflicts = this.#status.conflicts.filter((c) => c.editId !== editId);
    if (conflicts.length === this.#status.conflicts.length) throw new Error(`No conflict ${editId}`);
    this.editStates.set(editId, 'pending');
    // Keeping mine leaves the edit to be sent; keeping theirs sets it aside.
    this.setStatus({ conflicts, pending: Math.max(0, this.#status.pending - (keep === 'theirs' ? 1 : 0)) });
  }

  async syncNow(): Promise<void> {
    this.syncNowCalls++;
  }

  override async history(entity: EntityRef): Promise<readonly HistoryEntry[]> {
    const own = await super.history(entity);
    const extra = this.extraHistory.filter((e) => e.entity.kind === entity.kind && e.entity.id === entity.id);
    return [...extra, ...own].map((e) => {
      const state = this.editStates.get(e.id);
      return state ? { ...e, state } : e;
    });
  }
}

/**
 * A conflict on a member: this device's version against the record's `theirs` fields, as an offline store would report
 * it.
 */
export function memberConflict(
  mine: NetworkMember,
  theirs: Partial<NetworkMember>,
  extra: Partial<SyncConflict> = {},
): SyncConflict {
  const fields = (Object.keys(theirs) as (keyof NetworkMember)[]).map((name) => ({
    name,
    mine: mine[name],
    theirs: theirs[name],
  }));
  return {
    editId: `edit-${mine.id}`,
    change: { type: 'member/update', member: mine },
    at: '2026-04-02T10:42:00+01:00',
    author: { id: 'Practitioner/sam-1', name: 'Sam Okafor', role: 'Peer support worker' },
    entity: { kind: 'member', id: mine.id },
    reason: 'changed',
    fields,
    mine,
    theirs: { ...mine, ...theirs },
    ...extra,
  };
}
