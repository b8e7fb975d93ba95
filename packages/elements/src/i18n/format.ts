import { formatMessage } from './messages.js';
import { formatDateAsCode, formatNumberAsCode, type DatePattern } from './rules.js';

/**
 * Dates, times, numbers and durations: as code where `rules.ts` covers the input (en-GB
 * dates in the browser's zone or UTC, en-GB and cy numbers), so that a first paint does
 * not wait for ICU's data; otherwise through Intl, each formatter built once, when
 * first needed, and cached per locale and options. Instants keep their offsets in the data; they are shown in
 * `timeZone` (default: the browser's), so 01:30 on the night the clocks change is
 * shown at the right local time.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

// Some browser builds (Debian's Chromium among them) ship Intl without Welsh date
// data and would fall back to US English. Welsh is then formatted with the en-GB
// pattern and Welsh month and day names, so it is never shown as "March 2, 2:00 PM".
const WELSH = {
  month: [
    'Ionawr',
    'Chwefror',
    'Mawrth',
    'Ebrill',
    'Mai',
    'Mehefin',
    'Gorffennaf',
    'Awst',
    'Medi',
    'Hydref',
    'Tachwedd',
    'Rhagfyr',
  ],
  monthShort: ['Ion', 'Chwef', 'Maw', 'Ebr', 'Mai', 'Meh', 'Gorff', 'Awst', 'Medi', 'Hyd', 'Tach', 'Rhag'],
  weekday: ['Dydd Sul', 'Dydd Llun', 'Dydd Mawrth', 'Dydd Mercher', 'Dydd Iau', 'Dydd Gwener', 'Dydd Sadwrn'],
  weekdayShort: ['Sul', 'Llun', 'Maw', 'Mer', 'Iau', 'Gwen', 'Sad'],
};
const hasIntlData = (locale: string) => Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;

/** `pattern` names a format written as code (rules.ts); without one, Intl formats it. */
function formatDateParts(
  value: Date,
  locale: string,
  options: Intl.DateTimeFormatOptions,
  pattern?: DatePattern,
): string {
  const asCode = pattern ? formatDateAsCode(value, locale, pattern, options.timeZone) : undefined;
  if (asCode !== undefined) return asCode;
  if (!locale.startsWith('cy') || hasIntlData(locale)) {
    return cached('dt', locale, options, () => new Intl.DateTimeFormat(locale, options)).format(value);
  }
  const english = cached('dt', 'en-GB', options, () => new Intl.DateTimeFormat('en-GB', options));
  const numeric = cached(
    'dt-n',
    'en-GB',
    { timeZone: options.timeZone },
    () => new Intl.DateTimeFormat('en-GB', { month: 'numeric', weekday: 'short', timeZone: options.timeZone }),
  );
  const parts = numeric.formatToParts(value);
  const month = Number(parts.find((p) => p.type === 'month')?.value) - 1;
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const weekday = weekdays.indexOf(parts.find((p) => p.type === 'weekday')?.value ?? '');
  const longNames = options.month === 'long' || options.dateStyle === 'long' || options.dateStyle === 'full';
  return english
    .formatToParts(value)
    .map((p) => {
      if (p.type === 'month' && !/^\d+$/.test(p.value))
        return (longNames ? WELSH.month : WELSH.monthShort)[month] ?? p.value;
      if (p.type === 'weekday')
        return (longNames || options.weekday === 'long' ? WELSH.weekday : WELSH.weekdayShort)[weekday] ?? p.value;
      return p.value;
    })
    .join('');
}

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(
  kind: string,
  locale: string,
  options: object,
  make: () => T,
): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as T | undefined;
  if (!format) cache.set(key, (format = make()));
  return format;
}

export interface DateOptions {
  timeZone?: string | undefined;
}

const zone = (options: DateOptions) => (options.timeZone ? { timeZone: options.timeZone } : {});

/** "2 March 2026" */
export function formatDate(value: string | number | Date, locale: string, options: DateOptions = {}): string {
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', ...zone(options) };
  // A plain calendar date has no time zone: show it as written.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) opts.timeZone = 'UTC';
  return formatDateParts(new Date(value), locale, opts, 'date');
}

/** A calendar month given as `YYYY-MM`: "March 2026", or "Mar 26" with `short` (Welsh names in Welsh). */
export function formatMonth(month: string, locale: string, options: { short?: boolean } = {}): string {
  const opts: Intl.DateTimeFormatOptions = options.short
    ? { month: 'short', year: '2-digit', timeZone: 'UTC' }
    : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return formatDateParts(new Date(`${month}-01T00:00:00Z`), locale, opts);
}

/** "2 Mar 2026, 14:00" */
export function formatDateTime(value: string | number | Date, locale: string, options: DateOptions = {}): string {
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', ...zone(options) };
  return formatDateParts(new Date(value), locale, opts, 'dateTime');
}

/** "14:00" */
export function formatTime(value: string | number | Date, locale: string, options: DateOptions = {}): string {
  const opts: Intl.DateTimeFormatOptions = { timeStyle: 'short', ...zone(options) };
  return formatDateParts(new Date(value), locale, opts, 'time');
}

export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  const asCode = formatNumberAsCode(value, locale, options);
  if (asCode !== undefined) return asCode;
  return cached('n', locale, options, () => new Intl.NumberFormat(locale, options)).format(value);
}

/** A share from 0 to 1 as a percentage: "75%". */
export function formatPercent(share: number, locale: string): string {
  return formatNumber(share, locale, { style: 'percent', maximumFractionDigits: 0 });
}

const DURATION_UNITS = {
  'en-GB': {
    day: { one: '{count} day', other: '{count} days' },
    hour: { one: '{count} hour', other: '{count} hours' },
    minute: { one: '{count} minute', other: '{count} minutes' },
    and: ', ',
  },
  // Welsh counts with a singular noun after a numeral: "3 diwrnod", "5 awr".
  cy: {
    day: { other: '{count} diwrnod' },
    hour: { other: '{count} awr' },
    minute: { other: '{count} munud' },
    and: ', ',
  },
} as const;

/** A duration in hours as "1 day, 3 hours" / "45 minutes" ("1 diwrnod, 3 awr" in Welsh). */
export function formatDuration(hours: number, locale: string): string {
  const units = locale.startsWith('cy') ? DURATION_UNITS.cy : DURATION_UNITS['en-GB'];
  const minutes = Math.round(Math.abs(hours) * 60);
  const days = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const unit = (count: number, name: 'day' | 'hour' | 'minute') => formatMessage(locale, units[name], { count });
  const parts: string[] = [];
  if (days) parts.push(unit(days, 'day'));
  if (h) parts.push(unit(h, 'hour'));
  if (m && !days) parts.push(unit(m, 'minute'));
  if (!parts.length) parts.push(unit(0, 'minute'));
  return parts.join(units.and);
}
