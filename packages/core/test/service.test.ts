/**
 * Service measures (`@odkit/core/service`): property tests against the slow reference in
 * service-reference.ts over generated caseloads, hand-worked examples for each definition in
 * docs/metrics.md, and invalid records among valid ones.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  MEETING_MODES,
  ValidationError,
  parseCaseRecord,
  sevenPrinciples,
  summariseMeetings,
  type CaseRecord,
} from '@odkit/core';
import { ServiceAccumulator, summariseService, summariseServiceSync, type ServiceOptions } from '@odkit/core/service';
import { anyJson, instant, validCaseRecord } from '../../../test/fixtures/arbitraries.js';
import { generateCaseload } from '../../../test/fixtures/generate-caseload.js';
import { referenceSummary } from './service-reference.js';
import {
  assessment,
  episode,
  meeting,
  member,
  minimalRecord,
  professional,
  rejection,
  thrown,
  expectInstance,
} from './support.js';

const TIME_ZONES = [
  'Europe/London',
  'UTC',
  'Asia/Kolkata',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];
const HOUR = 3_600_000;

const caseload = () =>
  fc.array(validCaseRecord({ maxEpisodes: 3, maxMeetings: 8, maxMembers: 5, maxAssessments: 3, maxTies: 1 }), {
    maxLength: 6,
  });

const serviceOptions = () =>
  fc.record(
    {
      timeZone: fc.constantFrom(...TIME_ZONES),
      groupBy: fc.constantFrom('team', 'practitioner', 'month', 'referralSource' as const),
      asOf: instant().map((t) => new Date(t).toISOString()),
      period: fc.tuple(instant(), fc.integer({ min: 0, max: 40 * 365 })).map(([start, days]) => ({
        start: new Date(start).toISOString().slice(0, 10),
        end: new Date(start + days * 24 * HOUR).toISOString().slice(0, 10),
      })),
    },
    { requiredKeys: ['timeZone'] },
  );

/** The summary without the fields the reference does not model (options echoed, skipped details). */
function comparable(summary: Awaited<ReturnType<typeof summariseService>>) {
  return {
    records: summary.records,
    overall: summary.overall,
    groups: summary.groups,
    monthly: summary.monthly,
    skippedPositions: summary.skipped.map((s) => s.position),
  };
}

