/**
 * @odkit/core/seeding — following the host's newest copy of a case on the device, and clearing
 * it from the device. A module of its own so that only hosts that use it pay for it.
 *
 * `openFromHost` opens an IndexedDbStore from the host's copy: it seeds a device that has none,
 * and replaces the stored case when the host's version is newer, laying this device's edits
 * that the host's copy does not have over it (rebase.ts), never dropping them. `clearFromDevice`
 * removes a case, refusing while such edits exist unless forced.
 */
import { parseChange } from './changes.js';
import { clearDrafts } from './drafts.js';
import { StorageError, ValidationError } from './errors.js';
import { quoteId } from './internal/quote.js';
import type { CaseRecord } from './model/schemas.js';
import { parseCaseRecord, type ParseOptions } from './record.js';
import { STRICT, request, runTransaction } from './stores/idb.js';
import {
  IndexedDbStore,
  LOG_STORE,
  STORE_NAME,
  checkEntry,
  locate,
  onEntry,
  readOption,
  type IndexedDbLocation,
  type IndexedDbStoreOptions,
  type StoredCase,
  type StoredChange,
} from './stores/indexeddb-store.js';
import { checkVersion, isNewer, layOver, type SeedResult, type SeedVersion, type StoredSeed } from './stores/seed.js';

export type { SeedResult } from './stores/seed.js';

const OPTIONS = 'openFromHost options';

export interface HostCopyOptions extends IndexedDbStoreOptions {
  /** The host's copy of the case (validated only when it is used; its `id` must be `caseId`). */
  initial: unknown;
  /**
   * The host's version of `initial`: a whole number (a row version) or a date and time with its
   * offset (when the host's copy last changed, e.g. FHIR `meta.lastUpdated`). See seed.ts for "newer".
   */
  initialVersion: number | string;
}

/**
 * Opens the case from the host's copy: saved as revision 1 when the device has none; replacing
 * the stored case when `initialVersion` is newer than the version it was last seeded with, with
 * this device's edits that the host's copy does not have laid over it. One IndexedDB transaction:
 * the stored case is replaced whole or not at all. `store.seedResult` says what was done.
 * Throws as `IndexedDbStore.open`, and ValidationError when `initial` or `initialVersion` is
 * missing or invalid (an invalid `initial` only when it is used).
 */
export function openFromHost(options: HostCopyOptions): Promise<IndexedDbStore> {
  let initial: unknown;
  let version: SeedVersion | undefined;
  try {
    initial = readOption(options, 'initial');
    version = checkVersion(readOption(options, 'initialVersion'));
  } catch (error) {
    return Promise.reject(error);
  }
  for (const [key, value] of [
    ['initial', initial],
    ['initialVersion', version],
  ] as const) {
    if (value === undefined) {
      return Promise.reject(new ValidationError(OPTIONS, [{ path: [key], message: 'is needed' }]));
    }
  }
  let where: { caseId: string; databaseName: string };
  try {
    where = locate(options);
  } catch (error) {
    return Promise.reject(error);
  }
  const { caseId, databaseName } = where;
  return IndexedDbStore.open(options, async (db, parseOptions) => {
    const parse = (data: unknown) => parseCaseRecord(data, parseOptions);
    const { result, revision } = await runTransaction(
      db,
      [STORE_NAME, LOG_STORE],
      'readwrite',
      (tx) => seed(tx, caseId, () => parseFor(caseId, initial, parse), version!, parseOptions),
      STRICT,
    );
    if (revision !== undefined && typeof BroadcastChannel === 'function') {
      // Other tabs reload, as after any write.
      const channel = new BroadcastChannel(`odkit-store:${databaseName}`);
      channel.postMessage({ caseId, revision });
      channel.close();
    }
    return { result, ...(revision === undefined ? {} : { revision }) };
  });
}

/** The host's copy, parsed, for this case only. */
function parseFor(caseId: string, initial: unknown, parse: (data: unknown) => CaseRecord): CaseRecord {
  const record = parse(initial);
  if (record.id !== caseId) {
    throw new StorageError(`The initial record is case "${record.id}", but this store is for case "${caseId}".`);
  }
  return record;
}

/** Seeds or replaces the case inside one transaction (see openFromHost). */
async function seed(
  tx: IDBTransaction,
  caseId: string,
  theirs: () => CaseRecord,
  version: SeedVersion,
  options: ParseOptions,
): Promise<{ result: SeedResult; revision?: number }> {
  const cases = tx.objectStore(STORE_NAME);
  const stored = await request<unknown>(cases.get(caseId));
  const save = (record: CaseRecord, base: CaseRecord, revision: number, carried: string[]) => {
    const entry: StoredCase = {
      caseId,
      revision,
      record,
      savedAt: new Date().toISOString(),
      seed: { record: base, version, revision, carried } satisfies StoredSeed,
    };
    return request(cases.put(entry));
  };
  if (stored === undefined) {
    const record = theirs();
    await save(record, record, 1, []);
    return { result: { outcome: 'created', localEdits: 0 } };
  }
  const { revision } = checkEntry(stored, caseId);
  const kept = seedOf(stored);
  const edits = await localEdits(tx.objectStore(LOG_STORE), caseId, kept);
  if (!isNewer(version, kept?.version)) return { result: { outcome: 'unchanged', localEdits: edits.length } };
  const host = theirs();
  const laid = edits.length === 0 ? { record: host, kept: [] } : layOverEdits(kept, edits, host, options);
  if (!laid) return { result: { outcome: 'kept', localEdits: edits.length } };
  const carried = laid.kept.map((i) => edits[i]!.id);
  await save(laid.record, host, revision + 1, carried);
  return { result: { outcome: 'replaced', localEdits: carried.length }, revision: revision + 1 };
}

