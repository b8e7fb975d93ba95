import { expect } from '@open-wc/testing';
import {
  MemoryStore,
  ValidationError,
  applyChange,
  memberAsOf,
  parseCaseRecord,
  tieAsOf,
  validate,
  type CaseRecord,
  type NetworkMember,
} from '@odkit/core';
import { rebase } from '../src/stores/rebase.js';
import { exampleRecord, expectInstance, thrown } from './support.js';

const MONDAY = '2026-03-02T10:00:00Z';
const TUESDAY = '2026-03-03T10:00:00Z';
const WEDNESDAY = '2026-03-04T10:00:00Z';

const friendOf = (record: CaseRecord) => record.members.find((m) => m.id === 'friend')!;
const tieOf = (record: CaseRecord, id: string) => record.ties.find((t) => t.id === id)!;

describe('dated history of rings, sectors, statuses and ties', () => {
  it('keeps the earlier ring, sector and status of every update, dated by the change', () => {
    let record = parseCaseRecord(exampleRecord());
    const friend = friendOf(record);
    record = applyChange(record, { type: 'member/update', member: { ...friend, ring: 1 }, at: MONDAY });
    record = applyChange(record, {
      type: 'member/update',
      member: { ...friendOf(record), sector: 'household', status: 'past', until: '2026-03-03' },
      at: TUESDAY,
    });
    expect(friendOf(record).history).to.deep.equal([
      { at: MONDAY, ring: 2 },
      { at: TUESDAY, sector: 'friends', status: 'active' },
    ]);
    // A change of anything else is not dated here (the store's log has it).
    record = applyChange(record, { type: 'member/update', member: { ...friendOf(record), name: 'Jo' }, at: WEDNESDAY });
    expect(friendOf(record).history).to.have.length(2);
    // As it was: before Monday, between, and after Tuesday.
    const at = (time: string) => memberAsOf(friendOf(record), time);
    expect(at('2026-03-01T00:00:00Z')).to.include({ ring: 2, sector: 'friends', status: 'active' });
    expect(at('2026-03-02T12:00:00Z')).to.include({ ring: 1, sector: 'friends', status: 'active' });
    expect(at('2026-03-05T00:00:00Z')).to.include({ ring: 1, sector: 'household', status: 'past' });
    expect(at(MONDAY), 'a change counts from its own instant').to.include({ ring: 1 });
  });

  it("dates a tie's strength, quality and direction", () => {
    let record = parseCaseRecord(exampleRecord());
    record = applyChange(record, {
      type: 'tie/update',
      tie: { ...tieOf(record, 't2'), quality: 'stressful', direction: 'from' },
      at: MONDAY,
    });
    record = applyChange(record, {
      type: 'tie/update',
      tie: { ...tieOf(record, 't2'), strength: 'strong' },
      at: TUESDAY,
    });
    expect(tieOf(record, 't2').history).to.deep.equal([
      { at: MONDAY, quality: 'supportive', direction: 'both' },
      { at: TUESDAY, strength: 'moderate' },
    ]);
    expect(tieAsOf(tieOf(record, 't2'), Date.parse('2026-03-01T00:00:00Z'))).to.include({
      strength: 'moderate',
      quality: 'supportive',
    });
    expect(tieAsOf(tieOf(record, 't2'), '2026-03-02T23:00:00Z')).to.include({
      strength: 'moderate',
      quality: 'stressful',
    });
  });

  it('an update without a history keeps the record’s; an offline edit sent late is dated after the last entry', () => {
    let record = parseCaseRecord(exampleRecord());
    record = applyChange(record, { type: 'member/update', member: { ...friendOf(record), ring: 1 }, at: TUESDAY });
    const { history: _history, ...withoutHistory } = friendOf(record);
    record = applyChange(record, { type: 'member/update', member: { ...withoutHistory, ring: 3 }, at: MONDAY });
    expect(friendOf(record).history).to.deep.equal([
      { at: TUESDAY, ring: 2 },
      { at: TUESDAY, ring: 1 },
    ]);
    expect(memberAsOf(friendOf(record), WEDNESDAY).ring).to.equal(3);
  });

  it('a store dates an update by the edit, in the change it logs (so a replay dates it the same)', async () => {
    const store = new MemoryStore(exampleRecord());
    const { record } = await store.load();
    const before = Date.now();
    const { record: next } = await store.apply({ type: 'member/update', member: { ...friendOf(record), ring: 3 } });
    const [entry] = friendOf(next).history!;
    expect(entry!.ring).to.equal(2);
    expect(Date.parse(entry!.at)).to.be.within(before, Date.now());
    const dated = await store.apply(
      { type: 'tie/update', tie: { ...tieOf(next, 't1'), strength: 'tenuous' } },
      { at: WEDNESDAY },
    );
    expect(tieOf(dated.record, 't1').history).to.deep.equal([{ at: WEDNESDAY, strength: 'strong' }]);
  });

  it('a rebased update keeps its own time and lays its entry after theirs', () => {
    const base = parseCaseRecord(exampleRecord());
    const mine = { type: 'member/update' as const, member: { ...friendOf(base), ring: 1 as const }, at: MONDAY };
    // Someone else moved the friend to another sector first (on Tuesday).
    const theirs = applyChange(base, {
      type: 'member/update',
      member: { ...friendOf(base), sector: 'work-school' },
      at: TUESDAY,
    });
    const result = rebase({ change: mine, base: friendOf(base) }, theirs);
    expect(result.kind).to.equal('apply');
    const merged = friendOf((result as { record: CaseRecord }).record);
    expect(merged).to.include({ ring: 1, sector: 'work-school' });
    expect(merged.history).to.deep.equal([
      { at: TUESDAY, sector: 'friends' },
      { at: TUESDAY, ring: 2 },
    ]);
  });

  it('old records without history stay valid', () => {
    const record = parseCaseRecord(exampleRecord());
    expect(record.members.every((m) => m.history === undefined)).to.equal(true);
    expect(memberAsOf(record.members[0]!, MONDAY)).to.equal(record.members[0]);
  });

  describe('integrity, with the path of each problem', () => {
    const member = (history: unknown): unknown => ({ ...exampleRecord().members[1], history });

    it('refuses entries out of date order, without a value, or with a value the field cannot have', () => {
      const paths = (history: unknown) => {
        const result = validate('member', member(history));
        return result.ok ? [] : result.issues.map((i) => [i.path.join('.'), i.message]);
      };
      expect(
        paths([
          { at: TUESDAY, ring: 1 },
          { at: MONDAY, ring: 2 },
        ]),
      ).to.deep.equal([['history', 'must be oldest first']]);
      expect(paths([{ at: MONDAY }])).to.deep.equal([['history.0', 'needs an earlier ring, sector or status']]);
      expect(paths([{ at: '2026-03-02', ring: 4 }]).map(([p]) => p)).to.deep.equal(['history.0.at', 'history.0.ring']);
      const organisation = {
        ...exampleRecord().members[1],
        kind: 'organisation',
        history: [{ at: MONDAY, status: 'deceased' }],
      };
      const result = validate('member', organisation);
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.issues.map((i) => i.path.join('.'))).to.deep.equal(['history']);
    });

    it('refuses an update that brings an entry dated after the change', () => {
      const record = parseCaseRecord(exampleRecord());
      const friend: NetworkMember = { ...friendOf(record), history: [{ at: WEDNESDAY, ring: 3 }] };
      const error = expectInstance(
        thrown(() => applyChange(record, { type: 'member/update', member: friend, at: TUESDAY })),
        ValidationError,
      );
      expect(error.issues).to.deep.equal([
        { path: ['member', 'history', 0, 'at'], message: `is after the change (${TUESDAY})` },
      ]);
      const tie = { ...tieOf(record, 't1'), history: [{ at: WEDNESDAY, quality: 'neutral' as const }] };
      const tieError = expectInstance(
        thrown(() => applyChange(record, { type: 'tie/update', tie, at: MONDAY })),
        ValidationError,
      );
      expect(tieError.issues[0]!.path).to.deep.equal(['tie', 'history', 0, 'at']);
    });

    it('refuses a change time that is not a date-time', () => {
      const record = parseCaseRecord(exampleRecord());
      const error = expectInstance(
        thrown(() => applyChange(record, { type: 'member/update', member: friendOf(record), at: '2026-03-02' })),
        ValidationError,
      );
      expect(error.issues.map((i) => i.path.join('.'))).to.deep.equal(['at']);
    });
  });
});
