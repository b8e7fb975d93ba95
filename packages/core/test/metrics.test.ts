/**
 * Meeting and fidelity metrics against a hand-made record (see metrics-fixture.ts for
 * the table). Every expected value is worked out by hand; the working is in the comments.
 */
import { expect } from '@open-wc/testing';
import {
  continuity,
  defaultInstruments,
  fidelityTrend,
  firstMeetingWithinTarget,
  heldMeetings,
  keyElements,
  meanNetworkMembersPresent,
  meetingsPerWeekByPhase,
  parseCaseRecord,
  placeMix,
  reflectingConversationRate,
  scoreAssessment,
  sevenPrinciples,
  summariseMeetings,
  timeToFirstMeeting,
  twoOrMorePractitioners,
  withNetworkMember,
  withPeerWorker,
  ValidationError,
  type Assessment,
  type CaseRecord,
  type Ratio,
  type Score,
} from '@odkit/core';
import { metricsFixtureJson } from './metrics-fixture.js';

const EPS = 1e-9;
const record: CaseRecord = parseCaseRecord(metricsFixtureJson);

function expectRatio(actual: Ratio, numerator: number, denominator: number, value: number | null): void {
  expect(actual.numerator, 'numerator').to.equal(numerator);
  expect(actual.denominator, 'denominator').to.equal(denominator);
  if (value === null) expect(actual.value, 'value').to.equal(null);
  else expect(actual.value, 'value').to.be.closeTo(value, EPS);
}

function expectScore(
  actual: Score,
  expected: {
    rated: number;
    notApplicable: number;
    unrated: number;
    sum: number;
    mean: number | null;
    share: number | null;
  },
): void {
  expect(actual.rated, 'rated').to.equal(expected.rated);
  expect(actual.notApplicable, 'notApplicable').to.equal(expected.notApplicable);
  expect(actual.unrated, 'unrated').to.equal(expected.unrated);
  expect(actual.sum, 'sum').to.equal(expected.sum);
  for (const key of ['mean', 'share'] as const) {
    if (expected[key] === null) expect(actual[key], key).to.equal(null);
    else expect(actual[key], key).to.be.closeTo(expected[key], EPS);
  }
}

const assessment = (id: string): Assessment => {
  const found = record.assessments.find((a) => a.id === id);
  if (!found) throw new Error(`fixture has no assessment ${id}`);
  return found;
};

describe('metrics fixture', () => {
  it('is a valid case record', () => {
    expect(record.episodes.map((e) => e.id)).to.deep.equal(['e1', 'e2', 'e3', 'e4']);
    expect(record.meetings).to.have.length(11);
    expect(record.assessments).to.have.length(9);
  });
});

