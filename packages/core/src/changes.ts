import * as z from './internal/z.js';
import type { CaseRecord } from './model/schemas.js';
import { changeApplier } from './changes/apply.js';
import { NetworkChange, reduceNetwork } from './changes/network.js';
import { TimelineChange, reduceTimeline } from './changes/timeline.js';
import { AssessmentChange, reduceAssessment } from './changes/assessments.js';
import { parseWith } from './model/validate.js';

export { NetworkChange, applyNetworkChange } from './changes/network.js';
export { TimelineChange, applyTimelineChange } from './changes/timeline.js';
export { AssessmentChange, applyAssessmentChange } from './changes/assessments.js';
export type { ChangeApplier } from './changes/apply.js';

/**
 * Every edit a widget can make, as a typed, serialisable change. Updates carry the
 * whole new entity (not a patch), so what was meant is never ambiguous. Made of three
 * families, each with its own applier (`applyNetworkChange`, …) for code that makes only those.
 */
export const Change = z.discriminatedUnion('type', [NetworkChange, TimelineChange, AssessmentChange]);
export type Change = z.infer<typeof Change>;
export type ChangeType = Change['type'];

/**
 * The change with its time: an update that dates what it replaces (member/update, tie/update) and has no `at` gets
 * `at`, so that every replay of it (a sync, a rebase) dates the same. Anything else is returned as given.
 */
export function withChangeTime(change: unknown, at: string): unknown {
  if (typeof change !== 'object' || change === null) return change;
  const { type, at: given } = change as { type?: unknown; at?: unknown };
  return (type === 'member/update' || type === 'tie/update') && given === undefined ? { ...change, at } : change;
}

/** Validates a change without applying it. Throws ValidationError. */
export function parseChange(input: unknown): Change {
  return parseWith(Change, input, 'Change');
}

/**
 * Applies a change to a valid record (from parseCaseRecord or a store) and returns
 * the new, validated, frozen record; the input is never modified. Throws
 * ValidationError (a bad change, or a result that would break the record's
 * references) or NotFoundError (an id that does not exist).
 *
 * The change's entity is validated by the Change schema; the rest of the record
 * was valid already, so only the references across the record are checked again.
 */
export const applyChange = changeApplier(Change, reduce);

/** Each change by its family's rules (the type's first part names the family). */
function reduce(record: CaseRecord, change: Change): CaseRecord {
  const [family] = change.type.split('/');
  if (family === 'assessment') return reduceAssessment(record, change as AssessmentChange);
  if (family === 'episode' || family === 'meeting') return reduceTimeline(record, change as TimelineChange);
  return reduceNetwork(record, change as NetworkChange);
}
