import { EXT } from '../vocabulary.js';
import type { Extension } from '../types.js';

/**
 * FHIR dateTime needs seconds and an offset of at most ±14:00; the kit also accepts
 * `14:00+00:00` (no seconds) and any offset to ±14:59. The FHIR value is the same
 * instant in FHIR's form; the kit's exact text rides along in a primitive extension
 * when it differs, so that a round trip gives back exactly what was written.
 */
const KIT_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(?:\.\d{1,3})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

export interface Primitive {
  value: string;
  /** The `_field` sibling carrying the original text, when FHIR's form differs. */
  element?: { extension: Extension[] };
}

/** A kit date-time that is already FHIR's form: seconds, and an offset of at most ±14:00 (most are). */
const FHIR_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-](?:0\d|1[0-3]):\d{2}|[+-]14:00)$/;

export function dateTimeToFhir(kit: string): Primitive {
  // Checked first with `test`, which builds no match: a large case writes thousands of these.
  if (FHIR_DATE_TIME.test(kit)) return { value: kit };
  const m = KIT_DATE_TIME.exec(kit);
  let value = kit;
  if (m) {
    const [, minutes, seconds, zone, , hours, mins] = m;
    const offsetOk = zone === 'Z' || Number(hours) < 14 || (hours === '14' && mins === '00');
    value = offsetOk ? `${minutes}${seconds ?? ':00'}${zone}` : new Date(Date.parse(kit)).toISOString();
  }
  return value === kit ? { value } : { value, element: { extension: [{ url: EXT.originalText, valueString: kit }] } };
}

/** Sets `target[key]` (and `target._key` when needed) to a kit date-time. */
export function putDateTime(target: Record<string, unknown>, key: string, kit: string | undefined): void {
  if (kit === undefined) return;
  const p = dateTimeToFhir(kit);
  target[key] = p.value;
  if (p.element) target[`_${key}`] = p.element;
}

/**
 * FHIR strings must hold something other than white space. The kit's long texts
 * (notes, comments) need not: an empty or blank text is written as a string
 * element with no value and the kit's empty-text or blank-text extension.
 */
export function putString(target: Record<string, unknown>, key: string, text: string | undefined): void {
  if (text === undefined) return;
  if (/\S/.test(text)) target[key] = text;
  else if (text === '') target[`_${key}`] = { extension: [{ url: EXT.emptyText, valueBoolean: true }] };
  else target[`_${key}`] = { extension: [{ url: EXT.blankText, valueBase64Binary: toBase64(text) }] };
}

/** The text `putString` wrote to `holder[key]`, or undefined. */
export function readString(holder: Record<string, unknown>, key: string): string | undefined {
  const value = holder[key];
  if (typeof value === 'string') return value;
  const element = holder[`_${key}`];
  const extensions =
    typeof element === 'object' && element !== null ? (element as { extension?: unknown }).extension : undefined;
  if (!Array.isArray(extensions)) return undefined;
  for (const e of extensions as { url?: unknown; valueBoolean?: unknown; valueBase64Binary?: unknown }[]) {
    if (e?.url === EXT.emptyText && e.valueBoolean === true) return '';
    if (e?.url === EXT.blankText && typeof e.valueBase64Binary === 'string') {
      const text = fromBase64(e.valueBase64Binary);
      if (text !== undefined && !/\S/.test(text)) return text;
    }
  }
  return undefined;
}

function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(data: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** A kit text extension (value or empty). */
export function textExtension(url: string, text: string): Extension {
  const ext: Extension = { url };
  putString(ext, 'valueString', text);
  return ext;
}
