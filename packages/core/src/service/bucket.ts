/**
 * One set of episodes being summarised (the service, a team, a month): integer counters,
 * plus one number per episode for the figures reported as distributions. Nothing of a
 * record is kept.
 */
import { MEETING_MODES } from '../model/schemas.js';
import type { MeetingMode } from '../model/schemas.js';
import { distributionOf } from './distribution.js';
import { meanOf, rateOf } from './empty.js';
import { COMPOSITION_SLOTS, WEEK_MS, compositionOf, type AssessmentFacts, type EpisodeFacts } from './episode-facts.js';
import type { CompositionTotals, FidelityScore, InstrumentFidelity, ServiceMeasures, WeeklyRate } from './types.js';

interface Points {
  rated: number;
  points: number;
  possible: number;
}

class ScoreTotals {
  assessments = 0;
  readonly overall: Points = { rated: 0, points: 0, possible: 0 };
  readonly groups = new Map<string, Points>();

  add(a: AssessmentFacts): void {
    this.assessments++;
    addPoints(this.overall, a);
    for (const g of a.groups) {
      let totals = this.groups.get(g.groupId);
      if (!totals) this.groups.set(g.groupId, (totals = { rated: 0, points: 0, possible: 0 }));
      addPoints(totals, g);
    }
  }

  score(groupOrder: readonly string[]): FidelityScore {
    return {
      assessments: this.assessments,
      ratedItems: this.overall.rated,
      score: rateOf(this.overall.points, this.overall.possible),
      byItemGroup: groupOrder.map((groupId) => {
        const g = this.groups.get(groupId) ?? { rated: 0, points: 0, possible: 0 };
        return { groupId, score: rateOf(g.points, g.possible), ratedItems: g.rated };
      }),
    };
  }
}

function addPoints(to: Points, from: Points): void {
  to.rated += from.rated;
  to.points += from.points;
  to.possible += from.possible;
}

class InstrumentTotals {
  readonly all = new ScoreTotals();
  readonly months = new Map<string, ScoreTotals>();
  readonly groupOrder: string[] = [];

  add(a: AssessmentFacts): void {
    // Versions of an instrument may differ in groups: first seen first, in each version's order.
    for (const id of a.groupOrder) if (!this.groupOrder.includes(id)) this.groupOrder.push(id);
    this.all.add(a);
    let month = this.months.get(a.month);
    if (!month) this.months.set(a.month, (month = new ScoreTotals()));
    month.add(a);
  }
}

class CompositionSums {
  readonly #sums = new Array<number>(COMPOSITION_SLOTS).fill(0);

  add(counts: readonly number[]): void {
    for (let i = 0; i < COMPOSITION_SLOTS; i++) this.#sums[i]! += counts[i]!;
  }

  totals(count: number): CompositionTotals {
    const sums = compositionOf(this.#sums);
    const means = <K extends string>(totals: Readonly<Record<K, number>>) =>
      Object.fromEntries(Object.entries(totals).map(([k, total]) => [k, meanOf(total as number, count)])) as Record<
        K,
        ReturnType<typeof meanOf>
      >;
    return {
      size: meanOf(sums.size, count),
      byKind: means(sums.byKind),
      bySector: means(sums.bySector),
      byRing: means(sums.byRing),
    };
  }
}

const EARLY_PHASE_MS = 2 * WEEK_MS;

export class Bucket {
  #cases = 0;
  #lastRecord = -1;
  #episodes = 0;
  readonly #byStatus = { active: 0, 'on-hold': 0, finished: 0 };
  #held = 0;
  #planned = 0;
  #cancelled = 0;
  #withinTarget = 0;
  #targetKnown = 0;
  readonly #hoursToFirst: number[] = [];
  #awaiting = 0;
  #earlyMeetings = 0;
  #laterMeetings = 0;
  #earlyMs = 0;
  #laterMs = 0;
  readonly #earlyPerEpisode: number[] = [];
  #twoOrMore = 0;
  #peer = 0;
  #networkMember = 0;
  #personPresent = 0;
  #reflecting = 0;
  #networkPresent = 0;
  readonly #modes = Object.fromEntries(MEETING_MODES.map((m) => [m, 0])) as Record<MeetingMode, number>;
  #continuityNumerator = 0;
  #continuityDenominator = 0;
  readonly #distinctPractitioners: number[] = [];
  readonly #sizeAtFirst: number[] = [];
  readonly #sizeAtLast: number[] = [];
  #grew = 0;
  #same = 0;
  #shrank = 0;
  readonly #atFirst = new CompositionSums();
  readonly #atLast = new CompositionSums();
  readonly #fidelity = new Map<string, InstrumentTotals>();

