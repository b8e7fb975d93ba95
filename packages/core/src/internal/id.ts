/**
 * Ids for new entities and edits. `crypto.randomUUID()` exists only in secure
 * contexts (an EHR intranet page served over plain http has none);
 * `crypto.getRandomValues()` exists everywhere the kit runs.
 */
import { ValidationError } from '../errors.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A fresh id (`prefix-` and 20 random base-36 characters, ~103 bits), valid as a kit and FHIR id. */
export function newId(prefix: string): string {
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9.]{1,40}$/.test(prefix)) {
    throw new ValidationError('newId', [{ path: ['prefix'], message: 'must be 1–40 letters, digits or "."' }]);
  }
  const bytes = new Uint8Array(20);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 36];
  return `${prefix}-${out}`;
}
