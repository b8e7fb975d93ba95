import { formatDate, formatDateTime, formatTime } from '../i18n/format.js';
import type { LocaleController } from '../i18n/locale-controller.js';
import type { SharedStrings } from '../i18n/shared-strings.js';

/** What the sync views need of a widget's LocaleController (any widget's table extends the shared one). */
export type SyncLocale = Pick<LocaleController<SharedStrings>, 't' | 'tIn' | 'date' | 'dateTime' | 'time' | 'locale'>;

/**
 * The widget's LocaleController with dates and times in `timeZone`: for a widget whose
 * zone is its own (the timeline's `time-zone`) rather than the provider's.
 */
export function inTimeZone(
  i18n: Pick<LocaleController<SharedStrings>, 't' | 'tIn' | 'locale'>,
  timeZone: string | undefined,
): SyncLocale {
  const zone = { timeZone };
  return {
    t: (key, params) => i18n.t(key, params),
    tIn: (catalogue, key, params) => i18n.tIn(catalogue, key, params),
    get locale() {
      return i18n.locale;
    },
    date: (value) => formatDate(value, i18n.locale, zone),
    dateTime: (value) => formatDateTime(value, i18n.locale, zone),
    time: (value) => formatTime(value, i18n.locale, zone),
  };
}

/** How a widget shows people: the privacy settings the sync views follow. */
export interface SyncPrivacy {
  /** Names as the widget shows them (the map gives initials on a shared screen). */
  readonly displayName?: ((name: string) => string) | undefined;
  /** Leave out free text that may identify someone (a shared screen): such values are not shown. */
  readonly hideText?: boolean | undefined;
}