  /** Adds one episode; `record` is the record's position, so cases are counted without keeping ids. */
  add(facts: EpisodeFacts, record: number): void {
    if (record !== this.#lastRecord) {
      this.#lastRecord = record;
      this.#cases++;
    }
    this.#episodes++;
    this.#byStatus[facts.episode.status]++;
    this.#held += facts.held.length;
    this.#planned += facts.planned;
    this.#cancelled += facts.cancelled;
    if (facts.withinTarget !== null) {
      this.#targetKnown++;
      if (facts.withinTarget) this.#withinTarget++;
    }
    if (facts.hoursToFirstMeeting === null) this.#awaiting++;
    else this.#hoursToFirst.push(facts.hoursToFirstMeeting);
    this.#earlyMeetings += facts.earlyMeetings;
    this.#laterMeetings += facts.laterMeetings;
    this.#earlyMs += facts.earlyPhaseMs;
    this.#laterMs += facts.laterPhaseMs;
    if (facts.earlyPhaseMs === EARLY_PHASE_MS) this.#earlyPerEpisode.push(facts.earlyMeetings);
    this.#twoOrMore += facts.twoOrMorePractitioners;
    this.#peer += facts.withPeerWorker;
    this.#networkMember += facts.withNetworkMember;
    this.#personPresent += facts.personPresent;
    this.#reflecting += facts.reflectingConversation;
    this.#networkPresent += facts.networkMembersPresent;
    for (const mode of MEETING_MODES) this.#modes[mode] += facts.modes[mode];
    this.#continuityNumerator += facts.continuityNumerator;
    this.#continuityDenominator += facts.continuityDenominator;
    if (facts.networkAtFirst && facts.networkAtLast) {
      this.#distinctPractitioners.push(facts.practitioners.length);
      const first = facts.networkAtFirst[0]!;
      const last = facts.networkAtLast[0]!;
      this.#sizeAtFirst.push(first);
      this.#sizeAtLast.push(last);
      if (last > first) this.#grew++;
      else if (last < first) this.#shrank++;
      else this.#same++;
      this.#atFirst.add(facts.networkAtFirst);
      this.#atLast.add(facts.networkAtLast);
    }
    for (const a of facts.assessments) {
      let totals = this.#fidelity.get(a.instrumentId);
      if (!totals) this.#fidelity.set(a.instrumentId, (totals = new InstrumentTotals()));
      totals.add(a);
    }
  }

  measures(): ServiceMeasures {
    const held = this.#held;
    const weekly = (meetings: number, ms: number): WeeklyRate => ({
      meetings,
      weeks: ms / WEEK_MS,
      // One division of two exact integers, as the SQL does it.
      perWeek: ms === 0 ? null : (meetings * WEEK_MS) / ms,
    });
    const withNetwork = this.#sizeAtFirst.length;
    const fidelity: InstrumentFidelity[] = [...this.#fidelity.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([instrumentId, totals]) => ({
        instrumentId,
        ...totals.all.score(totals.groupOrder),
        byMonth: [...totals.months.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([month, score]) => ({ month, ...score.score(totals.groupOrder) })),
      }));
    return {
      cases: this.#cases,
      episodes: this.#episodes,
      episodesByStatus: { ...this.#byStatus },
      meetings: { held, planned: this.#planned, cancelled: this.#cancelled },
      firstMeetingWithinTarget: rateOf(this.#withinTarget, this.#targetKnown),
      hoursToFirstMeeting: distributionOf(this.#hoursToFirst),
      awaitingFirstMeeting: this.#awaiting,
      meetingsPerWeek: {
        early: weekly(this.#earlyMeetings, this.#earlyMs),
        later: weekly(this.#laterMeetings, this.#laterMs),
      },
      earlyMeetingsPerEpisode: distributionOf(this.#earlyPerEpisode),
      twoOrMorePractitioners: rateOf(this.#twoOrMore, held),
      withPeerWorker: rateOf(this.#peer, held),
      withNetworkMember: rateOf(this.#networkMember, held),
      personPresent: rateOf(this.#personPresent, held),
      reflectingConversation: rateOf(this.#reflecting, held),
      networkMembersPresent: meanOf(this.#networkPresent, held),
      placeMix: Object.fromEntries(MEETING_MODES.map((m) => [m, rateOf(this.#modes[m], held)])) as Record<
        MeetingMode,
        ReturnType<typeof rateOf>
      >,
      continuity: rateOf(this.#continuityNumerator, this.#continuityDenominator),
      distinctPractitioners: distributionOf(this.#distinctPractitioners),
      network: {
        episodes: withNetwork,
        sizeAtFirst: distributionOf(this.#sizeAtFirst),
        sizeAtLast: distributionOf(this.#sizeAtLast),
        change: distributionOf(this.#sizeAtLast.map((last, i) => last - this.#sizeAtFirst[i]!)),
        grew: rateOf(this.#grew, withNetwork),
        same: rateOf(this.#same, withNetwork),
        shrank: rateOf(this.#shrank, withNetwork),
        atFirst: this.#atFirst.totals(withNetwork),
        atLast: this.#atLast.totals(withNetwork),
      },
      fidelity,
    };
  }
}
