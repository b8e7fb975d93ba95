import { MEETING_MODES, MEMBER_KINDS, RINGS, SECTORS } from '../model/schemas.js';
import type { CompositionTotals, Distribution, Mean, Rate, ServiceMeasures } from './types.js';

export const rateOf = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

export const meanOf = (total: number, count: number): Mean => ({
  total,
  count,
  mean: count === 0 ? null : total / count,
});

export const EMPTY_DISTRIBUTION: Distribution = Object.freeze({
  n: 0,
  min: null,
  q1: null,
  median: null,
  q3: null,
  max: null,
});

const keyed = <K extends string, V>(keys: readonly K[], value: (k: K) => V) =>
  Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;

const emptyComposition = (): CompositionTotals => ({
  size: meanOf(0, 0),
  byKind: keyed(MEMBER_KINDS, () => meanOf(0, 0)),
  bySector: keyed(SECTORS, () => meanOf(0, 0)),
  byRing: keyed(
    RINGS.map((r) => `${r}` as const),
    () => meanOf(0, 0),
  ),
});

/** The measures of no episodes at all. */
export function emptyMeasures(): ServiceMeasures {
  return {
    cases: 0,
    episodes: 0,
    episodesByStatus: { active: 0, 'on-hold': 0, finished: 0 },
    meetings: { held: 0, planned: 0, cancelled: 0 },
    firstMeetingWithinTarget: rateOf(0, 0),
    hoursToFirstMeeting: EMPTY_DISTRIBUTION,
    awaitingFirstMeeting: 0,
    meetingsPerWeek: {
      early: { meetings: 0, weeks: 0, perWeek: null },
      later: { meetings: 0, weeks: 0, perWeek: null },
    },
    earlyMeetingsPerEpisode: EMPTY_DISTRIBUTION,
    twoOrMorePractitioners: rateOf(0, 0),
    withPeerWorker: rateOf(0, 0),
    withNetworkMember: rateOf(0, 0),
    personPresent: rateOf(0, 0),
    reflectingConversation: rateOf(0, 0),
    networkMembersPresent: meanOf(0, 0),
    placeMix: keyed(MEETING_MODES, () => rateOf(0, 0)),
    continuity: rateOf(0, 0),
    distinctPractitioners: EMPTY_DISTRIBUTION,
    network: {
      episodes: 0,
      sizeAtFirst: EMPTY_DISTRIBUTION,
      sizeAtLast: EMPTY_DISTRIBUTION,
      change: EMPTY_DISTRIBUTION,
      grew: rateOf(0, 0),
      same: rateOf(0, 0),
      shrank: rateOf(0, 0),
      atFirst: emptyComposition(),
      atLast: emptyComposition(),
    },
    fidelity: [],
  };
}
