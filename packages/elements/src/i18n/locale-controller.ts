import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_TIME_ZONE, localeContext, type LocaleSettings } from '../contexts.js';
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatMonth,
  formatNumber,
  formatPercent,
  formatTime,
} from './format.js';
import {
  formatMessage,
  resolveLocale,
  type Catalogue,
  type Message,
  type MessageParams,
  type StringTable,
  type SupportedLocale,
} from './messages.js';

/** What a host element offers the locale controller. */
export interface LocaleHost extends ReactiveControllerHost, HTMLElement {
  /** Explicit locale for this element (the `locale` attribute). */
  locale?: string | undefined;
  /** Per-instance overrides of any string (in every language; values may have plural forms). */
  strings?: Partial<Record<string, Message>> | undefined;
}

/**
 * Resolves an element's language — its own `locale`, then `<od-provider>`'s, then
 * the nearest `lang` attribute, then en-GB — and translates and formats for it.
 */
export class LocaleController<T extends StringTable> implements ReactiveController {
  readonly #host: LocaleHost;
  readonly #catalogue: Catalogue<T>;
  #provided: LocaleSettings | undefined;

  constructor(host: LocaleHost, catalogue: Catalogue<T>) {
    this.#host = host;
    this.#catalogue = catalogue;
    host.addController(this);
    new ContextConsumer(host, {
      context: localeContext,
      subscribe: true,
      callback: (value) => {
        this.#provided = value;
        host.requestUpdate();
      },
    });
  }

  hostConnected(): void {
    // `lang` on an ancestor can only be read once connected.
    this.#host.requestUpdate();
  }

  get locale(): SupportedLocale {
    const host = this.#host;
    const fromTree = host.isConnected ? nearestLang(host) : undefined;
    return resolveLocale(host.locale || this.#provided?.locale || fromTree || document.documentElement.lang);
  }

  /** The provider's time zone, else the kit's default (`Europe/London`): the same in a provider or not. */
  get timeZone(): string {
    return this.#provided?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** The message for `key` with its placeholders filled, as text. */
  t(key: keyof T & string, params?: MessageParams): string {
    const locale = this.locale;
    const message = this.#host.strings?.[key] ?? this.#catalogue[locale][key] ?? this.#catalogue['en-GB'][key];
    return formatMessage(locale, message ?? key, params);
  }

  date(value: string | number | Date): string {
    return formatDate(value, this.locale, { timeZone: this.timeZone });
  }
  dateTime(value: string | number | Date): string {
    return formatDateTime(value, this.locale, { timeZone: this.timeZone });
  }
  /** A month given as `YYYY-MM`: "March 2026" ("Mar 26" with `short`). */
  month(month: string, short = false): string {
    return formatMonth(month, this.locale, { short });
  }
  time(value: string | number | Date): string {
    return formatTime(value, this.locale, { timeZone: this.timeZone });
  }
  number(value: number, options?: Intl.NumberFormatOptions): string {
    return formatNumber(value, this.locale, options);
  }
  percent(share: number): string {
    return formatPercent(share, this.locale);
  }
  duration(hours: number): string {
    return formatDuration(hours, this.locale);
  }
}

/** The nearest `lang` on the element or its ancestors, crossing shadow roots (a widget inside another component). */
function nearestLang(element: Element): string | undefined {
  let node: Element | null = element;
  while (node) {
    const found = node.closest('[lang]');
    if (found) return found.getAttribute('lang') ?? undefined;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return undefined;
}
