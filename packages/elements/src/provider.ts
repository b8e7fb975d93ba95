import { ContextProvider } from '@lit/context';
import type { CaseStore, SyncStatus } from '@odkit/core';
import { css, html, unsafeCSS, type PropertyValues } from 'lit';
import { localeContext, storeContext } from './contexts.js';
import { OdSyncStatusEvent } from './events.js';
import { formatMessage, resolveLocale } from './i18n/messages.js';
import { syncStatusStrings } from './i18n/sync-status-strings.js';
import { markProvider } from './nearest-provider.js';
import { OdElement } from './od-element.js';
import { isCaseStore, StoreOpening, type StoreOrOpening } from './store-opening.js';
import {
  announcementText,
  QUIET,
  SYNC_SETTLE_MS,
  syncAnnouncement,
  type AnnouncedState,
} from './sync/sync-announcer.js';
import { SyncStatusFollower } from './sync/sync-status-follower.js';
import { DARK_TOKENS, THEMES, type ThemeName } from './styles/themes.js';
import { VISUALLY_HIDDEN, systemTokenDeclarations } from './styles/tokens.js';

const presetRules = Object.entries(THEMES)
  .filter(([name]) => name !== 'default')
  .map(([name, tokens]) => `:host([theme="${name}"]) { ${systemTokenDeclarations(tokens)} }`)
  .join('\n');
const dark = systemTokenDeclarations(DARK_TOKENS);

/**
 * Gives every Open Dialogue widget inside it one store, one language and one
 * theme. It draws nothing itself (`display: contents`).
 *
 * The store may be given as it opens (`provider.store = IndexedDbStore.open({ … })`): the widgets
 * say "Loading…" until it has opened; when it fails to open, every widget shows its error state and
 * fires `od-error` with the typed error, and nothing is thrown into the page.
 *
 * With a store that keeps edits on the device and sends them to the record (a
 * SyncingStore, such as the offline store), `syncStatus` gives what waits to be sent,
 * what needs a person's decision and when the record last confirmed the edits, and
 * `od-sync-status` is fired on every change, so an EHR can show its own indicator.
 * Every widget inside also shows a status line and a review panel for conflicts. The
 * provider owns the one visually hidden live region (`part="sync-announcer"`) that
 * tells screen-reader users what matters, once per page however many widgets there
 * are: the connection went, a change needs a decision, changes were set aside, and
 * all changes saved again after one of those; it waits for the status to settle
 * (2 seconds) so the steps of one edit are not read out.
 *
 * @tagname od-provider
 * @fires od-sync-status - The sync status of the store changed (`status`), a syncing store was given, or it was
 * replaced by a store that does not sync (`status` undefined).
 * @csspart sync-announcer - The visually hidden live region announcing changes of sync status.
 * @slot - The widgets (and any other content).
 * @cssprop --od-sys-color-primary - Main accent colour (links, selection).
 * @cssprop --od-sys-color-action - Primary buttons (save, record, complete); the primary colour by default.
 * @cssprop --od-sys-color-action-hover - A primary button under the pointer.
 * @cssprop --od-sys-color-action-shadow - The bar under a primary button (none by default).
 * @cssprop --od-sys-space-outer - The margin after each widget, on the host's spacing scale.
 * @cssprop --od-sys-color-text - Body text colour.
 * @cssprop --od-sys-color-focus - Focus indicator colour.
 * @cssprop --od-sys-font-family - Font for all widgets (the kit loads no fonts).
 */
export class OdProvider extends OdElement {
  static override styles = [
    css`
      :host {
        display: contents;
      }
      :host([hidden]) {
        display: none !important;
      }
      .announcer {
        ${unsafeCSS(VISUALLY_HIDDEN)}
      }
      ${unsafeCSS(presetRules)}
      /* color-scheme (inherited) gives native controls, scrollbars and date pickers the same scheme. */
      :host([color-scheme='dark']) {
        ${unsafeCSS(dark)}
        color-scheme: dark;
      }
      :host([color-scheme='auto']) {
        color-scheme: light dark;
      }
      @media (prefers-color-scheme: dark) {
        :host([color-scheme='auto']) {
          ${unsafeCSS(dark)}
        }
      }
    `,
  ];

  /**
   * Reactive properties and state, each documented where it is declared below. A table rather than decorators, so
   * the shipped bundle carries no decorator calls or helpers (about 0.4 kB gzip a widget; docs/performance.md).
   */
  static override properties = {
    store: { attribute: false },
    locale: { reflect: true },
    timeZone: { attribute: 'time-zone' },
    theme: { reflect: true },
    colorScheme: { attribute: 'color-scheme', reflect: true },
  };

  /**
   * The case store every widget inside reads and writes (property only): a store, or a promise of
   * one such as `IndexedDbStore.open({ … })`. While the promise is pending the widgets show
   * "Loading…"; when it rejects (or gives something that is not a store) each widget shows its error
   * state and fires `od-error` with the kit's typed error (anything else becomes a StorageError
   * keeping it as `cause`). The provider handles the rejection: nothing reaches the page.
   */
  get store(): StoreOrOpening | undefined {
    return this.#given;
  }
  set store(value: StoreOrOpening | undefined) {
    this.#given = value;
    // Owned from the moment it is given (even if replaced before the next update): no rejection reaches the page.
    if (!isCaseStore(value) && typeof (value as PromiseLike<unknown> | undefined)?.then === 'function') {
      (value as PromiseLike<unknown>).then(undefined, () => undefined);
    }
  }
  #given: StoreOrOpening | undefined;

