/**
 * What the service measures need from one episode, computed once with the per-case metrics
 * (core/src/metrics) and then added to every bucket the episode belongs to. The research
 * export writes the same facts as rows, so SQL over the export recomputes the summary.
 */
import type { InstrumentRegistry } from '../instruments/registry.js';
import { scoreAssessment } from '../metrics/fidelity.js';
import { heldMeetings, meetingsPerWeekByPhase, timeToFirstMeeting } from '../metrics/meetings.js';
import { toTime } from '../model/primitives.js';
import { MEETING_MODES, MEMBER_KINDS, PRACTITIONER_ROLES, RINGS, SECTORS } from '../model/schemas.js';
import type { CaseRecord, Episode, Meeting, MeetingMode, NetworkMember } from '../model/schemas.js';
import type { NetworkComposition } from './types.js';

export const HOUR_MS = 3_600_000;
export const WEEK_MS = 7 * 24 * HOUR_MS;

export interface FactContext {
  readonly instruments: InstrumentRegistry;
  readonly localDate: (time: number) => string;
  readonly asOf: string | undefined;
}

export interface AssessmentFacts {
  readonly instrumentId: string;
  /** `YYYY-MM` of the assessed meeting's start. */
  readonly month: string;
  readonly rated: number;
  /** Sum over rated items of (value − scale minimum). */
  readonly points: number;
  /** Sum over rated items of (scale maximum − scale minimum). */
  readonly possible: number;
  readonly groups: readonly { groupId: string; rated: number; points: number; possible: number }[];
  /** The instrument's group ids, in its order. */
  readonly groupOrder: readonly string[];
}

export interface EpisodeFacts {
  readonly episode: Episode;
  readonly firstContactDate: string;
  readonly month: string;
  /** Held meetings up to `asOf`, earliest first. */
  readonly held: readonly Meeting[];
  readonly planned: number;
  readonly cancelled: number;
  readonly hoursToFirstMeeting: number | null;
  readonly withinTarget: boolean | null;
  readonly earlyMeetings: number;
  readonly laterMeetings: number;
  /** Length of the early phase (first 14 days) so far, and of the time after it, in ms. */
  readonly earlyPhaseMs: number;
  readonly laterPhaseMs: number;
  readonly twoOrMorePractitioners: number;
  readonly withPeerWorker: number;
  readonly withNetworkMember: number;
  readonly personPresent: number;
  readonly reflectingConversation: number;
  readonly networkMembersPresent: number;
  readonly modes: Readonly<Record<MeetingMode, number>>;
  readonly continuityNumerator: number;
  readonly continuityDenominator: number;
  /** Practitioner member ids present at a held meeting, sorted. */
  readonly practitioners: readonly string[];
  /** Network counts (see `compositionOn`) at the first and last held meeting; null without one. */
  readonly networkAtFirst: readonly number[] | null;
  readonly networkAtLast: readonly number[] | null;
  readonly assessments: readonly AssessmentFacts[];
}

const isPractitionerRole = (role: string) => (PRACTITIONER_ROLES as readonly string[]).includes(role);

// Records are frozen, so each one's member kinds are worked out once for all its episodes.
const kindsCache = new WeakMap<CaseRecord, Map<string, NetworkMember['kind']>>();
function memberKinds(record: CaseRecord): Map<string, NetworkMember['kind']> {
  let kinds = kindsCache.get(record);
  if (!kinds) kindsCache.set(record, (kinds = new Map(record.members.map((m) => [m.id, m.kind]))));
  return kinds;
}

/**
 * Whether a member was in the network on a local date: joined on or before it (or no `since`)
 * and, when an `until` is given, left after it. A past or deceased member with no `until`
 * is never counted (when they left is unknown).
 */
export function inNetworkOn(member: NetworkMember, date: string): boolean {
  if (member.since !== undefined && member.since > date) return false;
  if (member.until !== undefined) return member.until > date;
  return member.status === 'active';
}

/**
 * The network on a date as counts in a fixed order: size, then each kind, sector and ring
 * (COMPOSITION_SLOTS), so buckets add them without building objects per episode.
 */
export const COMPOSITION_SLOTS = 1 + MEMBER_KINDS.length + SECTORS.length + RINGS.length;
const KIND_SLOT = new Map<string, number>(MEMBER_KINDS.map((k, i) => [k, 1 + i]));
const SECTOR_SLOT = new Map<string, number>(SECTORS.map((s, i) => [s, 1 + MEMBER_KINDS.length + i]));
const RING_SLOT = new Map<number, number>(RINGS.map((r, i) => [r, 1 + MEMBER_KINDS.length + SECTORS.length + i]));

export function compositionOn(members: readonly NetworkMember[], date: string): number[] {
  const counts = new Array<number>(COMPOSITION_SLOTS).fill(0);
  for (const member of members) {
    if (!inNetworkOn(member, date)) continue;
    counts[0]!++;
    counts[KIND_SLOT.get(member.kind)!]!++;
    counts[SECTOR_SLOT.get(member.sector)!]!++;
    counts[RING_SLOT.get(member.ring)!]!++;
  }
  return counts;
}

/** The counts as a NetworkComposition. */
export function compositionOf(counts: readonly number[]): NetworkComposition {
  const slots = <K extends string | number>(keys: readonly K[], slot: Map<K, number>) =>
    Object.fromEntries(keys.map((k) => [`${k}`, counts[slot.get(k)!]!]));
  return {
    size: counts[0]!,
    byKind: slots(
      MEMBER_KINDS,
      KIND_SLOT as Map<(typeof MEMBER_KINDS)[number], number>,
    ) as NetworkComposition['byKind'],
    bySector: slots(SECTORS, SECTOR_SLOT as Map<(typeof SECTORS)[number], number>) as NetworkComposition['bySector'],
    byRing: slots(RINGS, RING_SLOT as Map<(typeof RINGS)[number], number>) as NetworkComposition['byRing'],
  };
}

