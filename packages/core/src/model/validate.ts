import type * as z from '../internal/z.js';
import { ValidationError, type Issue } from '../errors.js';
import { safeParse } from '../internal/fast-parse.js';

/** Runs a schema and turns its issues into our ValidationError (never a zod error). */
export function parseWith<T>(schema: z.ZodMiniType<T>, input: unknown, subject: string): T {
  const result = safeParse(schema, input);
  if (result.success) return result.data;
  throw new ValidationError(subject, toIssues(result.error.issues));
}

export function toIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Issue[] {
  return issues.map((i) => ({
    path: i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)),
    message: i.message,
  }));
}