describe('service measures: properties against the reference', () => {
  it('every measure, overall, by group and by month, equals the slow reference', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(caseload(), serviceOptions(), async (records, options) => {
        const summary = await summariseService(records, options);
        expect(comparable(summary)).to.deep.equal(referenceSummary(records, options));
      }),
      { numRuns: 60 },
    );
  });

  it('invalid records anywhere are skipped with their positions and never counted', async function () {
    this.timeout(120_000);
    const mixed = fc.array(fc.oneof(validCaseRecord({ maxEpisodes: 2, maxMeetings: 4 }), anyJson()), { maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(mixed, fc.constantFrom(...TIME_ZONES), async (records, timeZone) => {
        const summary = await summariseService(records, { timeZone });
        const reference = referenceSummary(records, { timeZone });
        expect(comparable(summary)).to.deep.equal(reference);
        for (const s of summary.skipped) {
          expect(s.message).to.be.a('string').and.not.equal('');
          expect(s.path).to.be.an('array');
        }
      }),
      { numRuns: 40 },
    );
  });

  it('an array, a sync iterable, an async iterable, the sync variant and the accumulator agree', async () => {
    await fc.assert(
      fc.asyncProperty(caseload(), serviceOptions(), async (records, options) => {
        const fromArray = await summariseService(records, options);
        async function* stream() {
          for (const r of records) yield r;
        }
        expect(await summariseService(stream(), options)).to.deep.equal(fromArray);
        expect(await summariseService(new Set(records).values(), options)).to.deep.equal(fromArray);
        expect(summariseServiceSync(records, options)).to.deep.equal(fromArray);
        const accumulator = new ServiceAccumulator(options);
        records.forEach((r) => accumulator.add(r));
        expect(accumulator.summary()).to.deep.equal(fromArray);
      }),
      { numRuns: 20 },
    );
  });

  it('for one record, the service figures are the per-case metrics (summariseMeetings) pooled over its episodes', async () => {
    await fc.assert(
      fc.asyncProperty(
        validCaseRecord({ maxEpisodes: 3, maxMeetings: 8, maxMembers: 5 }),
        fc.option(instant(), { nil: undefined }),
        async (input, at) => {
          const record = parseCaseRecord(input);
          const asOf = at === undefined ? undefined : new Date(at).toISOString();
          const perCase = summariseMeetings(record, asOf === undefined ? {} : { asOf });
          const { overall } = await summariseService([record], asOf === undefined ? {} : { asOf });
          const ratio = (r: { numerator: number; denominator: number }) => [r.numerator, r.denominator];
          expect(overall.meetings).to.deep.equal({
            held: perCase.heldMeetings,
            planned: perCase.plannedMeetings,
            cancelled: perCase.cancelledMeetings,
          });
          expect(ratio(overall.firstMeetingWithinTarget)).to.deep.equal(ratio(perCase.firstMeetingWithinTarget));
          expect(ratio(overall.twoOrMorePractitioners)).to.deep.equal(ratio(perCase.twoOrMorePractitioners));
          expect(ratio(overall.withPeerWorker)).to.deep.equal(ratio(perCase.withPeerWorker));
          expect(ratio(overall.withNetworkMember)).to.deep.equal(ratio(perCase.withNetworkMember));
          expect(ratio(overall.reflectingConversation)).to.deep.equal(ratio(perCase.reflectingConversationRate));
          expect(ratio(overall.continuity)).to.deep.equal(ratio(perCase.continuity.firstMeetingPractitioner));
          for (const mode of MEETING_MODES)
            expect(ratio(overall.placeMix[mode])).to.deep.equal(ratio(perCase.placeMix[mode]));
          expect(overall.meetingsPerWeek.early.meetings).to.equal(perCase.meetingsPerWeek.early.meetings);
          expect(overall.meetingsPerWeek.later.meetings).to.equal(perCase.meetingsPerWeek.later.meetings);
          const hours = perCase.timeToFirstMeeting.map((t) => t.hours).filter((h): h is number => h !== null);
          expect(overall.hoursToFirstMeeting.n).to.equal(hours.length);
          if (hours.length) expect(overall.hoursToFirstMeeting.min).to.equal(Math.min(...hours));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splitting a caseload never changes the pooled counts: the whole is the sum of its parts', async () => {
    await fc.assert(
      fc.asyncProperty(caseload(), caseload(), async (a, b) => {
        const [sa, sb, sab] = await Promise.all([
          summariseService(a),
          summariseService(b),
          summariseService([...a, ...b]),
        ]);
        const pooled = (s: typeof sa) => [
          s.overall.episodes,
          s.overall.meetings.held,
          s.overall.firstMeetingWithinTarget.numerator,
          s.overall.firstMeetingWithinTarget.denominator,
          s.overall.continuity.numerator,
        ];
        expect(pooled(sab)).to.deep.equal(pooled(sa).map((n, i) => n + pooled(sb)[i]!));
      }),
      { numRuns: 20 },
    );
  });
});

/* ------------------------------------------------------------------ hand-worked examples */

const AS_OF = '2026-03-10T09:00:00+00:00';

/** One episode per record, contact at `contact`, with held meetings at `hours` after it. */
function caseWith(id: string, contact: string, hours: number[], overrides: Partial<CaseRecord> = {}): CaseRecord {
  const start = Date.parse(contact);
  return minimalRecord({
    id,
    episodes: [episode('e1', { firstContact: contact })],
    meetings: hours.map((h, i) => meeting(`mt${i + 1}`, { start: new Date(start + h * HOUR).toISOString() })),
    ...overrides,
  });
}

describe('service measures: hand-worked examples', () => {
  it('first meeting within 24 hours: met, missed, overdue and still inside the 24 hours', async () => {
    const records = [
      caseWith('a', '2026-03-01T09:00:00Z', [2]), // met (2 h)
      caseWith('b', '2026-03-01T09:00:00Z', [24]), // met: exactly 24 h counts
      caseWith('c', '2026-03-01T09:00:00Z', [30]), // missed (30 h)
      caseWith('d', '2026-03-05T09:00:00Z', []), // no meeting, 5 days by asOf: overdue, counts as missed
      caseWith('e', '2026-03-10T01:00:00Z', []), // no meeting, 8 h by asOf: not yet judged
    ];
    const { overall } = await summariseService(records, { asOf: AS_OF });
    expect(overall.firstMeetingWithinTarget).to.deep.equal({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(overall.awaitingFirstMeeting).to.equal(2);
    // Hours 2, 24, 30: h = 2 × p; q1 = 2·0.5 + 24·0.5 = 13, median 24, q3 = 24·0.5 + 30·0.5 = 27.
    expect(overall.hoursToFirstMeeting).to.deep.equal({ n: 3, min: 2, q1: 13, median: 24, q3: 27, max: 30 });
    // Without asOf, an episode with no meeting has run for no time and is not judged.
    expect((await summariseService(records)).overall.firstMeetingWithinTarget).to.deep.equal({
      numerator: 2,
      denominator: 3,
      rate: 2 / 3,
    });
  });

  it('quartiles interpolate between order statistics (type 7): 2, 4, 6, 9 gives 3.5, 5, 6.75', async () => {
    const records = [2, 4, 6, 9].map((h, i) => caseWith(`c${i}`, '2026-03-01T09:00:00Z', [h]));
    const { overall } = await summariseService(records, { asOf: AS_OF });
    expect(overall.hoursToFirstMeeting).to.deep.equal({ n: 4, min: 2, q1: 3.5, median: 5, q3: 6.75, max: 9 });
  });

  it('period: local dates in the service time zone, both ends included', async () => {
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST).
    const late = caseWith('late', '2026-03-31T23:30:00Z', [1]);
    const first = caseWith('first', '2026-04-01T10:00:00+01:00', [1]);
    const last = caseWith('last', '2026-04-30T23:59:00+01:00', [1]);
    const after = caseWith('after', '2026-05-01T00:00:00+01:00', [1]);
    const april = { start: '2026-04-01', end: '2026-04-30' };
    const london = await summariseService([late, first, last, after], { period: april });
    expect(london.overall.episodes).to.equal(3);
    expect(london.monthly.map((m) => m.key)).to.deep.equal(['2026-04']);
    // In UTC "late" is on 31 March, and "after" (23:00 UTC) on 30 April.
    const utc = await summariseService([late, first, last, after], {
      period: april,
      timeZone: 'UTC',
      groupBy: 'month',
    });
    expect(utc.overall.episodes).to.equal(3);
    const firstDay = { start: '2026-04-01', end: '2026-04-01' };
    expect((await summariseService([late, first, last, after], { period: firstDay })).overall.cases).to.equal(2);
    expect(
      (await summariseService([late, first, last, after], { period: firstDay, timeZone: 'UTC' })).overall.cases,
    ).to.equal(1);
    // Months follow the same rule: "late" is an April case in London and a March one in UTC.
    const months = await summariseService([late], { timeZone: 'UTC' });
    expect(months.monthly.map((m) => m.key)).to.deep.equal(['2026-03']);
  });

  it('meetings per week: early and later phases pooled as exact milliseconds', async () => {
    // Contact 1 March 09:00; asOf 22 March 09:00 = 21 days: early phase 2 weeks, later 1 week.
    const record = caseWith('a', '2026-03-01T09:00:00Z', [1, 48, 24 * 13, 24 * 15]);
    const { overall } = await summariseService([record], { asOf: '2026-03-22T09:00:00Z' });
    expect(overall.meetingsPerWeek.early).to.deep.equal({ meetings: 3, weeks: 2, perWeek: 1.5 });
    expect(overall.meetingsPerWeek.later).to.deep.equal({ meetings: 1, weeks: 1, perWeek: 1 });
    expect(overall.earlyMeetingsPerEpisode.median).to.equal(3);
    // Ten days in: the early phase is not over, so the episode is not in the per-episode figure.
    const early = await summariseService([record], { asOf: '2026-03-11T09:00:00Z' });
    expect(early.overall.earlyMeetingsPerEpisode.n).to.equal(0);
  });

  it('who was present, place, reflecting conversations and continuity, pooled over meetings', async () => {
    const members = [professional('f1'), professional('f2'), professional('peer'), member('mum'), professional('gp')];
    const at = (h: number) => new Date(Date.parse('2026-03-01T09:00:00Z') + h * HOUR).toISOString();
    const record = minimalRecord({
      id: 'a',
      members,
      episodes: [episode('e1', { firstContact: '2026-03-01T09:00:00Z' })],
      meetings: [
        meeting('m1', {
          start: at(2),
          attendees: [
            { memberId: 'f1', role: 'facilitator', present: true },
            { memberId: 'f2', role: 'facilitator', present: true },
            { memberId: 'mum', role: 'network', present: true },
          ],
        }),
        meeting('m2', {
          start: at(30),
          mode: 'clinic',
          reflectingConversation: false,
          attendees: [
            { memberId: 'f2', role: 'facilitator', present: true },
            { memberId: 'peer', role: 'peer-worker', present: true },
            { memberId: 'gp', role: 'network', present: true },
          ],
        }),
        meeting('m3', {
          start: at(60),
          mode: 'remote',
          personPresent: false,
          attendees: [
            { memberId: 'peer', role: 'peer-worker', present: true },
            { memberId: 'f1', role: 'facilitator', present: false },
          ],
        }),
        meeting('m4', { start: at(80), status: 'planned', personPresent: false, reflectingConversation: false }),
      ],
    });
    const { overall } = await summariseService([record], { asOf: AS_OF });
    expect(overall.meetings).to.deep.equal({ held: 3, planned: 1, cancelled: 0 });
    expect(overall.twoOrMorePractitioners).to.deep.equal({ numerator: 2, denominator: 3, rate: 2 / 3 });
    expect(overall.withPeerWorker.numerator).to.equal(2);
    // The GP attends in the network role but is a professional: only mum counts.
    expect(overall.withNetworkMember.numerator).to.equal(1);
    expect(overall.networkMembersPresent).to.deep.equal({ total: 2, count: 3, mean: 2 / 3 });
    expect(overall.personPresent.numerator).to.equal(2);
    expect(overall.reflectingConversation.numerator).to.equal(2);
    expect(overall.placeMix.home.numerator).to.equal(1);
    expect(overall.placeMix.clinic.numerator).to.equal(1);
    // m2 has f2 from the first meeting; m3 only the peer worker (f1 absent): 1 of 2.
    expect(overall.continuity).to.deep.equal({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(overall.distinctPractitioners.median).to.equal(3);
  });

  it('network size and composition at the first and last meeting, by local date', async () => {
    const record = caseWith('a', '2026-03-01T09:00:00Z', [2, 24 * 20], {
      members: [
        member('mum'),
        member('friend', { sector: 'friends', ring: 2, since: '2026-03-10' }), // joins between the meetings
        member('aunt', { status: 'past', until: '2026-03-15' }), // leaves between them
        member('gran', { status: 'deceased' }), // no until: never counted
        professional('gp', { ring: 3 }),
      ],
    });
    const { overall } = await summariseService([record], { asOf: AS_OF.replace('03-10', '04-01') });
    const { network } = overall;
    expect(network.episodes).to.equal(1);
    expect(network.sizeAtFirst.median).to.equal(3); // mum, aunt, gp
    expect(network.sizeAtLast.median).to.equal(3); // mum, friend, gp
    expect(network.same.numerator).to.equal(1);
    expect(network.atFirst.byKind.professional.total).to.equal(1);
    expect(network.atFirst.bySector.friends.total).to.equal(0);
    expect(network.atLast.bySector.friends.total).to.equal(1);
    expect(network.atLast.byRing['3'].total).to.equal(1);
  });

  it('fidelity: pooled points of complete assessments (the docs’ example, 16 of 36)', async () => {
    const items = sevenPrinciples.items.map((i) => i.id);
    const rate = (values: (number | 'na')[]) => items.map((itemId, i) => ({ itemId, value: values[i]! }));
    const complete = { status: 'complete' as const, completedAt: '2026-04-03T12:00:00+01:00' };
    const record = caseWith('a', '2026-04-01T09:00:00+01:00', [2, 26], {
      assessments: [
        assessment('a1', { ...complete, meetingId: 'mt1', ratings: rate([4, 4, 3, 3, 2, 4, 'na']) }),
        assessment('a2', { ...complete, meetingId: 'mt2', ratings: rate([1, 1, 2, 2, 1, 1, 'na']) }),
        assessment('a3', { meetingId: 'mt2', ratings: rate([4, 4, 4, 4, 4, 4, 4]) }), // a draft: not counted
      ],
    });
    const { overall } = await summariseService([record]);
    expect(overall.fidelity).to.have.length(1);
    const [f] = overall.fidelity;
    expect(f!.instrumentId).to.equal('od-seven-principles');
    expect(f!.assessments).to.equal(2);
    expect(f!.ratedItems).to.equal(12);
    expect(f!.score).to.deep.equal({ numerator: 16, denominator: 36, rate: 16 / 36 });
    expect(f!.byMonth.map((m) => m.month)).to.deep.equal(['2026-04']);
    expect(f!.byItemGroup.map((g) => g.groupId)).to.deep.equal(sevenPrinciples.groups.map((g) => g.id));
  });

  it('groups: by team, and by practitioner with overlapping membership', async () => {
    const att = (...ids: string[]) =>
      ids.map((memberId) => ({ memberId, role: 'facilitator' as const, present: true }));
    const a = caseWith('a', '2026-03-01T09:00:00Z', [2], { members: [professional('s1'), professional('s2')] });
    const b = caseWith('b', '2026-03-02T09:00:00Z', [30], { members: [professional('s2')] });
    const records = [
      { ...a, meetings: [{ ...a.meetings[0]!, attendees: att('s1', 's2') }] },
      {
        ...b,
        episodes: [{ ...b.episodes[0]!, responsibleTeam: 'Other team' }],
        meetings: [{ ...b.meetings[0]!, attendees: att('s2') }],
      },
    ];
    const byTeam = await summariseService(records, { groupBy: 'team', asOf: AS_OF });
    expect(byTeam.groups.map((g) => [g.key, g.measures.episodes])).to.deep.equal([
      ['Crisis team', 1],
      ['Other team', 1],
    ]);
    const byPractitioner = await summariseService(records, { groupBy: 'practitioner', asOf: AS_OF });
    expect(
      byPractitioner.groups.map((g) => [g.key, g.measures.episodes, g.measures.firstMeetingWithinTarget.numerator]),
    ).to.deep.equal([
      ['s1', 1, 1],
      ['s2', 2, 1],
    ]);
  });

  it('no records: zero counts, empty rates (null), empty distributions', async () => {
    const { overall, records } = await summariseService([]);
    expect(records).to.deep.equal({ read: 0, valid: 0, skipped: 0 });
    expect(overall.episodes).to.equal(0);
    expect(overall.firstMeetingWithinTarget).to.deep.equal({ numerator: 0, denominator: 0, rate: null });
    expect(overall.hoursToFirstMeeting.median).to.equal(null);
    expect(overall.meetingsPerWeek.early.perWeek).to.equal(null);
  });
});

describe('service measures: bad input', () => {
  it('one invalid record among 2,000 is reported with its position and skipped, never counted', async function () {
    this.timeout(120_000); // 4,000 records validated and summarised, on a busy machine
    const records: unknown[] = [...generateCaseload({ cases: 2_000, seed: 7 })];
    const valid = await summariseService(records, { asOf: AS_OF });
    const broken = JSON.parse(JSON.stringify(records[1500])) as { meetings: { start: string }[] };
    broken.meetings[0]!.start = 'yesterday';
    records.splice(1500, 1, broken);
    const summary = await summariseService(records, { asOf: AS_OF });
    expect(summary.records).to.deep.equal({ read: 2000, valid: 1999, skipped: 1 });
    expect(summary.skipped).to.have.length(1);
    expect(summary.skipped[0]!.position).to.equal(1500);
    expect(summary.skipped[0]!.path).to.deep.equal(['meetings', 0, 'start']);
    expect(summary.skipped[0]!.message).not.to.contain('yesterday');
    expect(summary.overall.cases).to.equal(valid.overall.cases - 1);
  });

  it('anything that is not a record (null, text, a throwing proxy) is skipped, not thrown', async () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    const summary = await summariseService([null, 'text', 42, hostile, caseWith('ok', '2026-03-01T09:00:00Z', [1])]);
    expect(summary.records).to.deep.equal({ read: 5, valid: 1, skipped: 4 });
    expect(summary.skipped.map((s) => s.position)).to.deep.equal([0, 1, 2, 3]);
  });

  it('the skipped list is capped by maxSkippedListed; every skipped record is still counted', async () => {
    const summary = await summariseService(
      Array.from({ length: 30 }, () => ({})),
      { maxSkippedListed: 5 },
    );
    expect(summary.records.skipped).to.equal(30);
    expect(summary.skipped.map((s) => s.position)).to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('invalid options throw a ValidationError naming each one', async () => {
    const bad = {
      period: { start: '2026-04-31', end: '2026-01-01' },
      groupBy: 'ward',
      timeZone: 'Mars/Olympus',
      asOf: 'now',
      maxSkippedListed: -1,
    } as unknown as ServiceOptions;
    const error = expectInstance(await rejection(summariseService([], bad)), ValidationError);
    const paths = error.issues.map((i) => i.path.join('.'));
    expect(paths).to.include.members(['period.start', 'groupBy', 'timeZone', 'asOf', 'maxSkippedListed']);
    const reversed = expectInstance(
      thrown(() => summariseServiceSync([], { period: { start: '2026-04-02', end: '2026-04-01' } })),
      ValidationError,
    );
    expect(reversed.issues[0]!.path).to.deep.equal(['period', 'end']);
    expectInstance(await rejection(summariseService(42 as unknown as [])), ValidationError);
    expectInstance(
      thrown(() => summariseServiceSync(null as unknown as [])),
      ValidationError,
    );
  });
});
