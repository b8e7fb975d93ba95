import { createContext } from '@lit/context';
import type { CaseStore } from '@odkit/core';

/** The store every widget inside an `<od-provider>` reads and writes. */
export const storeContext = createContext<CaseStore | undefined>(Symbol.for('odkit.store'));

export interface LocaleSettings {
  /** A supported locale (`en-GB` or `cy`), or undefined to let each widget follow its nearest `lang`. */
  readonly locale?: string | undefined;
  /** IANA time zone for dates and times (default: the browser's). */
  readonly timeZone?: string | undefined;
}

/** Language and time zone, provided by `<od-provider>`. */
export const localeContext = createContext<LocaleSettings | undefined>(Symbol.for('odkit.locale'));
