/**
 * The SDK's typed errors. Nothing else escapes @odkit/core: hosts can branch on
 * `instanceof` or on the stable `code`.
 */
import { bound, isFieldName, quoteField, quoteId } from './internal/quote.js';

/** One problem found in data, with where it is. */
export interface Issue {
  /** Path into the checked value, e.g. `['members', 2, 'ring']`. */
  readonly path: readonly (string | number)[];
  /** A readable English sentence fragment, e.g. `must be 1, 2 or 3`. */
  readonly message: string;
}

/** The longest a formatted path gets; a longer one keeps its end (the part nearest the problem). */
const PATH_LIMIT = 120;

/**
 * `members[2].ring` style rendering of an issue path (empty path: `(root)`). A key that
 * is not a field name (long, or with spaces: text from the input) is shown by its
 * length only, e.g. `[a field of 1048576 characters]`.
 */
export function formatPath(path: readonly (string | number)[]): string {
  let keys: readonly unknown[] | undefined;
  try {
    keys = Array.isArray(path) ? [...(path as readonly unknown[])] : undefined;
  } catch {
    // A revoked proxy or an array with a throwing getter: as unusable as no list at all.
  }
  if (!keys) throw new ValidationError('formatPath', [{ path: [], message: 'expected a list of keys' }]);
  if (keys.length === 0) return '(root)';
  const text = keys.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    if (typeof key !== 'string') return `${out}[a key that is not text]`;
    if (!isFieldName(key)) return `${out}[${quoteField(key)}]`;
    return /^[A-Za-z_$][\w$]*$/.test(key) ? (out ? `${out}.${key}` : key) : `${out}[${JSON.stringify(key)}]`;
  }, '');
  return text.length <= PATH_LIMIT ? text : `…${text.slice(text.length - PATH_LIMIT + 1)}`;
}

export abstract class OdError extends Error {
  abstract readonly code: 'validation' | 'conflict' | 'not-found' | 'storage' | 'unsupported';
}

/** Data did not pass validation. Lists every issue, each with its path. */
export class ValidationError extends OdError {
  readonly code = 'validation' as const;
  readonly issues: readonly Issue[];
  constructor(subject: string, issues: readonly Issue[]) {
    // Each issue is bounded, so the whole message is too (10 issues of at most ISSUE_LIMIT characters).
    const listed = issues.slice(0, 10).map((i) => bound(`${formatPath(i.path)} ${i.message}`));
    const more = issues.length > 10 ? ` (and ${issues.length - 10} more)` : '';
    super(`${bound(subject, 60)} is invalid: ${listed.join('; ')}${more}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** A write was based on a revision that is no longer the latest. Nothing was written. */
export class ConflictError extends OdError {
  readonly code = 'conflict' as const;
  constructor(
    readonly caseId: string,
    readonly expectedRevision: number,
    readonly actualRevision: number,
  ) {
    super(
      `Case ${quoteId(caseId)} changed elsewhere: this change was based on revision ${expectedRevision}, but the stored revision is ${actualRevision}. Nothing was written; reload and try again.`,
    );
    this.name = 'ConflictError';
  }
}

/** Something referred to by id does not exist. */
export class NotFoundError extends OdError {
  readonly code = 'not-found' as const;
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`No ${bound(kind, 40)} with id ${quoteId(id)}.`);
    this.name = 'NotFoundError';
  }
}

/** The storage layer failed (quota, blocked upgrade, browser without IndexedDB). Nothing was written. */
export class StorageError extends OdError {
  readonly code = 'storage' as const;
  /**
   * The server answered that it will never take this write as it is (HTTP 400, 403,
   * 404, 422…): trying again will not help. False for failures worth retrying
   * (no answer, 5xx, 408, 429).
   */
  readonly permanent: boolean;
  constructor(message: string, options?: { cause?: unknown; permanent?: boolean }) {
    super(message, options);
    this.name = 'StorageError';
    this.permanent = options?.permanent === true;
  }
}
