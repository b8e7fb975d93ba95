/**
 * The kit's own two locales' plural rules, number formats and English date patterns, and
 * the UTC and Europe/London wall clocks, as code. In Chromium the first `Intl.NumberFormat`
 * or `Intl.DateTimeFormat` on a page costs 15–50 ms (ICU's data is loaded then), and a
 * widget's first paint would pay it for a "3 members" label or a meeting's time. Each
 * function here gives exactly what `Intl` gives for the same input (test/rules.test.ts
 * compares them on many inputs) or `undefined` when the input is outside what it covers,
 * and the caller asks `Intl`.
 */

/**
 * `Intl.PluralRules(locale).select(count)` for en-GB and cy: CLDR's rules on the count rounded as Intl rounds it (3
 * decimals).
 */
export function pluralCategory(locale: string, count: number): Intl.LDMLPluralRule | undefined {
  if (locale !== 'en-GB' && locale !== 'cy') return undefined;
  if (!Number.isFinite(count)) return 'other';
  const { whole, fraction } = rounded(Math.abs(count), 3);
  const text = fraction ? `${whole}.${fraction}` : whole;
  if (locale === 'en-GB') return text === '1' ? 'one' : 'other';
  return WELSH_PLURALS[text] ?? 'other';
}

const WELSH_PLURALS: Readonly<Record<string, Intl.LDMLPluralRule>> = {
  0: 'zero',
  1: 'one',
  2: 'two',
  3: 'few',
  6: 'many',
};

/**
 * `new Intl.NumberFormat(locale, options).format(value)` for en-GB and cy with no options,
 * `{ maximumFractionDigits }` alone, or `{ style: 'percent', maximumFractionDigits: 0 }`.
 * Both locales write 1,234.5 (CLDR's latn symbols, grouping from 1,000).
 */
export function formatNumberAsCode(
  value: number,
  locale: string,
  options: Intl.NumberFormatOptions,
): string | undefined {
  if ((locale !== 'en-GB' && locale !== 'cy') || typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const keys = Object.keys(options);
  if (keys.length === 0) return decimal(value, 3);
  if (keys.length === 1 && keys[0] === 'maximumFractionDigits') {
    const digits = options.maximumFractionDigits;
    return typeof digits === 'number' && Number.isInteger(digits) && digits >= 0 && digits <= 20
      ? decimal(value, digits)
      : undefined;
  }
  if (keys.length === 2 && options.style === 'percent' && options.maximumFractionDigits === 0)
    return `${decimal(value, 0, 2)}%`;
  return undefined;
}

function decimal(value: number, fractionDigits: number, scale = 0): string {
  const { whole, fraction } = rounded(Math.abs(value), fractionDigits, scale);
  // Intl keeps the sign of a negative value that rounds to zero ("-0").
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/**
 * `abs` × 10^`scale` rounded to `fractionDigits` decimals as ICU rounds: half away from zero,
 * on the shortest decimal that reads back as the same double (what `String(abs)` shows, so
 * 0.15 is a half and rounds to 0.2), not on the double's exact binary value (as `toFixed`
 * does). Trailing zeros of the fraction are dropped (no minimum fraction digits).
 */
function rounded(abs: number, fractionDigits: number, scale = 0): { whole: string; fraction: string } {
  const [mantissa = '0', exponent = '0'] = abs.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const kept = Number(exponent) + 1 + scale + fractionDigits; // significant digits before the rounding point
  let scaled: string; // round(abs × 10^(scale + fractionDigits)) as a digit string
  if (kept < 0) scaled = '0';
  else {
    scaled = kept === 0 ? '0' : digits.slice(0, kept).padEnd(kept, '0');
    if ((digits[kept] ?? '0') >= '5') scaled = increment(scaled);
  }
  scaled = scaled.padStart(fractionDigits + 1, '0');
  const point = scaled.length - fractionDigits;
  return { whole: scaled.slice(0, point).replace(/^0+(?=\d)/, ''), fraction: scaled.slice(point).replace(/0+$/, '') };
}

function increment(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/** The date patterns the kit uses: "2 March 2026", "2 Mar 2026, 14:00", "14:00". */
export type DatePattern = 'date' | 'dateTime' | 'time';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * `zone`'s offset from UTC in minutes at `time`, without Intl, for the zones the kit uses by
 * default: `UTC`, and `Europe/London` from 1996 on (the EU's rule, which the UK follows:
 * British Summer Time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October; ICU's zone data carries that rule forward). Undefined for any other zone,
 * for London before 1996, and outside the years 1000 to 9999: the caller then asks Intl.
 */
export function zoneOffsetAsCode(time: number, zone: string | undefined): number | undefined {
  if ((zone !== 'UTC' && zone !== 'Europe/London') || !Number.isFinite(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  if (!(year >= (zone === 'UTC' ? 1000 : 1996) && year <= 9999)) return undefined;
  if (zone === 'UTC') return 0;
  return time >= lastSundayAtOne(year, 2) && time < lastSundayAtOne(year, 9) ? 60 : 0;
}

/** 01:00 UTC on the last Sunday of `month` (0-based). */
function lastSundayAtOne(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0, 1);
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS;
}

/** The wall clock in `zone` at `time` as a Date read with its UTC getters, when rules.ts covers the zone. */
export function wallClockAsCode(time: number, zone: string | undefined): Date | undefined {
  const offset = zoneOffsetAsCode(time, zone);
  return offset === undefined ? undefined : new Date(time + offset * MINUTE_MS);
}

/**
 * en-GB's `Intl.DateTimeFormat` output for the kit's three patterns, in the browser's own
 * time zone (`timeZone` undefined), or in UTC or Europe/London (see `zoneOffsetAsCode`),
 * for years 1000 to 9999. Other zones need Intl's time zone data.
 */
export function formatDateAsCode(
  date: Date,
  locale: string,
  pattern: DatePattern,
  timeZone: string | undefined,
): string | undefined {
  if (locale !== 'en-GB') return undefined;
  let wall: Date;
  let utc = true;
  if (timeZone === undefined) {
    wall = date;
    utc = false;
  } else {
    const shifted = wallClockAsCode(date.getTime(), timeZone);
    if (!shifted) return undefined;
    wall = shifted;
  }
  const year = utc ? wall.getUTCFullYear() : wall.getFullYear();
  if (!(year >= 1000 && year <= 9999)) return undefined; // also an invalid date (NaN)
  const month = utc ? wall.getUTCMonth() : wall.getMonth();
  const day = utc ? wall.getUTCDate() : wall.getDate();
  const time = () => {
    const hours = utc ? wall.getUTCHours() : wall.getHours();
    const minutes = utc ? wall.getUTCMinutes() : wall.getMinutes();
    return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  };
  if (pattern === 'date') return `${day} ${MONTHS[month]} ${year}`;
  if (pattern === 'time') return time();
  return `${day} ${MONTHS_SHORT[month]} ${year}, ${time()}`;
}
