import type { CaseRecord, Episode, Meeting, MeetingMode, NetworkMember } from '../model/schemas.js';
import { MEETING_MODES, PRACTITIONER_ROLES } from '../model/schemas.js';
import { ValidationError } from '../errors.js';
import { parseWith } from '../model/validate.js';
import { guarded } from '../internal/guard.js';
import { IsoDateTime, toTime } from '../model/primitives.js';

/** A count out of a total; `value` is `numerator / denominator`, or null when there is nothing to count. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
}

export interface MetricOptions {
  /** Only this episode (default: every episode in the record). */
  episodeId?: string;
  /**
   * "Now": measures are taken as they stood at this instant. Held meetings that
   * start after it are not counted, and an episode with an end is never measured
   * past it. Metrics are pure: they never read the clock. Default: the episode's
   * end, else the latest start or end of a held meeting, else first contact.
   */
  asOf?: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** The first-meeting target: within 24 hours of first contact. */
export const FIRST_MEETING_TARGET_HOURS = 24;
/** The early phase of an episode: its first two weeks. */
export const EARLY_PHASE_DAYS = 14;

export const ratio = (numerator: number, denominator: number): Ratio => {
  if (typeof numerator !== 'number' || typeof denominator !== 'number') {
    throw new ValidationError('Ratio', [{ path: [], message: 'expects two numbers' }]);
  }
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
};

const isPractitionerRole = (role: string) => (PRACTITIONER_ROLES as readonly string[]).includes(role);

function episodesOf(record: CaseRecord, options: MetricOptions): Episode[] {
  // Every measure passes through here: an unreadable "now" must fail loudly, not give NaN figures.
  if (options.asOf !== undefined) parseWith(IsoDateTime, options.asOf, 'Metric options', { at: ['asOf'] });
  return options.episodeId === undefined ? record.episodes : record.episodes.filter((e) => e.id === options.episodeId);
}

// Records are frozen, so held-meeting lists can be cached per record: every
// measure in a summary shares one filter-and-sort instead of repeating it.
const heldCache = new WeakMap<CaseRecord, Map<string, readonly Meeting[]>>();

/** Held meetings of the chosen episodes (up to `asOf`, when given), earliest first. */
export function heldMeetings(record: CaseRecord, options: MetricOptions = {}): readonly Meeting[] {
  return guarded('Metric input', () => {
    const key = `${options.episodeId ?? '*'}|${options.asOf ?? ''}`;
    let byKey = heldCache.get(record);
    const cached = byKey?.get(key);
    if (cached) return cached;
    const ids = new Set(episodesOf(record, options).map((e) => e.id));
    const until = options.asOf === undefined ? Infinity : toTime(options.asOf);
    const held = record.meetings
      .filter((m) => m.status === 'held' && ids.has(m.episodeId))
      .map((m) => ({ m, t: toTime(m.start) }))
      .filter(({ t }) => t <= until)
      .sort((a, b) => a.t - b.t)
      .map(({ m }) => m);
    if (Object.isFrozen(record)) {
      if (!byKey) heldCache.set(record, (byKey = new Map()));
      byKey.set(key, Object.freeze(held));
    }
    return held;
  });
}

function asOfTime(record: CaseRecord, episode: Episode, options: MetricOptions): number {
  if (options.asOf !== undefined) {
    // asOf is "now" for a running episode; an episode that has ended stops at its end.
    const asOf = toTime(options.asOf);
    return episode.end !== undefined ? Math.min(asOf, toTime(episode.end)) : asOf;
  }
  if (episode.end !== undefined) return toTime(episode.end);
  let latest = toTime(episode.firstContact);
  for (const m of record.meetings) {
    // Planned meetings lie in the future and cancelled ones never happened: neither says how far the episode has run.
    if (m.episodeId !== episode.id || m.status !== 'held') continue;
    latest = Math.max(latest, toTime(m.start), m.end ? toTime(m.end) : 0);
  }
  return latest;
}

export interface FirstMeetingTime {
  readonly episodeId: string;
  readonly firstContact: string;
  /** The first held meeting, if one has been held. */
  readonly firstMeetingId: string | null;
  /** Hours from first contact to the first held meeting. */
  readonly hours: number | null;
  /** Hours elapsed since first contact while the first meeting is still awaited (as of `asOf`). */
  readonly awaitingHours: number | null;
  /** Met the 24-hour target; null while awaited and still inside it. */
  readonly withinTarget: boolean | null;
}