/** This device's edits laid over the host's copy, or undefined when they cannot be (the stored case is kept). */
function layOverEdits(
  kept: StoredSeed | undefined,
  edits: readonly StoredChange[],
  host: CaseRecord,
  options: ParseOptions,
) {
  if (!kept) return undefined; // no record of what the host last gave: this device's edits cannot be told apart
  try {
    return layOver(
      parseCaseRecord(kept.record, options),
      edits.map((e) => parseChange(e.change)),
      host,
      options,
    );
  } catch (error) {
    if (error instanceof ValidationError) return undefined; // an old or damaged log entry: keep what is stored
    throw error;
  }
}

/**
 * A case was not cleared from the device because edits made on it are not in the host's copy
 * yet (`localEdits` of them). Nothing was removed; pass `force: true` to remove them too.
 */
export class UnsentEditsError extends StorageError {
  constructor(
    readonly caseId: string,
    readonly localEdits: number,
  ) {
    const one = localEdits === 1;
    super(
      `Case ${quoteId(caseId)} was not cleared from this device: ${localEdits} edit${one ? '' : 's'} made here ${one ? 'is' : 'are'} not in your system's copy yet. Nothing was removed; save ${one ? 'it' : 'them'} first, or clear with force: true to remove ${one ? 'it' : 'them'} too.`,
    );
    this.name = 'UnsentEditsError';
  }
}

/**
 * Clears the case from this device (on a shared computer, when the person is done): its stored
 * record, the host's copy kept with it and its change log, in one transaction, then the drafts of
 * the case a form kept on this device (drafts.ts; `drafts` says how many); other cases stay.
 * Refuses with an UnsentEditsError (removing nothing) while edits made on this device are not in
 * the host's copy yet (for a case not opened with `openFromHost`: every logged edit), unless
 * `force` is true (drafts are kept then too). Resolves to whether a case was stored and how many such edits went
 * with it.
 * Close the case's open stores first. Throws ValidationError for invalid options, StorageError
 * when IndexedDB fails.
 */
export async function clearFromDevice(
  options: IndexedDbLocation & { force?: boolean },
): Promise<{ removed: boolean; localEdits: number; drafts: number }> {
  const { caseId: clearedId } = locate(options);
  const force = readOption(options, 'force') ?? false;
  if (typeof force !== 'boolean') {
    throw new ValidationError('clearFromDevice options', [{ path: ['force'], message: 'must be true or false' }]);
  }
  return onEntry(options, 'readwrite', async (cases, caseId) => {
    const stored = await request<unknown>(cases.get(caseId));
    const log = cases.transaction.objectStore(LOG_STORE);
    const edits = (await localEdits(log, caseId, seedOf(stored))).length;
    if (edits > 0 && !force) throw new UnsentEditsError(caseId, edits);
    for (const key of await request(log.index('caseId').getAllKeys(caseId))) await request(log.delete(key));
    if (stored !== undefined) await request(cases.delete(caseId));
    return { removed: stored !== undefined, localEdits: edits };
  }).then((result) => ({ ...result, drafts: clearDrafts(clearedId) }));
}

/** The seed kept with a stored entry, when it reads back as one (otherwise none, as in older entries). */
function seedOf(stored: unknown): StoredSeed | undefined {
  const kept = (stored as { seed?: Partial<StoredSeed> } | undefined)?.seed;
  if (typeof kept !== 'object' || kept === null) return undefined;
  const { revision, carried } = kept;
  if (!(typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 1)) return undefined;
  if (!Array.isArray(carried) || !carried.every((id) => typeof id === 'string')) return undefined;
  return kept as StoredSeed;
}

/**
 * The edits made on this device that the host's copy did not have when it was last seeded (oldest
 * first): those after the seed's revision and those carried over it. Without a seed, every logged edit.
 */
async function localEdits(log: IDBObjectStore, caseId: string, kept: StoredSeed | undefined): Promise<StoredChange[]> {
  const rows = await request<unknown[]>(log.index('caseId').getAll(caseId));
  return (rows as StoredChange[])
    .filter(
      (row) =>
        typeof row === 'object' &&
        row !== null &&
        Number.isSafeInteger(row.revision) &&
        (!kept || row.revision > kept.revision || kept.carried.includes(row.id)),
    )
    .sort((a, b) => a.revision - b.revision);
}
