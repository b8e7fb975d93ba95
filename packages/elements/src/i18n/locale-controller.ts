import { ContextConsumer } from '@lit/context';
import type { ReactiveController } from 'lit';
import { DEFAULT_TIME_ZONE, localeContext, type LocaleSettings } from '../contexts.js';
import type { GatedHost } from '../on-demand.js';
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
  type LazyCatalogue,
  type Message,
  type MessageParams,
  type StringTable,
  type SupportedLocale,
  type WelshTable,
} from './messages.js';

/**
 * What a host element offers the locale controller. One that can hold its renders (OdElement)
 * has the Welsh table fetched before Welsh is shown.
 */
export interface LocaleHost extends GatedHost, HTMLElement {
  /** Explicit locale for this element (the `locale` attribute). */
  locale?: string | undefined;
  /** Per-instance overrides of any string (in every language; values may have plural forms). */
  strings?: Partial<Record<string, Message>> | undefined;
}

/** Each loader's one fetch, shared by every element using the catalogue. */
const welshTables = new WeakMap<() => Promise<unknown>, Promise<unknown>>();

/** Welsh tables given up front (`provideWelsh`), by the English table (as an element has it) they translate. */
const welshAtHand = new WeakMap<object, WelshTable<StringTable>>();

/**
 * Gives elements a catalogue's Welsh up front, so they show Welsh with no fetch: for a server
 * rendering Welsh (it cannot wait for a module to load mid-render), or a host that would
 * rather bundle the Welsh than fetch it. `catalogue` is a package's public string catalogue
 * (`mapStrings`, `timelineStrings`, …), which holds both tables.
 */
export function provideWelsh<T extends StringTable>(catalogue: Catalogue<T>): void {
  const english = catalogue['en-GB'];
  welshAtHand.set(firstPaintEnglish.get(english) ?? english, catalogue.cy);
}

/** English that came with code fetched on demand (`addEnglish`), by the English table it completes. */
const englishOnDemand = new WeakMap<object, StringTable>();
/** A public catalogue's whole English (`wholeCatalogue`) → the English its elements carry. */
const firstPaintEnglish = new WeakMap<object, object>();

/**
 * Completes a catalogue's English with strings that travel with code fetched on demand (a widget's edit
 * forms bring the words only they use), once that code has arrived: every element using the catalogue then
 * finds them as its own. A host's `strings` override them like any other; Welsh stays whole in the Welsh table.
 */
export function addEnglish<T extends StringTable, E extends Partial<T>>(
  catalogue: LazyCatalogue<T, E>,
  more: Omit<T, keyof E>,
): void {
  englishOnDemand.set(catalogue['en-GB'], more as StringTable);
}

/**
 * A package's public catalogue (both languages whole, as data) from the catalogue its elements use and the
 * English they get on demand (`addEnglish`). `provideWelsh` takes it as it takes any other.
 */
export function wholeCatalogue<T extends StringTable, E extends Partial<T>>(
  catalogue: LazyCatalogue<T, E>,
  more: Omit<T, keyof E>,
  cy: WelshTable<T>,
): Catalogue<T> {
  const english = { ...catalogue['en-GB'], ...more } as unknown as T;
  firstPaintEnglish.set(english, catalogue['en-GB']);
  return { 'en-GB': english, cy };
}

/**
 * Resolves an element's language — its own `locale`, then `<od-provider>`'s, then
 * the nearest `lang` attribute, then en-GB — and translates and formats for it.
 * A catalogue's Welsh table may be a loader (see `LazyCatalogue`): it is called the
 * first time the element resolves to Welsh, and an OdElement host holds its render until
 * the table has arrived, so no English is shown first. If it cannot be fetched (the
 * network is gone) the element stays in English and the console says why.
 */
export class LocaleController<T extends StringTable> implements ReactiveController {
  readonly #host: LocaleHost;
  readonly #catalogue: LazyCatalogue<T, Partial<T>>;
  #welsh: WelshTable<T> | undefined;
  #welshFailed = false;
  #provided: LocaleSettings | undefined;
  /** The language last rendered in, so a `lang` change elsewhere on the page renders only the widgets it changes. */
  #rendered: SupportedLocale | undefined;
  readonly #langChanged = (): void => {
    if (this.locale !== this.#rendered) this.#host.requestUpdate();
  };

