import type * as z from './internal/z.js';
import { ValidationError } from './errors.js';
import { check, type ValidationResult } from './model/validate.js';

export type { ValidationResult };
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

/**
 * Checks one entity on its own (not its references), without throwing: what a
 * form needs to show each error next to its field before anything is saved.
 * Throws (a ValidationError) only for a `kind` that is not one of the entity kinds.
 */
export function validate<K extends EntityKind>(
  kind: K,
  input: unknown,
): ValidationResult<(typeof schemas)[K]['_zod']['output']> {
  type Output = (typeof schemas)[K]['_zod']['output'];
  if (typeof kind !== 'string' || !Object.hasOwn(schemas, kind)) {
    throw new ValidationError('validate', [
      { path: ['kind'], message: `must be one of ${Object.keys(schemas).join(', ')}` },
    ]);
  }
  return check(schemas[kind] as unknown as z.ZodMiniType<Output>, input);
}
