import {
  defaultInstruments,
  fidelityTrend,
  heldMeetings,
  PRACTITIONER_ROLES,
  summariseMeetings,
  type CaseRecord,
  type Episode,
  type LocalisedText,
  type Meeting,
  type MeetingSummary,
  type NetworkMember,
} from '@odkit/core';
import { localDate } from './time.js';

export type TimelineView = 'list' | 'matrix';
/** The time axis's scale (the timeline's `scale`). */
export type TimelineScale = 'day' | 'week' | 'month';
/** @deprecated Use `TimelineScale` (the attribute is `scale` now). */
export type TimelineZoom = TimelineScale;
export const VIEWS: readonly TimelineView[] = ['list', 'matrix'];
export const ZOOMS: readonly TimelineZoom[] = ['day', 'week', 'month'];

/** What the timeline shows for one episode, worked out once per record, episode and "now". */
export interface TimelineModel {
  readonly episode: Episode;
  /** Every meeting of the episode, earliest first. */
  readonly meetings: readonly Meeting[];
  readonly times: ReadonlyMap<string, number>;
  readonly members: ReadonlyMap<string, NetworkMember>;
  /** Every measure, from core's `summariseMeetings` for this episode as of "now". */
  readonly summary: MeetingSummary;
  /** The first held meeting, if there is one. */
  readonly firstMeetingId: string | null;
  /** Held meetings after the first with a practitioner from the first meeting present. */
  readonly continuity: ReadonlySet<string>;
  /**
   * Fidelity per held meeting (core's `fidelityTrend`): a score for each instrument it was
   * assessed with (or only the one asked for), with the number of assessments counted.
   */
  readonly fidelity: ReadonlyMap<string, readonly InstrumentFidelity[]>;
  /** How many instruments give scores in this episode: with more than one, each score names its instrument. */
  readonly instrumentsScored: number;
}

/** One instrument's fidelity score for a meeting. */
export interface InstrumentFidelity {
  readonly instrumentId: string;
  /** The instrument's title (its id when the kit does not know it). */
  readonly title: LocalisedText;
  readonly share: number | null;
  readonly count: number;
}

/** The latest episode by first contact: the one a practitioner is most likely working in. */
export function latestEpisode(record: CaseRecord): Episode | undefined {
  let latest: Episode | undefined;
  for (const e of record.episodes)
    if (!latest || Date.parse(e.firstContact) > Date.parse(latest.firstContact)) latest = e;
  return latest;
}

/**
 * `instrumentId`: the instrument whose assessments give the fidelity scores, or
 * undefined for every instrument the episode's complete assessments use.
 */
export function buildModel(
  record: CaseRecord,
  episode: Episode,
  asOf: string,
  instrumentId: string | undefined,
): TimelineModel {
  const options = { episodeId: episode.id, asOf };
  const times = new Map<string, number>();
  const meetings = record.meetings.filter((m) => m.episodeId === episode.id);
  for (const m of meetings) times.set(m.id, Date.parse(m.start));
  meetings.sort((a, b) => times.get(a.id)! - times.get(b.id)! || (a.id < b.id ? -1 : 1));

  const summary = summariseMeetings(record, options);
  // Which meetings count towards core's continuity measure: the same held meetings,
  // marked one by one so a practitioner can see where continuity held.
  const held = heldMeetings(record, options);
  const practitioners = (m: Meeting) =>
    m.attendees
      .filter((a) => a.present && (PRACTITIONER_ROLES as readonly string[]).includes(a.role))
      .map((a) => a.memberId);
  const first = new Set(held[0] ? practitioners(held[0]) : []);
  const continuity = new Set(
    held
      .slice(1)
      .filter((m) => practitioners(m).some((id) => first.has(id)))
      .map((m) => m.id),
  );

  const inEpisode = new Set(meetings.map((m) => m.id));
  const instrumentIds = instrumentId
    ? [instrumentId]
    : [
        ...new Set(
          record.assessments
            .filter((a) => a.status === 'complete' && inEpisode.has(a.meetingId))
            .map((a) => a.instrumentId),
        ),
      ].sort();
  const fidelity = new Map<string, InstrumentFidelity[]>();
  let instrumentsScored = 0;
  for (const id of instrumentIds) {
    const trend = fidelityTrend(record, { instrumentId: id, episodeId: episode.id });
    if (trend.length) instrumentsScored++;
    const title = defaultInstruments.get(id)?.title ?? { 'en-GB': id };
    for (const f of trend) {
      const scores = fidelity.get(f.meetingId) ?? [];
      scores.push({ instrumentId: id, title, share: f.share, count: f.scores.length });
      fidelity.set(f.meetingId, scores);
    }
  }
  return {
    episode,
    meetings,
    times,
    members: new Map(record.members.map((m) => [m.id, m])),
    summary,
    firstMeetingId: summary.timeToFirstMeeting[0]?.firstMeetingId ?? null,
    continuity,
    fidelity,
    instrumentsScored,
  };
}

/** The meetings whose local date (in `zone`) lies within `from`…`to` (inclusive; either may be open). */
export function inRange(
  model: TimelineModel,
  zone: string,
  from: string | undefined,
  to: string | undefined,
): readonly Meeting[] {
  if (!from && !to) return model.meetings;
  return model.meetings.filter((m) => {
    const day = localDate(model.times.get(m.id)!, zone);
    return (!from || day >= from) && (!to || day <= to);
  });
}

/** `compute`, remembered for its last arguments: worked out again only when one of them changes (by identity). */
export function memoLast<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; value: R } | undefined;
  return (...args) => {
    if (!last || args.some((a, i) => a !== last!.args[i])) last = { args, value: compute(...args) };
    return last.value;
  };
}