  constructor(host: LocaleHost, catalogue: LazyCatalogue<T, Partial<T>>) {
    this.#host = host;
    this.#catalogue = catalogue;
    host.addController(this);
    host.holdUpdatesUntil?.(() => this.#welshReady());
    new ContextConsumer(host, {
      context: localeContext,
      subscribe: true,
      callback: (value) => {
        this.#provided = value;
        host.requestUpdate();
      },
    });
  }

  /** Undefined when nothing needs fetching for the current locale, else the fetch of the Welsh table. */
  #welshReady(): Promise<unknown> | undefined {
    const load = this.#catalogue.cy;
    if ((this.#welsh ?? this.#welshNow()) || this.#welshFailed || typeof load !== 'function' || this.locale !== 'cy')
      return undefined;
    let table = welshTables.get(load);
    if (!table) welshTables.set(load, (table = load()));
    return (table as Promise<WelshTable<T>>).then(
      (welsh) => {
        this.#welsh = welsh;
      },
      (error: unknown) => {
        this.#welshFailed = true;
        welshTables.delete(load);
        console.warn(
          `Open Dialogue Kit: the Welsh strings could not be loaded, so English is shown (${error instanceof Error ? error.message : String(error)}).`,
        );
      },
    );
  }

  /** The Welsh table when it needs no fetch (given as a table, or up front): a server renders without the gate. */
  #welshNow(): WelshTable<T> | undefined {
    const cy = this.#catalogue.cy;
    return (this.#welsh = typeof cy === 'function' ? (welshAtHand.get(this.#catalogue['en-GB']) as WelshTable<T>) : cy);
  }

  hostUpdate(): void {
    this.#rendered = this.locale;
    // A host that cannot hold its renders shows English until the Welsh table arrives, then renders again.
    if (!this.#host.holdUpdatesUntil) void this.#welshReady()?.then(() => this.#host.requestUpdate());
  }

  hostConnected(): void {
    // `lang` on an ancestor can only be read once connected.
    this.#host.requestUpdate();
    watchLang(this.#host, this.#langChanged);
  }

  hostDisconnected(): void {
    langWatchers.delete(this.#langChanged);
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
    const english = this.#catalogue['en-GB'];
    const table = locale === 'cy' ? (this.#welsh ?? this.#welshNow()) : english;
    const message = this.#host.strings?.[key] ?? table?.[key] ?? english[key] ?? englishOnDemand.get(english)?.[key];
    return formatMessage(locale, message ?? key, params);
  }

  /**
   * A string from `catalogue`, a table the widget does not carry (code fetched on demand brings
   * its own): in the widget's language, and overridden by the widget's `strings` like its own.
   */
  tIn<U extends StringTable>(catalogue: Catalogue<U>, key: keyof U & string, params?: MessageParams): string {
    const locale = this.locale;
    const message = this.#host.strings?.[key] ?? catalogue[locale][key] ?? catalogue['en-GB'][key];
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

/** What each connected element does when a `lang` changes on the page. */
const langWatchers = new Set<() => void>();
const watchedRoots = new WeakSet<Node>();
let langObserver: MutationObserver | undefined;

/**
 * Renders a host again when a `lang` changes on it or an ancestor (a page switching to Welsh, a
 * host setting `lang` on the widget), as a new `locale` would. One observer serves every element;
 * it watches the document and each shadow root a widget sits in, for `lang` alone.
 */
function watchLang(host: LocaleHost, changed: () => void): void {
  // A server rendering the widget (Lit SSR's DOM shim) has nothing to observe.
  if (typeof MutationObserver === 'undefined') return;
  langWatchers.add(changed);
  langObserver ??= new MutationObserver(() => {
    for (const watcher of langWatchers) watcher();
  });
  for (let root = host.getRootNode(); ;) {
    const tree = root instanceof ShadowRoot ? root : document.documentElement;
    if (!watchedRoots.has(tree)) {
      watchedRoots.add(tree);
      langObserver.observe(tree, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
    if (!(root instanceof ShadowRoot)) break;
    root = root.host.getRootNode();
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
