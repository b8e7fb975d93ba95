import { ValidationError } from '../errors.js';

/** The default service time zone: the kit's services are in the UK. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;
const DAY = 24 * 60 * MINUTE;

/**
 * A function from an instant (ms since the epoch) to its calendar date (`YYYY-MM-DD`) in
 * `timeZone`. Intl costs microseconds per call and a summary asks for hundreds of thousands
 * of dates, so the zone's UTC offset is looked up once per UTC day (twice, at its start and
 * end): when the two agree, which is every day but a clock change, the whole day has that
 * offset. A day with a change is looked up per quarter hour (offsets and changes fall on
 * quarter hours in every zone in use).
 */
export function localDates(timeZone: string): (time: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  } catch {
    throw new ValidationError('Service options', [
      { path: ['timeZone'], message: 'must be an IANA time zone such as "Europe/London"' },
    ]);
  }
  // The zone's offset at an instant on a whole minute: its wall-clock time read as if it were UTC, minus the instant.
  const offsetAt = (time: number) => {
    const parts = format.formatToParts(time);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - time;
  };
  const dayOffsets = new Map<number, number | null>();
  const quarterOffsets = new Map<number, number>();
  const dates = new Map<number, string>();
  const offsetOf = (time: number) => {
    const day = Math.floor(time / DAY);
    let offset = dayOffsets.get(day);
    if (offset === undefined) {
      const start = offsetAt(day * DAY);
      offset = start === offsetAt((day + 1) * DAY - MINUTE) ? start : null;
      dayOffsets.set(day, offset);
    }
    if (offset !== null) return offset;
    const quarter = Math.floor(time / QUARTER_HOUR);
    let exact = quarterOffsets.get(quarter);
    if (exact === undefined) quarterOffsets.set(quarter, (exact = offsetAt(quarter * QUARTER_HOUR)));
    return exact;
  };
  return (time) => {
    const localDay = Math.floor((time + offsetOf(time)) / DAY);
    let date = dates.get(localDay);
    if (date === undefined) dates.set(localDay, (date = new Date(localDay * DAY).toISOString().slice(0, 10)));
    return date;
  };
}
