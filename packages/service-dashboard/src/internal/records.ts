import { ValidationError } from '@odkit/core';

/**
 * Records given to the dashboard as a list it can read more than once (it summarises them
 * again when a filter changes): an array, or any other synchronous iterable, read once into
 * one. A stream (an async iterable) is for `summariseService` itself: summarise it (in a
 * Worker, say) and give the dashboard the summary.
 */
export function recordList(records: unknown, message: string): readonly unknown[] {
  if (Array.isArray(records)) return records;
  if (
    typeof records === 'object' &&
    records !== null &&
    typeof (records as Iterable<unknown>)[Symbol.iterator] === 'function'
  ) {
    return Array.from(records as Iterable<unknown>);
  }
  throw new ValidationError('Records', [{ path: [], message }]);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The records as one team would see them: each record with only the episodes that team is
 * responsible for, and their meetings and assessments; a record with none of its episodes
 * is left out. A record not shaped like one is passed on untouched, so that the summary
 * reports it as invalid (with its position among the team's records) rather than hiding it.
 */
export function teamRecords(records: readonly unknown[], team: string): unknown[] {
  const out: unknown[] = [];
  for (const record of records) {
    if (
      !isObject(record) ||
      !Array.isArray(record.episodes) ||
      !Array.isArray(record.meetings) ||
      !Array.isArray(record.assessments)
    ) {
      out.push(record);
      continue;
    }
    const episodes = record.episodes.filter((e: unknown) => isObject(e) && e.responsibleTeam === team);
    if (!episodes.length) continue;
    if (episodes.length === record.episodes.length) {
      out.push(record);
      continue;
    }
    const episodeIds = new Set(episodes.map((e) => (e as { id: unknown }).id));
    const meetings = record.meetings.filter((m: unknown) => !isObject(m) || episodeIds.has(m.episodeId));
    const meetingIds = new Set(meetings.map((m) => (isObject(m) ? m.id : undefined)));
    const assessments = record.assessments.filter((a: unknown) => !isObject(a) || meetingIds.has(a.meetingId));
    out.push({ ...record, episodes, meetings, assessments });
  }
  return out;
}

/** Distinct teams responsible for the records' episodes, sorted; records not shaped like one are passed over. */
export function teamsOf(records: readonly unknown[]): string[] {
  const teams = new Set<string>();
  for (const record of records) {
    if (!isObject(record) || !Array.isArray(record.episodes)) continue;
    for (const e of record.episodes)
      if (isObject(e) && typeof e.responsibleTeam === 'string') teams.add(e.responsibleTeam);
  }
  return [...teams].sort((a, b) => a.localeCompare(b));
}
