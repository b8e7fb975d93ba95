import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  InstrumentRegistry,
  NotFoundError,
  ValidationError,
  applyAssessmentChange,
  applyChange,
  applyNetworkChange,
  applyTimelineChange,
  createInstrumentRegistry,
  currentTeam,
  defaultInstruments,
  formatPath,
  keyElements,
  localise,
  parseCaseRecord,
  parseChange,
  sevenPrinciples,
  validate,
  type CaseRecord,
  type Change,
  type ChangeApplier,
  type ChangeType,
  type Instrument,
} from '@odkit/core';
import { validCaseRecord } from '../../../test/fixtures/arbitraries.js';
import {
  PERSON_ID,
  allRatings,
  assessment,
  clone,
  episode,
  exampleRecord,
  expectInstance,
  meeting,
  member,
  professional,
  thrown,
  tie,
} from './support.js';

/** The change types exercised below; the last test checks this covers every type the SDK accepts. */
const covered = new Set<ChangeType>();

let record: CaseRecord;
let before: CaseRecord;

/** Applies a change to the example record (a plain, unfrozen object), remembering its type. */
function apply(change: Change, to: CaseRecord = record): CaseRecord {
  covered.add(change.type);
  const next = applyChange(to, change);
  familyAppliesTheSame(change, to);
  return next;
}

/** Applies a change that must fail, returning the error. */
function refused(change: unknown, to: CaseRecord = record): unknown {
  if (change && typeof change === 'object' && 'type' in change) covered.add(change.type as ChangeType);
  const error = thrown(() => applyChange(to, change));
  familyAppliesTheSame(change, to);
  return error;
}