/** Complete assessments of the episode's held meetings, scored as pooled points. */
function assessmentFacts(record: CaseRecord, held: readonly Meeting[], ctx: FactContext): AssessmentFacts[] {
  if (record.assessments.length === 0 || held.length === 0) return [];
  const counted = new Map(held.map((m) => [m.id, m]));
  const out: AssessmentFacts[] = [];
  for (const assessment of record.assessments) {
    const meeting = counted.get(assessment.meetingId);
    if (meeting === undefined || assessment.status !== 'complete') continue;
    const month = ctx.localDate(toTime(meeting.start)).slice(0, 7);
    const instrument = ctx.instruments.get(assessment.instrumentId, assessment.instrumentVersion);
    if (!instrument) continue;
    const values = instrument.scale.options.map((o) => o.value);
    const min = Math.min(...values);
    const range = Math.max(...values) - min;
    const score = scoreAssessment(assessment, instrument);
    const points = (s: { sum: number; rated: number }) => s.sum - s.rated * min;
    out.push({
      instrumentId: instrument.id,
      month,
      rated: score.overall.rated,
      points: points(score.overall),
      possible: score.overall.rated * range,
      groups: score.groups.map((g) => ({
        groupId: g.groupId,
        rated: g.rated,
        points: points(g),
        possible: g.rated * range,
      })),
      groupOrder: instrument.groups.map((g) => g.id),
    });
  }
  return out;
}

/**
 * The episode's facts. The rules with judgement in them (which meetings count, how far an
 * episode has run, the 24 hours, the phases, scoring) come from the per-case metrics; the
 * meeting counts are taken in one pass over the held meetings with the per-case definitions,
 * which a property test holds to `summariseMeetings` (one call per measure would walk the
 * meetings a dozen times per episode).
 */
export function episodeFacts(record: CaseRecord, episode: Episode, ctx: FactContext): EpisodeFacts {
  const options = { episodeId: episode.id, ...(ctx.asOf === undefined ? {} : { asOf: ctx.asOf }) };
  const held = heldMeetings(record, options);
  const [first] = timeToFirstMeeting(record, options);
  const { early, later } = meetingsPerWeekByPhase(record, options);
  const firstContactDate = ctx.localDate(toTime(episode.firstContact));

  let planned = 0,
    cancelled = 0;
  for (const m of record.meetings) {
    if (m.episodeId !== episode.id) continue;
    if (m.status === 'planned') planned++;
    else if (m.status === 'cancelled') cancelled++;
  }

  const kinds = memberKinds(record);
  const modes = Object.fromEntries(MEETING_MODES.map((m) => [m, 0])) as Record<MeetingMode, number>;
  const practitioners = new Set<string>();
  let firstPractitioners: Set<string> | undefined;
  let twoOrMore = 0,
    peer = 0,
    networkMember = 0,
    personPresent = 0,
    reflecting = 0,
    networkPresent = 0;
  let continuityNumerator = 0;
  for (const meeting of held) {
    let practitionersHere = 0,
      peerHere = false,
      networkPersonHere = false,
      continuing = false;
    const here: string[] = [];
    for (const a of meeting.attendees) {
      if (!a.present) continue;
      if (a.role === 'network') {
        networkPresent++;
        if (kinds.get(a.memberId) === 'person') networkPersonHere = true;
      } else if (isPractitionerRole(a.role)) {
        practitionersHere++;
        if (a.role === 'peer-worker') peerHere = true;
        practitioners.add(a.memberId);
        here.push(a.memberId);
        if (firstPractitioners?.has(a.memberId)) continuing = true;
      }
    }
    if (firstPractitioners === undefined) firstPractitioners = new Set(here);
    else if (continuing) continuityNumerator++;
    if (practitionersHere >= 2) twoOrMore++;
    if (peerHere) peer++;
    if (networkPersonHere) networkMember++;
    if (meeting.personPresent) personPresent++;
    if (meeting.reflectingConversation) reflecting++;
    modes[meeting.mode]++;
  }
  const firstHeld = held[0];
  const lastHeld = held[held.length - 1];
  return {
    episode,
    firstContactDate,
    month: firstContactDate.slice(0, 7),
    held,
    planned,
    cancelled,
    hoursToFirstMeeting: first?.hours ?? null,
    withinTarget: first?.withinTarget ?? null,
    earlyMeetings: early.meetings,
    laterMeetings: later.meetings,
    // The per-case metric gives weeks (ms ÷ a week); rounding recovers its exact whole ms.
    earlyPhaseMs: Math.round(early.weeks * WEEK_MS),
    laterPhaseMs: Math.round(later.weeks * WEEK_MS),
    twoOrMorePractitioners: twoOrMore,
    withPeerWorker: peer,
    withNetworkMember: networkMember,
    personPresent,
    reflectingConversation: reflecting,
    networkMembersPresent: networkPresent,
    modes,
    continuityNumerator,
    continuityDenominator: Math.max(0, held.length - 1),
    practitioners: [...practitioners].sort(),
    networkAtFirst: firstHeld ? compositionOn(record.members, ctx.localDate(toTime(firstHeld.start))) : null,
    networkAtLast: lastHeld ? compositionOn(record.members, ctx.localDate(toTime(lastHeld.start))) : null,
    assessments: assessmentFacts(record, held, ctx),
  };
}
