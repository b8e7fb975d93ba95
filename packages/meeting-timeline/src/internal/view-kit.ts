/**
 * What every timeline view takes besides its model: the typed `t()` and the element's
 * formatters (locale and time zone already applied). Apart so the pure view modules
 * share one vocabulary without importing the element.
 */
import type { Meeting, NetworkMember, Ratio } from '@odkit/core';
import { formatDate, formatDateTime, formatTime, type LocaleController, type Translate } from '@odkit/elements';
import type { TimelineStrings } from '../strings.js';
import { nearClockChange, zoneName } from './time.js';

export type T = Translate<TimelineStrings>;

/** Dates, times and numbers as the element shows them: its locale, its time zone. */
export interface TimelineFormats {
  /** A date and time in the zone, with the zone's name near a clock change. */
  dateTime(time: number): string;
  /** A time of day in the zone, with the zone's name near a clock change. */
  time(time: number): string;
  /** A date in the zone. */
  date(time: number | string): string;
  /** A calendar date (`YYYY-MM-DD`) as written in the locale, with no zone. */
  calendarDate(date: string): string;
  percent(share: number): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  duration(hours: number): string;
  /** A measure's ratio ("60% (3 of 5)"), or "none" when it has no value. */
  ratio(ratio: Ratio): string;
}

/** The formatters for an element's locale controller and time zone, both read at each call. */
export function timelineFormats(i18n: LocaleController<TimelineStrings>, zone: () => string): TimelineFormats {
  // Near a clock change, a time says which side of it it is on.
  const withZoneName = (time: number, text: string) => (nearClockChange(time, zone()) ? `${text} ${zoneName(time, zone())}` : text);
  return {
    dateTime: (time) => withZoneName(time, formatDateTime(time, i18n.locale, { timeZone: zone() })),
    time: (time) => withZoneName(time, formatTime(time, i18n.locale, { timeZone: zone() })),
    date: (time) => formatDate(time, i18n.locale, { timeZone: zone() }),
    calendarDate: (date) => formatDate(date, i18n.locale),
    percent: (share) => i18n.percent(share),
    number: (value, options) => i18n.number(value, options),
    duration: (hours) => i18n.duration(hours),
    ratio: (r) =>
      r.value === null
        ? i18n.t('summary.none')
        : i18n.t('summary.ratio', { percent: i18n.percent(r.value), numerator: r.numerator, denominator: r.denominator }),
  };
}

/** Where a meeting took place, as an icon (hidden from assistive technology; the words go beside it). */
export const MODE_ICONS: Record<Meeting['mode'], string> = { home: '⌂', clinic: '✚', remote: '▭', other: '◇' };

/** Focus and blur on an attendee, from the details and the matrix alike. */
export interface AttendeeHandlers {
  readonly attendeeFocus: (event: FocusEvent) => void;
  readonly attendeeBlur: (event: FocusEvent) => void;
  readonly selectMember: (member: NetworkMember) => void;
}