/** The applier of the family a change's type belongs to (the widgets apply their edits with these). */
function familyApplier(change: unknown): ChangeApplier | undefined {
  const type: unknown = change && typeof change === 'object' && 'type' in change ? change.type : undefined;
  // An unknown type is refused by each with its own list of types: not the same message.
  const known = CHANGE_TYPES.find((t) => t === type);
  if (!known) return undefined;
  if (/^(person|member|tie)\//.test(known)) return applyNetworkChange;
  return /^(episode|meeting)\//.test(known) ? applyTimelineChange : applyAssessmentChange;
}

/**
 * Every change a test applies or has refused is applied again by its family's applier, which must give exactly
 * what applyChange gives: the same record, or the same error. Both are given the change dated at one time, so
 * an update that dates its history (member/update, tie/update) dates it the same.
 */
function familyAppliesTheSame(change: unknown, to: CaseRecord): void {
  const family = familyApplier(change);
  if (!family) return;
  const undated = /^(member|tie)\/update$/.test((change as Change).type) && !('at' in (change as object));
  const dated = undated ? { ...(change as object), at: '2026-03-01T09:00:00.000Z' } : change;
  const outcome = (applier: ChangeApplier) => {
    try {
      return { record: applier(to, dated) };
    } catch (error) {
      const { name, message, issues } = error as ValidationError;
      return { error: { name, message, issues } };
    }
  };
  expect(outcome(family)).to.deep.equal(outcome(applyChange));
}

function validationError(change: unknown, to?: CaseRecord): ValidationError {
  return expectInstance(refused(change, to), ValidationError);
}

function notFound(change: unknown, to?: CaseRecord): NotFoundError {
  return expectInstance(refused(change, to), NotFoundError);
}

const ids = (list: readonly { id: string }[]) => list.map((e) => e.id);
const paths = (error: ValidationError) => error.issues.map((i) => formatPath(i.path));

/** An assessment of mt1 that is complete, and the record holding it. */
function withCompleteAssessment(): CaseRecord {
  const r = exampleRecord();
  r.assessments[0] = assessment('a1', {
    status: 'complete',
    completedAt: '2026-03-02T17:00:00+00:00',
    ratings: allRatings(sevenPrinciples, 3),
  });
  return r;
}

describe('applyChange', () => {
  beforeEach(() => {
    record = exampleRecord();
    before = clone(record);
  });

  afterEach(() => {
    // Whatever happened, the input record was not modified.
    expect(record).to.deep.equal(before);
  });

  it('returns a new, frozen, valid record and leaves a frozen input alone too', () => {
    const frozen = parseCaseRecord(exampleRecord());
    const next = apply({ type: 'tie/remove', tieId: 't3' }, frozen);
    expect(next).not.to.equal(frozen);
    expect(Object.isFrozen(next) && Object.isFrozen(next.ties)).to.equal(true);
    expect(ids(frozen.ties)).to.deep.equal(['t1', 't2', 't3', 't4', 't5']);
    expect(ids(next.ties)).to.deep.equal(['t1', 't2', 't4', 't5']);
    expect(() => parseCaseRecord(next)).not.to.throw();
  });

  describe('person/update', () => {
    it('replaces the person', () => {
      const next = apply({ type: 'person/update', person: { id: PERSON_ID, name: 'Alex', pronouns: 'they/them' } });
      expect(next.person).to.deep.equal({ id: PERSON_ID, name: 'Alex', pronouns: 'they/them' });
      expect(next.members).to.deep.equal(record.members);
    });

    it("refuses to change the person's id", () => {
      const error = validationError({ type: 'person/update', person: { id: 'p2', name: 'Alex' } });
      expect(error.issues).to.deep.equal([
        { path: ['person', 'id'], message: `cannot change the person's id (is "${PERSON_ID}")` },
      ]);
    });

    it('refuses an invalid person, with the path inside the change', () => {
      const error = validationError({
        type: 'person/update',
        person: { id: PERSON_ID, name: 'Alex', nhsNumber: '1234567890' },
      });
      expect(paths(error)).to.deep.equal(['person.nhsNumber']);
      expect(error.message).to.match(/^Change is invalid: person\.nhsNumber must be a 10-digit NHS number/);
    });
  });

  describe('member/add, member/update, member/remove', () => {
    it('adds a member at the end', () => {
      const next = apply({ type: 'member/add', member: member('gran', { ring: 2, household: false }) });
      expect(ids(next.members)).to.deep.equal(['mum', 'friend', 'nbr', 'dr', 'nurse', 'peer', 'gran']);
      expect(next.members[6]!.ring).to.equal(2);
    });

    it('refuses a member id that is taken', () => {
      const error = validationError({ type: 'member/add', member: member('mum') });
      expect(error.issues).to.deep.equal([
        { path: ['member', 'id'], message: '"mum" is already used by another member' },
      ]);
    });

    it("refuses a member with the person's id (an integrity rule of the resulting record)", () => {
      const error = validationError({ type: 'member/add', member: member(PERSON_ID) });
      expect(paths(error)).to.deep.equal(['members[6].id']);
    });

    it('updates a member in place', () => {
      const next = apply({
        type: 'member/update',
        member: member('friend', { status: 'past', until: '2026-01-01', sector: 'friends' }),
      });
      expect(ids(next.members)).to.deep.equal(ids(record.members));
      expect(next.members[1]).to.include({ status: 'past', until: '2026-01-01' });
    });

    it('refuses an update that breaks a meeting: a facilitator who stops being a professional', () => {
      const error = validationError({ type: 'member/update', member: member('dr') });
      expect(error.issues).to.deep.equal([
        {
          path: ['meetings', 0, 'attendees', 0, 'role'],
          message: 'is "facilitator", but member "dr" is not a professional',
        },
        {
          path: ['meetings', 1, 'attendees', 0, 'role'],
          message: 'is "facilitator", but member "dr" is not a professional',
        },
      ]);
    });

    it('updating an unknown member is NotFoundError naming the id', () => {
      const error = notFound({ type: 'member/update', member: member('ghost') });
      expect(error.kind).to.equal('member');
      expect(error.id).to.equal('ghost');
      expect(error.message).to.equal('No member with id "ghost".');
      expect(error.code).to.equal('not-found');
    });

    it('removes a member and every tie to or from them, and nothing else', () => {
      const next = apply({ type: 'member/remove', memberId: 'nbr' });
      expect(ids(next.members)).to.deep.equal(['mum', 'friend', 'dr', 'nurse', 'peer']);
      expect(ids(next.ties)).to.deep.equal(['t1', 't2', 't3']);
    });

    it('refuses to remove a member listed in a meeting, even as absent', () => {
      for (const memberId of ['mum', 'friend']) {
        const error = validationError({ type: 'member/remove', memberId });
        expect(error.issues).to.deep.equal([
          {
            path: ['memberId'],
            message: `"${memberId}" is listed in meeting "mt1"; mark them as past instead of removing them`,
          },
        ]);
      }
    });

    it('refuses to remove the rater of an assessment', () => {
      const r = exampleRecord();
      r.members.push(professional('supervisor'));
      r.assessments[0]!.rater = { name: 'Supervisor', memberId: 'supervisor' };
      const error = validationError({ type: 'member/remove', memberId: 'supervisor' }, r);
      expect(error.issues[0]!.message).to.equal(
        '"supervisor" is the rater of assessment "a1"; mark them as past instead',
      );
    });

    it('removing an unknown member is NotFoundError', () => {
      expect(notFound({ type: 'member/remove', memberId: 'ghost' }).id).to.equal('ghost');
    });
  });

  describe('tie/add, tie/update, tie/remove', () => {
    it('adds a tie between two members', () => {
      const next = apply({
        type: 'tie/add',
        tie: tie('t6', 'friend', 'nbr', { strength: 'tenuous', label: 'school run' }),
      });
      expect(next.ties[5]).to.deep.equal(tie('t6', 'friend', 'nbr', { strength: 'tenuous', label: 'school run' }));
    });

    it('refuses a tie to someone not in the network, and a repeated tie id', () => {
      expect(validationError({ type: 'tie/add', tie: tie('t6', PERSON_ID, 'ghost') }).issues).to.deep.equal([
        { path: ['ties', 5, 'to'], message: 'refers to "ghost", which is not a network member' },
      ]);
      expect(paths(validationError({ type: 'tie/add', tie: tie('t1', PERSON_ID, 'dr') }))).to.deep.equal(['tie.id']);
    });

    it('updates a tie', () => {
      const next = apply({
        type: 'tie/update',
        tie: tie('t3', 'mum', 'friend', { quality: 'cut-off', until: '2026-02-01' }),
      });
      expect(next.ties[2]).to.include({ quality: 'cut-off', until: '2026-02-01' });
      expect(next.ties).to.have.length(5);
    });

    it('refuses an update to an unknown tie, and an invalid tie', () => {
      expect(notFound({ type: 'tie/update', tie: tie('t9', PERSON_ID, 'mum') }).id).to.equal('t9');
      const error = validationError({
        type: 'tie/update',
        tie: tie('t1', PERSON_ID, 'mum', { since: '2026-02-01', until: '2025-01-01' }),
      });
      expect(error.issues).to.deep.equal([{ path: ['tie', 'until'], message: 'ends before it starts' }]);
    });

    it('removes a tie, and refuses to remove an unknown one', () => {
      expect(ids(apply({ type: 'tie/remove', tieId: 't1' }).ties)).to.deep.equal(['t2', 't3', 't4', 't5']);
      const error = notFound({ type: 'tie/remove', tieId: 'nope' });
      expect([error.kind, error.id]).to.deep.equal(['tie', 'nope']);
    });
  });

  describe('episode/add, episode/update', () => {
    it('adds an episode and then finishes it', () => {
      const added = apply({
        type: 'episode/add',
        episode: episode('e2', { firstContact: '2026-09-01T08:00:00+01:00' }),
      });
      expect(ids(added.episodes)).to.deep.equal(['e1', 'e2']);
      const finished = apply(
        {
          type: 'episode/update',
          episode: episode('e2', {
            firstContact: '2026-09-01T08:00:00+01:00',
            status: 'finished',
            end: '2026-10-01T12:00:00+01:00',
          }),
        },
        added,
      );
      expect(finished.episodes[1]).to.include({ status: 'finished', end: '2026-10-01T12:00:00+01:00' });
    });

    it('refuses a finished episode without an end, and an unknown episode', () => {
      expect(
        validationError({ type: 'episode/update', episode: episode('e1', { status: 'finished' }) }).issues,
      ).to.deep.equal([{ path: ['episode', 'end'], message: 'a finished episode needs an end' }]);
      expect(notFound({ type: 'episode/update', episode: episode('e7') }).id).to.equal('e7');
      expect(paths(validationError({ type: 'episode/add', episode: episode('e1') }))).to.deep.equal(['episode.id']);
    });

    it('records hand-overs of responsibility, keeping the first team, and refuses ones out of order', () => {
      const handovers = [
        { at: '2026-03-10T09:00:00+00:00', to: 'Home treatment team', reason: 'Moved to the next town' },
        { at: '2026-04-01T09:00:00+00:00', to: 'Crisis team' },
      ];
      const next = apply({ type: 'episode/update', episode: episode('e1', { handovers }) });
      expect(next.episodes[0]).to.deep.include({ responsibleTeam: 'Crisis team', handovers });
      expect(currentTeam(next.episodes[0]!)).to.equal('Crisis team');
      expect(currentTeam(episode('e1'))).to.equal('Crisis team');
      const bad = episode('e1', {
        status: 'finished',
        end: '2026-03-20T09:00:00+00:00',
        handovers: [
          { at: '2026-03-01T09:00:00+00:00', to: 'Crisis team' },
          { at: '2026-03-21T09:00:00+00:00', to: 'Home treatment team' },
          { at: '2026-03-05T09:00:00+00:00', to: 'Home treatment team' },
        ],
      });
      expect(validationError({ type: 'episode/update', episode: bad }).issues).to.deep.equal([
        { path: ['episode', 'handovers', 0, 'at'], message: 'is not after first contact' },
        { path: ['episode', 'handovers', 0, 'to'], message: 'names the team that already holds responsibility' },
        { path: ['episode', 'handovers', 1, 'at'], message: 'is after the end of the episode' },
        { path: ['episode', 'handovers', 2, 'at'], message: 'is not after the hand-over before it' },
        { path: ['episode', 'handovers', 2, 'to'], message: 'names the team that already holds responsibility' },
      ]);
    });
  });

  describe('meeting/record, meeting/update, meeting/cancel, meeting/set-attendance', () => {
    const planned = meeting('mt3', {
      status: 'planned',
      start: '2026-03-09T15:00:00+00:00',
      mode: 'remote',
      personPresent: false,
      reflectingConversation: false,
      attendees: [{ memberId: 'nurse', role: 'facilitator', present: false }],
    });

    it('records a meeting', () => {
      const next = apply({ type: 'meeting/record', meeting: planned });
      expect(ids(next.meetings)).to.deep.equal(['mt1', 'mt2', 'mt3']);
      expect(next.meetings[2]).to.deep.equal(planned);
    });

    it('refuses a meeting in an unknown episode, with an unknown attendee, or a repeated id', () => {
      const error = validationError({
        type: 'meeting/record',
        meeting: {
          ...planned,
          episodeId: 'e9',
          attendees: [{ memberId: 'stranger', role: 'network', present: false }],
        },
      });
      expect(paths(error)).to.deep.equal(['meetings[2].episodeId', 'meetings[2].attendees[0].memberId']);
      expect(paths(validationError({ type: 'meeting/record', meeting: { ...planned, id: 'mt1' } }))).to.deep.equal([
        'meeting.id',
      ]);
    });

    it('updates a planned meeting into a held one', () => {
      const held = {
        ...record.meetings[1]!,
        status: 'held' as const,
        personPresent: true,
        reflectingConversation: true,
        attendees: [
          { memberId: 'dr', role: 'facilitator' as const, present: true },
          { memberId: 'mum', role: 'network' as const, present: true },
        ],
        nextMeeting: { kind: 'open' as const },
      };
      const next = apply({ type: 'meeting/update', meeting: held });
      expect(next.meetings[1]).to.deep.equal(held);
      expect(notFound({ type: 'meeting/update', meeting: { ...held, id: 'mt9' } }).id).to.equal('mt9');
    });

    it('cancels a planned meeting, with or without a reason', () => {
      const withReason = apply({ type: 'meeting/cancel', meetingId: 'mt2', reason: 'Family away' });
      expect(withReason.meetings[1]).to.include({ status: 'cancelled', cancellationReason: 'Family away' });
      const withoutReason = apply({ type: 'meeting/cancel', meetingId: 'mt2' });
      expect(withoutReason.meetings[1]!.status).to.equal('cancelled');
      expect(withoutReason.meetings[1]).not.to.have.property('cancellationReason');
    });

    it('cancels only a planned meeting', () => {
      const error = validationError({ type: 'meeting/cancel', meetingId: 'mt1' });
      expect(error.issues).to.deep.equal([
        { path: ['meetingId'], message: '"mt1" is held; only a planned meeting can be cancelled' },
      ]);
      const cancelled = apply({ type: 'meeting/cancel', meetingId: 'mt2' });
      expect(validationError({ type: 'meeting/cancel', meetingId: 'mt2' }, cancelled).issues[0]!.message).to.equal(
        '"mt2" is cancelled; only a planned meeting can be cancelled',
      );
      expect(notFound({ type: 'meeting/cancel', meetingId: 'mt9' }).id).to.equal('mt9');
    });

    it('sets who was present at a held meeting', () => {
      const attendees = [
        { memberId: 'dr', role: 'facilitator' as const, present: true },
        { memberId: 'friend', role: 'network' as const, present: true },
      ];
      const next = apply({ type: 'meeting/set-attendance', meetingId: 'mt1', personPresent: false, attendees });
      expect(next.meetings[0]!.personPresent).to.equal(false);
      expect(next.meetings[0]!.attendees).to.deep.equal(attendees);
      expect(next.meetings[0]!.start).to.equal(record.meetings[0]!.start);
    });

    it('refuses presence at a meeting that was not held, and attendance for an unknown meeting', () => {
      const error = validationError({
        type: 'meeting/set-attendance',
        meetingId: 'mt2',
        personPresent: true,
        attendees: [],
      });
      expect(error.issues).to.deep.equal([
        {
          path: ['meetings', 1, 'status'],
          message: 'only a held meeting can record who was present or a reflecting conversation',
        },
      ]);
      expect(
        notFound({ type: 'meeting/set-attendance', meetingId: 'zz', personPresent: true, attendees: [] }).id,
      ).to.equal('zz');
    });

    it('refuses a practitioner role for someone who is not a professional', () => {
      const error = validationError({
        type: 'meeting/set-attendance',
        meetingId: 'mt1',
        personPresent: true,
        attendees: [{ memberId: 'mum', role: 'peer-worker', present: true }],
      });
      expect(paths(error)).to.deep.equal(['meetings[0].attendees[0].role']);
    });
  });

  describe('assessments', () => {
    it('starts a draft assessment', () => {
      const started = assessment('a2', {
        instrumentId: 'od-key-elements',
        raterRole: 'independent',
        evidence: 'audio',
      });
      const next = apply({ type: 'assessment/start', assessment: started });
      expect(ids(next.assessments)).to.deep.equal(['a1', 'a2']);
      expect(next.assessments[1]).to.deep.equal(started);
    });

    it('refuses to start an assessment that is already complete, or reuses an id, or names an unknown meeting', () => {
      const complete = assessment('a2', {
        status: 'complete',
        completedAt: '2026-03-02T17:00:00Z',
        ratings: allRatings(sevenPrinciples, 4),
      });
      expect(validationError({ type: 'assessment/start', assessment: complete }).issues).to.deep.equal([
        { path: ['assessment', 'status'], message: 'must be "draft" when an assessment starts' },
      ]);
      expect(paths(validationError({ type: 'assessment/start', assessment: assessment('a1') }))).to.deep.equal([
        'assessment.id',
      ]);
      expect(
        paths(validationError({ type: 'assessment/start', assessment: assessment('a2', { meetingId: 'mt9' }) })),
      ).to.deep.equal(['assessments[1].meetingId']);
    });

    it('updates a draft, but not into a complete one', () => {
      const next = apply({
        type: 'assessment/update',
        assessment: { ...record.assessments[0]!, evidence: 'video', raterRole: 'supervisor' },
      });
      expect(next.assessments[0]).to.include({ evidence: 'video', raterRole: 'supervisor' });
      const error = validationError({
        type: 'assessment/update',
        assessment: { ...record.assessments[0]!, status: 'complete', completedAt: '2026-03-02T17:00:00Z' },
      });
      expect(error.issues).to.deep.equal([
        {
          path: ['assessment', 'status'],
          message: 'must stay "draft"; complete it with an assessment/complete change',
        },
      ]);
      expect(notFound({ type: 'assessment/update', assessment: assessment('a9') }).id).to.equal('a9');
    });

    it('rates an item, re-rates it in place, and records when', () => {
      const rated = apply({
        type: 'assessment/rate',
        assessmentId: 'a1',
        itemId: 'dialogism',
        value: 3,
        at: '2026-03-02T17:05:00+00:00',
      });
      expect(rated.assessments[0]!.ratings).to.deep.equal([
        { itemId: 'immediate-help', value: 4 },
        { itemId: 'dialogism', value: 3 },
      ]);
      expect(rated.assessments[0]!.updatedAt).to.equal('2026-03-02T17:05:00+00:00');
      const again = apply({ type: 'assessment/rate', assessmentId: 'a1', itemId: 'immediate-help', value: 2 }, rated);
      expect(again.assessments[0]!.ratings).to.deep.equal([
        { itemId: 'immediate-help', value: 2 },
        { itemId: 'dialogism', value: 3 },
      ]);
      expect(again.assessments[0]!.updatedAt).to.equal('2026-03-02T17:05:00+00:00');
    });

    it('rates "not applicable", clears a rating with null, and keeps a comment unless it is replaced or emptied', () => {
      const na = apply({
        type: 'assessment/rate',
        assessmentId: 'a1',
        itemId: 'continuity',
        value: 'na',
        comment: 'first meeting',
      });
      expect(na.assessments[0]!.ratings[1]).to.deep.equal({
        itemId: 'continuity',
        value: 'na',
        comment: 'first meeting',
      });
      // A value alone keeps the comment.
      const rerated = apply({ type: 'assessment/rate', assessmentId: 'a1', itemId: 'continuity', value: 2 }, na);
      expect(rerated.assessments[0]!.ratings[1]).to.deep.equal({
        itemId: 'continuity',
        value: 2,
        comment: 'first meeting',
      });
      // A comment alone keeps the value.
      const noted = apply(
        { type: 'assessment/rate', assessmentId: 'a1', itemId: 'continuity', comment: 'ask the team' },
        rerated,
      );
      expect(noted.assessments[0]!.ratings[1]).to.deep.equal({
        itemId: 'continuity',
        value: 2,
        comment: 'ask the team',
      });
      // null clears the value; "" removes the comment.
      const cleared = apply({ type: 'assessment/rate', assessmentId: 'a1', itemId: 'continuity', value: null }, noted);
      expect(cleared.assessments[0]!.ratings[1]).to.deep.equal({ itemId: 'continuity', comment: 'ask the team' });
      const blank = apply({ type: 'assessment/rate', assessmentId: 'a1', itemId: 'continuity', comment: '' }, cleared);
      expect(blank.assessments[0]!.ratings[1]).to.deep.equal({ itemId: 'continuity' });
    });

    it('refuses a value off the scale, an unknown item, and an unknown assessment', () => {
      expect(
        validationError({ type: 'assessment/rate', assessmentId: 'a1', itemId: 'dialogism', value: 9 }).issues,
      ).to.deep.equal([
        { path: ['assessments', 0, 'ratings', 1, 'value'], message: 'is 9, which is not on the scale (1, 2, 3, 4)' },
      ]);
      expect(
        paths(validationError({ type: 'assessment/rate', assessmentId: 'a1', itemId: 'vibes', value: 2 })),
      ).to.deep.equal(['assessments[0].ratings[1].itemId']);
      expect(
        paths(validationError({ type: 'assessment/rate', assessmentId: 'a1', itemId: 'dialogism', value: 2.5 })),
      ).to.deep.equal(['value']);
      expect(notFound({ type: 'assessment/rate', assessmentId: 'a9', itemId: 'dialogism', value: 2 }).id).to.equal(
        'a9',
      );
    });

    it('completes an assessment only when every required item is rated', () => {
      const error = validationError({ type: 'assessment/complete', assessmentId: 'a1', at: '2026-03-02T17:30:00Z' });
      expect(error.issues.map((i) => i.message)).to.deep.equal(
        sevenPrinciples.items
          .slice(1)
          .map((item) => `has no rating for required item "${item.id}", so it cannot be complete`),
      );
      expect(error.issues.every((i) => formatPath(i.path) === 'assessments[0].ratings')).to.equal(true);

      let next = record;
      for (const item of sevenPrinciples.items.slice(1)) {
        next = apply(
          { type: 'assessment/rate', assessmentId: 'a1', itemId: item.id, value: item.id === 'continuity' ? 'na' : 3 },
          next,
        );
      }
      const done = apply({ type: 'assessment/complete', assessmentId: 'a1', at: '2026-03-02T17:30:00Z' }, next);
      expect(done.assessments[0]).to.include({
        status: 'complete',
        completedAt: '2026-03-02T17:30:00Z',
        updatedAt: '2026-03-02T17:30:00Z',
      });
    });

    it('treats a complete assessment as read-only until it is reopened', () => {
      const complete = withCompleteAssessment();
      const message = '"a1" is complete and read-only; reopen it to change it';
      for (const change of [
        { type: 'assessment/rate', assessmentId: 'a1', itemId: 'dialogism', value: 1 },
        { type: 'assessment/update', assessment: { ...complete.assessments[0]!, evidence: 'notes' } },
        { type: 'assessment/complete', assessmentId: 'a1', at: '2026-03-03T09:00:00Z' },
      ] satisfies Change[]) {
        expect(validationError(change, complete).issues, change.type).to.deep.equal([
          { path: ['assessmentId'], message },
        ]);
      }
    });

    it('reopens a complete assessment as a draft, and refuses to reopen a draft', () => {
      const complete = withCompleteAssessment();
      const reopened = apply({ type: 'assessment/reopen', assessmentId: 'a1', at: '2026-03-03T09:00:00Z' }, complete);
      expect(reopened.assessments[0]!.status).to.equal('draft');
      expect(reopened.assessments[0]).not.to.have.property('completedAt');
      expect(reopened.assessments[0]!.updatedAt).to.equal('2026-03-03T09:00:00Z');
      expect(reopened.assessments[0]!.ratings).to.deep.equal(complete.assessments[0]!.ratings);
      // Now it can be edited again.
      const edited = apply({ type: 'assessment/rate', assessmentId: 'a1', itemId: 'dialogism', value: 1 }, reopened);
      expect(edited.assessments[0]!.ratings.find((r) => r.itemId === 'dialogism')!.value).to.equal(1);

      expect(validationError({ type: 'assessment/reopen', assessmentId: 'a1' }).issues).to.deep.equal([
        { path: ['assessmentId'], message: '"a1" is not complete' },
      ]);
      expect(notFound({ type: 'assessment/reopen', assessmentId: 'a9' }).id).to.equal('a9');
    });
  });

  describe('bad changes', () => {
    it('rejects a malformed entity with the path inside the change', () => {
      const error = validationError({ type: 'member/add', member: { ...member('gran'), ring: 9, name: '' } });
      expect(error.issues).to.deep.equal([
        { path: ['member', 'name'], message: 'must not be empty' },
        { path: ['member', 'ring'], message: 'must be one of 1, 2, 3; got the number 9' },
      ]);
      expect(error.message).to.contain('member.ring');
    });

    it('rejects an unknown type, a missing field, an unknown field, and a non-object', () => {
      expect(validationError({ type: 'member/delete', memberId: 'mum' }).issues).to.deep.equal([
        {
          path: ['type'],
          message: `has an unknown "type" (expected one of ${CHANGE_TYPES.length} values such as ${CHANGE_TYPES.slice(
            0,
            3,
          )
            .map((t) => `"${t}"`)
            .join(', ')})`,
        },
      ]);
      expect(validationError({ type: 'tie/remove' }).issues).to.deep.equal([
        { path: ['tieId'], message: 'is required (expected text)' },
      ]);
      expect(validationError({ type: 'tie/remove', tieId: 't1', force: true }).issues).to.deep.equal([
        { path: [], message: 'has unknown field "force"' },
      ]);
      for (const junk of [null, 'member/remove', 3, []]) {
        expect(validationError(junk).issues).to.have.length(1);
      }
    });

    it('parseChange validates without applying', () => {
      const change = parseChange({ type: 'meeting/cancel', meetingId: 'mt2', reason: '  Snow  ' });
      expect(change).to.deep.equal({ type: 'meeting/cancel', meetingId: 'mt2', reason: 'Snow' });
      expect(() => parseChange({ type: 'meeting/cancel' })).to.throw(ValidationError, 'meetingId');
    });
  });

  it('throws nothing but ValidationError or NotFoundError, never modifies its input, and returns only valid records', () => {
    const changeFor = (r: CaseRecord): fc.Arbitrary<unknown> => {
      const pick = (list: readonly { id: string }[]) => fc.constantFrom('unknown-id', ...ids(list));
      const instrumentItems = [...sevenPrinciples.items, ...keyElements.items].map((i) => i.id);
      return fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.record({ type: fc.constantFrom(...CHANGE_TYPES), value: fc.jsonValue({ maxDepth: 1 }) }),
        fc.record({ type: fc.constant('member/remove'), memberId: pick(r.members) }),
        fc.record({ type: fc.constant('tie/remove'), tieId: pick(r.ties) }),
        fc.record({ type: fc.constant('meeting/cancel'), meetingId: pick(r.meetings) }),
        fc.record(
          {
            type: fc.constant('assessment/rate'),
            assessmentId: pick(r.assessments),
            itemId: fc.constantFrom(...instrumentItems),
            value: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constant('na'), fc.constant(null)),
          },
          { requiredKeys: ['type', 'assessmentId', 'itemId'] },
        ),
        fc.record({
          type: fc.constant('assessment/complete'),
          assessmentId: pick(r.assessments),
          at: fc.constant('2030-01-01T00:00:00Z'),
        }),
        fc.record({ type: fc.constant('assessment/reopen'), assessmentId: pick(r.assessments) }),
        fc.record({
          type: fc.constant('meeting/set-attendance'),
          meetingId: pick(r.meetings),
          personPresent: fc.boolean(),
          attendees: fc.constant([]),
        }),
      );
    };
    fc.assert(
      fc.property(
        validCaseRecord().chain((r) => fc.tuple(fc.constant(r), changeFor(r))),
        ([input, change]) => {
          const snapshot = clone(input);
          let next: CaseRecord | undefined;
          try {
            next = applyChange(input, change);
          } catch (error) {
            expect(error instanceof ValidationError || error instanceof NotFoundError, String(error)).to.equal(true);
          }
          expect(input).to.deep.equal(snapshot);
          if (next) expect(parseCaseRecord(clone(next))).to.deep.equal(next);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Every change type the SDK accepts. */
const CHANGE_TYPES = [
  'person/update',
  'member/add',
  'member/update',
  'member/remove',
  'tie/add',
  'tie/update',
  'tie/remove',
  'episode/add',
  'episode/update',
  'meeting/record',
  'meeting/update',
  'meeting/cancel',
  'meeting/set-attendance',
  'assessment/start',
  'assessment/update',
  'assessment/rate',
  'assessment/complete',
  'assessment/reopen',
] as const satisfies readonly ChangeType[];

// Compile-time: if changes.ts gains a change type, this line stops type-checking until it is listed (and tested).
const listsEveryType: Exclude<ChangeType, (typeof CHANGE_TYPES)[number]> extends never ? true : false = true;

describe('change coverage', () => {
  it('every listed change type is known to the parser', () => {
    expect(listsEveryType).to.equal(true);
    for (const type of CHANGE_TYPES) {
      // A known type fails on its missing fields, never on "type".
      const error = expectInstance(
        thrown(() => parseChange({ type })),
        ValidationError,
      );
      expect(error.issues.length, type).to.be.greaterThan(0);
      expect(
        error.issues.some((i) => formatPath(i.path) === 'type'),
        type,
      ).to.equal(false);
    }
  });

  it('every change type was exercised by a test above', () => {
    expect(CHANGE_TYPES.filter((type) => !covered.has(type))).to.deep.equal([]);
  });
});

describe('validate', () => {
  it('returns the parsed entity when valid', () => {
    const result = validate('member', { ...member('gran'), name: '  Gran ' });
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.value.name).to.equal('Gran');
  });

  it('returns every field issue without throwing', () => {
    const result = validate('member', { ...member('gran'), ring: 0, name: '', kind: 'robot', extra: 1 });
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      expect(result.issues.map((i) => formatPath(i.path))).to.have.members(['(root)', 'kind', 'name', 'ring']);
      expect(result.issues.find((i) => formatPath(i.path) === 'ring')!.message).to.equal(
        'must be one of 1, 2, 3; got the number 0',
      );
    }
    for (const junk of [undefined, null, 'x', 1, [], {}]) {
      const r = validate('member', junk);
      expect(r.ok).to.equal(false);
    }
  });

  it('checks the rules of one entity but not its references', () => {
    const held = validate(
      'meeting',
      meeting('mt1', { attendees: [{ memberId: 'nobody', role: 'facilitator', present: true }] }),
    );
    expect(held.ok).to.equal(true);
    const planned = validate('meeting', meeting('mt1', { status: 'planned' }));
    expect(planned.ok).to.equal(false);
    if (!planned.ok) expect(planned.issues.map((i) => formatPath(i.path))).to.deep.equal(['status']);
  });

  it('validates every entity kind', () => {
    expect(validate('person', { id: 'p1', name: 'A' }).ok).to.equal(true);
    expect(validate('tie', tie('t', 'a', 'b')).ok).to.equal(true);
    expect(validate('tie', tie('t', 'a', 'a')).ok).to.equal(false);
    expect(validate('episode', episode('e')).ok).to.equal(true);
    expect(validate('assessment', assessment('a')).ok).to.equal(true);
    expect(validate('instrument', keyElements).ok).to.equal(true);
    expect(validate('instrument', { ...keyElements, items: [] }).ok).to.equal(false);
  });
});

describe('InstrumentRegistry', () => {
  const kent = (overrides: Partial<Instrument> = {}): Instrument => ({
    id: 'kent-pod',
    version: '2024.1',
    title: { 'en-GB': 'Kent POD self-assessment', cy: 'Hunanasesiad POD Caint' },
    groups: [
      { id: 'meeting', title: { 'en-GB': 'In the meeting', cy: 'Yn y cyfarfod' } },
      { id: 'team', title: { 'en-GB': 'The team', cy: 'Y tîm' } },
    ],
    items: [
      {
        id: 'voices',
        groupId: 'meeting',
        required: true,
        title: { 'en-GB': 'Every voice heard', cy: 'Clywyd pob llais' },
      },
      {
        id: 'peer',
        groupId: 'team',
        required: false,
        title: { 'en-GB': 'A peer worker took part', cy: 'Cymerodd gweithiwr cymheiriaid ran' },
      },
    ],
    scale: {
      notApplicable: false,
      options: [
        { value: 0, label: { 'en-GB': 'No', cy: 'Na' } },
        { value: 1, label: { 'en-GB': 'Yes', cy: 'Do' } },
      ],
    },
    ...overrides,
  });

  it('holds the built-in instruments by default', () => {
    const registry = createInstrumentRegistry();
    expect(registry.list().map((i) => `${i.id}@${i.version}`)).to.deep.equal([
      'od-seven-principles@1.0.0',
      'od-key-elements@1.0.0',
    ]);
    expect(registry.get('od-key-elements', '1.0.0')!.items).to.have.length(12);
    expect(defaultInstruments.get('od-seven-principles')!.items).to.have.length(7);
  });

  it("registers a service's own instrument with Welsh text, frozen", () => {
    const registry = createInstrumentRegistry();
    const registered = registry.register(kent());
    expect(Object.isFrozen(registered) && Object.isFrozen(registered.items[0])).to.equal(true);
    expect(registry.get('kent-pod')).to.equal(registered);
    expect(localise(registry.get('kent-pod')!.title, 'cy')).to.equal('Hunanasesiad POD Caint');
    expect(registry.list()).to.have.length(3);
  });

  it('replaces the wording of an instrument registered again with the same id and version', () => {
    const registry = createInstrumentRegistry([kent()]);
    registry.register(kent({ title: { 'en-GB': 'Kent peer-supported Open Dialogue', cy: 'Deialog Agored Caint' } }));
    expect(registry.list().filter((i) => i.id === 'kent-pod')).to.have.length(1);
    expect(localise(registry.get('kent-pod', '2024.1')!.title, 'en-GB')).to.equal('Kent peer-supported Open Dialogue');
  });

  it('gets a given version, or the highest version', () => {
    const registry = new InstrumentRegistry([
      kent(),
      kent({ version: '2025.1', title: 'Kent 2025' }),
      kent({ version: '2024.10' }),
    ]);
    expect(registry.get('kent-pod', '2024.1')!.version).to.equal('2024.1');
    expect(registry.get('kent-pod', '2025.1')!.title).to.equal('Kent 2025');
    expect(registry.get('kent-pod')!.version).to.equal('2025.1');
    expect(registry.get('kent-pod', '1.0.0')).to.equal(undefined);
    expect(registry.get('no-such-instrument')).to.equal(undefined);
    // Registered after the highest: versions compare by their numeric parts, not by order or as text.
    const older = new InstrumentRegistry([kent({ version: '1.10.0' }), kent({ version: '1.9.0' })]);
    expect(older.get('kent-pod')!.version).to.equal('1.10.0');
  });

  it('rejects an item in an unknown group, naming the path', () => {
    const registry = createInstrumentRegistry();
    const bad = kent();
    bad.items = [...bad.items, { id: 'orphan', groupId: 'nowhere', required: true, title: 'Orphan' }];
    const error = expectInstance(
      thrown(() => registry.register(bad)),
      ValidationError,
    );
    expect(error.issues).to.deep.equal([
      { path: ['items', 2, 'groupId'], message: 'refers to "nowhere", which is not a group of this instrument' },
    ]);
    expect(error.message).to.contain('Instrument "kent-pod" is invalid: items[2].groupId');
    expect(registry.get('kent-pod')).to.equal(undefined);
  });

  it('rejects repeated item or group ids and a malformed instrument', () => {
    const registry = createInstrumentRegistry();
    const repeated = kent();
    repeated.items = [repeated.items[0]!, { ...repeated.items[1]!, id: 'voices' }];
    repeated.groups = [...repeated.groups, repeated.groups[0]!];
    const error = expectInstance(
      thrown(() => registry.register(repeated)),
      ValidationError,
    );
    expect(error.issues.map((i) => formatPath(i.path))).to.have.members(['groups[2].id', 'items[1].id']);

    const malformed = expectInstance(
      thrown(() =>
        registry.register({ ...kent(), scale: { notApplicable: false, options: [{ value: 1, label: 'Only' }] } }),
      ),
      ValidationError,
    );
    expect(malformed.issues).to.deep.equal([{ path: ['scale', 'options'], message: 'must have at least 2 entries' }]);
    expect(thrown(() => registry.register(null))).to.be.instanceOf(ValidationError);
  });
});

describe('localise', () => {
  const text = { 'en-GB': 'Immediate help', cy: 'Cymorth ar unwaith' };

  it('picks the exact locale, then the language, then en-GB', () => {
    expect(localise(text, 'cy')).to.equal('Cymorth ar unwaith');
    expect(localise(text, 'cy-GB')).to.equal('Cymorth ar unwaith');
    expect(localise(text, 'en-GB')).to.equal('Immediate help');
    expect(localise(text, 'en-US')).to.equal('Immediate help');
    expect(localise(text, 'fr')).to.equal('Immediate help');
  });

  it('falls back to en, then to the first translation; a plain string is itself', () => {
    expect(localise({ en: 'Hello', cy: 'Helo' }, 'pl')).to.equal('Hello');
    expect(localise({ cy: 'Helo', gd: 'Halò' }, 'pl')).to.equal('Helo');
    expect(localise('Plain', 'cy')).to.equal('Plain');
  });
});

describe('the change families', () => {
  const families = {
    network: [applyNetworkChange, /^(person|member|tie)\//],
    timeline: [applyTimelineChange, /^(episode|meeting)\//],
    assessment: [applyAssessmentChange, /^assessment\//],
  } as const;

  it('between them take every change type, each type in one family', () => {
    for (const type of CHANGE_TYPES) {
      const takenBy = Object.entries(families).filter(([, [applier]]) => {
        const error = thrown(() => applier(exampleRecord(), { type }));
        return !expectInstance(error, ValidationError).issues.some((i) => formatPath(i.path) === 'type');
      });
      expect(
        takenBy.map(([name]) => name),
        type,
      ).to.deep.equal(Object.keys(families).filter((name) => families[name as keyof typeof families][1].test(type)));
    }
  });

  it("each refuses another family's change as an unknown type, listing its own, and changes nothing", () => {
    const r = exampleRecord();
    const before = clone(r);
    const error = expectInstance(
      thrown(() => applyAssessmentChange(r, { type: 'member/remove', memberId: 'nbr' })),
      ValidationError,
    );
    expect(error.message).to.match(/^Change is invalid/);
    expect(error.issues).to.deep.equal([
      {
        path: ['type'],
        message:
          'has an unknown "type" (expected one of "assessment/start", "assessment/update", "assessment/rate", "assessment/complete", "assessment/reopen")',
      },
    ]);
    expect(thrown(() => applyNetworkChange(r, { type: 'meeting/cancel', meetingId: 'mt1' }))).to.be.instanceOf(
      ValidationError,
    );
    expect(thrown(() => applyTimelineChange(r, { type: 'assessment/reopen', assessmentId: 'a1' }))).to.be.instanceOf(
      ValidationError,
    );
    expect(r).to.deep.equal(before);
  });
});
