import { expect } from '@open-wc/testing';
import { StorageError, clearDrafts, readDrafts, saveDraft, type Assessment, type DeviceDraft } from '@odkit/core';
import { clearFromDevice } from '@odkit/core/seeding';
import { CASE_ID, expectInstance } from './support.js';

const assessment = (overrides: Partial<Assessment> = {}): Assessment => ({
  id: 'as-draft-1',
  instrumentId: 'od-seven-principles',
  instrumentVersion: '1.0.0',
  meetingId: 'mt-1',
  rater: { name: '' },
  raterRole: 'self',
  evidence: 'live',
  status: 'draft',
  ratings: [{ itemId: 'immediate-help', value: 3, comment: 'Seen the same day.' }],
  ...overrides,
});

const draft = (overrides: Partial<DeviceDraft> = {}): DeviceDraft => ({
  caseId: CASE_ID,
  assessment: assessment(),
  edited: ['immediate-help'],
  raterEdited: false,
  base: { 'rating-immediate-help': '', 'comment-immediate-help': 'Seen.' },
  savedAt: '2026-12-04T10:00:00.000Z',
  ...overrides,
});

const key = (caseId = CASE_ID, id = 'as-draft-1') => `odkit-draft/${caseId}/od-seven-principles/${id}`;

describe('@odkit/core drafts kept on this device', () => {
  afterEach(() => {
    for (const caseId of [CASE_ID, 'case-2']) clearDrafts(caseId);
  });

  it('keeps a draft (its rater not named yet) and reads it back', () => {
    saveDraft(draft());
    const { drafts, unreadable } = readDrafts(CASE_ID);
    expect(unreadable).to.equal(0);
    expect(drafts).to.deep.equal([draft()]);
    expect(readDrafts('case-2').drafts).to.deep.equal([]);
  });

  it('reports and removes entries that do not read back as a draft of their key, keeping good ones', () => {
    saveDraft(draft());
    const good = JSON.parse(localStorage.getItem(key())!) as Record<string, unknown>;
    const bad: Record<string, string> = {
      [key(CASE_ID, 'as-json')]: '{"v":1,',
      [key(CASE_ID, 'as-null')]: 'null',
      [key(CASE_ID, 'as-version')]: JSON.stringify({ ...good, v: 3 }),
      // Another assessment's entry under this key (copied, or tampered with).
      [key(CASE_ID, 'as-moved')]: JSON.stringify(good),
      [key(CASE_ID, 'as-value')]: JSON.stringify({
        ...good,
        assessment: { ...assessment({ id: 'as-value' }), ratings: [{ itemId: 'immediate-help', value: 'lots' }] },
      }),
      [key(CASE_ID, 'as-edited')]: JSON.stringify({ ...good, edited: [{ toString: 1 }] }),
      [key(CASE_ID, 'as-case')]: JSON.stringify({ ...good, caseId: 'case-2' }),
    };
    for (const [k, v] of Object.entries(bad)) localStorage.setItem(k, v);

    const { drafts, unreadable } = readDrafts(CASE_ID);
    expect(unreadable).to.equal(Object.keys(bad).length);
    expect(drafts.map((d) => d.assessment.id)).to.deep.equal(['as-draft-1']);
    for (const k of Object.keys(bad)) expect(localStorage.getItem(k), k).to.equal(null);
    expect(readDrafts(CASE_ID).unreadable).to.equal(0);
  });

  it('reads a draft written before drafts had a base (version 1) without one', () => {
    const { base: _, ...old } = draft();
    localStorage.setItem(key(), JSON.stringify({ v: 1, ...old }));
    expect(readDrafts(CASE_ID)).to.deep.equal({ drafts: [old], unreadable: 0 });
    // Kept without a base, a draft is written as one of before bases, and read back the same.
    saveDraft(old);
    expect((JSON.parse(localStorage.getItem(key())!) as { v: number }).v).to.equal(1);
    expect(readDrafts(CASE_ID).drafts).to.deep.equal([old]);
  });

  it('keeps the rater’s details in the base when they were edited', () => {
    const withRater = draft({
      raterEdited: true,
      base: { 'rater-name': 'Jo', 'rater-role': 'self', evidence: 'live', 'comment-immediate-help': '' },
    });
    saveDraft(withRater);
    expect(readDrafts(CASE_ID).drafts).to.deep.equal([withRater]);
  });

  it('removes a draft whose base is not one (tampered with), as unreadable', () => {
    saveDraft(draft());
    const good = JSON.parse(localStorage.getItem(key())!) as Record<string, unknown>;
    const bases: Record<string, unknown> = {
      missing: undefined,
      list: ['rating-immediate-help'],
      text: 'rating-immediate-help',
      number: { 'rating-immediate-help': 3 },
      long: { 'comment-immediate-help': 'x'.repeat(4001) },
      unnamed: { 'colour-immediate-help': '' },
      proto: JSON.parse('{"__proto__": ""}'),
      notEdited: { 'comment-continuity': '' },
      raterNotEdited: { evidence: 'live' },
    };
    for (const [what, base] of Object.entries(bases)) {
      localStorage.setItem(
        key(CASE_ID, `as-${what}`),
        JSON.stringify({ ...good, base, assessment: assessment({ id: `as-${what}` }) }),
      );
    }
    // A version 1 draft carries no base: one that does was not written by the kit.
    localStorage.setItem(
      key(CASE_ID, 'as-old'),
      JSON.stringify({ ...good, v: 1, assessment: assessment({ id: 'as-old' }) }),
    );
    const { drafts, unreadable } = readDrafts(CASE_ID);
    expect(unreadable).to.equal(Object.keys(bases).length + 1);
    expect(drafts.map((d) => d.assessment.id)).to.deep.equal(['as-draft-1']);
  });

  it('clearDrafts removes one case’s drafts only', () => {
    saveDraft(draft());
    saveDraft(draft({ assessment: assessment({ id: 'as-draft-2' }) }));
    saveDraft(draft({ caseId: 'case-2' }));
    expect(clearDrafts(CASE_ID)).to.equal(2);
    expect(readDrafts(CASE_ID).drafts).to.deep.equal([]);
    expect(readDrafts('case-2').drafts).to.have.length(1);
  });

  it('clearFromDevice removes the case’s drafts with it', async () => {
    saveDraft(draft());
    const databaseName = `drafts-test-${Date.now()}-${Math.random()}`;
    expect(await clearFromDevice({ caseId: CASE_ID, databaseName })).to.deep.equal({
      removed: false,
      localEdits: 0,
      drafts: 1,
    });
    expect(localStorage.getItem(key())).to.equal(null);
  });

  it('refuses a case id that is not an id, with a StorageError', () => {
    expectInstance(
      (() => {
        try {
          saveDraft(draft({ caseId: 'a/b' }));
        } catch (error) {
          return error;
        }
      })(),
      StorageError,
    );
  });
});
