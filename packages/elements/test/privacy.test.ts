import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { initials, privateRecord, shownTo } from '@odkit/elements';
import { validCaseRecord } from '../../../test/fixtures/arbitraries.js';

/** A record with some members hidden from the audience `a` (the generated ids rarely meet by chance). */
const withAudience = (record: CaseRecord, every: number): CaseRecord => ({
  ...record,
  members: record.members.map((m, i) => (i % every === 0 ? { ...m, hiddenFrom: [...m.hiddenFrom, 'a'] } : m)),
});

describe('privateRecord (the one privacy implementation every widget uses)', () => {
  it('is the same record when no option is set', () => {
    expect(privateRecord(demoCase, {})).to.equal(demoCase);
    expect(privateRecord(demoCase, { audience: '', initialsOnly: false })).to.equal(demoCase);
  });

  it('with an audience, leaves out its hidden members everywhere they appear, and nothing else', () => {
    fc.assert(
      fc.property(validCaseRecord(), fc.integer({ min: 1, max: 3 }), (generated, every) => {
        const record = withAudience(generated, every);
        const before = structuredClone(record);
        const shown = privateRecord(record, { audience: 'a', hiddenName: 'hidden' });
        const hidden = new Set(record.members.filter((m) => !shownTo(m, 'a')).map((m) => m.id));
        expect(shown.members.map((m) => m.id)).to.deep.equal(
          record.members.filter((m) => !hidden.has(m.id)).map((m) => m.id),
        );
        for (const t of shown.ties) expect(hidden.has(t.from) || hidden.has(t.to)).to.equal(false);
        for (const m of shown.meetings) for (const a of m.attendees) expect(hidden.has(a.memberId)).to.equal(false);
        shown.assessments.forEach((a, i) => {
          const { rater } = record.assessments[i]!;
          expect(a.rater.name).to.equal(rater.memberId && hidden.has(rater.memberId) ? 'hidden' : rater.name);
        });
        // Names are kept; the record given is not changed.
        expect(shown.person).to.equal(record.person);
        expect(record).to.deep.equal(before);
      }),
      { numRuns: 100 },
    );
  });

  it('with initials-only, every name is initials and no free text that may name someone is left', () => {
    fc.assert(
      fc.property(validCaseRecord(), (record) => {
        const shown = privateRecord(record, { initialsOnly: true });
        expect(shown.person.name).to.equal(initials(record.person.name));
        expect(shown.person.nhsNumber).to.equal(undefined);
        expect(shown.person.birthDate).to.equal(undefined);
        shown.members.forEach((m, i) => {
          const original = record.members[i]!;
          expect(m.name).to.equal(initials(original.name));
          expect(m.relationship.text).to.equal(undefined);
          expect(m.relationship.code).to.equal(original.relationship.code);
          expect(m.organisation).to.equal(undefined);
          expect(m.notes).to.equal(undefined);
        });
        for (const t of shown.ties) expect(t.label).to.equal(undefined);
        for (const e of shown.episodes) expect(e.referralSource).to.equal(undefined);
        for (const m of shown.meetings) {
          expect([m.place, m.notes, m.cancellationReason]).to.deep.equal([undefined, undefined, undefined]);
        }
        shown.assessments.forEach((a, i) => {
          expect(a.rater.name).to.equal(initials(record.assessments[i]!.rater.name));
          for (const r of a.ratings) expect(r.comment).to.equal(undefined);
        });
        // Only what is shown changes: the counts are the record's.
        expect(shown.meetings.map((m) => m.attendees)).to.deep.equal(record.meetings.map((m) => m.attendees));
      }),
      { numRuns: 100 },
    );
  });

  it('initials() gives initials with full stops, one per word, at most three', () => {
    expect(initials('Sarah Lewis')).to.equal('S. L.');
    expect(initials('  dr   Owen  Hughes-Jones Smith')).to.equal('D. O. H.');
    expect(initials('Ñuñez ólafsdóttir')).to.equal('Ñ. Ó.');
    expect(initials('—')).to.equal('?');
  });
});
