import { applyNetworkChange, defaultInstruments, type CaseRecord } from '@odkit/core';
import {
  BaseCaseController,
  HistoryController,
  LocaleController,
  DEFAULT_HEADING_LEVEL,
  OptionsController,
  headingLevelAt,
  renderHeading,
  SyncStatusController,
  OdElement,
  OdMemberFocusEvent,
  OdSelectEvent,
  errorStateStyles,
  formStyles,
  LinkedMemberController,
  renderErrorState,
  renderChangedBy,
  renderSyncStatus,
  syncPrivacy,
  syncStatusStyles,
  type Message,
  type Translate,
} from '@odkit/elements';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
// Module order is bundle order, and gzip finds more repeats when the strings come first and the
// views sit near each other: this order keeps the gzipped bundle smallest (about 0.6 kB).
import { networkMapStyles } from './network-map.styles.js';
import { mapStrings, type MapStrings } from './strings.js';
import { placeAt, type Point } from './internal/layout.js';
import { initials, networkView, type NetworkView } from './internal/view.js';
import { ShownNetwork } from './internal/shown-network.js';
import { mapOptionProblems, type MapOptionKey } from './internal/options.js';
import { ViewportController, ZOOM_STEP } from './internal/viewport.js';
import { renderMap } from './internal/map-view.js';
import { keyTowards, nodeKeyFor, nodeKeyOf, PERSON_KEY, selectionFor } from './internal/nodes.js';
import { renderLegend } from './internal/legend.js';
import { summaryText } from './internal/summary.js';
import { renderTable } from './internal/table.js';
import { renderPanel } from './internal/panel.js';
import { MapEdits, type Panel } from './internal/edits.js';
import { renderNotes, renderToolbar, type ToolbarModel } from './internal/toolbar.js';
import { StepperController, renderChanges, renderStepper } from './internal/history.js';
import { legendText, MapExports } from './internal/export.js';

const ARROWS: Record<string, Point> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};

/**
 * The person's network as an accessible ecomap: the person at the centre, three
 * closeness rings, members by life-domain sector, ties in ecomap line styles; a
 * details panel, a table view (the Tracy–Whittaker grid), a spoken summary, and
 * (with `editable`) forms to add, edit, move and remove members and ties.
 *
 * The map is one tab stop: arrow keys move between members, Home returns to the
 * person, Enter or Space selects, Escape clears; `+`/`-` zoom, Control or Alt
 * with an arrow pans, `0` resets.
 *
 * @tagname od-network-map
 * @fires od-select - A person selected a member (or the person), or cleared the selection (`selection: null`); not
 * fired when the host sets `selectedId`.
 * @fires od-member-focus - The member the map points at: one with keyboard focus or selected (`memberId`); `null` when
 * focus leaves the map with no member selected, or the selection is cleared.
 * @fires od-change - An edit to the case record (`change`: a typed Change such as rate-item), fired only without a
 * store, before the widget applies it to `record`; cancelable, to apply it yourself. Not "the value changed".
 * @fires od-error - The record or an option could not be used, or a change was refused.
 * @slot heading - A title for the map, shown in a heading at `heading-level` (the panel's title goes one deeper).
 * @slot hint - Text under the title (a hint, as GOV.UK puts under a heading).
 * @slot empty - What the map says when the record has no network members yet.
 * @csspart base - The whole widget.
 * @csspart toolbar - The row of view, zoom, export and edit buttons.
 * @csspart map - The SVG picture.
 * @csspart node - One member (or the person) on the map.
 * @csspart tie - One tie on the map.
 * @csspart legend - The key to shapes, line styles and sector colours.
 * @csspart details - The details panel (and edit forms).
 * @csspart table - The table view.
 * @csspart member-ties - The table of ties between members, below the table view.
 * @csspart summary - The one-paragraph text summary.
 * @csspart changes - What changed since the first meeting, shown once a person steps through the meetings.
 * @csspart error - The error state.
 * @csspart sync-status - The status line shown with a syncing (offline) store: what is saved where.
 * @csspart sync-review - The panel to decide between this device's and the record's version of an edit.
 * @csspart changed-by - "Changed by … on …" in the details.
 * @cssprop --od-network-map-height - Height of the map area (default `min(80vh, 640px)`).
 * @cssprop --od-network-map-sector-household - Colour of the household sector (each sector has one: `-family`,
 * `-friends`, `-work-school`, `-organisations`, `-neighbours`, `-services`).
 * @cssprop --od-network-map-ring - Colour of the closeness rings.
 * @cssprop --od-network-map-tie - Colour of ties to the person.
 * @cssprop --od-network-map-tie-between - Colour of ties between members.
 * @cssprop --od-network-map-tie-stress - Colour of stressful and conflictual ties (their shape carries the meaning
 * too).
 * @cssprop --od-network-map-selection - Colour of the selection highlight.
 */
