import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { applyChange, sevenPrinciples, type CaseRecord, type Change, type NetworkMember } from '@odkit/core';
import { baseOf, keepMine, rebase, type RebaseResult } from '../src/stores/rebase.js';
import { allRatings, exampleRecord, member, tie } from './support.js';

/** The record after `change`, frozen like a store's. */
const after = (record: CaseRecord, ...changes: Change[]) => changes.reduce((r, c) => applyChange(r, c), record);
const mum = (record: CaseRecord) => record.members.find((m) => m.id === 'mum')!;

function expectKind<K extends RebaseResult['kind']>(result: RebaseResult, kind: K): Extract<RebaseResult, { kind: K }> {
  expect(result.kind, JSON.stringify(result)).to.equal(kind);
  return result as Extract<RebaseResult, { kind: K }>;
}

describe('rebase (three-way, pure)', () => {
  const base = exampleRecord() as CaseRecord;
  const baseMum = mum(base);

  it('lays the fields only I changed over theirs', () => {
    const theirs = after(base, { type: 'member/update', member: { ...baseMum, ring: 3 } });
    const edit = { change: { type: 'member/update', member: { ...baseMum, name: 'Mam' } } as Change, base: baseMum };
    const result = expectKind(rebase(edit, theirs), 'apply');
    expect(mum(result.record)).to.include({ name: 'Mam', ring: 3 });
  });

  it('reports a field both changed differently as a conflict, field by field', () => {
    const theirs = after(base, { type: 'member/update', member: { ...baseMum, name: 'Mother', ring: 3 } });
    const edit = {
      change: { type: 'member/update', member: { ...baseMum, name: 'Mam', carer: false } } as Change,
      base: baseMum,
    };
    const { conflict } = expectKind(rebase(edit, theirs), 'conflict');
    expect(conflict.reason).to.equal('changed');
    expect(conflict.fields).to.deep.equal([{ name: 'name', mine: 'Mam', theirs: 'Mother' }]);
    // Mine as it would be: my fields over theirs (their ring kept).
    expect(conflict.mine).to.include({ name: 'Mam', carer: false, ring: 3 });
    expect(conflict.theirs).to.include({ name: 'Mother' });
  });

  it('treats an edit that is already in the record as applied (a lost answer re-sent)', () => {
    const change: Change = { type: 'member/update', member: { ...baseMum, name: 'Mam' } };
    expectKind(rebase({ change, base: baseMum }, after(base, change)), 'applied');
  });

  it('an update whose entity was removed is a `removed` conflict', () => {
    const nbr = base.members.find((m) => m.id === 'nbr')!;
    const theirs = after(base, { type: 'member/remove', memberId: 'nbr' });
    const { conflict } = expectKind(
      rebase({ change: { type: 'member/update', member: { ...nbr, ring: 1 } }, base: nbr }, theirs),
      'conflict',
    );
    expect(conflict.reason).to.equal('removed');
    expect(conflict.theirs).to.equal(undefined);
  });

  it('adds: absent applies, equal is applied, different is `exists`', () => {
    const gran = member('gran', { name: 'Gran' });
    const change: Change = { type: 'member/add', member: gran };
    expectKind(rebase({ change, base: undefined }, base), 'apply');
    expectKind(rebase({ change, base: undefined }, after(base, change)), 'applied');
    const other = after(base, { type: 'member/add', member: { ...gran, name: 'Nain' } });
    const { conflict } = expectKind(rebase({ change, base: undefined }, other), 'conflict');
    expect(conflict.reason).to.equal('exists');
    expect(conflict.fields).to.deep.equal([{ name: 'name', mine: 'Gran', theirs: 'Nain' }]);
  });

  it('removes: absent is applied, changed since is a conflict, else applies', () => {
    const t3 = base.ties.find((t) => t.id === 't3')!;
    const change: Change = { type: 'tie/remove', tieId: 't3' };
    expectKind(rebase({ change, base: t3 }, base), 'apply');
    expectKind(rebase({ change, base: t3 }, after(base, change)), 'applied');
    const changed = after(base, { type: 'tie/update', tie: { ...t3, quality: 'supportive' } });
    const { conflict } = expectKind(rebase({ change, base: t3 }, changed), 'conflict');
    expect(conflict.reason).to.equal('changed');
    expect(conflict.fields).to.deep.equal([{ name: 'quality', mine: 'stressful', theirs: 'supportive' }]);
  });

  it('a change the record now refuses is a `refused` conflict', () => {
    // They listed the neighbour in a meeting; my removal of the neighbour no longer applies.
    const mt2 = base.meetings.find((m) => m.id === 'mt2')!;
    const nbr = base.members.find((m) => m.id === 'nbr')!;
    const theirs = after(base, {
      type: 'meeting/set-attendance',
      meetingId: 'mt2',
      personPresent: false,
      attendees: [...mt2.attendees, { memberId: 'nbr', role: 'network', present: false }],
    });
    const { conflict } = expectKind(
      rebase({ change: { type: 'member/remove', memberId: 'nbr' }, base: nbr }, theirs),
      'conflict',
    );
    expect(conflict.reason).to.equal('refused');
  });

  it('assessment/rate works per item: value and comment separately', () => {
    const a1 = base.assessments[0]!;
    const theirs = after(base, {
      type: 'assessment/rate',
      assessmentId: 'a1',
      itemId: 'immediate-help',
      comment: 'their note',
    });
    // I changed the value only: laid over their comment.
    const mine: Change = { type: 'assessment/rate', assessmentId: 'a1', itemId: 'immediate-help', value: 2 };
    const merged = expectKind(rebase({ change: mine, base: a1 }, theirs), 'apply');
    expect(merged.record.assessments[0]!.ratings[0]).to.deep.equal({
      itemId: 'immediate-help',
      value: 2,
      comment: 'their note',
    });
    // Both changed the value: conflict on that field of that item.
    const clash = after(base, { type: 'assessment/rate', assessmentId: 'a1', itemId: 'immediate-help', value: 3 });
    const { conflict } = expectKind(rebase({ change: mine, base: a1 }, clash), 'conflict');
    expect(conflict.fields).to.deep.equal([{ name: 'immediate-help.value', mine: 2, theirs: 3 }]);
    // Another item rated by them: no conflict.
    const other = after(base, { type: 'assessment/rate', assessmentId: 'a1', itemId: 'social-network', value: 1 });
    expectKind(rebase({ change: mine, base: a1 }, other), 'apply');
    expectKind(rebase({ change: mine, base: a1 }, after(base, mine)), 'applied');
  });

  it('cancel, complete and reopen are judged by the entity\u2019s own state', () => {
    const cancel: Change = { type: 'meeting/cancel', meetingId: 'mt2' };
    const mt2 = base.meetings.find((m) => m.id === 'mt2')!;
    expectKind(rebase({ change: cancel, base: mt2 }, base), 'apply');
    expectKind(rebase({ change: cancel, base: mt2 }, after(base, cancel)), 'applied');
    const rated = after(base, {
      type: 'assessment/update',
      assessment: { ...base.assessments[0]!, ratings: allRatings(sevenPrinciples, 3) },
    });
    const complete: Change = { type: 'assessment/complete', assessmentId: 'a1', at: '2026-03-03T10:00:00+00:00' };
    const a1 = rated.assessments[0]!;
    expectKind(rebase({ change: complete, base: a1 }, rated), 'apply');
    const completed = after(rated, complete);
    expectKind(rebase({ change: complete, base: a1 }, completed), 'applied');
    const reopen: Change = { type: 'assessment/reopen', assessmentId: 'a1' };
    expectKind(rebase({ change: reopen, base: completed.assessments[0] }, completed), 'apply');
    expectKind(rebase({ change: reopen, base: completed.assessments[0] }, rated), 'applied');
  });

  it('set-attendance merges with their other changes to the meeting', () => {
    const mt1 = base.meetings.find((m) => m.id === 'mt1')!;
    const theirs = after(base, { type: 'meeting/update', meeting: { ...mt1, place: 'Kitchen' } });
    const change: Change = {
      type: 'meeting/set-attendance',
      meetingId: 'mt1',
      personPresent: false,
      attendees: mt1.attendees,
    };
    const result = expectKind(rebase({ change, base: mt1 }, theirs), 'apply');
    expect(result.record.meetings.find((m) => m.id === 'mt1')).to.include({ place: 'Kitchen', personPresent: false });
    expectKind(rebase({ change, base: mt1 }, result.record), 'applied');
    // We both changed who attended, differently: a conflict on that field only.
    const clash = after(base, { type: 'meeting/set-attendance', meetingId: 'mt1', personPresent: true, attendees: [] });
    const fewer: Change = { ...change, attendees: mt1.attendees.slice(0, 3) };
    const { conflict } = expectKind(rebase({ change: fewer, base: mt1 }, clash), 'conflict');
    expect(conflict.fields.map((f) => f.name)).to.deep.equal(['attendees']);
  });

  it('keep mine: my version over theirs applies to the newest record', () => {
    const theirs = after(base, { type: 'member/update', member: { ...baseMum, name: 'Mother', ring: 3 } });
    const edit = { change: { type: 'member/update', member: { ...baseMum, name: 'Mam' } } as Change, base: baseMum };
    expectKind(rebase(edit, theirs), 'conflict');
    const kept = keepMine(edit, theirs);
    const result = expectKind(rebase(kept, theirs), 'apply');
    expect(mum(result.record)).to.include({ name: 'Mam', ring: 3 });
  });

  it('keep mine sends only the fields the edit changed: a colleague\u2019s later change to another field stays', () => {
    const theirs = after(base, { type: 'member/update', member: { ...baseMum, name: 'Mother' } });
    const later = after(theirs, {
      type: 'member/update',
      member: { ...mum(theirs), notes: 'their later note', ring: 3 },
    });
    const edit = { change: { type: 'member/update', member: { ...baseMum, name: 'Mam' } } as Change, base: baseMum };
    expectKind(rebase(edit, theirs), 'conflict');
    const result = expectKind(rebase(keepMine(edit, later), later), 'apply');
    expect(mum(result.record)).to.include({ name: 'Mam', notes: 'their later note', ring: 3 });
  });

  it('keep mine for a rating sends only what the edit set: their comment stays', () => {
    const a1 = base.assessments[0]!;
    const mine: Change = { type: 'assessment/rate', assessmentId: 'a1', itemId: 'immediate-help', value: 2 };
    const clash = after(base, { type: 'assessment/rate', assessmentId: 'a1', itemId: 'immediate-help', value: 3 });
    expectKind(rebase({ change: mine, base: a1 }, clash), 'conflict');
    const later = after(clash, {
      type: 'assessment/rate',
      assessmentId: 'a1',
      itemId: 'immediate-help',
      comment: 'their note',
    });
    const result = expectKind(rebase(keepMine({ change: mine, base: a1 }, later), later), 'apply');
    expect(result.record.assessments[0]!.ratings.find((r) => r.itemId === 'immediate-help')).to.deep.equal({
      itemId: 'immediate-help',
      value: 2,
      comment: 'their note',
    });
  });

  it('member/remove keeps the member\u2019s ties in its base: a tie added elsewhere is a conflict; none added, it applies', () => {
    const change: Change = { type: 'member/remove', memberId: 'nbr' };
    const edit = { change, base: baseOf(base, change) };
    expect((edit.base as { ties: unknown[] }).ties.length).to.be.greaterThan(0);
    expectKind(rebase(edit, base), 'apply');
    const tied = after(base, { type: 'tie/add', tie: tie('t9', 'friend', 'nbr') });
    const { conflict } = expectKind(rebase(edit, tied), 'conflict');
    expect([conflict.reason, conflict.fields.map((f) => f.name)]).to.deep.equal(['changed', ['ties']]);
    // Kept mine: judged against the ties as they are now, it applies.
    expectKind(rebase(keepMine(edit, tied), tied), 'apply');
    // An entry written before bases carried ties still rebases as it did.
    expectKind(rebase({ change, base: base.members.find((m) => m.id === 'nbr') }, tied), 'apply');
  });

  it('property: any two member edits merge field by field, and a merged edit rebased again is applied', () => {
    const fields = fc.record(
      {
        name: fc.constantFrom('Mum', 'Mam', 'Mother', 'Ma'),
        ring: fc.constantFrom(1 as const, 2 as const, 3 as const),
        carer: fc.boolean(),
        notes: fc.constantFrom(undefined, 'a', 'b'),
        sector: fc.constantFrom('family' as const, 'friends' as const),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fields, fields, (mineFields, theirFields) => {
        const mineMember = withFields(baseMum, mineFields);
        const theirMember = withFields(baseMum, theirFields);
        const theirs = after(base, { type: 'member/update', member: theirMember });
        const change: Change = { type: 'member/update', member: mineMember };
        const result = rebase({ change, base: baseMum }, theirs);
        const names = Object.keys(mineFields) as (keyof NetworkMember)[];
        const clashes = names.filter(
          (k) =>
            k in theirFields &&
            mineMember[k] !== baseMum[k] &&
            theirMember[k] !== baseMum[k] &&
            mineMember[k] !== theirMember[k],
        );
        if (clashes.length) {
          const { conflict } = expectKind(result, 'conflict');
          expect(conflict.fields.map((f) => f.name).sort()).to.deep.equal([...clashes].sort());
          return;
        }
        if (result.kind === 'applied') return;
        const { record } = expectKind(result, 'apply');
        const merged = mum(record);
        for (const k of ['name', 'ring', 'carer', 'notes', 'sector'] as const) {
          const expected = mineMember[k] !== baseMum[k] ? mineMember[k] : theirMember[k];
          expect(merged[k], k).to.equal(expected);
        }
        // Sent and its answer lost: the same edit again is already applied.
        expectKind(rebase({ change, base: baseMum }, record), 'applied');
      }),
      { numRuns: 300 },
    );
  });
});

function withFields(base: NetworkMember, fields: Partial<NetworkMember>): NetworkMember {
  const out: Record<string, unknown> = { ...base, ...fields };
  if ('notes' in fields && fields.notes === undefined) delete out.notes;
  return out as unknown as NetworkMember;
}
