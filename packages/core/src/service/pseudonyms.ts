/**
 * Keyed pseudonyms and date offsets: HMAC-SHA-256 under the host's key, so the same key
 * gives the same pseudonyms and without the key they cannot be reversed or recomputed from
 * the ids. Raw key bytes are used with the kit's own HMAC (internal/sha256.ts), which runs
 * everywhere: `crypto.subtle` exists only in secure contexts, and an EHR intranet served
 * over plain http has none. A host's HMAC `CryptoKey` (which only WebCrypto can use) signs
 * with WebCrypto; both give the same MACs for the same key bytes.
 */
import { ValidationError } from '../errors.js';
import { hmacSha256 } from '../internal/sha256.js';

const SUBJECT = 'Research export options';
const encoder = new TextEncoder();

/** The checked key: raw bytes for the kit's HMAC, or a host's WebCrypto key. */
export type PseudonymKey = { readonly bytes: Uint8Array } | { readonly cryptoKey: CryptoKey };

/** The host's key, checked: raw bytes (16 or more) or an HMAC-SHA-256 signing CryptoKey. */
export function hmacKey(key: unknown): PseudonymKey {
  if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey) {
    const algorithm = key.algorithm as HmacKeyAlgorithm;
    if (algorithm.name !== 'HMAC' || algorithm.hash?.name !== 'SHA-256' || !key.usages.includes('sign')) {
      throw new ValidationError(SUBJECT, [{ path: ['key'], message: 'must be an HMAC SHA-256 key usable for "sign"' }]);
    }
    return { cryptoKey: key };
  }
  const bytes = key instanceof ArrayBuffer ? new Uint8Array(key) : key instanceof Uint8Array ? key : undefined;
  if (!bytes || bytes.byteLength < 16) {
    throw new ValidationError(SUBJECT, [
      { path: ['key'], message: 'must be at least 16 bytes (a Uint8Array or ArrayBuffer) or an HMAC CryptoKey' },
    ]);
  }
  // A copy: the host may reuse or wipe its buffer while the export runs.
  return { bytes: Uint8Array.from(bytes) };
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The MAC of `parts` joined by NUL (no id contains one, so distinct parts never collide). */
async function mac(key: PseudonymKey, parts: readonly string[]): Promise<Uint8Array> {
  const message = encoder.encode(parts.join('\u0000'));
  if ('bytes' in key) return hmacSha256(key.bytes, message);
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key.cryptoKey, message));
}

/** A pseudonym: the first 128 bits of the MAC, as 32 hex digits. */
export async function pseudonym(key: PseudonymKey, kind: string, ...ids: string[]): Promise<string> {
  return hex((await mac(key, [kind, ...ids])).subarray(0, 16));
}

/** A whole number of days in [−maxDays, maxDays] for a case, from a MAC no column shows. */
export async function dayOffset(key: PseudonymKey, caseId: string, maxDays: number): Promise<number> {
  const bytes = await mac(key, ['date-shift', caseId]);
  const value = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  return (value % (2 * maxDays + 1)) - maxDays;
}
