/**
 * Keyed pseudonyms and date offsets with WebCrypto (browsers and Node alike): HMAC-SHA-256
 * under the host's key, so the same key gives the same pseudonyms and without the key they
 * cannot be reversed or recomputed from the ids.
 */
import { ValidationError } from '../errors.js';

const SUBJECT = 'Research export options';
const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const api = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!api) {
    throw new ValidationError(SUBJECT, [
      {
        path: ['key'],
        message:
          'needs WebCrypto (crypto.subtle), which this page does not have (pages served over plain http lack it)',
      },
    ]);
  }
  return api;
}

/** The host's key as an HMAC-SHA-256 signing key: raw bytes (16 or more) or such a CryptoKey. */
export async function hmacKey(key: unknown): Promise<CryptoKey> {
  const api = subtle();
  if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey) {
    const algorithm = key.algorithm as HmacKeyAlgorithm;
    if (algorithm.name !== 'HMAC' || algorithm.hash?.name !== 'SHA-256' || !key.usages.includes('sign')) {
      throw new ValidationError(SUBJECT, [{ path: ['key'], message: 'must be an HMAC SHA-256 key usable for "sign"' }]);
    }
    return key;
  }
  const bytes = key instanceof ArrayBuffer ? new Uint8Array(key) : key instanceof Uint8Array ? key : undefined;
  if (!bytes || bytes.byteLength < 16) {
    throw new ValidationError(SUBJECT, [
      { path: ['key'], message: 'must be at least 16 bytes (a Uint8Array or ArrayBuffer) or an HMAC CryptoKey' },
    ]);
  }
  return api.importKey('raw', Uint8Array.from(bytes), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The MAC of `parts` joined by NUL (no id contains one, so distinct parts never collide). */
async function mac(key: CryptoKey, parts: readonly string[]): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign('HMAC', key, encoder.encode(parts.join('\u0000'))));
}

/** A pseudonym: the first 128 bits of the MAC, as 32 hex digits. */
export async function pseudonym(key: CryptoKey, kind: string, ...ids: string[]): Promise<string> {
  return hex((await mac(key, [kind, ...ids])).subarray(0, 16));
}

/** A whole number of days in [−maxDays, maxDays] for a case, from a MAC no column shows. */
export async function dayOffset(key: CryptoKey, caseId: string, maxDays: number): Promise<number> {
  const bytes = await mac(key, ['date-shift', caseId]);
  const value = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  return (value % (2 * maxDays + 1)) - maxDays;
}
