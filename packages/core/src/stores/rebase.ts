/**
 * Re-applying an edit made on an old revision to the newest record (pure).
 *
 * Edits are semantic changes, so an edit is not replayed blindly: it is compared
 * three ways, field by field, with the entity as it was when the edit was made
 * (`base`), as the edit would have it (`mine`) and as the record has it now
 * (`theirs`):
 *
 * - a field only I changed is laid over theirs;
 * - a field we both changed to the same value is already applied;
 * - a field we both changed to different values is a conflict.
 *
 * An edit whose every change is already in the record is `applied` (nothing to
 * send): a re-sent edit whose answer was lost is harmless. Adds, removes and the
 * state changes (cancel, complete, reopen) are judged by the entity's presence
 * and state; a change the record's rules refuse is a `refused` conflict.
 */
import { applyChange, type Change } from '../changes.js';
import { changeSubject, type EntityRef } from '../edits.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { CaseRecord } from '../model/schemas.js';
import type { ParseOptions } from '../record.js';
import type { SyncConflict } from './types.js';

/** An edit as the outbox keeps it: the change and the entity before it. */
export interface RebaseEdit {
  readonly change: Change;
  /** The entity the change is about, as it was on this device just before the edit (undefined: absent). */
  readonly base: unknown;
}

export type ConflictDetails = Pick<SyncConflict, 'reason' | 'fields' | 'mine' | 'theirs'>;

export type RebaseResult =
  /** Send `change` (possibly merged); `record` is theirs with it applied. */
  | { readonly kind: 'apply'; readonly change: Change; readonly record: CaseRecord }
  /** Everything the edit does is in the record already. */
  | { readonly kind: 'applied' }
  | { readonly kind: 'conflict'; readonly conflict: ConflictDetails };

type Entity = Record<string, unknown>;

const COLLECTIONS = {
  member: 'members',
  tie: 'ties',
  episode: 'episodes',
  meeting: 'meetings',
  assessment: 'assessments',
} as const;

/** The entity `ref` points to in `record`, or undefined. */
export function entityIn(record: CaseRecord, ref: EntityRef): Entity | undefined {
  if (ref.kind === 'person') return record.person.id === ref.id ? (record.person as unknown as Entity) : undefined;
  const list = record[COLLECTIONS[ref.kind]] as readonly { id: string }[];
  return list.find((e) => e.id === ref.id) as Entity | undefined;
}

/**
 * The entity as an edit's base keeps it: for member/remove, the member with the ties it
 * has (`ties`), since removing the member removes them too and a tie added elsewhere
 * must then be a conflict, not silently deleted.
 */
export function baseOf(record: CaseRecord, change: Change): Entity | undefined {
  const ref = changeSubject(change);
  const entity = entityIn(record, ref);
  if (change.type !== 'member/remove' || entity === undefined) return entity;
  return { ...entity, ties: record.ties.filter((t) => t.from === ref.id || t.to === ref.id) };
}

/** Deep equality of plain data (what records and changes are). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => same(v, other[i]));
  }
  const ak = Object.keys(a).filter((k) => (a as Entity)[k] !== undefined);
  const bk = Object.keys(b).filter((k) => (b as Entity)[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => same((a as Entity)[k], (b as Entity)[k]));
}

const asEntity = (value: unknown): Entity | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entity) : undefined;

/** Field-by-field differences between two versions of an entity (for the review panel). */
export function fieldDiff(mine: unknown, theirs: unknown): { name: string; mine: unknown; theirs: unknown }[] {
  const a = asEntity(mine) ?? {};
  const b = asEntity(theirs) ?? {};
  // An entity's dated history follows the fields it dates: it is never a field to decide on of its own.
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((n) => n !== 'history');
  return names.filter((n) => !same(a[n], b[n])).map((name) => ({ name, mine: a[name], theirs: b[name] }));
}

/**
 * Three-way merge of one entity: `fields` limits the merge to those fields (the
 * rest is theirs). Returns the merged entity and the fields both sides changed
 * differently.
 */
function merge(base: Entity | undefined, mine: Entity, theirs: Entity, fields?: readonly string[]) {
  const names = fields ?? [...new Set([...Object.keys(base ?? {}), ...Object.keys(mine), ...Object.keys(theirs)])];
  const merged: Entity = { ...theirs };
  const clashes: { name: string; mine: unknown; theirs: unknown }[] = [];
  for (const name of names) {
    // The dated history is theirs, and the change adds its own entry when it is applied.
    if (name === 'history') continue;
    const b = base?.[name];
    const m = mine[name];
    const t = theirs[name];
    if (same(b, m) && base !== undefined) continue; // not mine to change: theirs stays
    if (same(m, t)) continue; // both the same already
    if (base !== undefined && !same(b, t)) clashes.push({ name, mine: m, theirs: t });
    else if (m === undefined) delete merged[name];
    else merged[name] = m;
  }
  return { merged, clashes };
}

