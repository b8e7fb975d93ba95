/**
 * Differential tests: en-GB's and cy's plural rules, number formats, en-GB's dates and the
 * UTC and Europe/London offsets written as code (src/i18n/rules.ts) against this browser's
 * Intl on many inputs.
 * Each covered input must give a string (not fall back) and exactly Intl's string.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { formatDate, formatDateTime, formatMessage, formatNumber, formatPercent, formatTime } from '@odkit/elements';
import { formatDateAsCode, formatNumberAsCode, pluralCategory, zoneOffsetAsCode } from '../src/i18n/rules.js';

const LOCALES = ['en-GB', 'cy'] as const;

/** Numbers a widget formats (counts, shares, hours, means) and the awkward ones around rounding and grouping. */
const EDGE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  2,
  3,
  6,
  0.5,
  1.5,
  2.5,
  -2.5,
  0.05,
  0.15,
  0.25,
  0.35,
  0.45,
  0.95,
  0.96,
  0.04,
  -0.04,
  -0.05,
  1.05,
  1.15,
  1.25,
  9.95,
  99.95,
  999.95,
  1000,
  1234.5,
  12345.67,
  999999.96,
  1e6,
  1e15 + 0.3,
  2 ** 53,
  1e20,
  9.999e20,
  1e21,
  1.5e22,
  -1e300,
  0.0015,
  2.675,
  1.005,
  1.45,
  0.0004,
  0.0005,
  0.0015,
  1.0004,
  1.0005,
  2.9995,
  5.9999,
  6.0004,
  0.1 + 0.2,
  0.145,
  0.285,
  0.575,
  0.005,
  0.995,
  0.9949999,
  0.125,
  0.375,
  1 / 3,
  2 / 3,
  5e-324,
  1e-7,
  123.456789,
];
const numbers = fc.oneof(
  fc.constantFrom(...EDGE_NUMBERS),
  fc.integer({ min: -2_000_000, max: 2_000_000 }),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 1000),
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 200),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  // Halves at every rounding point, written as a person would (0.15, 2.675, 1.0005).
  fc
    .tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 1, max: 5 }))
    .map(([n, places]) => Number(`${n}5e-${places}`)),
);

