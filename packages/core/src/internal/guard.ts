import { OdError, ValidationError } from '../errors.js';
import { UNREADABLE } from './quote.js';

/**
 * Input a host hands over may throw when it is read: a revoked proxy, a getter that
 * throws, a cyclic object where JSON is needed. Public functions turn that into a
 * ValidationError so that nothing but the kit's typed errors ever escapes. The
 * thrown error's own name and message are not used: the input controls them.
 */
export function unreadable(subject: string, path: readonly (string | number)[] = []): ValidationError {
  return new ValidationError(subject, [{ path, message: UNREADABLE }]);
}

/** Runs `fn`; anything it throws that is not a typed error becomes `unreadable(subject)`. */
export function guarded<T>(subject: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof OdError) throw error;
    throw unreadable(subject);
  }
}

/**
 * Records this copy of the kit parsed or built (deeply frozen, valid). Structural
 * sharing may reuse their parts; anything else a caller passes is parsed into a copy
 * first, so the caller's objects are never frozen or trusted.
 */
const parsedRecords = new WeakSet<object>();

export function markParsed<T extends object>(record: T): T {
  parsedRecords.add(record);
  return record;
}

export const isParsed = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && parsedRecords.has(value);