/** The entity key a whole-entity change carries (`member` in member/update). */
const ENTITY_KEY: Partial<Record<Change['type'], string>> = {
  'person/update': 'person',
  'member/add': 'member',
  'member/update': 'member',
  'tie/add': 'tie',
  'tie/update': 'tie',
  'episode/add': 'episode',
  'episode/update': 'episode',
  'meeting/record': 'meeting',
  'meeting/update': 'meeting',
  'assessment/start': 'assessment',
  'assessment/update': 'assessment',
};

/** The type that adds / updates the same kind of entity (for keeping mine after `removed` or `exists`). */
const ADD_OF: Partial<Record<Change['type'], Change['type']>> = {
  'member/update': 'member/add',
  'tie/update': 'tie/add',
  'episode/update': 'episode/add',
  'meeting/update': 'meeting/record',
};
const UPDATE_OF: Partial<Record<Change['type'], Change['type']>> = {
  'member/add': 'member/update',
  'tie/add': 'tie/update',
  'episode/add': 'episode/update',
  'meeting/record': 'meeting/update',
  'assessment/start': 'assessment/update',
};

const conflict = (
  reason: ConflictDetails['reason'],
  mine: unknown,
  theirs: unknown,
  fields = fieldDiff(mine, theirs),
): RebaseResult => ({ kind: 'conflict', conflict: { reason, fields, mine, theirs } });

/** Applies `change` to theirs; a refusal by the record's rules is a `refused` conflict. */
function attempt(
  theirs: CaseRecord,
  change: Change,
  options: ParseOptions,
  mine: unknown,
  current: unknown,
): RebaseResult {
  try {
    return { kind: 'apply', change, record: applyChange(theirs, change, options) };
  } catch (error) {
    if (error instanceof ValidationError || error instanceof NotFoundError) return conflict('refused', mine, current);
    throw error;
  }
}

/** Re-applies `edit` to `theirs` (the newest record). Never throws for a valid record and change. */
export function rebase(edit: RebaseEdit, theirs: CaseRecord, options: ParseOptions = {}): RebaseResult {
  const { change } = edit;
  const ref = changeSubject(change);
  const current = entityIn(theirs, ref);
  const base = asEntity(edit.base);
  const key = ENTITY_KEY[change.type];

  switch (change.type) {
    case 'member/add':
    case 'tie/add':
    case 'episode/add':
    case 'meeting/record':
    case 'assessment/start': {
      const mine = (change as Entity)[key!];
      if (current === undefined) return attempt(theirs, change, options, mine, current);
      return same(current, mine) ? { kind: 'applied' } : conflict('exists', mine, current);
    }
    case 'member/remove':
    case 'tie/remove': {
      if (current === undefined) return { kind: 'applied' };
      // A member's base carries its ties (older entries may not): compare like with like.
      const now =
        base !== undefined && 'ties' in base && change.type === 'member/remove' ? baseOf(theirs, change) : current;
      if (base !== undefined && !same(base, now)) return conflict('changed', undefined, current, fieldDiff(base, now));
      return attempt(theirs, change, options, undefined, current);
    }
    case 'person/update':
    case 'member/update':
    case 'tie/update':
    case 'episode/update':
    case 'meeting/update':
    case 'assessment/update': {
      const mine = (change as Entity)[key!] as Entity;
      if (current === undefined) return conflict('removed', mine, undefined);
      const { merged, clashes } = merge(base, mine, current);
      if (clashes.length)
        return conflict(
          'changed',
          { ...merged, ...Object.fromEntries(clashes.map((c) => [c.name, c.mine])) },
          current,
          clashes,
        );
      if (same(merged, current)) return { kind: 'applied' };
      return attempt(theirs, { ...change, [key!]: merged } as Change, options, merged, current);
    }
    case 'meeting/set-attendance': {
      if (current === undefined)
        return conflict('removed', { personPresent: change.personPresent, attendees: change.attendees }, undefined);
      const mine = { ...current, personPresent: change.personPresent, attendees: change.attendees };
      const { merged, clashes } = merge(base, mine, current, ['personPresent', 'attendees']);
      if (clashes.length) return conflict('changed', mine, current, clashes);
      if (same(merged, current)) return { kind: 'applied' };
      const next = {
        ...change,
        personPresent: merged.personPresent as boolean,
        attendees: merged.attendees as typeof change.attendees,
      };
      return attempt(theirs, next, options, merged, current);
    }
    case 'meeting/cancel':
      if (current === undefined) return conflict('removed', undefined, undefined, []);
      if (current.status === 'cancelled') return { kind: 'applied' };
      return attempt(theirs, change, options, { ...current, status: 'cancelled' }, current);
    case 'assessment/complete':
    case 'assessment/reopen': {
      if (current === undefined) return conflict('removed', undefined, undefined, []);
      const wanted = change.type === 'assessment/complete' ? 'complete' : 'draft';
      if (current.status === wanted) return { kind: 'applied' };
      return attempt(theirs, change, options, { ...current, status: wanted }, current);
    }
    case 'assessment/rate':
      return rebaseRating(change, base, current, theirs, options);
  }
}

