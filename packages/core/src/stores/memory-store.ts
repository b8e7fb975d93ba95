import { historyEntry, type ChangeEntry, type EntityRef, type HistoryEntry } from '../edits.js';
import { parseCaseRecord } from '../record.js';
import type { CaseRecord } from '../model/schemas.js';
import { BaseStore, type StoreOptions } from './base-store.js';
import type { StoreSnapshot } from './types.js';

/** A store that lives as long as the page: for tests, demos and hosts that persist records themselves. */
export class MemoryStore extends BaseStore {
  readonly caseId: string;
  /** What it holds goes with the page (see CaseStore.persistent). */
  readonly persistent = false;
  #record: CaseRecord;
  #revision = 1;
  readonly #log: ChangeEntry[] = [];

  /** Throws ValidationError when `record` is not a valid case record. */
  constructor(record: unknown, options: StoreOptions = {}) {
    super(options);
    this.#record = parseCaseRecord(record, this.parseOptions);
    this.caseId = this.#record.id;
    this.publish({ record: this.#record, revision: this.#revision });
  }

  protected async read(): Promise<StoreSnapshot> {
    return { record: this.#record, revision: this.#revision };
  }

  protected async write(record: CaseRecord, baseRevision: number, edit: ChangeEntry): Promise<number> {
    this.#record = record;
    this.#revision = baseRevision + 1;
    this.#log.push(edit);
    return this.#revision;
  }

  protected override async readHistory(_entity: EntityRef): Promise<readonly HistoryEntry[]> {
    return this.#log.map(historyEntry);
  }
}
