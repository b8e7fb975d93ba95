/**
 * Wall-clock time in an IANA zone: the instant a local date and time stands for (refusing
 * the hour the clocks skip), the local date of an instant, and the zone's short name.
 * Records keep instants with their offsets; these turn a person's input ("29 March, 01:30")
 * into such an instant and back. UTC and Europe/London (the default) are worked out as code
 * (`wallClockAsCode`), so a first paint builds no Intl formatter; other zones go through Intl.
 */
import { wallClockAsCode } from '@odkit/elements';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(zone, format);
  }
  return format;
}

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}

function wall(time: number, zone: string): Wall {
  const clock = wallClockAsCode(time, zone);
  if (clock) {
    const [y, mo, d] = [clock.getUTCFullYear(), clock.getUTCMonth() + 1, clock.getUTCDate()];
    return { y, mo, d, h: clock.getUTCHours(), mi: clock.getUTCMinutes() };
  }
  const parts: Record<string, number> = {};
  for (const p of partsFormat(zone).formatToParts(time)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year!, mo: parts.month!, d: parts.day!, h: parts.hour! % 24, mi: parts.minute! };
}

/** The zone's offset from UTC at `time`, in minutes (e.g. 60 for British Summer Time). */
export function offsetMinutes(time: number, zone: string): number {
  const w = wall(time, zone);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi);
  return Math.round((asUtc - Math.floor(time / MINUTE) * MINUTE) / MINUTE);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** `YYYY-MM-DD` of `time` in `zone`. */
export function localDate(time: number, zone: string): string {
  const w = wall(time, zone);
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}`;
}

/** `HH:MM` of `time` in `zone`. */
export function localTime(time: number, zone: string): string {
  const w = wall(time, zone);
  return `${pad(w.h)}:${pad(w.mi)}`;
}

/** The instant as ISO 8601 with the zone's offset at that instant: `2026-03-29T02:30:00+01:00`. */
export function isoInZone(time: number, zone: string): string {
  const offset = offsetMinutes(time, zone);
  const w = wall(time, zone);
  const sign = offset < 0 ? '-' : '+';
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isTimeOfDay = (value: string) => TIME_RE.test(value);

/**
 * The instant a local date and time stand for in `zone`, or `null` when that local
 * time does not exist (the hour skipped when the clocks go forward). When it exists
 * twice (the hour repeated when they go back) the earlier instant is chosen.
 */
export function zonedInstant(date: string, time: string, zone: string): number | null {
  const dm = DATE_RE.exec(date);
  const tm = TIME_RE.exec(time);
  if (!dm || !tm) return null;
  const target: Wall = { y: Number(dm[1]), mo: Number(dm[2]), d: Number(dm[3]), h: Number(tm[1]), mi: Number(tm[2]) };
  const asUtc = Date.UTC(target.y, target.mo - 1, target.d, target.h, target.mi);
  const candidates = new Set([offsetMinutes(asUtc - 12 * HOUR, zone), offsetMinutes(asUtc + 12 * HOUR, zone)]);
  const matching = [...candidates]
    .map((offset) => asUtc - offset * MINUTE)
    .filter((t) => {
      const w = wall(t, zone);
      return w.y === target.y && w.mo === target.mo && w.d === target.d && w.h === target.h && w.mi === target.mi;
    });
  return matching.length ? Math.min(...matching) : null;
}

const nameFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's short name at `time` in British English ("GMT", "BST", "GMT+2"). */
export function zoneName(time: number, zone: string): string {
  const clock = wallClockAsCode(time, zone);
  if (clock) return zone === 'UTC' ? 'UTC' : clock.getTime() === time ? 'GMT' : 'BST';
  let format = nameFormats.get(zone);
  if (!format)
    nameFormats.set(zone, (format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' })));
  return format.formatToParts(time).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/**
 * Whether the zone's offset changes within six hours of `time` (a clock-change night), so a time needs its zone name.
 */
export function nearClockChange(time: number, zone: string): boolean {
  return offsetMinutes(time - 6 * HOUR, zone) !== offsetMinutes(time + 6 * HOUR, zone);
}

export type AxisUnit = 'day' | 'week' | 'month' | 'year';

/**
 * Local midnights starting each day, week (Monday), month or year, from the one at or
 * before `from` to the first after `to`, as instants. One Intl call per boundary: the
 * offset of the previous boundary is tried first and checked, since it rarely changes.
 */
export function boundaries(from: number, to: number, unit: AxisUnit, zone: string): number[] {
  const w = wall(from, zone);
  let y = w.y,
    mo = w.mo,
    d = w.d;
  if (unit === 'year') {
    mo = 1;
    d = 1;
  }
  if (unit === 'month') d = 1;
  if (unit === 'week') d -= (new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7;
  const out: number[] = [];
  let offset = offsetMinutes(from, zone);
  for (;;) {
    const date = new Date(Date.UTC(y, mo - 1, d));
    [y, mo, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const asUtc = date.getTime();
    let instant = asUtc - offset * MINUTE;
    const check = wall(instant, zone);
    if (check.d !== d || check.h !== 0 || check.mi !== 0) {
      const day = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
      instant = zonedInstant(day, '00:00', zone) ?? zonedInstant(day, '01:00', zone) ?? asUtc;
      offset = Math.round((asUtc - instant) / MINUTE);
    }
    out.push(instant);
    if (instant > to) return out;
    if (unit === 'day') d += 1;
    else if (unit === 'week') d += 7;
    else if (unit === 'month') mo += 1;
    else y += 1;
  }
}