type RateChange = Extract<Change, { type: 'assessment/rate' }>;
type RatingLike = { itemId: string; value?: unknown; comment?: unknown };

/** assessment/rate works per item: its value and its comment, each three-way. */
function rebaseRating(
  change: RateChange,
  base: Entity | undefined,
  current: Entity | undefined,
  theirs: CaseRecord,
  options: ParseOptions,
): RebaseResult {
  const ratingOf = (assessment: Entity | undefined): RatingLike | undefined =>
    Array.isArray(assessment?.ratings)
      ? (assessment.ratings as RatingLike[]).find((r) => r?.itemId === change.itemId)
      : undefined;
  const baseRating = ratingOf(base);
  const theirRating = ratingOf(current);
  const mine: RatingLike = { itemId: change.itemId, value: baseRating?.value, comment: baseRating?.comment };
  if (change.value !== undefined) mine.value = change.value ?? undefined;
  if (change.comment !== undefined) mine.comment = change.comment || undefined;
  if (current === undefined) return conflict('removed', mine, undefined);
  const theirsNow: RatingLike = { itemId: change.itemId, value: theirRating?.value, comment: theirRating?.comment };
  const next: Entity = { type: change.type, assessmentId: change.assessmentId, itemId: change.itemId };
  if (change.at !== undefined) next.at = change.at;
  const clashes: { name: string; mine: unknown; theirs: unknown }[] = [];
  let changes = 0;
  for (const field of ['value', 'comment'] as const) {
    if (change[field] === undefined) continue;
    const b = base === undefined ? undefined : baseRating?.[field];
    if (base !== undefined && same(b, mine[field])) continue; // unchanged by me: keep theirs
    if (same(mine[field], theirsNow[field])) continue; // already so
    if (base !== undefined && !same(b, theirsNow[field])) {
      clashes.push({ name: `${change.itemId}.${field}`, mine: mine[field], theirs: theirsNow[field] });
      continue;
    }
    next[field] = change[field];
    changes++;
  }
  if (clashes.length) return conflict('changed', mine, theirsNow, clashes);
  if (changes === 0) return { kind: 'applied' };
  return attempt(theirs, next as RateChange, options, mine, theirsNow);
}

/**
 * What "keep mine" sends for a conflict: the fields this edit changed (its entity
 * against its base) laid over the entity as the newest record `theirs` has it now,
 * with that as the new base (so a further change on the server is noticed again).
 * Fields the edit did not touch stay as they are now: a colleague's later change to
 * another field is never undone. A rating sends only what the edit set.
 */
export function keepMine(edit: RebaseEdit, theirs: CaseRecord): RebaseEdit {
  const { change } = edit;
  const current = entityIn(theirs, changeSubject(change));
  const base = asEntity(edit.base);
  const next = baseOf(theirs, change);
  const key = ENTITY_KEY[change.type];
  if (key) {
    const made = (change as Entity)[key] as Entity;
    let mine = made;
    if (current !== undefined && base !== undefined) {
      mine = { ...current };
      for (const name of new Set([...Object.keys(base), ...Object.keys(made)])) {
        if (same(base[name], made[name])) continue; // not changed by this edit: as it is now
        if (made[name] === undefined) delete mine[name];
        else mine[name] = made[name];
      }
    }
    // Removed since: add it again; added elsewhere: update it to mine.
    const type = current === undefined ? (ADD_OF[change.type] ?? change.type) : (UPDATE_OF[change.type] ?? change.type);
    // An update keeps its time (what it replaces is dated by when it was made); an add has none.
    const time = 'at' in change ? change.at : undefined;
    const at = time !== undefined && (type === 'member/update' || type === 'tie/update') ? { at: time } : {};
    return { change: { type, [key]: mine, ...at } as unknown as Change, base: next };
  }
  // Attendance, ratings (only the value and/or comment the edit set), removes and state
  // changes: the same change, judged against the record as it is now.
  return { change, base: next };
}
