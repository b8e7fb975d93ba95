/**
 * What the service measures need from one episode, computed once with the per-case metrics
 * (core/src/metrics) and then added to every bucket the episode belongs to. The research
 * export writes the same facts as rows, so SQL over the export recomputes the summary.
 */
import type { InstrumentRegistry } from '../instruments/registry.js';
import { scoreAssessment } from '../metrics/fidelity.js';
import { heldMeetings, summariseMeetings } from '../metrics/meetings.js';
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
  readonly networkAtFirst: NetworkComposition | null;
  readonly networkAtLast: NetworkComposition | null;
  readonly assessments: readonly AssessmentFacts[];
}

const isPractitionerRole = (role: string) => (PRACTITIONER_ROLES as readonly string[]).includes(role);

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

export function compositionOn(members: readonly NetworkMember[], date: string): NetworkComposition {
  const byKind = Object.fromEntries(MEMBER_KINDS.map((k) => [k, 0])) as Record<NetworkMember['kind'], number>;
  const bySector = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<NetworkMember['sector'], number>;
  const byRing = Object.fromEntries(RINGS.map((r) => [`${r}`, 0])) as Record<`${NetworkMember['ring']}`, number>;
  let size = 0;
  for (const member of members) {
    if (!inNetworkOn(member, date)) continue;
    size++;
    byKind[member.kind]++;
    bySector[member.sector]++;
    byRing[`${member.ring}`]++;
  }
  return { size, byKind, bySector, byRing };
}

/** Complete assessments of the episode's held meetings, scored as pooled points. */
function assessmentFacts(record: CaseRecord, held: readonly Meeting[], ctx: FactContext): AssessmentFacts[] {
  if (record.assessments.length === 0 || held.length === 0) return [];
  const months = new Map(held.map((m) => [m.id, ctx.localDate(toTime(m.start)).slice(0, 7)]));
  const out: AssessmentFacts[] = [];
  for (const assessment of record.assessments) {
    const month = months.get(assessment.meetingId);
    if (month === undefined || assessment.status !== 'complete') continue;
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
      groups: score.groups.map((g) => ({ groupId: g.groupId, rated: g.rated, points: points(g), possible: g.rated * range })),
      groupOrder: instrument.groups.map((g) => g.id),
    });
  }
  return out;
}

export function episodeFacts(record: CaseRecord, episode: Episode, ctx: FactContext): EpisodeFacts {
  const options = { episodeId: episode.id, ...(ctx.asOf === undefined ? {} : { asOf: ctx.asOf }) };
  const summary = summariseMeetings(record, options);
  const held = heldMeetings(record, options);
  const first = summary.timeToFirstMeeting[0];
  const firstContactDate = ctx.localDate(toTime(episode.firstContact));

  const practitioners = new Set<string>();
  let personPresent = 0, networkMembersPresent = 0;
  for (const meeting of held) {
    if (meeting.personPresent) personPresent++;
    for (const a of meeting.attendees) {
      if (!a.present) continue;
      if (a.role === 'network') networkMembersPresent++;
      if (isPractitionerRole(a.role)) practitioners.add(a.memberId);
    }
  }
  const modes = Object.fromEntries(MEETING_MODES.map((m) => [m, summary.placeMix[m].numerator])) as Record<MeetingMode, number>;
  const firstHeld = held[0];
  const lastHeld = held[held.length - 1];
  const { early, later } = summary.meetingsPerWeek;
  return {
    episode,
    firstContactDate,
    month: firstContactDate.slice(0, 7),
    held,
    planned: summary.plannedMeetings,
    cancelled: summary.cancelledMeetings,
    hoursToFirstMeeting: first?.hours ?? null,
    withinTarget: first?.withinTarget ?? null,
    earlyMeetings: early.meetings,
    laterMeetings: later.meetings,
    // The per-case metric gives weeks (ms ÷ a week); rounding recovers its exact whole ms.
    earlyPhaseMs: Math.round(early.weeks * WEEK_MS),
    laterPhaseMs: Math.round(later.weeks * WEEK_MS),
    twoOrMorePractitioners: summary.twoOrMorePractitioners.numerator,
    withPeerWorker: summary.withPeerWorker.numerator,
    withNetworkMember: summary.withNetworkMember.numerator,
    personPresent,
    reflectingConversation: summary.reflectingConversationRate.numerator,
    networkMembersPresent,
    modes,
    continuityNumerator: summary.continuity.firstMeetingPractitioner.numerator,
    continuityDenominator: summary.continuity.firstMeetingPractitioner.denominator,
    practitioners: [...practitioners].sort(),
    networkAtFirst: firstHeld ? compositionOn(record.members, ctx.localDate(toTime(firstHeld.start))) : null,
    networkAtLast: lastHeld ? compositionOn(record.members, ctx.localDate(toTime(lastHeld.start))) : null,
    assessments: assessmentFacts(record, held, ctx),
  };
}
