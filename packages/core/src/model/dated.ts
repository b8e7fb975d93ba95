/**
 * Dated history of the fields that place a member or a tie in the network: a member's ring,
 * sector and status, a tie's strength, quality and direction. Each change of them keeps the
 * earlier values, dated by the change's time (`history` on the entity), so that the network can
 * be shown as it was on any day. Pure functions, shared by the reducer (which adds the entries)
 * and every reader (the map's `as-of`, exports, services).
 */
import { ValidationError } from '../errors.js';
import type { MemberEarlierValues, NetworkMember, Tie, TieEarlierValues } from './schemas.js';

/** The member fields whose every change is dated. */
export const MEMBER_DATED_FIELDS = ['ring', 'sector', 'status'] as const;
/** The tie fields whose every change is dated. */
export const TIE_DATED_FIELDS = ['strength', 'quality', 'direction'] as const;

type Dated = { readonly history?: readonly { readonly at: string }[] | undefined };

/**
 * The member as they were at `at` (an ISO date-time, or milliseconds): their ring, sector and status then, from
 * their history (the rest as now). The same object when nothing differed.
 */
export function memberAsOf(member: NetworkMember, at: string | number): NetworkMember {
  return asOf(member, MEMBER_DATED_FIELDS, at);
}

/** The tie as it was at `at` (an ISO date-time, or milliseconds): its strength, quality and direction then. */
export function tieAsOf(tie: Tie, at: string | number): Tie {
  return asOf(tie, TIE_DATED_FIELDS, at);
}

function asOf<T extends Dated>(entity: T, fields: readonly string[], at: string | number): T {
  const time = typeof at === 'number' ? at : Date.parse(at);
  if (!entity.history?.length || Number.isNaN(time)) return entity;
  let out = entity;
  const found = new Set<string>();
  // Oldest first: the first entry after `time` naming a field holds its value at `time`.
  for (const entry of entity.history) {
    if (Date.parse(entry.at) <= time) continue;
    for (const field of fields) {
      const value = (entry as Record<string, unknown>)[field];
      if (value === undefined || found.has(field)) continue;
      found.add(field);
      out = { ...out, [field]: value };
    }
    if (found.size === fields.length) break;
  }
  return out;
}

/**
 * `next` (an update of `current`) with its history: the history the update carries (or, without one, the
 * record's), plus an entry holding the earlier value of each dated field the update changes, dated `at`. An entry
 * goes after the last one even when `at` is earlier (an edit made offline and sent later): the record's order of
 * changes wins. Throws ValidationError (at `path`) for an entry the update brings that is dated after the update.
 */
export function withHistory<T extends NetworkMember | Tie>(
  current: T,
  next: T,
  fields: readonly string[],
  at: string,
  path: (string | number)[],
): T {
  type Entry = MemberEarlierValues | TieEarlierValues;
  const had = (current.history ?? []) as readonly Entry[];
  const history = [...((next.history ?? had) as readonly Entry[])];
  const time = Date.parse(at);
  const known = new Set(had.map((e) => JSON.stringify(e)));
  history.forEach((entry, i) => {
    if (!known.has(JSON.stringify(entry)) && Date.parse(entry.at) > time) {
      throw new ValidationError('Change', [
        { path: [...path, 'history', i, 'at'], message: `is after the change (${at})` },
      ]);
    }
  });
  const earlier: Record<string, unknown> = {};
  for (const field of fields) {
    const was = (current as Record<string, unknown>)[field];
    if (was !== (next as Record<string, unknown>)[field]) earlier[field] = was;
  }
  if (Object.keys(earlier).length) {
    const last = history[history.length - 1];
    const when = last && Date.parse(last.at) > time ? last.at : at;
    history.push({ at: when, ...earlier } as Entry);
  }
  if (!history.length && next.history === undefined) return next;
  return { ...next, history };
}
