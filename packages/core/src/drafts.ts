/**
 * Drafts kept on this device: what a person typed into an assessment that the store cannot
 * take yet (no rater's name, a MemoryStore or a `record` property that does not outlast a
 * reload, a store that is offline or failing). They live in the page origin's localStorage,
 * which is written at once (an entry written as the page is left is there on the next load),
 * one entry per assessment under `odkit-draft/<case>/<instrument>/<assessment>`.
 *
 * They hold health data: a widget removes its draft once the store has what it holds and when
 * the assessment is completed; `clearDrafts` (and `clearFromDevice`) removes every draft of a
 * case. Never trusted on read: an entry that does not read back as a draft of its key is
 * removed and counted, never used.
 */
import { StorageError } from './errors.js';
import { TEXT_LIMITS, isId } from './model/primitives.js';
import type { Assessment } from './model/schemas.js';
import { validate } from './validate-entity.js';

const PREFIX = 'odkit-draft/';
/** Version 2 records each draft's base; version 1 entries (written before it) are read without one. */
const VERSION = 2;
const VERSION_WITHOUT_BASE = 1;
/** A base's field names: `rating-<item>`, `comment-<item>`, `rater-name`, `rater-role`, `evidence`. */
const FIELD_NAME = /^(?:(?:rating|comment)-([A-Za-z0-9.-]{1,64})|rater-name|rater-role|evidence)$/;

/** One assessment's draft as kept on this device. */
export interface DeviceDraft {
  readonly caseId: string;
  /** The assessment as the person left it (its rater's name may still be empty). */
  readonly assessment: Assessment;
  /** The items the person changed that the store may not have (laid over the stored assessment on restore). */
  readonly edited: readonly string[];
  /** Whether the rater's details were changed too. */
  readonly raterEdited: boolean;
  /**
   * What the draft is based on: for each field it changed, the value the store held as the person last saw it
   * (`rating-<item>`: '' unrated, the scale value or 'na'; `comment-<item>`; `rater-name`, `rater-role`,
   * `evidence`). On restore the draft is merged three ways against what is stored then. A field missing here
   * (one that waited for the person's choice) is not known: where the stored value differs from the draft's, the
   * person is asked. Undefined for a draft written before drafts had a base: every field is not known.
   */
  readonly base?: Readonly<Record<string, string>> | undefined;
  /** When it was written (ISO time). */
  readonly savedAt: string;
}

/** The drafts of a case kept on this device, and how many entries were unreadable (they have been removed). */
export interface DeviceDrafts {
  readonly drafts: readonly DeviceDraft[];
  readonly unreadable: number;
}

const keyOf = (caseId: string, instrumentId: string, assessmentId: string) =>
  `${PREFIX}${caseId}/${instrumentId}/${assessmentId}`;

/** localStorage, or a StorageError when this page has none (a sandboxed frame, storage turned off). */
function storage(): Storage {
  try {
    const store = globalThis.localStorage;
    if (store) return store;
  } catch {
    // Reading `localStorage` throws where the browser denies storage.
  }
  throw new StorageError('Drafts cannot be kept on this device: the browser gives this page no local storage.');
}

function checkCaseId(caseId: unknown): asserts caseId is string {
  if (!isId(caseId)) throw new StorageError('Drafts are kept per case: the case id is not a valid id.');
}

/** Keeps (or replaces) a draft on this device. Throws StorageError when it cannot be written (no storage, full). */
export function saveDraft(draft: DeviceDraft): void {
  checkCaseId(draft.caseId);
  const { assessment } = draft;
  const key = keyOf(draft.caseId, assessment.instrumentId, assessment.id);
  // Without a base it is written as a draft of before bases: every field is then not known on restore.
  const text = JSON.stringify({ v: draft.base === undefined ? VERSION_WITHOUT_BASE : VERSION, ...draft });
  try {
    storage().setItem(key, text);
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError('The draft could not be kept on this device: its storage is full or refused the write.');
  }
}