describe('heldMeetings', () => {
  it('lists held meetings of every episode, earliest first, leaving out planned and cancelled ones', () => {
    // record order is m3 n2 m1 m6 m5 n1 m2 m7 n3 m4 c1; m6/c1 cancelled and m7/n3 planned drop out.
    // By start: m1 03-03 09:00, m2 03-05 14:30, m3 03-10 18:00, n1 03-10 22:30 (23:30+01:00),
    // n2 03-12 16:00, m4 03-16 09:00, m5 03-25 11:00.
    expect(heldMeetings(record).map((m) => m.id)).to.deep.equal(['m1', 'm2', 'm3', 'n1', 'n2', 'm4', 'm5']);
  });

  it('filters by episode', () => {
    expect(heldMeetings(record, { episodeId: 'e1' }).map((m) => m.id)).to.deep.equal(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(heldMeetings(record, { episodeId: 'e2' }).map((m) => m.id)).to.deep.equal(['n1', 'n2']);
    // e3 has only the cancelled c1; e4 has no meetings; an unknown episode has nothing.
    expect(heldMeetings(record, { episodeId: 'e3' })).to.deep.equal([]);
    expect(heldMeetings(record, { episodeId: 'e4' })).to.deep.equal([]);
    expect(heldMeetings(record, { episodeId: 'nope' })).to.deep.equal([]);
  });

  it('refuses an asOf that is not a date-time with an offset, instead of giving NaN figures', () => {
    for (const asOf of ['yesterday', '2026-04-01 12:00', '2026-04-01T12:00:00']) {
      let error: unknown;
      try {
        summariseMeetings(record, { asOf });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(ValidationError);
      expect((error as ValidationError).issues[0]!.path).to.deep.equal(['asOf']);
    }
  });

  it('counts only meetings that had started by asOf', () => {
    // asOf 03-10 18:00 is m3's start (≤ counts); n1 starts 03-10 22:30, later.
    expect(heldMeetings(record, { asOf: '2026-03-10T18:00:00+00:00' }).map((m) => m.id)).to.deep.equal([
      'm1',
      'm2',
      'm3',
    ]);
    // The measures follow: e1 up to 03-06 has m1 (f1+pw) and m2 (f1 only) → 1/2 with two practitioners.
    expectRatio(twoOrMorePractitioners(record, { episodeId: 'e1', asOf: '2026-03-06T00:00:00+00:00' }), 1, 2, 0.5);
  });
});

describe('timeToFirstMeeting', () => {
  it('gives hours to the first held meeting per episode, in record order', () => {
    const times = timeToFirstMeeting(record);
    expect(times.map((t) => t.episodeId)).to.deep.equal(['e1', 'e2', 'e3', 'e4']);
    // e1: contact 03-02 09:00 → m1 03-03 09:00 = exactly 24 h → within (≤ 24).
    expect(times[0]).to.deep.equal({
      episodeId: 'e1',
      firstContact: '2026-03-02T09:00:00+00:00',
      firstMeetingId: 'm1',
      hours: 24,
      awaitingHours: null,
      withinTarget: true,
    });
    // e2: contact 03-09 22:00Z → n1 03-10 23:30+01:00 = 22:30Z = 24.5 h → just over the target.
    expect(times[1]).to.deep.equal({
      episodeId: 'e2',
      firstContact: '2026-03-09T22:00:00+00:00',
      firstMeetingId: 'n1',
      hours: 24.5,
      awaitingHours: null,
      withinTarget: false,
    });
    // e3: no held meeting, and cancelled c1 says nothing about time passing. Default asOf = first
    // contact 03-20 10:00 → awaiting 0 h, still inside 24 h → null.
    expect(times[2]).to.deep.equal({
      episodeId: 'e3',
      firstContact: '2026-03-20T10:00:00+00:00',
      firstMeetingId: null,
      hours: null,
      awaitingHours: 0,
      withinTarget: null,
    });
    // e4: no meetings, finished. Default asOf = its end 02-03 21:00; contact 02-02 09:00 → 36 h > 24 → false.
    expect(times[3]).to.deep.equal({
      episodeId: 'e4',
      firstContact: '2026-02-02T09:00:00+00:00',
      firstMeetingId: null,
      hours: null,
      awaitingHours: 36,
      withinTarget: false,
    });
  });

  it('uses asOf for an episode still awaiting its first meeting: null up to 24 h, false after', () => {
    const e3 = (asOf: string) => timeToFirstMeeting(record, { episodeId: 'e3', asOf })[0];
    // 03-20 10:00 → 03-21 10:00 = exactly 24 h: the target can still be met → null.
    expect(e3('2026-03-21T10:00:00+00:00')).to.include({ awaitingHours: 24, withinTarget: null });
    // 03-20 10:00 → 03-21 10:01 = 24 h 1 min → missed.
    const late = e3('2026-03-21T10:01:00+00:00');
    expect(late?.awaitingHours).to.be.closeTo(24 + 1 / 60, EPS);
    expect(late?.withinTarget).to.equal(false);
    // 03-20 10:00 → 03-21 16:00 = 30 h → false.
    expect(e3('2026-03-21T16:00:00+00:00')).to.include({ awaitingHours: 30, withinTarget: false });
    // asOf before first contact (08:00 < 10:00) clamps to 0 h → null.
    expect(e3('2026-03-20T08:00:00+00:00')).to.include({ awaitingHours: 0, withinTarget: null });
  });

  it('does not let asOf change an episode whose first meeting is held', () => {
    // e1's m1 was held at +24 h whatever "now" is.
    expect(timeToFirstMeeting(record, { episodeId: 'e1', asOf: '2026-06-01T00:00:00+00:00' })[0]).to.include({
      hours: 24,
      awaitingHours: null,
      withinTarget: true,
    });
  });

  it('stops the clock of a finished episode at its end, even with a later asOf', () => {
    // e4 ended 02-03 21:00 without a meeting: 36 h from contact, not 02-02 09:00 → 04-13 09:00.
    expect(timeToFirstMeeting(record, { episodeId: 'e4', asOf: '2026-04-13T09:00:00+00:00' })[0]).to.include({
      awaitingHours: 36,
      withinTarget: false,
    });
  });

  it('lists only the chosen episode, or none for an unknown id', () => {
    expect(timeToFirstMeeting(record, { episodeId: 'e2' }).map((t) => t.episodeId)).to.deep.equal(['e2']);
    expect(timeToFirstMeeting(record, { episodeId: 'nope' })).to.deep.equal([]);
  });
});

describe('firstMeetingWithinTarget', () => {
  it('counts episodes with a known result only', () => {
    // Default asOf: e1 true (24 h), e2 false (24.5 h), e3 null (0 h awaited, not counted), e4 false (36 h) → 1/3.
    expectRatio(firstMeetingWithinTarget(record), 1, 3, 1 / 3);
  });

  it('brings in an awaited episode once it passes 24 h', () => {
    // asOf 03-21 10:00: e3 at exactly 24 h is still null → still 1/3.
    expectRatio(firstMeetingWithinTarget(record, { asOf: '2026-03-21T10:00:00+00:00' }), 1, 3, 1 / 3);
    // asOf 03-21 16:00: e3 at 30 h → false → e1 of {e1, e2, e3, e4} → 1/4.
    expectRatio(firstMeetingWithinTarget(record, { asOf: '2026-03-21T16:00:00+00:00' }), 1, 4, 0.25);
  });

  it('filters by episode; null when no episode has a result yet', () => {
    expectRatio(firstMeetingWithinTarget(record, { episodeId: 'e1' }), 1, 1, 1); // m1 at exactly 24 h
    expectRatio(firstMeetingWithinTarget(record, { episodeId: 'e2' }), 0, 1, 0); // n1 at 24.5 h
    expectRatio(firstMeetingWithinTarget(record, { episodeId: 'e3' }), 0, 0, null); // 0 h awaited: nothing known
    expectRatio(firstMeetingWithinTarget(record, { episodeId: 'nope' }), 0, 0, null);
  });
});

describe('meetingsPerWeekByPhase', () => {
  it('splits one finished episode at first contact + 14 days, up to its end by default', () => {
    // e1: contact 03-02 09:00, boundary 03-16 09:00, end 03-30 09:00 → early 14 d = 2 weeks, later 14 d = 2 weeks.
    // Early (start < boundary): m1, m2, m3 = 3 → 1.5/week. Later: m4 (exactly at the boundary) and m5 = 2 → 1/week.
    // Cancelled m6 and planned m7 are not counted.
    const { early, later } = meetingsPerWeekByPhase(record, { episodeId: 'e1' });
    expect(early.meetings).to.equal(3);
    expect(early.weeks).to.be.closeTo(2, EPS);
    expect(early.perWeek).to.be.closeTo(1.5, EPS);
    expect(later.meetings).to.equal(2);
    expect(later.weeks).to.be.closeTo(2, EPS);
    expect(later.perWeek).to.be.closeTo(1, EPS);
  });

  it('defaults asOf for a running episode to the latest start or end of a held meeting (planned ones ignored)', () => {
    // e2 has no end. Latest of n1 end 03-10 23:30, n2 end 03-12 17:00 → 03-12 17:00 (planned n3 is ignored).
    // Contact 03-09 22:00 → 03-12 17:00 = 2 d 19 h = 67 h = 67/168 weeks, all early (boundary 03-23 22:00).
    // Early meetings n1, n2 = 2 → 2 / (67/168) = 336/67 ≈ 5.014925. Later phase not started → 0 weeks, null.
    const { early, later } = meetingsPerWeekByPhase(record, { episodeId: 'e2' });
    expect(early.meetings).to.equal(2);
    expect(early.weeks).to.be.closeTo(67 / 168, EPS);
    expect(early.perWeek).to.be.closeTo(5.014925, 1e-6);
    expect(later).to.deep.equal({ meetings: 0, weeks: 0, perWeek: null });
  });

  it('gives 0 per week (not null) for a started phase with no meetings', () => {
    // e3: contact 03-20 10:00, asOf 03-20 16:00 → 6 h = 6/168 weeks, no held meeting → 0/week.
    const { early, later } = meetingsPerWeekByPhase(record, { episodeId: 'e3', asOf: '2026-03-20T16:00:00+00:00' });
    expect(early.meetings).to.equal(0);
    expect(early.weeks).to.be.closeTo(6 / 168, EPS);
    expect(early.perWeek).to.equal(0);
    expect(later).to.deep.equal({ meetings: 0, weeks: 0, perWeek: null });
  });

  it('uses an earlier asOf for a running episode', () => {
    // e2 with asOf 03-16 22:00 = contact + 7 d → 1 early week; n1 and n2 both before → 2/week.
    const { early, later } = meetingsPerWeekByPhase(record, { episodeId: 'e2', asOf: '2026-03-16T22:00:00+00:00' });
    expect(early.meetings).to.equal(2);
    expect(early.weeks).to.be.closeTo(1, EPS);
    expect(early.perWeek).to.be.closeTo(2, EPS);
    expect(later).to.deep.equal({ meetings: 0, weeks: 0, perWeek: null });
  });

  it('uses an asOf that falls before a finished episode’s end', () => {
    // e1 with asOf 03-23 09:00 (before its end 03-30 09:00): early 2 weeks, later 03-16 09:00 → 03-23 09:00 = 1 week.
    const { early, later } = meetingsPerWeekByPhase(record, { episodeId: 'e1', asOf: '2026-03-23T09:00:00+00:00' });
    expect(early.weeks).to.be.closeTo(2, EPS);
    expect(later.weeks).to.be.closeTo(1, EPS);
  });

  it('pools meetings and weeks over every episode (default asOf)', () => {
    // Early weeks: e1 2 (336 h) + e2 67 h + e3 0 h (no held meeting: asOf = contact) + e4 36 h
    //   (contact 02-02 09:00 → end 02-03 21:00) = 439 h = 439/168 ≈ 2.613095 weeks;
    //   early meetings 3 + 2 = 5 → 5 × 168/439 = 840/439 ≈ 1.913440.
    // Later weeks: only e1 reaches its boundary → 2; later meetings m4, m5 = 2 → 1/week.
    const { early, later } = meetingsPerWeekByPhase(record);
    expect(early.meetings).to.equal(5);
    expect(early.weeks).to.be.closeTo(2.613095, 1e-6);
    expect(early.perWeek).to.be.closeTo(1.91344, 1e-6);
    expect(later.meetings).to.equal(2);
    expect(later.weeks).to.be.closeTo(2, EPS);
    expect(later.perWeek).to.be.closeTo(1, EPS);
  });

  it('pools with an explicit asOf, stopping finished episodes at their end', () => {
    // asOf 04-13 09:00.
    //  e1 finished 03-30 09:00 → still early 2 w, later 2 w (not 4 w up to 04-13).
    //  e2 running: early full 2 w; later 03-23 22:00 → 04-13 09:00 = 20 d 11 h = 491 h.
    //  e3 running: early full 2 w; later 04-03 10:00 → 04-13 09:00 = 9 d 23 h = 239 h.
    //  e4 finished 02-03 21:00 → early 36 h, later 0.
    // Early: weeks 2+2+2 + 36/168 = 1044/168 ≈ 6.214286; meetings 5 → 840/1044 ≈ 0.804598.
    // Later: weeks (336 + 491 + 239)/168 = 1066/168 ≈ 6.345238; meetings 2 → 336/1066 ≈ 0.315197.
    const { early, later } = meetingsPerWeekByPhase(record, { asOf: '2026-04-13T09:00:00+00:00' });
    expect(early.meetings).to.equal(5);
    expect(early.weeks).to.be.closeTo(6.214286, 1e-6);
    expect(early.perWeek).to.be.closeTo(0.804598, 1e-6);
    expect(later.meetings).to.equal(2);
    expect(later.weeks).to.be.closeTo(6.345238, 1e-6);
    expect(later.perWeek).to.be.closeTo(0.315197, 1e-6);
  });

  it('is empty for an unknown episode', () => {
    expect(meetingsPerWeekByPhase(record, { episodeId: 'nope' })).to.deep.equal({
      early: { meetings: 0, weeks: 0, perWeek: null },
      later: { meetings: 0, weeks: 0, perWeek: null },
    });
  });
});

describe('attendance ratios', () => {
  it('twoOrMorePractitioners counts present facilitators and peer workers only', () => {
    // m1 f1+pw ✓; m2 f1 (f2 absent) ✗; m3 f2+f3 ✓; m4 f1+pw+f3 ✓ (interp as "other" ignored); m5 f3 ✗;
    // n1 f2+pw ✓; n2 f2 ✗.
    expectRatio(twoOrMorePractitioners(record), 4, 7, 4 / 7); // m1 m3 m4 n1
    expectRatio(twoOrMorePractitioners(record, { episodeId: 'e1' }), 3, 5, 0.6); // m1 m3 m4
    expectRatio(twoOrMorePractitioners(record, { episodeId: 'e2' }), 1, 2, 0.5); // n1
    expectRatio(twoOrMorePractitioners(record, { episodeId: 'e3' }), 0, 0, null); // no held meeting
  });

  it('withPeerWorker needs the peer worker present', () => {
    // pw present at m1, m4, n1; invited but absent at m3.
    expectRatio(withPeerWorker(record), 3, 7, 3 / 7);
    expectRatio(withPeerWorker(record, { episodeId: 'e1' }), 2, 5, 0.4); // m1 m4
    expectRatio(withPeerWorker(record, { episodeId: 'e2' }), 1, 2, 0.5); // n1
    expectRatio(withPeerWorker(record, { episodeId: 'e4' }), 0, 0, null);
  });

  it('withNetworkMember counts only present members of kind person with role network', () => {
    // m1 mum ✓ (friend absent); m2 ✗ (gp is a professional, charity an organisation);
    // m3 mum+friend ✓; m4 mum ✓; m5 ✗ (mum absent, friend came as "other"); n1 friend ✓; n2 mum ✓.
    expectRatio(withNetworkMember(record), 5, 7, 5 / 7);
    expectRatio(withNetworkMember(record, { episodeId: 'e1' }), 3, 5, 0.6); // m1 m3 m4
    expectRatio(withNetworkMember(record, { episodeId: 'e2' }), 2, 2, 1); // n1 n2
    expectRatio(withNetworkMember(record, { episodeId: 'e3' }), 0, 0, null);
  });

  it('meanNetworkMembersPresent counts every present attendee with role network', () => {
    // Present with role network: m1 mum+gp 2, m2 gp+charity 2, m3 mum+friend 2, m4 mum 1, m5 0 → e1 7/5 = 1.4;
    // n1 friend 1, n2 mum+charity 2 → e2 3/2 = 1.5; pooled 10/7.
    expect(meanNetworkMembersPresent(record)).to.be.closeTo(10 / 7, EPS);
    expect(meanNetworkMembersPresent(record, { episodeId: 'e1' })).to.be.closeTo(1.4, EPS);
    expect(meanNetworkMembersPresent(record, { episodeId: 'e2' })).to.be.closeTo(1.5, EPS);
    expect(meanNetworkMembersPresent(record, { episodeId: 'e3' })).to.equal(null);
  });

  it('reflectingConversationRate', () => {
    // Reflecting conversation at m1, m3, n1, n2; not at m2, m4, m5.
    expectRatio(reflectingConversationRate(record), 4, 7, 4 / 7);
    expectRatio(reflectingConversationRate(record, { episodeId: 'e1' }), 2, 5, 0.4); // m1 m3
    expectRatio(reflectingConversationRate(record, { episodeId: 'e2' }), 2, 2, 1); // n1 n2
    expectRatio(reflectingConversationRate(record, { episodeId: 'e3' }), 0, 0, null);
  });
});

describe('placeMix', () => {
  it('shares held meetings by mode, ignoring cancelled and planned ones', () => {
    // home m1 m4 m5 n1 = 4; clinic m2 = 1; remote m3 = 1; other n2 (café) = 1; of 7 held.
    const mix = placeMix(record);
    expect(Object.keys(mix)).to.deep.equal(['home', 'clinic', 'remote', 'other']);
    expectRatio(mix.home, 4, 7, 4 / 7);
    expectRatio(mix.clinic, 1, 7, 1 / 7);
    expectRatio(mix.remote, 1, 7, 1 / 7);
    expectRatio(mix.other, 1, 7, 1 / 7);
  });

  it('filters by episode; every mode null without held meetings', () => {
    // e1: home m1 m4 m5 = 3, clinic m2, remote m3, other none → of 5 (m6, m7 at home are not held).
    const e1 = placeMix(record, { episodeId: 'e1' });
    expectRatio(e1.home, 3, 5, 0.6);
    expectRatio(e1.clinic, 1, 5, 0.2);
    expectRatio(e1.remote, 1, 5, 0.2);
    expectRatio(e1.other, 0, 5, 0);
    const e3 = placeMix(record, { episodeId: 'e3' }); // only the cancelled c1
    for (const mode of ['home', 'clinic', 'remote', 'other'] as const) expectRatio(e3[mode], 0, 0, null);
  });
});

describe('continuity', () => {
  it('shares later meetings attended by a practitioner present at the episode’s first meeting', () => {
    // e1 first meeting m1: {f1, pw}. m2 {f1} ✓; m3 {f2, f3} ✗ (pw invited but absent); m4 {f1, pw, f3} ✓; m5 {f3} ✗ →
    // 2/4.
    // e2 first meeting n1: {f2, pw}. n2 {f2} ✓ → 1/1.
    // Pooled 3/5; e3 and e4 have no held meetings and add nothing.
    const c = continuity(record);
    expectRatio(c.firstMeetingPractitioner, 3, 5, 0.6);
    // Distinct present practitioners: e1 f1, pw, f2 (m3), f3 = 4 (interp attended as "other");
    // e2 f2, pw = 2; e3, e4 none.
    expect(c.distinctPractitioners).to.deep.equal([
      { episodeId: 'e1', count: 4 },
      { episodeId: 'e2', count: 2 },
      { episodeId: 'e3', count: 0 },
      { episodeId: 'e4', count: 0 },
    ]);
  });

  it('filters by episode', () => {
    const e1 = continuity(record, { episodeId: 'e1' });
    expectRatio(e1.firstMeetingPractitioner, 2, 4, 0.5); // m2, m4 of m2–m5
    expect(e1.distinctPractitioners).to.deep.equal([{ episodeId: 'e1', count: 4 }]);
    expectRatio(continuity(record, { episodeId: 'e2' }).firstMeetingPractitioner, 1, 1, 1); // n2
    const e3 = continuity(record, { episodeId: 'e3' });
    expectRatio(e3.firstMeetingPractitioner, 0, 0, null); // no meeting after a first one
    expect(e3.distinctPractitioners).to.deep.equal([{ episodeId: 'e3', count: 0 }]);
  });
});

describe('summariseMeetings', () => {
  for (const options of [{}, { episodeId: 'e1' }, { episodeId: 'e3' }, { asOf: '2026-04-13T09:00:00+00:00' }]) {
    it(`equals the individual measures (${JSON.stringify(options)})`, () => {
      const s = summariseMeetings(record, options);
      expect(s.timeToFirstMeeting).to.deep.equal(timeToFirstMeeting(record, options));
      expect(s.firstMeetingWithinTarget).to.deep.equal(firstMeetingWithinTarget(record, options));
      expect(s.meetingsPerWeek).to.deep.equal(meetingsPerWeekByPhase(record, options));
      expect(s.twoOrMorePractitioners).to.deep.equal(twoOrMorePractitioners(record, options));
      expect(s.withPeerWorker).to.deep.equal(withPeerWorker(record, options));
      expect(s.withNetworkMember).to.deep.equal(withNetworkMember(record, options));
      expect(s.meanNetworkMembersPresent).to.deep.equal(meanNetworkMembersPresent(record, options));
      expect(s.placeMix).to.deep.equal(placeMix(record, options));
      expect(s.continuity).to.deep.equal(continuity(record, options));
      expect(s.reflectingConversationRate).to.deep.equal(reflectingConversationRate(record, options));
      expect(s.heldMeetings).to.equal(heldMeetings(record, options).length);
    });
  }

  it('counts meetings by status', () => {
    // Held m1–m5, n1, n2 = 7; planned m7, n3 = 2; cancelled m6, c1 = 2.
    expect(summariseMeetings(record)).to.include({ heldMeetings: 7, plannedMeetings: 2, cancelledMeetings: 2 });
    // e1: held m1–m5 = 5, planned m7, cancelled m6.
    expect(summariseMeetings(record, { episodeId: 'e1' })).to.include({
      heldMeetings: 5,
      plannedMeetings: 1,
      cancelledMeetings: 1,
    });
    // e3: only cancelled c1.
    expect(summariseMeetings(record, { episodeId: 'e3' })).to.include({
      heldMeetings: 0,
      plannedMeetings: 0,
      cancelledMeetings: 1,
    });
  });
});

describe('scoreAssessment', () => {
  it('scores the seven principles (scale 1–4) with one "na"', () => {
    // sp-m3-self: immediate-help na; social-network 4, flexibility 3, responsibility 4, continuity 2 | uncertainty 3,
    // dialogism 4.
    // share = (sum − rated × 1) / (rated × 3).
    const s = scoreAssessment(assessment('sp-m3-self'), sevenPrinciples);
    expect(s.assessmentId).to.equal('sp-m3-self');
    // overall: rated 6, sum 20, mean 20/6, share (20 − 6)/18 = 7/9.
    expectScore(s.overall, { rated: 6, notApplicable: 1, unrated: 0, sum: 20, mean: 10 / 3, share: 7 / 9 });
    expect(s.groups.map((g) => g.groupId)).to.deep.equal(['service', 'practice']);
    // service: 4+3+4+2 = 13 over 4 rated → mean 3.25, share (13 − 4)/12 = 0.75.
    expectScore(s.groups[0]!, { rated: 4, notApplicable: 1, unrated: 0, sum: 13, mean: 3.25, share: 0.75 });
    // practice: 3+4 = 7 over 2 → mean 3.5, share (7 − 2)/6 = 5/6.
    expectScore(s.groups[1]!, { rated: 2, notApplicable: 0, unrated: 0, sum: 7, mean: 3.5, share: 5 / 6 });
  });

  it('scores a fully rated seven-principles assessment', () => {
    // sp-m3-sup: 4 4 4 3 3 | 2 2.
    const s = scoreAssessment(assessment('sp-m3-sup'), sevenPrinciples);
    // overall sum 22, rated 7 → mean 22/7, share (22 − 7)/21 = 5/7.
    expectScore(s.overall, { rated: 7, notApplicable: 0, unrated: 0, sum: 22, mean: 22 / 7, share: 5 / 7 });
    // service 18 over 5 → mean 3.6, share 13/15; practice 4 over 2 → mean 2, share 2/6 = 1/3.
    expectScore(s.groups[0]!, { rated: 5, notApplicable: 0, unrated: 0, sum: 18, mean: 3.6, share: 13 / 15 });
    expectScore(s.groups[1]!, { rated: 2, notApplicable: 0, unrated: 0, sum: 4, mean: 2, share: 1 / 3 });
  });

  it('gives share 0 when every rated item is at the bottom of the scale', () => {
    // sp-n1: six 1s and dialogism na → sum 6, mean 1, share (6 − 6)/18 = 0.
    const s = scoreAssessment(assessment('sp-n1'), sevenPrinciples);
    expectScore(s.overall, { rated: 6, notApplicable: 1, unrated: 0, sum: 6, mean: 1, share: 0 });
    // practice: uncertainty 1, dialogism na → rated 1, share 0.
    expectScore(s.groups[1]!, { rated: 1, notApplicable: 1, unrated: 0, sum: 1, mean: 1, share: 0 });
  });

  it('counts unrated items (a rating without a value, or no rating at all) in a draft', () => {
    // sp-m4-draft: immediate-help 3, social-network commented but no value, flexibility na; the other 4 items absent.
    const s = scoreAssessment(assessment('sp-m4-draft'), sevenPrinciples);
    // overall: rated 1 (sum 3), na 1, unrated 1 + 4 = 5; share (3 − 1)/3 = 2/3.
    expectScore(s.overall, { rated: 1, notApplicable: 1, unrated: 5, sum: 3, mean: 3, share: 2 / 3 });
    // service: rated immediate-help; na flexibility; unrated social-network, responsibility, continuity.
    expectScore(s.groups[0]!, { rated: 1, notApplicable: 1, unrated: 3, sum: 3, mean: 3, share: 2 / 3 });
    // practice: both unrated → mean and share null.
    expectScore(s.groups[1]!, { rated: 0, notApplicable: 0, unrated: 2, sum: 0, mean: null, share: null });
  });

  it('gives null mean and share when nothing is rated', () => {
    expectScore(scoreAssessment(assessment('sp-m3-empty'), sevenPrinciples).overall, {
      rated: 0,
      notApplicable: 0,
      unrated: 7,
      sum: 0,
      mean: null,
      share: null,
    });
    expectScore(scoreAssessment(assessment('sp-m5-na'), sevenPrinciples).overall, {
      rated: 0,
      notApplicable: 7,
      unrated: 0,
      sum: 0,
      mean: null,
      share: null,
    });
  });

  it('scores the twelve key elements (scale 0–2) overall and per group', () => {
    // ke-m1. share = (sum − rated × 0) / (rated × 2) = sum / (2 × rated).
    const s = scoreAssessment(assessment('ke-m1'), keyElements);
    // overall: who 2+2, responding 1+2+0+1+2+1 (multiple-viewpoints na), reflecting 2+0 (transparency na)
    //   → rated 10, na 2, sum 13, mean 1.3, share 13/20 = 0.65.
    expectScore(s.overall, { rated: 10, notApplicable: 2, unrated: 0, sum: 13, mean: 1.3, share: 0.65 });
    expect(s.groups.map((g) => g.groupId)).to.deep.equal(['who', 'responding', 'reflecting']);
    expectScore(s.groups[0]!, { rated: 2, notApplicable: 0, unrated: 0, sum: 4, mean: 2, share: 1 }); // 4/4
    expectScore(s.groups[1]!, { rated: 6, notApplicable: 1, unrated: 0, sum: 7, mean: 7 / 6, share: 7 / 12 }); // 7/12
    expectScore(s.groups[2]!, { rated: 2, notApplicable: 1, unrated: 0, sum: 2, mean: 1, share: 0.5 }); // 2/4
  });

  it('scores a key-elements draft with most items unrated', () => {
    // ke-m3-draft: two-practitioners 2, network-participation 1, open-questions comment only, 9 more absent.
    const s = scoreAssessment(assessment('ke-m3-draft'), keyElements);
    // rated 2, sum 3, mean 1.5, share 3/4; unrated 12 − 2 = 10.
    expectScore(s.overall, { rated: 2, notApplicable: 0, unrated: 10, sum: 3, mean: 1.5, share: 0.75 });
    expectScore(s.groups[0]!, { rated: 2, notApplicable: 0, unrated: 0, sum: 3, mean: 1.5, share: 0.75 });
    expectScore(s.groups[1]!, { rated: 0, notApplicable: 0, unrated: 7, sum: 0, mean: null, share: null });
    expectScore(s.groups[2]!, { rated: 0, notApplicable: 0, unrated: 3, sum: 0, mean: null, share: null });
  });
});

describe('fidelityTrend', () => {
  const SP = { instrumentId: 'od-seven-principles' };
  const KE = { instrumentId: 'od-key-elements' };
  const shares = (trend: ReturnType<typeof fidelityTrend>) => trend.map((t) => [t.meetingId, t.share] as const);
  const expectShares = (trend: ReturnType<typeof fidelityTrend>, expected: [string, number | null][]) => {
    expect(trend.map((t) => t.meetingId)).to.deep.equal(expected.map(([id]) => id));
    shares(trend).forEach(([, share], i) => {
      const want = expected[i]![1];
      if (want === null) expect(share).to.equal(null);
      else expect(share).to.be.closeTo(want, EPS);
    });
  };

  it('orders meetings by start and averages raters of the same meeting (complete only)', () => {
    // Complete seven-principles assessments: sp-m1 (m1), sp-m3-self + sp-m3-sup (m3), sp-n1 (n1).
    // By start: m1 03-03 09:00, m3 03-10 18:00, n1 03-10 22:30Z (written 23:30+01:00).
    // m1: 11/18 — (4+2+3+3+2+3 = 17 − 6)/18, continuity na.
    // m3: mean of 7/9 and 5/7 = (49 + 45)/63/2 = 47/63.
    // n1: 0.
    const trend = fidelityTrend(record, SP);
    expectShares(trend, [
      ['m1', 11 / 18],
      ['m3', 47 / 63],
      ['n1', 0],
    ]);
    expect(trend[1]!.scores.map((s) => s.assessmentId)).to.deep.equal(['sp-m3-self', 'sp-m3-sup']);
    expect(trend[2]!.start).to.equal('2026-03-10T23:30:00+01:00');
    // m1 also has the key-elements ke-m1, which belongs to the other instrument.
    expect(trend[0]!.scores.map((s) => s.assessmentId)).to.deep.equal(['sp-m1']);
  });

  it('includes drafts only when asked; a draft with nothing rated does not pull an average down', () => {
    // Adds sp-m3-empty (m3, share null → left out of m3's mean), sp-m4-draft (m4, 2/3) and sp-m5-na (m5, all na →
    // null).
    const trend = fidelityTrend(record, { ...SP, includeDrafts: true });
    expectShares(trend, [
      ['m1', 11 / 18],
      ['m3', 47 / 63],
      ['n1', 0],
      ['m4', 2 / 3],
      ['m5', null],
    ]);
    expect(trend[1]!.scores.map((s) => s.assessmentId)).to.deep.equal(['sp-m3-self', 'sp-m3-sup', 'sp-m3-empty']);
  });

  it('filters by episode', () => {
    expectShares(fidelityTrend(record, { ...SP, episodeId: 'e1' }), [
      ['m1', 11 / 18],
      ['m3', 47 / 63],
    ]);
    expectShares(fidelityTrend(record, { ...SP, episodeId: 'e2' }), [['n1', 0]]);
    expectShares(fidelityTrend(record, { ...SP, episodeId: 'e1', includeDrafts: true }), [
      ['m1', 11 / 18],
      ['m3', 47 / 63],
      ['m4', 2 / 3],
      ['m5', null],
    ]);
    expect(fidelityTrend(record, { ...SP, episodeId: 'e3', includeDrafts: true })).to.deep.equal([]);
  });

  it('follows the key-elements instrument on its own scale', () => {
    // Complete: ke-m1 13/20. Drafts add ke-m3-draft at m3: 3/4.
    expectShares(fidelityTrend(record, KE), [['m1', 0.65]]);
    expectShares(fidelityTrend(record, { ...KE, includeDrafts: true }), [
      ['m1', 0.65],
      ['m3', 0.75],
    ]);
    // Explicit registry gives the same result as the default one.
    expectShares(fidelityTrend(record, { ...KE, instruments: defaultInstruments }), [['m1', 0.65]]);
  });

  it('is empty for an instrument no assessment uses', () => {
    expect(fidelityTrend(record, { instrumentId: 'some-other-scale', includeDrafts: true })).to.deep.equal([]);
  });
});