/** Time from first contact to the first held meeting, per episode. */
export function timeToFirstMeeting(record: CaseRecord, options: MetricOptions = {}): FirstMeetingTime[] {
  return guarded('Metric input', () => {
    return episodesOf(record, options).map((episode) => {
      const contact = toTime(episode.firstContact);
      const first = heldMeetings(record, { ...options, episodeId: episode.id })[0];
      if (first) {
        const hours = (toTime(first.start) - contact) / HOUR;
        return {
          episodeId: episode.id,
          firstContact: episode.firstContact,
          firstMeetingId: first.id,
          hours,
          awaitingHours: null,
          withinTarget: hours <= FIRST_MEETING_TARGET_HOURS,
        };
      }
      const awaitingHours = Math.max(0, (asOfTime(record, episode, options) - contact) / HOUR);
      return {
        episodeId: episode.id,
        firstContact: episode.firstContact,
        firstMeetingId: null,
        hours: null,
        awaitingHours,
        withinTarget: awaitingHours > FIRST_MEETING_TARGET_HOURS ? false : null,
      };
    });
  });
}

/** Share of episodes whose first meeting was within 24 hours (episodes still inside the 24 hours are not counted). */
export function firstMeetingWithinTarget(record: CaseRecord, options: MetricOptions = {}): Ratio {
  return guarded('Metric input', () => {
    const known = timeToFirstMeeting(record, options).filter((t) => t.withinTarget !== null);
    return ratio(known.filter((t) => t.withinTarget).length, known.length);
  });
}

export interface PhaseRate {
  readonly meetings: number;
  /** Length of the phase so far, in weeks. */
  readonly weeks: number;
  /** Held meetings per week; null when the phase has not started. */
  readonly perWeek: number | null;
}

/** Held meetings per week in the first two weeks from first contact, and after. Summed over the chosen episodes. */
export function meetingsPerWeekByPhase(
  record: CaseRecord,
  options: MetricOptions = {},
): { early: PhaseRate; later: PhaseRate } {
  return guarded('Metric input', () => {
    let early = 0,
      later = 0,
      earlyWeeks = 0,
      laterWeeks = 0;
    for (const episode of episodesOf(record, options)) {
      const contact = toTime(episode.firstContact);
      const boundary = contact + EARLY_PHASE_DAYS * DAY;
      const end = asOfTime(record, episode, options);
      earlyWeeks += Math.max(0, Math.min(end, boundary) - contact) / WEEK;
      laterWeeks += Math.max(0, end - boundary) / WEEK;
      for (const m of heldMeetings(record, { ...options, episodeId: episode.id })) {
        if (toTime(m.start) < boundary) early++;
        else later++;
      }
    }
    const rate = (meetings: number, weeks: number): PhaseRate => ({
      meetings,
      weeks,
      perWeek: weeks > 0 ? meetings / weeks : null,
    });
    return { early: rate(early, earlyWeeks), later: rate(later, laterWeeks) };
  });
}

const presentPractitioners = (m: Meeting) => m.attendees.filter((a) => a.present && isPractitionerRole(a.role));

/** Share of held meetings with two or more practitioners (facilitators and peer workers) present. */
export function twoOrMorePractitioners(record: CaseRecord, options: MetricOptions = {}): Ratio {
  return guarded('Metric input', () => {
    const held = heldMeetings(record, options);
    return ratio(held.filter((m) => presentPractitioners(m).length >= 2).length, held.length);
  });
}

/** Share of held meetings with a peer support worker present. */
export function withPeerWorker(record: CaseRecord, options: MetricOptions = {}): Ratio {
  return guarded('Metric input', () => {
    const held = heldMeetings(record, options);
    return ratio(
      held.filter((m) => m.attendees.some((a) => a.present && a.role === 'peer-worker')).length,
      held.length,
    );
  });
}

/** Share of held meetings with at least one non-professional network member (a member of kind `person`) present. */
export function withNetworkMember(record: CaseRecord, options: MetricOptions = {}): Ratio {
  return guarded('Metric input', () => {
    const members = new Map<string, NetworkMember>(record.members.map((m) => [m.id, m]));
    const held = heldMeetings(record, options);
    const count = held.filter((m) =>
      m.attendees.some((a) => a.present && a.role === 'network' && members.get(a.memberId)?.kind === 'person'),
    ).length;
    return ratio(count, held.length);
  });
}

