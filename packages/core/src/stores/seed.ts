/**
 * Seeding an IndexedDbStore from the host's newest copy of a case (pure): when the
 * host's copy counts as newer, and laying this device's edits over it.
 *
 * "Newer" is the host's own version of its copy (`initialVersion`), since a case
 * record has no version of its own: a whole number (a row version, an ETag counter)
 * is newer when it is greater; a date and time (FHIR `meta.lastUpdated`, an
 * `updated_at` column) when it is later. A version of the other kind than the one
 * stored, or none stored, counts as newer: the host's copy is the reference.
 */
import { applyChange, type Change } from '../changes.js';
import { ValidationError } from '../errors.js';
import { isIsoDateTime } from '../model/primitives.js';
import type { CaseRecord } from '../model/schemas.js';
import type { ParseOptions } from '../record.js';
import { baseOf, keepMine, rebase } from './rebase.js';

export type SeedVersion = number | string;

/** What `openFromHost` did with the host's copy. */
export interface SeedResult {
  /**
   * `created`: nothing was stored; `initial` was saved as revision 1.
   * `replaced`: the host's copy was newer and replaced the stored case, with this device's edits laid over it.
   * `unchanged`: the stored case was kept (the host's copy is not newer).
   * `kept`: the host's copy was newer, but an edit made on this device could not be laid over it (or the
   * device's copy has no record of what the host last gave it): the stored case was kept, nothing was lost;
   * clear it from the device (`clearFromDevice`) once its edits are in the host's copy.
   */
  readonly outcome: 'created' | 'replaced' | 'unchanged' | 'kept';
  /** Edits made on this device that the host's copy did not contain yet (after `replaced`: now laid over it). */
  readonly localEdits: number;
}

/** What is kept beside the stored case: the host's copy it was last seeded from, the base for the next rebase. */
export interface StoredSeed {
  record: unknown;
  version?: SeedVersion;
  /** The revision the seed was saved as: edits with a later revision were made on this device. */
  revision: number;
  /** Edits from before `revision` that the host's copy did not contain yet, laid over it then (edit ids). */
  carried: string[];
}

const OPTIONS = 'openFromHost options';

/** Checks `initialVersion`: a whole number of at least 0, or a date and time with its offset. */
export function checkVersion(version: unknown): SeedVersion | undefined {
  if (version === undefined) return undefined;
  if (typeof version === 'number' ? Number.isSafeInteger(version) && version >= 0 : isIsoDateTime(version)) {
    return version as SeedVersion;
  }
  throw new ValidationError(OPTIONS, [
    {
      path: ['initialVersion'],
      message: 'must be a whole number of at least 0, or a date and time with a UTC offset',
    },
  ]);
}

/** Whether the host's version is newer than the stored one (see the module comment). */
export function isNewer(host: SeedVersion, stored: unknown): boolean {
  if (typeof host === 'number') return typeof stored === 'number' ? host > stored : true;
  return typeof stored === 'string' && isIsoDateTime(stored) ? Date.parse(host) > Date.parse(stored) : true;
}

/**
 * Lays this device's edits (oldest first), made on `base`, over `theirs`. An edit
 * `theirs` already contains is dropped (the host has it); one that changes what the
 * host also changed keeps this device's fields ("keep mine": it was made later than
 * what the host last gave this device, and is not in the host's copy yet). Returns
 * the new record and the indexes of the edits kept, or undefined when an edit cannot
 * be laid over `theirs` at all (the caller then keeps the stored case).
 */
export function layOver(
  base: CaseRecord,
  edits: readonly Change[],
  theirs: CaseRecord,
  options: ParseOptions,
): { record: CaseRecord; kept: number[] } | undefined {
  let mine = base;
  let record = theirs;
  const kept: number[] = [];
  try {
    edits.forEach((change, index) => {
      const edit = { change, base: baseOf(mine, change) };
      mine = applyChange(mine, change, options);
      let result = rebase(edit, record, options);
      if (result.kind === 'conflict') result = rebase(keepMine(edit, record), record, options);
      if (result.kind === 'conflict') throw new Error('cannot be laid over');
      if (result.kind === 'apply') {
        record = result.record;
        kept.push(index);
      }
    });
  } catch {
    // A log that no longer replays on its base, or an edit the host's copy refuses: keep what is stored.
    return undefined;
  }
  return { record, kept };
}
