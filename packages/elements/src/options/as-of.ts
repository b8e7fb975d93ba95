/**
 * `as-of`, the same on every widget: a string attribute holding either a date (`YYYY-MM-DD`:
 * "as of the end of that day") or an ISO 8601 date-time with its UTC offset (that instant).
 * A widget that works in days (the map) takes the date; one that works in instants (the
 * timeline's "now", the dashboard's measures) takes the instant. Both read in the widget's
 * time zone.
 */
import { isIsoDateTime, isRealDate } from '@odkit/core';
import { wallClockAsCode } from '../i18n/rules.js';

/** Whether `value` is an `as-of` every widget takes: a real date `YYYY-MM-DD`, or a date-time with offset. */
export const isAsOf = (value: unknown): value is string => isRealDate(value) || isIsoDateTime(value);

/**
 * The instant an `as-of` stands for, as ISO 8601: a date-time as given; a date as the last
 * millisecond of that day in `zone` (everything that happened that day counts).
 */
export function asOfInstant(asOf: string, zone: string): string {
  if (!isRealDate(asOf)) return asOf;
  // The next day's midnight in UTC, moved back by the zone's offset then (its wall clock read as UTC), less 1 ms.
  const next = Date.parse(asOf) + 864e5;
  const wall =
    wallClockAsCode(next, zone)?.getTime() ??
    Date.parse(`${new Date(next).toLocaleString('sv', { timeZone: zone }).replace(' ', 'T')}Z`);
  return new Date(2 * next - wall - 1).toISOString();
}

/** The day an `as-of` names, `YYYY-MM-DD`: a date as given; a date-time's date in `zone` (Swedish writes it so). */
export function asOfDate(asOf: string, zone: string): string {
  if (isRealDate(asOf)) return asOf;
  const clock = wallClockAsCode(Date.parse(asOf), zone);
  return clock ? clock.toISOString().slice(0, 10) : new Date(asOf).toLocaleDateString('sv', { timeZone: zone });
}
