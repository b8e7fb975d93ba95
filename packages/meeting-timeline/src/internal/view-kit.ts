/**
 * What every timeline view takes besides its model: the typed `t()` and the element's
 * formatters (locale and time zone already applied). Apart so the pure view modules
 * share one vocabulary without importing the element.
 */
import type { Meeting, NetworkMember, Ratio } from '@odkit/core';
import type { Translate } from '@odkit/elements';
import type { TimelineStrings } from '../strings.js';

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

/** Where a meeting took place, as an icon (hidden from assistive technology; the words go beside it). */
export const MODE_ICONS: Record<Meeting['mode'], string> = { home: '⌂', clinic: '✚', remote: '▭', other: '◇' };

/** Focus and blur on an attendee, from the details and the matrix alike. */
export interface AttendeeHandlers {
  readonly attendeeFocus: (event: FocusEvent) => void;
  readonly attendeeBlur: (event: FocusEvent) => void;
  readonly selectMember: (member: NetworkMember) => void;
}