export class OdNetworkMap extends OdElement {
  static override styles = [...OdElement.styles, errorStateStyles, formStyles, syncStatusStyles, networkMapStyles];

  /**
   * Reactive properties and state, each documented where it is declared below. A table rather than decorators, so
   * the shipped bundle carries no decorator calls or helpers (about 0.4 kB gzip a widget; docs/performance.md).
   */
  static override properties = {
    record: { attribute: false },
    locale: {},
    strings: { attribute: false },
    sectors: { type: Boolean, reflect: true },
    asOf: { attribute: 'as-of' },
    audience: {},
    initialsOnly: { type: Boolean, reflect: true, attribute: 'initials-only' },
    editable: { type: Boolean, reflect: true },
    view: { reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    selectedId: { attribute: 'selected-id', reflect: true },
    titled: { state: true, attribute: false },
    activeId: { state: true, attribute: false },
    hoverId: { state: true, attribute: false },
  };

  /** The case record (property only). Inside an `<od-provider>` with a store, the store's record is shown instead. */
  record: unknown;

  /** Language: `en-GB` or `cy` (default: the provider's, else the nearest `lang`). */
  locale: string | undefined;

  /** Per-instance string overrides, by key. */
  strings: Partial<Record<string, Message>> | undefined;

  /** Group members into life-domain sectors (wedges), Tracy–Whittaker style. */
  sectors = false;

  /**
   * Show the network as it was on a day: a date (`YYYY-MM-DD`), or a date-time with offset (its day in the time
   * zone), as `as-of` on every widget. Rings, sectors, statuses and ties are as their dated history has them then.
   * The toolbar's previous / next meeting steps up to this day without changing it.
   */
  asOf: string | undefined;

  /** An audience id (e.g. `family`): members hidden from it are left out everywhere. */
  audience: string | undefined;

  /** Show initials only (and no free text that may identify someone): for shared screens. */
  initialsOnly = false;

  /** Allow adding, editing, moving and removing members and ties. */
  editable = false;

  /** `map` or `table`. */
  view: 'map' | 'table' = 'map';
  /** The level of the map's top heading (1–6, default 2): its slotted title, else the panel's title. */
  headingLevel: number = DEFAULT_HEADING_LEVEL;

  /**
   * The member selected (their id), or the person (the record's `person.id`); a host may set it to drive the map
   * (the details panel and tab stop follow, and no event fires). A person's click or key fires `od-select` and
   * updates it. An id not shown selects nothing, and is kept for when it is (a record still loading).
   */
  selectedId: string | undefined;
  /** A host gave a title (slot "heading"): it is shown, and the panel's title goes one level under it. */
  private titled = false;
  private activeId: string | undefined;
  private hoverId: string | undefined;

  readonly #data = new BaseCaseController(this, applyNetworkChange);
  /** A member another widget on the page points at (its `od-member-focus`): ringed here too. */
  readonly #linked = new LinkedMemberController(this);
  readonly #i18n = new LocaleController<MapStrings>(this, mapStrings);
  readonly #t: Translate<MapStrings> = (key, params) => this.#i18n.t(key, params);
  readonly #sync = new SyncStatusController(this, { store: () => this.#data.store });
  readonly #history = new HistoryController(this, { store: () => this.#data.store });
  readonly #optionsCheck = new OptionsController<MapOptionKey>(this, {
    check: () => mapOptionProblems(this),
    t: this.#t,
  });
  readonly #viewport = new ViewportController(this, {
    canDrag: (key) => key !== PERSON_KEY && this.#canEdit,
    drop: (id, at) => {
      const view = this.#shown.view();
      const member = this.#data.record?.members.find((m) => m.id === id);
      if (!view || !member) return;
      const place = placeAt(this.#shown.layout(view), at);
      void this.#edits.move(member, { ring: place.ring, ...(place.sector ? { sector: place.sector } : {}) });
    },
  });
  /** Steps between the network at the first meeting and now (or the host's as-of), not changing `as-of`. */
  readonly #stepper = new StepperController(this, {
    record: () => this.#data.record,
    asOf: () => this.asOf,
    zone: () => this.#i18n.timeZone,
  });
  readonly #shown = new ShownNetwork(this, this.#stepper);
  readonly #edits = new MapEdits(this, {
    data: this.#data,
    t: this.#t,
    focusBack: () => void this.#focusNode(this.activeId ?? this.#selectedKey ?? PERSON_KEY),
    nameOf: (id) => this.#shown.view()?.byId.get(id)?.name ?? '',
    today: () => this.#stepper.today,
    editingOn: () => this.#canEdit,
    saved: (id) => (this.activeId = id),
    removed: (id) => this.#selectedKey === id && this.#select(undefined),
  });
  readonly #exports = new MapExports(this, () => legendText(this.renderRoot, this.#shown.view(), this.#t));

  /** The record shown (read only): the store's or the `record` property's, the last valid one. */
  get shownRecord(): CaseRecord | undefined {
    return this.#data.record;
  }

  /**
   * The record shown (read only).
   * @deprecated Use `shownRecord` (the same record, under the name all the widgets share); `caseRecord` goes in the
   * next release.
   */
  get caseRecord(): CaseRecord | undefined {
    return this.shownRecord;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record')) this.#data.setRecord(this.record);
    if (changed.has('asOf')) this.#stepper.reset();
    // A change saved elsewhere reaches an open member form before it renders again (the form is still as typed).
    this.#edits.reconcile();
    // Forget a selection or focus whose member is no longer shown (removed, or filtered out).
    const view = this.#shown.view();
    const gone = (key: string | undefined) => key !== undefined && key !== PERSON_KEY && !view?.byId.has(key);
    const key = this.#selectedKey;
    // A selection a person could see that has gone (the member removed, or filtered out) is let go, and said so.
    if (view && key === undefined && this.selectedId !== undefined && this.selectedId === this.#shownSelection) {
      this.selectedId = undefined;
      this.emit(new OdSelectEvent(null));
    } else if (changed.has('selectedId') && !this.#selecting && key !== undefined) {
      // Set by the host: the details panel and the tab stop follow it (no event: the host knows).
      this.activeId = key;
      this.hoverId = undefined;
    }
    this.#shownSelection = key === undefined ? undefined : this.selectedId;
    if (gone(this.activeId)) this.activeId = undefined;
    if (gone(this.hoverId)) this.hoverId = undefined;
  }

  /**
   * Editing is on with `editable`, except in initials-only mode (a shared screen; the forms would show full names)
   * and while an earlier day is shown (edits change the network as it is now).
   */
  get #canEdit(): boolean {
    return this.editable && !this.initialsOnly && !this.#stepper.showingPast;
  }

  /** The selection as a node key (the person's is PERSON_KEY), when it names something shown. */
  get #selectedKey(): string | undefined {
    const view = this.#shown.view();
    return view && nodeKeyFor(view, this.selectedId);
  }
  /** The `selectedId` shown at the last update (one that vanishes after being shown is let go). */
  #shownSelection: string | undefined;
  /** Set while a person's action changes the selection (the host's changes move the tab stop; theirs already did). */
  #selecting = false;

  protected override updated(): void {
    this.#selecting = false;
    this.#edits.focusOpened();
    // The edit forms are fetched once editing is on, so the first "Edit" opens at once (and offline, once here).
    if (this.#canEdit) this.#edits.preload();
  }

  /** Also waits for the picture drawn at its measured size, when its first size is still to come (due before paint). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const measured = this.#viewport.firstSize;
    if (!measured) return done;
    await measured;
    return super.getUpdateComplete();
  }

  /* ---------------------------------------------------------------- rendering */

  protected override render() {
    const errors = [this.#data.error, this.#optionsCheck.error].filter((e): e is Error => e !== undefined);
    const record = this.#data.record;
    const view = this.#shown.view();
    // The host's title and hint (slots) go after the status line and any error, as the timeline's header does.
    return html`<div class="od-map" part="base">
      ${renderSyncStatus(this.#sync, this.#i18n, {
        record,
        displayName: this.initialsOnly ? initials : undefined,
        hideText: this.initialsOnly,
        canDecide: this.editable && !this.initialsOnly,
        // A rating conflict is named by its item (the store's conflicts are the whole case's).
        instruments: defaultInstruments,
      })}
      ${errors.map((e) => renderErrorState(e, this.#i18n))}
      ${renderHeading(this.headingLevel, html`<slot name="heading" @slotchange=${this.#onHeadingSlot}></slot>`, { class: 'title', hidden: !this.titled })}
      <slot name="hint"></slot>
      ${record && view ? this.#renderBody(record, view) : !errors.length ? html`<p>${this.#t('loading')}</p>` : nothing}
    </div>`;
  }

  #renderBody(record: CaseRecord, view: NetworkView): TemplateResult {
    const layout = this.#shown.layout(view);
    const table = this.view === 'table';
    // In the table view the panel is there only for an open form.
    const panelOpen = this.#canEdit && this.#edits.panel.kind !== 'details';
    const date = (d: string) => this.#i18n.date(d);
    const readOnly = this.editable && !this.initialsOnly && this.#stepper.showingPast;
    const model = {
      view,
      layout,
      recorded: record.members.length,
      selectedId: this.#selectedKey,
      activeId: this.activeId,
      linkedId: this.#linked.memberId,
      dragging: this.#viewport.dragging,
      textDeps: [this.#i18n.locale, this.strings],
      size: this.#viewport.size,
      font: this.#viewport.font,
      // A server-rendered picture is taken over as the server drew it.
      awaitingSize: this.#viewport.awaitingSize && !this.hydrating,
    };
    const { stops, index, hostDay, meetingDays: meetings } = this.#stepper;
    const history = renderStepper({ stops, index, meetings, hostEnd: !!hostDay, date }, this.#t, this.#stepper.step);
    const first = stops[0]!;
    const toolbar: ToolbarModel = {
      table,
      canEdit: this.#canEdit,
      members: view.members.length,
      history,
      pngUnavailable: this.#exports.pngUnavailable,
    };
    return html`${renderToolbar(toolbar, this.#t, this.#toolbarActions)}
      ${renderNotes(this.#shown.options(), readOnly, this.#t, date)}
      ${this.#stepper.used && index > 0 ? renderChanges(networkView(record, this.#shown.options(first)), view, date(first), this.#t) : nothing}
      <div class="main ${table && !panelOpen ? 'full' : ''}">
        <div class="picture">${table ? renderTable(view, this.#t, this.#i18n.locale) : renderMap(model, this.#t, this.#mapEvents)}</div>
        ${
          table && !panelOpen
            ? nothing
            : html`<section class="panel" part="details" aria-labelledby="panel-title">${this.#renderPanel(record, view)}</section>`
        }
      </div>
      ${table ? nothing : renderLegend(view, this.#t)}
      <p class="summary" part="summary" aria-live="polite">${
        // An empty map already says so in the picture; the table has no such line.
        table || view.members.length ? summaryText(view, this.#t) : nothing
      }</p>
      <p class="visually-hidden" role="status">${this.#edits.announcement}</p>`;
  }

  #renderPanel(record: CaseRecord, view: NetworkView): TemplateResult {
    const details = {
      view,
      key: this.hoverId ?? this.activeId ?? this.#selectedKey,
      canEdit: this.#canEdit,
      busy: this.#edits.busy,
      initialsOnly: this.initialsOnly,
      headingLevel: headingLevelAt(this.headingLevel, this.titled ? 1 : 0),
    };
    return renderPanel(record, details, this.#edits, this.renderRoot as ShadowRoot, this.#t, this.#detailsActions);
  }

  readonly #onHeadingSlot = (event: Event) => {
    this.titled = (event.target as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0;
  };

  /* Handlers made once, so that re-rendering binds the same functions. */
  readonly #open = (panel: Panel) => void this.#edits.open(panel);
  readonly #toolbarActions = {
    toggleView: () => (this.view = this.view === 'table' ? 'map' : 'table'),
    zoomIn: () => this.#viewport.zoomBy(ZOOM_STEP),
    zoomOut: () => this.#viewport.zoomBy(1 / ZOOM_STEP),
    resetZoom: this.#viewport.reset,
    downloadSvg: this.#exports.downloadSvg,
    downloadPng: () => void this.#exports.downloadPng(),
    open: this.#open,
  };
  readonly #detailsActions = {
    open: this.#open,
    moveRing: this.#edits.moveRing,
    moveToSector: this.#edits.moveToSector,
    changedBy: (entity: { kind: 'member' | 'tie'; id: string }) =>
      renderChangedBy(this.#history, entity, this.#i18n, syncPrivacy({ initialsOnly: this.initialsOnly })),
  };

  /* ---------------------------------------------------------------- selection, focus, keyboard */
  #select(key: string | undefined): void {
    const view = this.#shown.view();
    if (!view) return;
    if (key === undefined) {
      if (this.selectedId === undefined) return;
      this.#selecting = true;
      this.selectedId = undefined;
      this.emit(new OdSelectEvent(null));
      this.emit(new OdMemberFocusEvent(null));
      return;
    }
    this.#selecting = true;
    this.selectedId = key === PERSON_KEY ? view.person.id : key;
    this.activeId = key;
    this.emit(new OdMemberFocusEvent(key === PERSON_KEY ? null : key));
    const selection = selectionFor(view, key);
    if (selection) this.emit(new OdSelectEvent(selection));
  }

  async #focusNode(key: string): Promise<void> {
    this.activeId = key;
    await this.updateComplete;
    const el = this.renderRoot.querySelector<SVGGElement>(`.node[data-key="${CSS.escape(key)}"]`);
    if (!el) return;
    el.focus();
    const view = this.#shown.view();
    if (view) this.#viewport.keepInView(this.#shown.layout(view), key);
  }

  /* One listener each on the SVG for every member (a thousand members need no thousand listeners). */
  #onClick = (event: MouseEvent): void => {
    const key = nodeKeyOf(event.target);
    if (key) this.#select(key);
  };

  #onPointerOver = (event: PointerEvent): void => {
    const key = nodeKeyOf(event.target);
    if (key && key !== this.hoverId) this.hoverId = key;
  };

  #onPointerOut = (event: PointerEvent): void => {
    const from = nodeKeyOf(event.target);
    if (from && nodeKeyOf(event.relatedTarget) !== from && this.hoverId === from) this.hoverId = undefined;
  };

  #onFocusIn = (event: FocusEvent): void => {
    const key = nodeKeyOf(event.target);
    if (!key) return;
    if (this.activeId !== key) this.activeId = key;
    // The details panel follows whichever came last: the pointer or the keyboard.
    this.hoverId = undefined;
    this.emit(new OdMemberFocusEvent(key === PERSON_KEY ? null : key));
  };

  #onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (next && (this.renderRoot.querySelector('svg.map')?.contains(next) ?? false)) return;
    // Leaving the map, it points at the member selected, if any (the od-member-focus contract).
    const key = this.#selectedKey;
    const selected = key === PERSON_KEY ? undefined : key;
    this.emit(new OdMemberFocusEvent(selected ?? null));
  };

  #onKeyDown = (event: KeyboardEvent): void => {
    // There is a view only while there is a record.
    const view = this.#shown.view();
    if (!view) return;
    const layout = this.#shown.layout(view);
    const current = this.activeId ?? this.#selectedKey ?? PERSON_KEY;
    const arrow = ARROWS[event.key];
    if (arrow && (event.ctrlKey || event.altKey || event.metaKey)) {
      event.preventDefault();
      this.#viewport.panBy(arrow);
      return;
    }
    if (arrow) {
      event.preventDefault();
      const next = keyTowards(
        layout.positions,
        view.members.map((m) => m.member.id),
        current,
        arrow,
      );
      if (next) void this.#focusNode(next);
      return;
    }
    switch (event.key) {
      case 'Home':
        event.preventDefault();
        void this.#focusNode(PERSON_KEY);
        return;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.#select(current);
        return;
      case 'Escape':
        if (this.#selectedKey !== undefined) {
          event.preventDefault();
          this.#select(undefined);
        }
        return;
      case '+':
      case '=':
      case '-':
      case '_':
        event.preventDefault();
        this.#viewport.zoomBy('+='.includes(event.key) ? ZOOM_STEP : 1 / ZOOM_STEP);
        return;
      case '0':
        event.preventDefault();
        this.#viewport.reset();
        return;
    }
  };

  /** The map's events: keys, clicks, hover and focus here; wheel and pointer to the viewport. */
  readonly #mapEvents: EventListenerObject = {
    handleEvent: (event: Event) => {
      const type = event.type;
      if (type === 'keydown') this.#onKeyDown(event as KeyboardEvent);
      else if (type === 'click') this.#onClick(event as MouseEvent);
      else if (type === 'pointerover') this.#onPointerOver(event as PointerEvent);
      else if (type === 'pointerout') this.#onPointerOut(event as PointerEvent);
      else if (type === 'focusin') this.#onFocusIn(event as FocusEvent);
      else if (type === 'focusout') this.#onFocusOut(event as FocusEvent);
      else this.#viewport.handleEvent(event);
    },
  };

  /* ---------------------------------------------------------------- export */

  /**
   * The current view as a standalone SVG document (with a legend), as text. Names
   * follow `initials-only`, `audience` and `as-of`, as on screen.
   */
  toSVG(): string {
    return this.#exports.svg();
  }

  /**
   * The current view as a PNG image (with a legend), painted on a canvas: no image loading, so it works under a strict
   * CSP. The code that paints it is fetched the first time (a file of its own); if it cannot be fetched, the promise
   * rejects with an `UnsupportedError` that says so.
   */
  async toPNG(scale = 2): Promise<Blob> {
    return this.#exports.png(scale);
  }
}
