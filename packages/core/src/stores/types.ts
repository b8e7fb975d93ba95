import type { Change } from '../changes.js';
import type { Author, EntityRef, HistoryEntry } from '../edits.js';
import type { CaseRecord } from '../model/schemas.js';

/** What a store holds at one moment: a valid, frozen record and its revision. */
export interface StoreSnapshot {
  readonly record: CaseRecord;
  /** Increases by one with every successful write. */
  readonly revision: number;
}

export interface ApplyOptions {
  /**
   * The revision the change was based on (what the user was looking at). When it
   * is not the latest, the change fails with a ConflictError and nothing is written.
   * Default: the store's current revision.
   */
  readonly baseRevision?: number;
  /** Who made the edit (default: the store's `author`). */
  readonly author?: Author;
  /** When the edit was made, with its offset (default: now). A synced edit keeps the time it was made on the device. */
  readonly at?: string;
  /** The edit's id (default: a new one). A retried or synced edit keeps its id. */
  readonly editId?: string;
}

export type StoreListener = (snapshot: StoreSnapshot) => void;

/**
 * One person's case record: the single source of truth that every widget on a
 * page reads and writes. MemoryStore, IndexedDbStore and FhirStore implement it.
 */
export interface CaseStore {
  readonly caseId: string;
  /** The latest snapshot, or undefined before the first successful load. */
  readonly snapshot: StoreSnapshot | undefined;
  /** Loads (or reloads) the record. Throws ValidationError, NotFoundError or StorageError. */
  load(): Promise<StoreSnapshot>;
  /**
   * Validates and applies a change, persists it, bumps the revision and notifies
   * every subscriber. Throws ValidationError, NotFoundError, ConflictError or
   * StorageError; on any error the stored record is unchanged.
   */
  apply(change: Change, options?: ApplyOptions): Promise<StoreSnapshot>;
  /** Calls the listener on every new snapshot (not with the current one). Returns an unsubscribe function. */
  subscribe(listener: StoreListener): () => void;
  /**
   * `false` when what the store holds goes with the page (MemoryStore): widgets then keep a draft of what was typed on
   * the device until it is completed. Absent or `true`: the store outlasts a reload (IndexedDB, a server).
   */
  readonly persistent?: boolean;
  /** Who makes the edits applied without an `author` option (set it once the user is known). */
  author?: Author | undefined;
  /** The edits made to one entity, oldest first: who, when, what (stores that keep a change log). */
  history?(entity: EntityRef): Promise<readonly HistoryEntry[]>;
}

/** An edit that no longer applies as it was made, waiting for a person to decide. */
export interface SyncConflict {
  /** The edit's id (pass it to `resolveConflict`). */
  readonly editId: string;
  /** The edit as it was made on this device. */
  readonly change: Change;
  readonly at: string;
  readonly author?: Author;
  /** The entity it changes. */
  readonly entity: EntityRef;
  /**
   * Why it no longer applies: `changed` (someone else changed the same fields since),
   * `removed` (the entity is gone), `exists` (an entity with its id was added elsewhere),
   * `refused` (the record's rules refuse it now, e.g. a member removed who is in a meeting).
   */
  readonly reason: 'changed' | 'removed' | 'exists' | 'refused';
  /** Field by field where the two differ: the value on this device and on the server. */
  readonly fields: readonly { readonly name: string; readonly mine: unknown; readonly theirs: unknown }[];
  /** The entity as this device would have it, and as the server has it now (undefined: absent). */
  readonly mine: unknown;
  readonly theirs: unknown;
}

/** Where a syncing store stands: what waits on this device, and whether the server is reachable. */
export interface SyncStatus {
  /** Edits kept on this device and not yet on the server, conflicts included. */
  readonly pending: number;
  /** Edits waiting for a person's decision. */
  readonly conflicts: readonly SyncConflict[];
  /** When the server last confirmed the edits sent to it (ISO time), if ever on this device. */
  readonly lastSyncedAt: string | undefined;
  /**
   * `online` (the server answered last time), `offline` (it could not be reached; retrying), `unknown` (not tried yet).
   */
  readonly connection: 'online' | 'offline' | 'unknown';
  /** An edit is on its way to the server now. */
  readonly sending: boolean;
  /** Edits set aside because they could not be read back from this device (reported, never applied). */
  readonly unreadable: number;
}

export type SyncStatusListener = (status: SyncStatus) => void;

/** A store that keeps edits on the device and sends them to a server when it can. */
export interface SyncingStore extends CaseStore {
  readonly syncStatus: SyncStatus;
  /** Calls the listener on every change of status. Returns an unsubscribe function. */
  subscribeSyncStatus(listener: SyncStatusListener): () => void;
  /**
   * Keeps this device's edit (sent on top of the server's record) or the server's version (the edit is set aside in the
   * log).
   */
  resolveConflict(editId: string, keep: 'mine' | 'theirs'): Promise<void>;
  /** Tries to send every pending edit now; resolves when this attempt has finished (never rejects). */
  syncNow(): Promise<void>;
}

/** Whether a store keeps edits on the device and syncs them (a SyncingStore). */
export function isSyncingStore(store: CaseStore | undefined): store is SyncingStore {
  return (
    typeof store === 'object' &&
    store !== null &&
    typeof (store as Partial<SyncingStore>).subscribeSyncStatus === 'function' &&
    typeof (store as Partial<SyncingStore>).resolveConflict === 'function'
  );
}
