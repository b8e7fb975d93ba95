import type * as z from '../internal/z.js';
import { ValidationError, type Issue } from '../errors.js';
import { safeParse } from '../internal/fast-parse.js';
import { UNREADABLE } from '../internal/quote.js';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export interface CheckOptions {
  /** Where the value sits, prefixed to every issue's path (e.g. `['meetings', 3]`). */
  at?: readonly (string | number)[];
  /** Freeze the result deeply as it is parsed (records are always handed out frozen). */
  freeze?: boolean;
}

/** Runs a schema without throwing; issues become ours (never zod's), with paths from `at`. */
export function check<T>(schema: z.ZodMiniType<T>, input: unknown, options: CheckOptions = {}): ValidationResult<T> {
  const at = options.at ?? [];
  let issues: Issue[];
  try {
    const result = safeParse(schema, input, options.freeze);
    if (result.success) return { ok: true, value: result.data };
    // zod builds its issues lazily, when `error` is read: that may read the input too.
    issues = toIssues(result.error.issues);
  } catch {
    // zod rethrows what reading the input threw (a revoked proxy, a throwing getter).
    issues = [{ path: [], message: UNREADABLE }];
  }
  return { ok: false, issues: issues.map((i) => ({ ...i, path: [...at, ...i.path] })) };
}

/** Runs a schema and throws our ValidationError, naming `subject`, when the value does not pass. */
export function parseWith<T>(schema: z.ZodMiniType<T>, input: unknown, subject: string, options: CheckOptions = {}): T {
  const result = check(schema, input, options);
  if (result.ok) return result.value;
  throw new ValidationError(subject, result.issues);
}

export function toIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Issue[] {
  return issues.map((i) => ({
    path: i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)),
    message: i.message,
  }));
}