/** Removes one assessment's draft (nothing when there is none, or no storage). */
export function removeDraft(caseId: string, instrumentId: string, assessmentId: string): void {
  try {
    storage().removeItem(keyOf(caseId, instrumentId, assessmentId));
  } catch {
    // No storage: nothing was kept.
  }
}

/** The keys of every entry of the case (read before any is removed). */
function keysOf(caseId: string): string[] {
  let store: Storage;
  try {
    store = storage();
  } catch {
    return [];
  }
  const prefix = `${PREFIX}${caseId}/`;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/**
 * The drafts of `caseId` kept on this device, each checked against the kit's assessment schema
 * and its key. An entry that does not pass is removed (it would fail again on every load) and
 * counted in `unreadable`; its text is never read out.
 */
export function readDrafts(caseId: string): DeviceDrafts {
  checkCaseId(caseId);
  const drafts: DeviceDraft[] = [];
  let unreadable = 0;
  for (const key of keysOf(caseId)) {
    let text: string | null = null;
    try {
      text = storage().getItem(key);
    } catch {
      continue;
    }
    const draft = text === null ? undefined : parseEntry(key, caseId, text);
    if (draft) drafts.push(draft);
    else {
      unreadable++;
      removeDraftKey(key);
    }
  }
  return { drafts, unreadable };
}

/** Removes every draft of `caseId` from this device; returns how many there were. */
export function clearDrafts(caseId: string): number {
  checkCaseId(caseId);
  const keys = keysOf(caseId);
  for (const key of keys) removeDraftKey(key);
  return keys.length;
}

function removeDraftKey(key: string): void {
  try {
    storage().removeItem(key);
  } catch {
    // No storage: nothing to remove.
  }
}

/** An entry read back, or undefined when it is not a draft of its key. */
function parseEntry(key: string, caseId: string, text: string): DeviceDraft | undefined {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof input !== 'object' || input === null) return undefined;
  const raw = input as Partial<Record<keyof DeviceDraft | 'v', unknown>>;
  if (raw.caseId !== caseId || typeof raw.savedAt !== 'string') return undefined;
  if (typeof raw.raterEdited !== 'boolean') return undefined;
  const { edited } = raw;
  if (!Array.isArray(edited) || edited.length > 1000 || !edited.every(isId)) return undefined;
  let base: Record<string, string> | undefined;
  if (raw.v === VERSION) {
    base = parseBase(raw.base, edited, raw.raterEdited);
    if (!base) return undefined;
  } else if (raw.v !== VERSION_WITHOUT_BASE || raw.base !== undefined) return undefined;
  const assessment = raw.assessment as { rater?: { name?: unknown } } | undefined;
  if (typeof assessment !== 'object' || assessment === null) return undefined;
  // The schema needs a rater's name, which a draft made before it was typed lacks.
  const name = assessment.rater?.name;
  if (typeof name !== 'string') return undefined;
  const result = validate('assessment', {
    ...assessment,
    rater: { ...assessment.rater, name: name.trim() ? name : '-' },
  });
  if (!result.ok) return undefined;
  const checked = { ...result.value, rater: { ...result.value.rater, name } };
  if (key !== keyOf(caseId, checked.instrumentId, checked.id)) return undefined;
  const draft = {
    caseId,
    assessment: checked,
    edited: [...edited],
    raterEdited: raw.raterEdited,
    savedAt: raw.savedAt,
  };
  return base ? { ...draft, base } : draft;
}

/**
 * A draft's base read back, or undefined when it is not one: a plain object of text values, each named for a field of
 * an item the draft changed (or of the rater's details, when those were changed).
 */
function parseBase(
  input: unknown,
  edited: readonly string[],
  raterEdited: boolean,
): Record<string, string> | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const items = new Set(edited);
  const base: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    const field = FIELD_NAME.exec(name);
    if (typeof value !== 'string' || value.length > TEXT_LIMITS.long || !field) return undefined;
    const itemId = field[1]; // undefined for the rater's details
    if (itemId ? !items.has(itemId) : !raterEdited) return undefined;
    base[name] = value; // FIELD_NAME admits no `__proto__`
  }
  return base;
}
