/**
 * The SDK's typed errors. Nothing else escapes @odkit/core: hosts can branch on
 * `instanceof` or on the stable `code`.
 */

/** One problem found in data, with where it is. */
export interface Issue {
  /** Path into the checked value, e.g. `['members', 2, 'ring']`. */
  readonly path: readonly (string | number)[];
  /** A readable English sentence fragment, e.g. `must be 1, 2 or 3`. */
  readonly message: string;
}

/** `members[2].ring` style rendering of an issue path (empty path: `(root)`). */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return /^[A-Za-z_$][\w$]*$/.test(key) ? (out ? `${out}.${key}` : key) : `${out}[${JSON.stringify(key)}]`;
  }, '');
}

export abstract class OdError extends Error {
  abstract readonly code: 'validation' | 'conflict' | 'not-found' | 'storage';
}

/** Data did not pass validation. Lists every issue, each with its path. */
export class ValidationError extends OdError {
  readonly code = 'validation' as const;
  readonly issues: readonly Issue[];
  constructor(subject: string, issues: readonly Issue[]) {
    const listed = issues.slice(0, 10).map((i) => `${formatPath(i.path)} ${i.message}`);
    const more = issues.length > 10 ? ` (and ${issues.length - 10} more)` : '';
    super(`${subject} is invalid: ${listed.join('; ')}${more}`);
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
      `Case "${caseId}" changed elsewhere: this change was based on revision ${expectedRevision}, but the stored revision is ${actualRevision}. Nothing was written; reload and try again.`,
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
    super(`No ${kind} with id "${id}".`);
    this.name = 'NotFoundError';
  }
}

/** The storage layer failed (quota, blocked upgrade, browser without IndexedDB). Nothing was written. */
export class StorageError extends OdError {
  readonly code = 'storage' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}
