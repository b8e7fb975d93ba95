import type { Issue } from './errors.js';
import { safeParse } from './internal/fast-parse.js';
import type * as z from './internal/z.js';
import { toIssues } from './model/validate.js';
import { Assessment, Episode, Instrument, Meeting, NetworkMember, Person, Tie } from './model/schemas.js';

const schemas = {
  person: Person,
  member: NetworkMember,
  tie: Tie,
  episode: Episode,
  meeting: Meeting,
  assessment: Assessment,
  instrument: Instrument,
} as const;

export type EntityKind = keyof typeof schemas;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/**
 * Checks one entity on its own (not its references), without throwing: what a
 * form needs to show each error next to its field before anything is saved.
 */
export function validate<K extends EntityKind>(kind: K, input: unknown): ValidationResult<(typeof schemas)[K]['_zod']['output']> {
  type Output = (typeof schemas)[K]['_zod']['output'];
  const result = safeParse(schemas[kind] as unknown as z.ZodMiniType<Output>, input);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toIssues(result.error.issues) };
}
