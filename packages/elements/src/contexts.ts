import { createContext } from '@lit/context';
import type { CaseStore } from '@odkit/core';

/** The store every widget inside an `<od-provider>` reads and writes. */
export const storeContext = createContext<CaseStore | undefined>(Symbol.for('odkit.store'));

export interface LocaleSettings {
  /** A supported locale (`en-GB` or `cy`), or undefined to let each widget follow its nearest `lang`. */
  readonly locale?: string | undefined;
  /** IANA time zone for dates and times (default: `Europe/London`, see {@link DEFAULT_TIME_ZONE}). */
  readonly timeZone?: string | undefined;
}

/** Language and time zone, provided by `<od-provider>`. */
export const localeContext = createContext<LocaleSettings | undefined>(Symbol.for('odkit.locale'));

/**
 * The time zone of every widget when no `time-zone` is given, in a provider or not (as in
 * `@odkit/ssr` and core's service summaries): a care team's dates do not move with one device's settings.
 */
export const DEFAULT_TIME_ZONE = 'Europe/London';