describe('formatting as code agrees with Intl', () => {
  it('plural categories (en-GB, cy)', () => {
    for (const locale of LOCALES) {
      const rules = new Intl.PluralRules(locale);
      for (const n of [...EDGE_NUMBERS, NaN, Infinity, -Infinity])
        expect(pluralCategory(locale, n), `${locale} ${n}`).to.equal(rules.select(n));
      fc.assert(
        fc.property(numbers, (n) => pluralCategory(locale, n) === rules.select(n)),
        { numRuns: 3000 },
      );
    }
  });

  it('numbers: default, maximumFractionDigits 0–3 and percentages (en-GB, cy)', () => {
    const optionSets: Intl.NumberFormatOptions[] = [
      {},
      { maximumFractionDigits: 0 },
      { maximumFractionDigits: 1 },
      { maximumFractionDigits: 2 },
      { maximumFractionDigits: 3 },
      { style: 'percent', maximumFractionDigits: 0 },
    ];
    for (const locale of LOCALES) {
      for (const options of optionSets) {
        const intl = new Intl.NumberFormat(locale, options);
        const check = (n: number) => formatNumberAsCode(n, locale, options) === intl.format(n);
        for (const n of EDGE_NUMBERS)
          expect(
            check(n),
            `${locale} ${JSON.stringify(options)} ${n}: ${formatNumberAsCode(n, locale, options)} vs ${intl.format(n)}`,
          ).to.equal(true);
        fc.assert(fc.property(numbers, check), { numRuns: 2000 });
        // The public functions give Intl's output for every input, covered or not.
        for (const n of [...EDGE_NUMBERS, NaN, Infinity, -Infinity])
          expect(formatNumber(n, locale, options)).to.equal(intl.format(n));
      }
      expect(formatPercent(0.755, locale)).to.equal(
        new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(0.755),
      );
    }
  });

  it('numbers in messages and plural forms', () => {
    const message = {
      zero: 'z {count}',
      one: 'o {count}',
      two: 't {count}',
      few: 'f {count}',
      many: 'm {count}',
      other: 'x {count}',
    };
    for (const locale of LOCALES) {
      const rules = new Intl.PluralRules(locale);
      const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
      fc.assert(
        fc.property(numbers, (n) => {
          const expected = message[rules.select(n)].replace('{count}', format.format(n));
          return formatMessage(locale, message, { count: n }) === expected;
        }),
        { numRuns: 2000 },
      );
    }
  });

  it('en-GB dates, date-times and times in the browser zone, in UTC and in Europe/London', () => {
    const instants = fc.oneof(
      fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }),
      fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
      fc.constantFrom(
        Date.UTC(2026, 2, 29, 0, 59),
        Date.UTC(2026, 2, 29, 1, 0),
        Date.UTC(2026, 9, 25, 0, 30),
        Date.UTC(2026, 8, 2, 23, 59),
        Date.UTC(1000, 0, 1),
        Date.UTC(9999, 11, 31, 23, 59),
      ),
    );
    const patterns = {
      date: { day: 'numeric', month: 'long', year: 'numeric' },
      dateTime: { dateStyle: 'medium', timeStyle: 'short' },
      time: { timeStyle: 'short' },
    } as const;
    for (const timeZone of [undefined, 'UTC', 'Europe/London'] as const) {
      for (const [pattern, options] of Object.entries(patterns) as [
        keyof typeof patterns,
        Intl.DateTimeFormatOptions,
      ][]) {
        const intl = new Intl.DateTimeFormat('en-GB', { ...options, ...(timeZone ? { timeZone } : {}) });
        fc.assert(
          fc.property(instants, (t) => {
            const date = new Date(t);
            const code = formatDateAsCode(date, 'en-GB', pattern, timeZone);
            // London is written as code from 1996 (the EU rule); before that Intl answers.
            if (timeZone === 'Europe/London' && t < Date.UTC(1996, 0, 1)) return code === undefined;
            return code !== undefined && code === intl.format(date);
          }),
          { numRuns: 1500 },
        );
      }
    }
    // Every month's name, long and short, through the public functions.
    for (let month = 0; month < 12; month++) {
      const t = Date.UTC(2026, month, 15, 9, 5);
      expect(formatDate(new Date(t), 'en-GB', { timeZone: 'UTC' })).to.equal(
        new Intl.DateTimeFormat('en-GB', { ...patterns.date, timeZone: 'UTC' }).format(t),
      );
      expect(formatDateTime(t, 'en-GB')).to.equal(new Intl.DateTimeFormat('en-GB', patterns.dateTime).format(t));
      expect(formatTime(t, 'en-GB')).to.equal(new Intl.DateTimeFormat('en-GB', patterns.time).format(t));
    }
    // A calendar date is shown as written; outside the years covered, Intl answers.
    expect(formatDate('2026-09-02', 'en-GB')).to.equal('2 September 2026');
    expect(formatDateAsCode(new Date(Date.UTC(999, 0, 1)), 'en-GB', 'date', 'UTC')).to.equal(undefined);
    expect(formatDateAsCode(new Date(NaN), 'en-GB', 'date', undefined)).to.equal(undefined);
    expect(formatDateAsCode(new Date(0), 'en-GB', 'date', 'Europe/London')).to.equal(undefined);
    expect(formatDateAsCode(new Date(0), 'en-GB', 'date', 'Europe/Paris')).to.equal(undefined);
    expect(formatDate(Date.UTC(999, 0, 1), 'en-GB', { timeZone: 'UTC' })).to.equal(
      new Intl.DateTimeFormat('en-GB', { ...patterns.date, timeZone: 'UTC' }).format(Date.UTC(999, 0, 1)),
    );
  });

  it("Europe/London's and UTC's offsets as code agree with Intl, to the minute around every clock change", () => {
    const offset = (t: number, zone: string) => {
      const parts = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      }).formatToParts(t);
      const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
      return Math.round((wall - Math.floor(t / 60_000) * 60_000) / 60_000);
    };
    // Each clock change from 1996 to 2100: the minute before, at and after it.
    for (let year = 1996; year <= 2100; year++) {
      for (const month of [2, 9]) {
        for (let day = 31; day > 23; day--) {
          const t = Date.UTC(year, month, day, 1);
          if (new Date(t).getUTCDay() !== 0) continue;
          for (const at of [t - 60_000, t, t + 60_000, t - 3_600_000, t + 3_600_000]) {
            expect(zoneOffsetAsCode(at, 'Europe/London'), new Date(at).toISOString()).to.equal(
              offset(at, 'Europe/London'),
            );
          }
          break;
        }
      }
    }
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(9999, 11, 31) }), (t) => {
        return zoneOffsetAsCode(t, 'Europe/London') === offset(t, 'Europe/London') && zoneOffsetAsCode(t, 'UTC') === 0;
      }),
      { numRuns: 3000 },
    );
    // Outside what the rule covers, and any other zone, Intl answers.
    expect(zoneOffsetAsCode(Date.UTC(1995, 11, 31, 23, 59), 'Europe/London')).to.equal(undefined);
    expect(zoneOffsetAsCode(Date.UTC(2026, 6, 1), 'Europe/Dublin')).to.equal(undefined);
    expect(zoneOffsetAsCode(NaN, 'UTC')).to.equal(undefined);
  });
});
