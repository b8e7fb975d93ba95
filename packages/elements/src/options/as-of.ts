/**
 * `as-of`, the same on every widget: a string attribute holding either a date (`YYYY-MM-DD`:
 * "as of the end of that day") or an ISO 8601 date-time with its UTC offset (that instant).
 * A widget that works in days (the map) takes the date; one that works in instants (the
 * timeline's "now", the dashboard's measures) takes the instant. Both read in the widget's
 * time zone.
 */
import { isIsoDateTime, isRealDate } from '@odkit/core';

/** Whether `value` is an `as-of` every widget takes: a real date `YYYY-MM-DD`, or a date-time with offset. */
export const isAsOf = (value: unknown): value is string => isRealDate(value) || isIsoDateTime(value);

const DAY = 86_400_000;

/** The wall-clock parts of `time` in `zone`, as if they were UTC (so their difference from `time` is the offset). */
function wallAsUtc(time: number, zone: string): number {
  const parts: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  for (const p of format.formatToParts(time)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
}

/**
 * The instant an `as-of` stands for, as ISO 8601: a date-time as given; a date as the last
 * millisecond of that day in `zone` (everything that happened that day counts).
 */
export function asOfInstant(asOf: string, zone: string): string {
  if (!isRealDate(asOf)) return asOf;
  // Midnight at the start of the next day, in the zone: UTC midnight less the zone's offset then.
  const nextUtc = Date.parse(asOf) + DAY;
  let midnight = nextUtc - (wallAsUtc(nextUtc, zone) - nextUtc);
  midnight = nextUtc - (wallAsUtc(midnight, zone) - midnight);
  return new Date(midnight - 1).toISOString();
}

/** The day an `as-of` names, `YYYY-MM-DD`: a date as given; a date-time's date in `zone`. */
export function asOfDate(asOf: string, zone: string): string {
  return isRealDate(asOf) ? asOf : new Date(wallAsUtc(Date.parse(asOf), zone)).toISOString().slice(0, 10);
}
