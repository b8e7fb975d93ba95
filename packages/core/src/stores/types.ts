import type { Change } from '../changes.js';
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
}
