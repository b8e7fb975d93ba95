import * as z from '../internal/z.js';
import { guarded } from '../internal/guard.js';
import { isValidNhsNumber } from '../nhs-number.js';

/** Ids follow FHIR's id rule so that records map to FHIR resources losslessly. */
export const Id = z.string().check(
  z.regex(/^[A-Za-z0-9.-]{1,64}$/, { error: 'must be 1–64 letters, digits, "-" or "."' }),
);

/** Short free text (names, labels). */
export const ShortText = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
/** Longer free text (notes, comments). Always rendered as text, never markup. */
export const LongText = z.string().check(z.maxLength(4000));

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.string().check(
  z.refine(
    (v) => {
      const m = DATE_RE.exec(v);
      return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
    },
    { error: 'must be a real date written YYYY-MM-DD' },
  ),
);

/** A year, year-month or full date (`1998`, `1998-04`, `1998-04-12`), as FHIR `date`. */
export const PartialDate = z.string().check(
  z.refine(
    (v) => {
      const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
      if (!m) return false;
      if (m[2] === undefined) return true;
      const month = Number(m[2]);
      if (m[3] === undefined) return month >= 1 && month <= 12;
      return isRealDate(Number(m[1]), month, Number(m[3]));
    },
    { error: 'must be a year (YYYY), a month (YYYY-MM) or a date (YYYY-MM-DD)' },
  ),
);

/**
 * An instant with its UTC offset, e.g. `2026-03-29T01:30:00+00:00`. The offset is
 * required: a local time without one is ambiguous across the UK clock changes.
 */
export const IsoDateTime = z.string().check(
  z.refine(
    (v) => {
      const m = DATE_TIME_RE.exec(v);
      return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
    },
    { error: 'must be a date and time with a UTC offset, e.g. 2026-03-02T14:00:00+00:00' },
  ),
);

/** A BCP 47 language tag such as `en-GB` or `cy`. */
export const LanguageTag = z.string().check(
  z.refine(
    (v) => {
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(v)) return false;
      try {
        return Intl.getCanonicalLocales(v).length === 1;
      } catch {
        return false;
      }
    },
    { error: 'must be a language tag such as "en-GB" or "cy"' },
  ),
);

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
  z.record(LanguageTag, TranslatedText).check(
    z.refine((v) => Object.keys(v).length > 0, { error: 'must have at least one translation' }),
  ),
]);
export type LocalisedText = z.infer<typeof LocalisedText>;

/** Pick the best translation for a locale: exact tag, then same language, then English, then the first (tags compared case-insensitively). */
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
