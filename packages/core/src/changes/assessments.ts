import * as z from '../internal/z.js';
import { Id, IsoDateTime, LongText } from '../model/primitives.js';
import { Assessment, type CaseRecord } from '../model/schemas.js';
import { add, changeApplier, derived, find, invalid, replace } from './apply.js';

/** The changes to fidelity assessments: the principles checklist's edits. */
export const AssessmentChange = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('assessment/start'), assessment: Assessment }),
  z.strictObject({ type: z.literal('assessment/update'), assessment: Assessment }),
  z.strictObject({
    type: z.literal('assessment/rate'),
    assessmentId: Id,
    itemId: Id,
    /** A scale value, "na", or null to clear the rating; absent keeps the current one. */
    value: z.optional(z.union([z.number().check(z.int()), z.literal('na'), z.null()])),
    /** The item's comment; "" removes it; absent keeps the current one (so a value alone never loses a comment). */
    comment: z.optional(LongText),
    at: z.optional(IsoDateTime),
  }),
  z.strictObject({ type: z.literal('assessment/complete'), assessmentId: Id, at: IsoDateTime }),
  z.strictObject({ type: z.literal('assessment/reopen'), assessmentId: Id, at: z.optional(IsoDateTime) }),
]);
export type AssessmentChange = z.infer<typeof AssessmentChange>;

export function reduceAssessment(record: CaseRecord, change: AssessmentChange): CaseRecord {
  switch (change.type) {
    case 'assessment/start':
      if (change.assessment.status !== 'draft')
        throw invalid(['assessment', 'status'], 'must be "draft" when an assessment starts');
      return { ...record, assessments: add(record.assessments, change.assessment, 'assessment') };
    case 'assessment/update': {
      editableAssessment(record, change.assessment.id);
      if (change.assessment.status !== 'draft') {
        throw invalid(['assessment', 'status'], 'must stay "draft"; complete it with an assessment/complete change');
      }
      return { ...record, assessments: replace(record.assessments, change.assessment, 'assessment') };
    }
    case 'assessment/rate': {
      const assessment = editableAssessment(record, change.assessmentId);
      const current = assessment.ratings.find((r) => r.itemId === change.itemId);
      const value = change.value === undefined ? current?.value : (change.value ?? undefined);
      const comment = change.comment === undefined ? current?.comment : change.comment || undefined;
      const rating: Assessment['ratings'][number] = { itemId: change.itemId };
      if (value !== undefined) rating.value = value;
      if (comment !== undefined) rating.comment = comment;
      const exists = current !== undefined;
      const ratings = exists
        ? assessment.ratings.map((r) => (r.itemId === change.itemId ? rating : r))
        : [...assessment.ratings, rating];
      const updated: Assessment = { ...assessment, ratings };
      if (change.at !== undefined) updated.updatedAt = change.at;
      return withAssessment(record, updated);
    }
    case 'assessment/complete': {
      const assessment = editableAssessment(record, change.assessmentId);
      return withAssessment(record, {
        ...assessment,
        status: 'complete',
        completedAt: change.at,
        updatedAt: change.at,
      });
    }
    case 'assessment/reopen': {
      const assessment = find(record.assessments, change.assessmentId, 'assessment');
      if (assessment.status !== 'complete') throw invalid(['assessmentId'], `"${assessment.id}" is not complete`);
      const { completedAt: _completedAt, ...rest } = assessment;
      const updated: Assessment = { ...rest, status: 'draft' };
      if (change.at !== undefined) updated.updatedAt = change.at;
      return withAssessment(record, updated);
    }
  }
}

/** `applyChange` for assessments alone (`AssessmentChange`): any other change is a ValidationError. */
export const applyAssessmentChange = changeApplier(AssessmentChange, reduceAssessment);

/** The record with `updated` (built from parts, so checked with its own schema) in place of its assessment. */
function withAssessment(record: CaseRecord, updated: Assessment): CaseRecord {
  return {
    ...record,
    assessments: replace(
      record.assessments,
      derived(Assessment, updated, record.assessments, 'assessments'),
      'assessment',
    ),
  };
}

function editableAssessment(record: CaseRecord, id: string): Assessment {
  const assessment = find(record.assessments, id, 'assessment');
  if (assessment.status === 'complete') {
    throw invalid(['assessmentId'], `"${id}" is complete and read-only; reopen it to change it`);
  }
  return assessment;
}
