import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { assessmentFieldNames as f, assessmentFromForm } from '@odkit/core/assessment-form';
import { applyChange, parseCaseRecord, ValidationError, formatPath, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';

const ITEMS = [
  'immediate-help',
  'social-network',
  'flexibility',
  'responsibility',
  'continuity',
  'uncertainty',
  'dialogism',
];
const record: CaseRecord = parseCaseRecord(demoCase);
const options = {
  record,
  meetingId: 'mt-13',
  instrumentId: 'od-seven-principles',
  name: 'assessment',
  at: '2026-04-02T10:00:00Z',
};

/** A complete body as the server-rendered checklist posts it. */
function body(extra: [string, string][] = []): URLSearchParams {
  const b = new URLSearchParams();
  b.append(f.raterName('assessment'), '  Nia Roberts ');
  b.append(f.raterRole('assessment'), 'co-facilitator');
  b.append(f.evidence('assessment'), 'notes');
  ITEMS.forEach((item, i) => {
    b.append(f.rating('assessment', item), i === 6 ? 'na' : String((i % 4) + 1));
    b.append(f.comment('assessment', item), i === 0 ? 'Seen the same day' : '');
  });
  for (const [k, v] of extra) b.append(k, v);
  return b;
}

/** The issues of the ValidationError `fn` throws, as "path message" lines. */
function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => `${formatPath(i.path)} ${i.message}`);
  }
  throw new Error('expected a ValidationError');
}

describe('assessmentFromForm', () => {
  it('turns a form posted without script into start + complete changes that the record accepts', () => {
    const { assessment, changes } = assessmentFromForm(body(), options);
    expect(changes.map((c) => c.type)).to.deep.equal(['assessment/start', 'assessment/complete']);
    expect(assessment).to.deep.include({
      meetingId: 'mt-13',
      instrumentId: 'od-seven-principles',
      raterRole: 'co-facilitator',
      evidence: 'notes',
      status: 'complete',
    });
    expect(assessment.rater).to.deep.equal({ name: 'Nia Roberts' });
    expect(assessment.ratings).to.deep.equal([
      { itemId: 'immediate-help', value: 1, comment: 'Seen the same day' },
      { itemId: 'social-network', value: 2 },
      { itemId: 'flexibility', value: 3 },
      { itemId: 'responsibility', value: 4 },
      { itemId: 'continuity', value: 1 },
      { itemId: 'uncertainty', value: 2 },
      { itemId: 'dialogism', value: 'na' },
    ]);
    let next = record;
    for (const change of changes) next = applyChange(next, change);
    expect(next.assessments.at(-1)).to.deep.equal(assessment);
  });

  it('reads FormData and a body parser’s object the same way', () => {
    const form = new FormData();
    for (const [k, v] of body()) form.append(k, v);
    const object = Object.fromEntries(body());
    const a = assessmentFromForm(form, options).assessment;
    const b = assessmentFromForm(object, options).assessment;
    expect({ ...a, id: '' }).to.deep.equal({ ...b, id: '' });
  });

  it('reads the script-enhanced checklist’s JSON value, the meeting and status decided by the server', () => {
    const json = JSON.stringify({
      id: 'as-from-browser',
      instrumentId: 'od-seven-principles',
      instrumentVersion: '1.0.0',
      meetingId: 'mt-13',
      rater: { name: 'Ben Carter' },
      raterRole: 'self',
      evidence: 'live',
      status: 'complete',
      completedAt: '2020-01-01T00:00:00Z',
      ratings: ITEMS.map((itemId) => ({ itemId, value: 3 })),
    });
    const { assessment } = assessmentFromForm(new URLSearchParams({ assessment: json, case: 'case-123' }), options);
    expect(assessment).to.deep.include({
      id: 'as-from-browser',
      meetingId: 'mt-13',
      status: 'complete',
      completedAt: '2026-04-02T10:00:00Z',
    });
  });

  it('gives located issues for a tampered body, never quoting what was sent', () => {
    const secret = 'SECRET-9d1';
    const tampered = body([
      [f.rating('assessment', 'dialogism'), '2'],
      [`assessment.rating.${secret}`, '1'],
      [f.comment('assessment', 'continuity'), 'x'.repeat(4001)],
    ]);
    tampered.set(f.rating('assessment', 'flexibility'), '7');
    tampered.set(f.raterRole('assessment'), secret);
    const issues = issuesOf(() => assessmentFromForm(tampered, options));
    expect(issues).to.have.members([
      'assessment["rater-role"] must be one of self, co-facilitator, supervisor, independent',
      'assessment.rating.flexibility is not a point of this instrument’s scale',
      'assessment.rating.flexibility is missing: select a rating',
      'assessment.rating.dialogism was sent more than once',
      'assessment.rating.dialogism is missing: select a rating',
      // A field the checklist does not have is described, not quoted (its name is the sender's text).
      '[a field of 28 characters] is not a field of this checklist',
      'assessment.comment.continuity was sent more than once',
    ]);
    expect(issues.join(' ')).not.to.include(secret);
    // A field's path joined with "." is its name; no value appears.
    expect(issues.join(' ')).not.to.include('xxxx');
  });

  it('requires the rater and every required item to complete, and keeps a draft with complete: false', () => {
    const partial = new URLSearchParams({ [f.rating('assessment', 'immediate-help')]: '4' });
    const issues = issuesOf(() => assessmentFromForm(partial, options));
    expect(issues).to.include('assessment["rater-name"] is missing: enter the rater’s name');
    expect(issues.filter((i) => i.endsWith('is missing: select a rating'))).to.have.length(6);
    partial.set(f.raterName('assessment'), 'Nia Roberts');
    const { assessment, changes } = assessmentFromForm(partial, { ...options, complete: false });
    expect(assessment.status).to.equal('draft');
    expect(changes.map((c) => c.type)).to.deep.equal(['assessment/start']);
  });

  it('refuses both the JSON value and the fields in one body (sent twice)', () => {
    const both = body([['assessment', '{}']]);
    expect(issuesOf(() => assessmentFromForm(both, options))).to.include(
      'assessment was sent both as the checklist’s value and as separate fields; send one',
    );
  });

  it('refuses a meeting that is not held or not in the record, and an unknown instrument', () => {
    expect(issuesOf(() => assessmentFromForm(body(), { ...options, meetingId: 'mt-15' }))).to.deep.equal([
      'meetingId is a meeting that has not been held',
    ]);
    expect(issuesOf(() => assessmentFromForm(body(), { ...options, meetingId: 'nope' }))).to.deep.equal([
      'meetingId is not a meeting in this record',
    ]);
    expect(issuesOf(() => assessmentFromForm(body(), { ...options, instrumentId: 'nope' }))).to.deep.equal([
      'instrumentId is not a registered instrument',
    ]);
  });

  it('throws nothing but ValidationError for any body', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.constantFrom(...ITEMS.map((i) => f.rating('assessment', i)), 'assessment', f.raterName('assessment')),
              fc.string(),
            ),
            fc.string(),
          ),
        ),
        (pairs) => {
          try {
            assessmentFromForm(new URLSearchParams(pairs), options);
          } catch (error) {
            expect(error).to.be.instanceOf(ValidationError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
