/**
 * What every timeline view takes besides its model: the typed `t()` and the element's
 * formatters (locale and time zone already applied). Apart so the pure view modules
 * share one vocabulary without importing the element.
 */
import { localise, type LocalisedText, type Meeting, type NetworkMember, type Ratio } from '@odkit/core';
import {
  formatDate,
  formatDateTime,
  formatTime,
  headingLevelAt,
  type HeadingLevel,
  type LocaleController,
  type Translate,
} from '@odkit/elements';
import type { TimelineStrings } from '../strings.js';
import type { TimelineView, TimelineZoom } from './model.js';
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
  /** Text the record or an instrument gives in several languages, in the locale. */
  text(text: LocalisedText): string;
  /** The level of a heading `depth` levels below the timeline's title (its `heading-level`). */
  headingLevel(depth: number): HeadingLevel;
}

/** The formatters for an element's locale controller and time zone, both read at each call. */
export function timelineFormats(
  i18n: LocaleController<TimelineStrings>,
  zone: () => string,
  headingLevel: () => unknown = () => undefined,
): TimelineFormats {
  // Near a clock change, a time says which side of it it is on.
  const withZoneName = (time: number, text: string) =>
    nearClockChange(time, zone()) ? `${text} ${zoneName(time, zone())}` : text;
  return {
    dateTime: (time) => withZoneName(time, formatDateTime(time, i18n.locale, { timeZone: zone() })),
    time: (time) => withZoneName(time, formatTime(time, i18n.locale, { timeZone: zone() })),
    date: (time) => formatDate(time, i18n.locale, { timeZone: zone() }),
    calendarDate: (date) => formatDate(date, i18n.locale),
    percent: (share) => i18n.percent(share),
    number: (value, options) => i18n.number(value, options),
    duration: (hours) => i18n.duration(hours),
    text: (text) => localise(text, i18n.locale),
    headingLevel: (depth) => headingLevelAt(headingLevel(), depth),
    ratio: (r) =>
      r.value === null
        ? i18n.t('summary.none')
        : i18n.t('summary.ratio', {
            percent: i18n.percent(r.value),
            numerator: r.numerator,
            denominator: r.denominator,
          }),
  };
}

/** Where a meeting took place, as an icon (hidden from assistive technology; the words go beside it). */
export const MODE_ICONS: Record<Meeting['mode'], string> = { home: '⌂', clinic: '✚', remote: '▭', other: '◇' };

/**
 * Everything a person can do in the views, as one table of callbacks the element builds
 * once (so listeners keep their identity between renders). Each view uses its own part.
 */
export interface TimelineHandlers {
  readonly episodeChanged: (event: Event) => void;
  readonly setView: (view: TimelineView) => void;
  readonly setZoom: (zoom: TimelineZoom) => void;
  readonly toggleRange: () => void;
  readonly applyRange: (event: SubmitEvent) => void;
  readonly clearRange: () => void;
  readonly record: () => void;
  readonly listKey: (event: KeyboardEvent) => void;
  readonly listFocus: (event: FocusEvent) => void;
  readonly listScroll: (event: Event) => void;
  readonly open: (id: string) => void;
  readonly close: () => void;
  readonly edit: (id: string) => void;
  readonly cancelMeeting: (id: string) => void;
  /** Escape in the details or a form. */
  readonly sideKey: (event: KeyboardEvent) => void;
  readonly attendeeFocus: (event: FocusEvent) => void;
  readonly attendeeBlur: (event: FocusEvent) => void;
  readonly selectMember: (member: NetworkMember) => void;
  readonly submitMeeting: (event: SubmitEvent) => void;
  readonly formChange: (event: Event) => void;
  readonly formClick: (event: Event) => void;
  readonly closeForm: () => void;
  readonly confirmCancel: (event: SubmitEvent) => void;
  readonly reasonInput: (reason: string) => void;
}