  /** The store the widgets use: `store`, or the store its promise gave (undefined while opening or failed). */
  #opened: CaseStore | undefined;

  /**
   * Language for the widgets inside: `en-GB` or `cy`. Unset: each widget follows its nearest `lang` attribute, else
   * en-GB.
   */
  locale: string | undefined;

  /** IANA time zone for dates and times (default: `Europe/London`, as for a widget outside a provider). */
  timeZone: string | undefined;

  /** Visual preset: `default`, `govuk` or `nhs`. */
  theme: ThemeName = 'default';

  /** `auto` (default: follow the operating system's light or dark setting), `light` or `dark`. */
  colorScheme: 'light' | 'dark' | 'auto' = 'auto';

  readonly #store = new ContextProvider(this, { context: storeContext });
  readonly #sync = new SyncStatusFollower(this, {
    store: () => this.#opened,
    onChange: (status) => {
      this.emit(new OdSyncStatusEvent(status));
      this.#settle();
    },
  });
  /** What the live region last said, as state (it is compared with, not re-read). */
  #announced: AnnouncedState = QUIET;
  #announcement = '';
  #settleTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Where the store's edits stand (read only): `pending` (kept on this device, not yet on
   * the record), `conflicts` (waiting for a person's decision), `lastSyncedAt`,
   * `connection` (`online`, `offline` or `unknown`), `sending` and `unreadable`.
   * Undefined unless the store is a SyncingStore.
   */
  get syncStatus(): SyncStatus | undefined {
    return this.#sync.status;
  }
  readonly #locale = new ContextProvider(this, { context: localeContext });

  constructor() {
    super();
    markProvider(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#settleTimer);
    this.#settleTimer = undefined;
    this.#announced = QUIET;
    this.#announcement = '';
  }

  /** Waits for the status to stay put, then announces what changed that matters (if anything). */
  #settle(): void {
    clearTimeout(this.#settleTimer);
    this.#settleTimer = setTimeout(() => {
      this.#settleTimer = undefined;
      if (!this.isConnected) return;
      const { keys, after } = syncAnnouncement(this.#announced, this.#sync.status);
      this.#announced = after;
      if (!keys.length) return;
      const locale = resolveLocale(
        this.locale || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang,
      );
      const text = announcementText(keys, {
        t: (key, params) =>
          formatMessage(locale, syncStatusStrings[locale][key] ?? syncStatusStrings['en-GB'][key], params),
      });
      // The same words again (offline twice): empty the region first so they are read again.
      if (text === this.#announcement) {
        this.#announcement = '';
        this.requestUpdate();
        void this.updateComplete.then(() => {
          this.#announcement = text;
          this.requestUpdate();
        });
        return;
      }
      this.#announcement = text;
      this.requestUpdate();
    }, SYNC_SETTLE_MS);
  }
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#give(this.store);
    if (changed.has('locale') || changed.has('timeZone') || !this.#locale.value) {
      this.#locale.setValue({
        locale: this.locale ? resolveLocale(this.locale) : undefined,
        timeZone: validTimeZone(this.timeZone),
      });
    }
  }

  /** Provides the store, or while a promised one opens (and if it fails) a stand-in whose `load` settles with it. */
  #give(given: StoreOrOpening | undefined): void {
    this.#opened = undefined;
    if (given === undefined || given === null || isCaseStore(given)) {
      this.#opened = given ?? undefined;
      this.#store.setValue(this.#opened);
      return;
    }
    const opening = new StoreOpening(given);
    this.#store.setValue(opening);
    opening.opened.then(
      (store) => {
        if (this.store !== given) return; // replaced meanwhile
        this.#opened = store;
        this.#store.setValue(store);
        this.requestUpdate();
      },
      // The stand-in stays: every widget (and any added later) shows the error from its `load`.
      () => undefined,
    );
  }

  protected override render() {
    return html`<slot></slot><div class="announcer" part="sync-announcer" role="status">${this.#announcement}</div>`;
  }
}

// The kit's default and UTC need no check; others are checked once each. Not core's isTimeZone:
// core's primitives module builds zod schemas, which would then ship with the provider alone.
const knownZones = new Set<string>(['Europe/London', 'UTC']);

/**
 * The zone when Intl knows it; otherwise a warning and the kit's default (a bad attribute must not break the page).
 */
function validTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  // Checking builds a formatter (about a millisecond): a server rendering page after page asks again and again.
  if (knownZones.has(zone)) return zone;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    if (knownZones.size < 64) knownZones.add(zone);
    return zone;
  } catch {
    console.warn(
      `Open Dialogue Kit: <od-provider time-zone="${zone}"> is not a time zone Intl knows; using Europe/London.`,
    );
    return undefined;
  }
}
