/**
 * The signed-in rater: who rates when the host knows the user. From the `rater` property,
 * else the store's `author` (after a SMART launch, `openSmartFhirStore` sets it from the
 * launch's `fhirUser`). When known, the rater's name is theirs and is not typed.
 */
import { TEXT_LIMITS, ValidationError, type Author, type Issue } from '@odkit/core';
import type { ChecklistProblem } from './resolve.js';

/**
 * Who rates, as a host gives it: `name` required, `id` (e.g. `Practitioner/123`) and `role` (as the service names it)
 * optional.
 */
export interface SignedInRater {
  readonly id?: string;
  readonly name: string;
  readonly role?: string;
}

/** Checks a host's `rater`; throws ValidationError naming the field (never quoting its value). */
export function parseRater(input: unknown): SignedInRater {
  const issues: Issue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ValidationError('rater', [{ path: [], message: 'must be an object with a name' }]);
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw))
    if (key !== 'id' && key !== 'name' && key !== 'role')
      issues.push({ path: [key], message: 'is not a rater field (id, name, role)' });
  const text = (key: 'id' | 'name' | 'role', required: boolean): string | undefined => {
    const value = raw[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || !value.trim()) issues.push({ path: [key], message: 'must be non-empty text' });
    else if (value.length > TEXT_LIMITS.short)
      issues.push({ path: [key], message: `must be at most ${TEXT_LIMITS.short} characters` });
    else return value.trim();
    return undefined;
  };
  const name = text('name', true);
  const id = text('id', false);
  const role = text('role', false);
  if (issues.length || name === undefined) throw new ValidationError('rater', issues);
  return { name, ...(id ? { id } : {}), ...(role ? { role } : {}) };
}

/** A host's `rater` checked: the rater (none when not given), or the problem to show when it is invalid. */
export function hostRater(input: unknown): { rater?: SignedInRater; problem?: ChecklistProblem } {
  if (input === undefined || input === null) return {};
  try {
    return { rater: parseRater(input) };
  } catch (error) {
    return { problem: { option: 'rater', key: 'checklist.badRater', ...(error instanceof Error ? { error } : {}) } };
  }
}

/** The rater to use: the host's, else the store's author, else none (the name is typed). */
export function signedInRater(
  hostRater: SignedInRater | undefined,
  author: Author | undefined,
): SignedInRater | undefined {
  return (
    hostRater ??
    (author ? { id: author.id, name: author.name, ...(author.role ? { role: author.role } : {}) } : undefined)
  );
}
