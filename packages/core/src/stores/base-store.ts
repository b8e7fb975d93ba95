import { applyChange, withChangeTime, type Change } from '../changes.js';
import {
  parseAuthor,
  parseEditOptions,
  parseEntityRef,
  type Author,
  type ChangeEntry,
  type EntityRef,
  type HistoryEntry,
} from '../edits.js';
import { ConflictError, OdError, StorageError, ValidationError } from '../errors.js';
import { guarded } from '../internal/guard.js';
import { newId } from '../internal/id.js';
import { SerialQueue } from '../internal/serial-queue.js';
import { defaultInstruments } from '../instruments/index.js';
import type { InstrumentRegistry } from '../instruments/registry.js';
import type { CaseRecord } from '../model/schemas.js';
import type { Migration, ParseOptions } from '../record.js';
import type { ApplyOptions, CaseStore, StoreListener, StoreSnapshot } from './types.js';

export interface StoreOptions {
  /** Instruments that assessments may refer to (default: the default registry). */
  instruments?: InstrumentRegistry;
  /** Migrations for records saved by an older schema version (see parseCaseRecord). */
  migrations?: readonly Migration[];
  /** Who makes the edits (see `author`); a host may also set it later, or pass one per edit. */
  author?: Author;
}

/**
 * What every store shares: subscribers, one write at a time, the revision check
 * before a change is applied. Subclasses read and persist.
 */
export abstract class BaseStore implements CaseStore {
  abstract readonly caseId: string;
  /** How this store parses records it reads or is given. */
  protected readonly parseOptions: ParseOptions;
  #snapshot: StoreSnapshot | undefined;
  readonly #listeners = new Set<StoreListener>();
  readonly #queue = new SerialQueue();
  #author: Author | undefined;

  constructor(options: StoreOptions = {}) {
    this.parseOptions = guarded('Store options', () => ({
      instruments: options.instruments ?? defaultInstruments,
      migrations: options.migrations ?? [],
    }));
    const author = guarded('Store options', () => options.author);
    if (author !== undefined) this.author = author;
  }

  /**
   * Who makes the edits applied without an `author` option: recorded with every
   * change (and written as its Provenance by FhirStore). Throws ValidationError
   * for an author that is not valid; `undefined` clears it.
   */
  get author(): Author | undefined {
    return this.#author;
  }

  set author(value: Author | undefined) {
    this.#author = value === undefined ? undefined : parseAuthor(value, 'Store author');
  }

  get snapshot(): StoreSnapshot | undefined {
    return this.#snapshot;
  }

  async load(): Promise<StoreSnapshot> {
    return this.#enqueue(async () => this.publish(await this.read()));
  }

  apply(change: Change, options: ApplyOptions = {}): Promise<StoreSnapshot> {
    let baseRevision: unknown;
    let meta: ReturnType<typeof parseEditOptions>;
    try {
      meta = guarded('Apply options', () => parseEditOptions(options));
      baseRevision = guarded('Apply options', () => options.baseRevision);
      if (baseRevision !== undefined && !Number.isSafeInteger(baseRevision)) {
        throw new ValidationError('Apply options', [{ path: ['baseRevision'], message: 'must be a whole number' }]);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#enqueue(async () => {
      const current = this.#snapshot ?? this.publish(await this.read());
      const base = (baseRevision as number | undefined) ?? current.revision;
      if (base !== current.revision) throw new ConflictError(this.caseId, base, current.revision);
      const at = meta.at ?? new Date().toISOString();
      // An update is dated by the edit's time, kept in the change so that every replay dates it the same.
      const dated = guarded('Change', () => withChangeTime(change, at)) as Change;
      const record = applyChange(current.record, dated, this.parseOptions);
      const author = meta.author ?? this.#author;
      const edit: ChangeEntry = {
        id: meta.id ?? newId('edit'),
        at,
        ...(author ? { author } : {}),
        // The parsed change (applyChange validated it): what the log keeps is never the caller's object.
        change: structuredClone(dated),
        revision: current.revision + 1,
      };
      try {
        return this.publish({ record, revision: await this.write(record, current.revision, edit) });
      } catch (error) {
        if (error instanceof ConflictError) {
          // Someone else wrote first: show everyone the record as it now is, then report. When what
          // was written is corrupt, that is the error to report: reloading would never help.
          const reloadFailure = await this.read().then(
            (s) => void this.publish(s),
            (e: unknown) => e,
          );
          if (reloadFailure instanceof ValidationError) throw reloadFailure;
        }
        throw error;
      }
    });
  }

  /**
   * The edits made to one entity, oldest first (who, when, what). Throws
   * ValidationError for a bad reference, StorageError where the store keeps no log.
   */
  async history(entity: EntityRef): Promise<readonly HistoryEntry[]> {
    const ref = parseEntityRef(entity);
    return (await this.readHistory(ref)).filter((e) => e.entity.kind === ref.kind && e.entity.id === ref.id);
  }

  subscribe(listener: StoreListener): () => void {
    if (typeof listener !== 'function')
      throw new ValidationError('subscribe', [{ path: ['listener'], message: 'must be a function' }]);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the persisted record and revision. */
  protected abstract read(): Promise<StoreSnapshot>;
  /**
   * Persists `record` if the persisted revision is still `baseRevision`; returns the
   * new revision. `edit` says who made the change and when: a store that keeps a
   * change log writes it in the same transaction as the record.
   */
  protected abstract write(record: CaseRecord, baseRevision: number, edit: ChangeEntry): Promise<number>;

  /** The store's change log (entries for `entity` at least, oldest first). */
  protected async readHistory(_entity: EntityRef): Promise<readonly HistoryEntry[]> {
    throw new StorageError(`This store (${this.constructor.name}) keeps no change log.`);
  }

  /** Makes a snapshot current and tells every subscriber (unless nothing changed). */
  protected publish(snapshot: StoreSnapshot): StoreSnapshot {
    const previous = this.#snapshot;
    if (previous && previous.revision === snapshot.revision && previous.record === snapshot.record) return previous;
    this.#snapshot = snapshot;
    for (const listener of [...this.#listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        // A faulty subscriber must not stop the others or undo the write.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    return snapshot;
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    // A subclass's read or write that fails with anything untyped is a storage failure.
    return this.#queue.run(task).catch((error: unknown) => {
      throw error instanceof OdError ? error : new StorageError('The store failed unexpectedly.', { cause: error });
    });
  }
}
