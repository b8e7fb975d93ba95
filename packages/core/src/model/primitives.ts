import * as z from '../internal/z.js';
import { guarded } from '../internal/guard.js';
import { isValidNhsNumber } from '../nhs-number.js';

/*
 * The rules below are the one place each is written: the schemas use them, and the
 * widgets and FHIR mapping check hosts' attributes and people's input with the same
 * functions, so a value the UI accepts is one the store accepts.
 */

/** A kit (and FHIR) id: 1–64 letters, digits, "-" or ".". */
export const ID_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;
/** Whether `value` is a kit id (see {@link ID_PATTERN}). */
export const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);

/** Longest text each kind of field takes, in UTF-16 code units: forms use these as `maxlength`. */
export const TEXT_LIMITS = Object.freeze({ short: 200, long: 4000 });

/** Ids follow FHIR's id rule so that records map to FHIR resources losslessly. */
export const Id = z.string().check(z.regex(ID_PATTERN, { error: 'must be 1–64 letters, digits, "-" or "."' }));

/** Short free text (names, labels). */
export const ShortText = z.string().check(z.trim(), z.minLength(1), z.maxLength(TEXT_LIMITS.short));
/** Longer free text (notes, comments). Always rendered as text, never markup. */
export const LongText = z.string().check(z.maxLength(TEXT_LIMITS.long));

// No capture groups: checking is `test`, which builds no match (a case of 2,000 meetings checks about 10,000
// instants, and their match arrays were a tenth of what reading it from FHIR allocated). The day is read by position.
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_RE =
  /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether the `YYYY-MM-DD` at the start of `text` is a day the calendar has. */
function isCalendarDay(text: string): boolean {
  const y = +text.slice(0, 4);
  const m = +text.slice(5, 7);
  const d = +text.slice(8, 10);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/** A real calendar date written `YYYY-MM-DD` (not 2026-02-30). */
export function isRealDate(value: unknown): value is string {
  return typeof value === 'string' && DATE_RE.test(value) && isCalendarDay(value);
}

/** A real instant with its UTC offset, e.g. `2026-03-29T01:30:00+00:00` (what {@link IsoDateTime} accepts). */
export function isIsoDateTime(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME_RE.test(value) && isCalendarDay(value);
}

const knownZones = new Map<string, boolean>();

/** Whether this browser's Intl knows `zone`, an IANA name such as `Europe/London` (answers cached). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '' || zone.length > 64) return false;
  // The kit's default and UTC need no check (building a formatter is a page's first Intl cost).
  if (zone === 'Europe/London' || zone === 'UTC') return true;
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(zone, known);
  }
  return known;
}

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.string().check(z.refine(isRealDate, { error: 'must be a real date written YYYY-MM-DD' }));

/** A year, year-month or full date (`1998`, `1998-04`, `1998-04-12`), as FHIR `date`. */
export const PartialDate = z.string().check(
  z.refine(
    (v) => {
      const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
      if (!m) return false;
      if (m[2] === undefined) return true;
      if (m[3] === undefined) return Number(m[2]) >= 1 && Number(m[2]) <= 12;
      return isCalendarDay(v);
    },
    { error: 'must be a year (YYYY), a month (YYYY-MM) or a date (YYYY-MM-DD)' },
  ),
);

/**
 * An instant with its UTC offset, e.g. `2026-03-29T01:30:00+00:00`. The offset is
 * required: a local time without one is ambiguous across the UK clock changes.
 */
export const IsoDateTime = z
  .string()
  .check(
    z.refine(isIsoDateTime, { error: 'must be a date and time with a UTC offset, e.g. 2026-03-02T14:00:00+00:00' }),
  );

/** A BCP 47 language tag such as `en-GB` or `cy`. */
/** A BCP 47 language tag the browser accepts, in the shape the record keeps ("en-GB", "cy"). */
export function isLanguageTag(v: string): boolean {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(v)) return false;
  try {
    return Intl.getCanonicalLocales(v).length === 1;
  } catch {
    return false;
  }
}

export const LanguageTag = z
  .string()
  .check(z.refine(isLanguageTag, { error: 'must be a language tag such as "en-GB" or "cy"' }));

/** An NHS number: ten digits with a valid modulus-11 check digit, no spaces. */
export const NhsNumber = z.string().check(
  z.refine((v) => /^\d{10}$/.test(v) && isValidNhsNumber(v), {
    error: 'must be a 10-digit NHS number with a valid check digit (no spaces)',
  }),
);

/**
 * Text an instrument shows: a plain string, or translations keyed by language tag
 * (`{ "en-GB": "…", "cy": "…" }`).
 */
const TranslatedText = z.string().check(z.trim(), z.minLength(1), z.maxLength(2000));
export const LocalisedText = z.union([
  TranslatedText,
  z
    .record(LanguageTag, TranslatedText)
    .check(z.refine((v) => Object.keys(v).length > 0, { error: 'must have at least one translation' })),
]);
export type LocalisedText = z.infer<typeof LocalisedText>;

/**
 * Pick the best translation for a locale: exact tag, then same language, then English, then the first (tags compared
 * case-insensitively).
 */
export function localise(text: LocalisedText, locale: string): string {
  const value = guarded('Localised text', () => pick(text, typeof locale === 'string' ? locale : ''));
  return typeof value === 'string' ? value : '';
}

function pick(text: LocalisedText, locale: string): string {
  if (typeof text === 'string') return text;
  const entries = Object.entries(text).map(([tag, value]) => [tag.toLowerCase(), value] as const);
  const wanted = locale.toLowerCase();
  const language = (tag: string) => tag.split('-')[0];
  return (
    entries.find(([tag]) => tag === wanted)?.[1] ??
    entries.find(([tag]) => language(tag) === language(wanted))?.[1] ??
    entries.find(([tag]) => tag === 'en-gb')?.[1] ??
    entries.find(([tag]) => language(tag) === 'en')?.[1] ??
    entries[0]?.[1] ??
    ''
  );
}

/** Milliseconds since the epoch for an IsoDateTime (already validated). */
export function toTime(dateTime: string): number {
  return Date.parse(dateTime);
}