/** Mean number of network members (role `network`) present per held meeting; null without meetings. */
export function meanNetworkMembersPresent(record: CaseRecord, options: MetricOptions = {}): number | null {
  return guarded('Metric input', () => {
    const held = heldMeetings(record, options);
    if (held.length === 0) return null;
    const total = held.reduce((n, m) => n + m.attendees.filter((a) => a.present && a.role === 'network').length, 0);
    return total / held.length;
  });
}

/** Held meetings by mode (home, clinic, remote, other), each as a share of all held meetings. */
export function placeMix(record: CaseRecord, options: MetricOptions = {}): Record<MeetingMode, Ratio> {
  return guarded('Metric input', () => {
    const held = heldMeetings(record, options);
    const counts = Object.fromEntries(MEETING_MODES.map((mode) => [mode, 0])) as Record<MeetingMode, number>;
    for (const m of held) counts[m.mode]++;
    return Object.fromEntries(MEETING_MODES.map((mode) => [mode, ratio(counts[mode], held.length)])) as Record<
      MeetingMode,
      Ratio
    >;
  });
}

export interface Continuity {
  /**
   * Of held meetings after each episode's first, the share attended by a practitioner present at that first meeting.
   */
  readonly firstMeetingPractitioner: Ratio;
  /** Distinct practitioners present across held meetings, per episode. */
  readonly distinctPractitioners: readonly { episodeId: string; count: number }[];
}

/** Psychological continuity: the same practitioners staying involved. */
export function continuity(record: CaseRecord, options: MetricOptions = {}): Continuity {
  return guarded('Metric input', () => {
    let numerator = 0,
      denominator = 0;
    const distinctPractitioners = episodesOf(record, options).map((episode) => {
      const held = heldMeetings(record, { ...options, episodeId: episode.id });
      const all = new Set<string>();
      const first = new Set(held[0] ? presentPractitioners(held[0]).map((a) => a.memberId) : []);
      held.forEach((m, i) => {
        const present = presentPractitioners(m).map((a) => a.memberId);
        present.forEach((id) => all.add(id));
        if (i === 0) return;
        denominator++;
        if (present.some((id) => first.has(id))) numerator++;
      });
      return { episodeId: episode.id, count: all.size };
    });
    return { firstMeetingPractitioner: ratio(numerator, denominator), distinctPractitioners };
  });
}

/** Share of held meetings with at least one reflecting conversation. */
export function reflectingConversationRate(record: CaseRecord, options: MetricOptions = {}): Ratio {
  return guarded('Metric input', () => {
    const held = heldMeetings(record, options);
    return ratio(held.filter((m) => m.reflectingConversation).length, held.length);
  });
}

export interface MeetingSummary {
  readonly heldMeetings: number;
  readonly plannedMeetings: number;
  readonly cancelledMeetings: number;
  readonly timeToFirstMeeting: readonly FirstMeetingTime[];
  readonly firstMeetingWithinTarget: Ratio;
  readonly meetingsPerWeek: { early: PhaseRate; later: PhaseRate };
  readonly twoOrMorePractitioners: Ratio;
  readonly withPeerWorker: Ratio;
  readonly withNetworkMember: Ratio;
  readonly meanNetworkMembersPresent: number | null;
  readonly placeMix: Record<MeetingMode, Ratio>;
  readonly continuity: Continuity;
  readonly reflectingConversationRate: Ratio;
}

/** Every meeting measure at once, for a summary panel. */
export function summariseMeetings(record: CaseRecord, options: MetricOptions = {}): MeetingSummary {
  return guarded('Metric input', () => {
    const ids = new Set(episodesOf(record, options).map((e) => e.id));
    // Planned and cancelled are counted by their current status (a record keeps no history of it).
    const count = (status: Meeting['status']) =>
      record.meetings.filter((m) => m.status === status && ids.has(m.episodeId)).length;
    return {
      heldMeetings: heldMeetings(record, options).length,
      plannedMeetings: count('planned'),
      cancelledMeetings: count('cancelled'),
      timeToFirstMeeting: timeToFirstMeeting(record, options),
      firstMeetingWithinTarget: firstMeetingWithinTarget(record, options),
      meetingsPerWeek: meetingsPerWeekByPhase(record, options),
      twoOrMorePractitioners: twoOrMorePractitioners(record, options),
      withPeerWorker: withPeerWorker(record, options),
      withNetworkMember: withNetworkMember(record, options),
      meanNetworkMembersPresent: meanNetworkMembersPresent(record, options),
      placeMix: placeMix(record, options),
      continuity: continuity(record, options),
      reflectingConversationRate: reflectingConversationRate(record, options),
    };
  });
}
