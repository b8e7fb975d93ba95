import {
  MEMBER_KINDS,
  MEMBER_STATUSES,
  RINGS,
  SECTORS,
  SUPPORT_TYPES,
  TIE_DIRECTIONS,
  TIE_QUALITIES,
  TIE_STRENGTHS,
  defaultInstruments,
  newId,
  type CaseRecord,
  type Change,
  type MemberKind,
  type MemberStatus,
  type NetworkMember,
  type Ring,
  type Sector,
  type SupportType,
  type Tie,
  type TieDirection,
  type TieQuality,
  type TieStrength,
} from '@odkit/core';
import {
  CaseController,
  HistoryController,
  LocaleController,
  SyncStatusController,
  OdElement,
  OdErrorEvent,
  OdMemberFocusEvent,
  OdSelectEvent,
  ariaInvalid,
  describedBy,
  errorFor,
  errorStateStyles,
  focusErrorSummary,
  formErrorsFrom,
  formStyles,
  nearestProvider,
  renderErrorState,
  renderErrorSummary,
  renderField,
  renderFieldError,
  renderChangedBy,
  renderSyncStatus,
  syncStatusStyles,
  type FormError,
  type Message,
} from '@odkit/elements';
import { html, isServer, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { arrowHeads, nearestInDirection, tiePath } from './internal/geometry.js';
import { computeLayout, NODE_R, PERSON_R, placeAt, sectorAngle, sectorBoundaries, type Layout, type Point } from './internal/layout.js';
import { initials, networkView, type NetworkView, type ShownMember, type ShownTie } from './internal/view.js';
import { downloadBlob, exportPng, exportSvg, type LegendText } from './internal/export.js';
import { networkMapStyles } from './network-map.styles.js';
import { mapStrings, type MapStrings } from './strings.js';

type OptionProblem = 'error.asOf' | 'error.audience' | 'error.view';

type Panel =
  | { kind: 'details' }
  | { kind: 'member-form'; memberId?: string | undefined }
  | { kind: 'tie-form'; tieId?: string | undefined; from?: string | undefined }
  | { kind: 'confirm-remove'; memberId: string }
  | { kind: 'confirm-remove-tie'; tieId: string };

interface ViewBox {
  /** Zoom factor. */
  k: number;
  /** Pan, in map units. */
  x: number;
  y: number;
}

const MIN_ZOOM = 0.25;
const MAX_ZOOM = 6;
const PAN_STEP = 40;
const ZOOM_STEP = 1.25;
const ARROWS: Record<string, Point> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};
const ID_RE = /^[A-Za-z0-9.-]{1,64}$/;
/** The person's key on the map (ids cannot contain ':', so it never meets a member's). */
const PERSON_KEY = ':person';

/** A real calendar date written YYYY-MM-DD. */
function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Layouts for one members array (a record's, which is frozen and replaced on every change), by view key. */
const layoutCache = new WeakMap<readonly NetworkMember[], Map<string, Layout>>();

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
 * @fires od-select - A member (or the person) was selected, or the selection cleared (`selection: null`).
 * @fires od-member-focus - A member got keyboard focus on the map (`memberId`), or focus left the map (`null`).
 * @fires od-change - Without a store: an edit, cancelable; cancel it to apply the change yourself.
 * @fires od-error - The record or an option could not be used, or a change was refused.
 * @csspart base - The whole widget.
 * @csspart toolbar - The row of view, zoom, export and edit buttons.
 * @csspart map - The SVG picture.
 * @csspart node - One member (or the person) on the map.
 * @csspart tie - One tie on the map.
 * @csspart legend - The key to shapes, line styles and sector colours.
 * @csspart details - The details panel (and edit forms).
 * @csspart table - The table view.
 * @csspart summary - The one-paragraph text summary.
 * @csspart error - The error state.
 * @csspart sync-status - The status line shown with a syncing (offline) store: what is saved where.
 * @csspart sync-review - The panel to decide between this device's and the record's version of an edit.
 * @csspart changed-by - "Changed by … on …" in the details.
 * @cssprop --od-network-map-height - Height of the map area (default `min(80vh, 640px)`).
 * @cssprop --od-network-map-sector-household - Colour of the household sector (each sector has one: `-family`, `-friends`, `-work-school`, `-organisations`, `-neighbours`, `-services`).
 * @cssprop --od-network-map-ring - Colour of the closeness rings.
 * @cssprop --od-network-map-tie - Colour of ties to the person.
 * @cssprop --od-network-map-tie-between - Colour of ties between members.
 * @cssprop --od-network-map-tie-stress - Colour of stressful and conflictual ties (their shape carries the meaning too).
 * @cssprop --od-network-map-selection - Colour of the selection highlight.
 */
export class OdNetworkMap extends OdElement {
  static override styles = [...OdElement.styles, errorStateStyles, formStyles, syncStatusStyles, networkMapStyles];

  /** The case record (property only). Inside an `<od-provider>` with a store, the store's record is shown instead. */
  @property({ attribute: false }) record: unknown;

  /** Language: `en-GB` or `cy` (default: the provider's, else the nearest `lang`). */
  @property() locale: string | undefined;

  /** Per-instance string overrides, by key. */
  @property({ attribute: false }) strings: Partial<Record<string, Message>> | undefined;

  /** Group members into life-domain sectors (wedges), Tracy–Whittaker style. */
  @property({ type: Boolean, reflect: true }) sectors = false;

  /** A date (`YYYY-MM-DD`): show the network as it was that day. */
  @property({ attribute: 'as-of' }) asOf: string | undefined;

  /** An audience id (e.g. `family`): members hidden from it are left out everywhere. */
  @property() audience: string | undefined;

  /** Show initials only (and no free text that may identify someone): for shared screens. */
  @property({ type: Boolean, reflect: true, attribute: 'initials-only' }) initialsOnly = false;

  /** Allow adding, editing, moving and removing members and ties. */
  @property({ type: Boolean, reflect: true }) editable = false;

  /** `map` or `table`. */
  @property({ reflect: true }) view: 'map' | 'table' = 'map';

  @state() private selectedId: string | undefined;
  @state() private activeId: string | undefined;
  @state() private hoverId: string | undefined;
  /** A member another widget on the page has in focus (from its `od-member-focus`). */
  @state() private linkedId: string | undefined;
  @state() private panel: Panel = { kind: 'details' };
  @state() private formErrors: FormError[] = [];
  @state() private announcement = '';
  @state() private dragging: { id: string; at: Point } | undefined;
  @state() private busy = false;

  readonly #data = new CaseController(this);
  readonly #i18n = new LocaleController<MapStrings>(this, mapStrings);
  readonly #sync = new SyncStatusController(this, { store: () => this.#data.store });
  readonly #history = new HistoryController(this, { store: () => this.#data.store });
  /** What is wrong with the options, as string keys: told in the language shown at each render. */
  #optionProblems: OptionProblem[] = [];
  get #optionError(): Error | undefined {
    // Shown in the error state, so in the page's language; the values themselves are never repeated.
    return this.#optionProblems.length ? new Error(this.#optionProblems.map((key) => this.#t(key)).join(' ')) : undefined;
  }
  #reportedOptionError = '';
  #viewCache: { record: CaseRecord; key: string; view: NetworkView } | undefined;
  #zoom: ViewBox = { k: 1, x: 0, y: 0 };
  #hitTimer: ReturnType<typeof setTimeout> | undefined;
  #pointers = new Map<number, Point>();
  #observed: SVGSVGElement | undefined;
  readonly #resize =
    typeof ResizeObserver === 'undefined'
      ? undefined
      : new ResizeObserver(() => {
          this.#applyZoom();
          this.#syncHitTargets();
        });
  #gesture: { kind: 'pan' | 'node' | 'pinch'; id?: string; start: Point; origin: ViewBox; moved: boolean; distance?: number } | undefined;

  /** The store or record the map shows (read only). */
  get caseRecord(): CaseRecord | undefined {
    return this.#data.record;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record')) this.#data.setRecord(this.record);
    if (changed.has('asOf') || changed.has('audience') || changed.has('view')) this.#checkOptions();
    // Forget a selection or focus whose member is no longer shown (removed, or filtered out).
    const view = this.#view();
    const gone = (key: string | undefined) => key !== undefined && key !== PERSON_KEY && !view?.byId.has(key);
    if (gone(this.selectedId)) {
      this.selectedId = undefined;
      this.emit(new OdSelectEvent(null));
    }
    if (gone(this.activeId)) this.activeId = undefined;
    if (gone(this.hoverId)) this.hoverId = undefined;
  }

  #checkOptions(): void {
    const problems: OptionProblem[] = [];
    if (this.asOf && !isIsoDate(this.asOf)) problems.push('error.asOf');
    if (this.audience && !ID_RE.test(this.audience)) problems.push('error.audience');
    if (this.view !== 'map' && this.view !== 'table') problems.push('error.view');
    this.#optionProblems = problems;
    const key = problems.join(';');
    if (key !== this.#reportedOptionError) {
      this.#reportedOptionError = key;
      const error = this.#optionError;
      if (error) this.dispatchEvent(new OdErrorEvent(error));
    }
  }

  /**
   * Pan and zoom, in map units. Applied as a CSS transform on the SVG (through the
   * CSSOM, which a strict CSP allows), so panning and zooming repaint nothing: the
   * browser moves the already painted picture.
   */
  private get zoom(): ViewBox {
    return this.#zoom;
  }

  private set zoom(value: ViewBox) {
    const zoomed = value.k !== this.#zoom.k;
    this.#zoom = value;
    this.#applyZoom();
    if (zoomed) {
      clearTimeout(this.#hitTimer);
      this.#hitTimer = setTimeout(() => {
        this.#hitTimer = undefined;
        this.#syncHitTargets();
      }, 150);
    }
  }

  #applyZoom(): void {
    const svgEl = this.renderRoot.querySelector<SVGSVGElement>('svg.map');
    if (!svgEl) return;
    const { k, x, y } = this.#zoom;
    const s = this.#scale(svgEl);
    svgEl.style.transform = `translate(${round(x * s)}px, ${round(y * s)}px) scale(${round(k * 1000) / 1000})`;
  }

  protected override updated(): void {
    this.#applyZoom();
    this.#syncHitTargets();
    const svgEl = this.renderRoot.querySelector<SVGSVGElement>('svg.map') ?? undefined;
    if (svgEl !== this.#observed) {
      if (this.#observed) this.#resize?.unobserve(this.#observed);
      this.#observed = svgEl;
      if (svgEl) this.#resize?.observe(svgEl);
    }
  }

  /** Screen pixels per map unit at zoom 1, measured now (the SVG scales its viewBox to fit). */
  #scale(svgEl: SVGSVGElement): number {
    const box = svgEl.viewBox.baseVal;
    if (!box.width || !box.height) return 1;
    return Math.min(svgEl.clientWidth / box.width, svgEl.clientHeight / box.height) || 1;
  }

  /**
   * Sizes every member's pointer target to at least 28 px across at the map's current
   * size and zoom (24 px is the minimum). Set on the DOM directly, not re-rendered, so
   * it costs no update; runs after each render, on resize and once zooming pauses.
   */
  #syncHitTargets(): void {
    const svgEl = this.renderRoot.querySelector<SVGSVGElement>('svg.map');
    if (!svgEl) return;
    const r = Math.max(NODE_R + 2, 14 / (this.#scale(svgEl) * this.#zoom.k));
    const member = String(round(r));
    const person = String(round(Math.max(PERSON_R, r)));
    for (const hit of svgEl.querySelectorAll('.nodes .hit')) {
      const want = hit.parentElement?.classList.contains('person') ? person : member;
      if (hit.getAttribute('r') !== want) hit.setAttribute('r', want);
    }
  }

  /** Editing is on with `editable`, except in initials-only mode (a shared screen; the forms would show full names). */
  get #canEdit(): boolean {
    return this.editable && !this.initialsOnly;
  }

  /* ---------------------------------------------------------------- derived data */

  #options() {
    const ok = !this.#optionError;
    return {
      asOf: ok || (this.asOf && isIsoDate(this.asOf)) ? this.asOf || undefined : undefined,
      audience: this.audience && ID_RE.test(this.audience) ? this.audience : undefined,
      initialsOnly: this.initialsOnly,
    };
  }

  #view(): NetworkView | undefined {
    const record = this.#data.record;
    if (!record) return undefined;
    const options = this.#options();
    const key = `${options.asOf ?? ''}|${options.audience ?? ''}|${options.initialsOnly}`;
    if (this.#viewCache?.record !== record || this.#viewCache.key !== key) {
      this.#viewCache = { record, key, view: networkView(record, options) };
    }
    return this.#viewCache.view;
  }

  #layout(record: CaseRecord, view: NetworkView): Layout {
    const o = this.#options();
    const key = `${o.asOf ?? ''}|${o.audience ?? ''}|${this.sectors}`;
    let byKey = layoutCache.get(record.members);
    if (!byKey) layoutCache.set(record.members, (byKey = new Map()));
    let layout = byKey.get(key);
    if (!layout) {
      layout = computeLayout(
        view.members.map((m) => m.member),
        this.sectors,
      );
      byKey.set(key, layout);
    }
    return layout;
  }

  #t(key: keyof MapStrings & string, params?: Record<string, string | number>): string {
    return this.#i18n.t(key, params);
  }

  /* ---------------------------------------------------------------- rendering */

  protected override render() {
    const errors = [this.#data.error, this.#optionError].filter((e): e is Error => e !== undefined);
    const record = this.#data.record;
    const view = this.#view();
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
      ${record && view ? this.#renderBody(record, view) : !errors.length ? html`<p>${this.#t('loading')}</p>` : nothing}
    </div>`;
  }

  #renderBody(record: CaseRecord, view: NetworkView): TemplateResult {
    const layout = this.#layout(record, view);
    const table = this.view === 'table';
    // In the table view the panel is there only for an open form.
    const panelOpen = this.#canEdit && this.panel.kind !== 'details';
    const o = this.#options();
    const notes = [
      o.asOf ? this.#t('map.asOf', { date: this.#i18n.date(o.asOf) }) : '',
      o.audience ? this.#t('map.audience', { audience: o.audience }) : '',
      this.initialsOnly ? this.#t('map.initialsOnly') : '',
    ].filter(Boolean);
    return html`<div class="toolbar" part="toolbar">
        <button type="button" class="od-button od-button--secondary" @click=${this.#toggleView}>
          ${this.#t(table ? 'view.map' : 'view.table')}
        </button>
        ${table
          ? nothing
          : html`<span class="group">
              <button type="button" class="od-button od-button--secondary icon" aria-label=${this.#t('zoom.in')} title=${this.#t('zoom.in')} @click=${() => this.#zoomBy(ZOOM_STEP)}>+</button>
              <button type="button" class="od-button od-button--secondary icon" aria-label=${this.#t('zoom.out')} title=${this.#t('zoom.out')} @click=${() => this.#zoomBy(1 / ZOOM_STEP)}>−</button>
              <button type="button" class="od-button od-button--secondary" @click=${this.#resetZoom}>${this.#t('zoom.reset')}</button>
            </span>`}
        ${table
          ? nothing
          : html`<span class="group">
              <button type="button" class="od-button od-button--secondary" @click=${this.#downloadSvg}>${this.#t('export.svg')}</button>
              <button type="button" class="od-button od-button--secondary" @click=${this.#downloadPng}>${this.#t('export.png')}</button>
            </span>`}
        ${this.#canEdit
          ? html`<span class="group">
              <button type="button" class="od-button" @click=${() => this.#openPanel({ kind: 'member-form' })}>${this.#t('edit.add')}</button>
              <button type="button" class="od-button" ?disabled=${view.members.length === 0} @click=${() => this.#openPanel({ kind: 'tie-form' })}>
                ${this.#t('edit.addTie')}
              </button>
            </span>`
          : nothing}
      </div>
      ${notes.length ? html`<p class="notes">${notes.join(' · ')}</p>` : nothing}
      <div class="main ${table && !panelOpen ? 'full' : ''}">
        <div class="picture">${table ? this.#renderTable(view) : this.#renderMap(view, layout)}</div>
        ${table && !panelOpen
          ? nothing
          : html`<section class="panel" part="details" aria-labelledby="panel-title">${this.#renderPanel(record, view)}</section>`}
      </div>
      ${table ? nothing : this.#renderLegend(view)}
      <p class="summary" part="summary" aria-live="polite">${this.#summary(view)}</p>
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  /* ---------------------------------------------------------------- the map */

  #extent(layout: Layout): number {
    // Room for the sector names around the outer ring (centred on their wedge).
    return layout.rings[2] + (layout.sectors ? 90 : 24);
  }

  #renderMap(view: NetworkView, layout: Layout): TemplateResult {
    const e = this.#extent(layout);
    const positions = layout.positions;
    const pos = (id: string): Point => (this.dragging?.id === id ? this.dragging.at : id === view.person.id ? { x: 0, y: 0 } : (positions.get(id) ?? { x: 0, y: 0 }));
    const radius = (id: string) => (id === view.person.id ? PERSON_R : NODE_R);
    const tabbable = (key: string) => (this.activeId ?? this.selectedId ?? PERSON_KEY) === key;
    const highlighted = this.selectedId && this.selectedId !== PERSON_KEY ? this.selectedId : undefined;
    const labels = view.members.length <= 120;
    return html`<p id="map-help" class="visually-hidden">${this.#t('map.help')}</p>
      ${view.members.length === 0
        ? html`<p class="empty">${this.#t(this.#data.record!.members.length ? 'map.emptyFiltered' : 'map.empty')}</p>`
        : nothing}
      <div
        class="frame"
        @wheel=${this.#onWheel}
        @pointerdown=${this.#onPointerDown}
        @pointermove=${this.#onPointerMove}
        @pointerup=${this.#onPointerUp}
        @pointercancel=${this.#onPointerUp}
      ><svg
        part="map"
        class="map ${highlighted ? 'has-selection' : ''} ${this.dragging ? 'is-dragging' : ''}"
        viewBox="${-e} ${-e} ${2 * e} ${2 * e}"
        role="group"
        tabindex="-1"
        aria-roledescription=${this.#t('map.roledescription')}
        aria-label=${this.#t('map.label', { name: view.personName })}
        aria-describedby="map-help"
        @keydown=${this.#onKeyDown}
        @click=${this.#onClick}
        @pointerover=${this.#onPointerOver}
        @pointerout=${this.#onPointerOut}
        @focusin=${this.#onFocusIn}
        @focusout=${this.#onFocusOut}
      >
        <g class="viewport">
          <g class="rings" aria-hidden="true">
            ${layout.rings.map((r, i) => svg`<circle class="ring ring-${i + 1}" r=${r}></circle>`)}
            ${layout.sectors
              ? svg`${sectorBoundaries().map((a) => svg`<line class="sector-line" x1=${round(PERSON_R * Math.cos(a))} y1=${round(PERSON_R * Math.sin(a))} x2=${round(layout.rings[2] * Math.cos(a))} y2=${round(layout.rings[2] * Math.sin(a))}></line>`)}
                ${SECTORS.map((s) => {
                  const a = sectorAngle(s);
                  const r = layout.rings[2] + 26;
                  return svg`<text class="sector-label sector-text-${s}" x=${round(r * Math.cos(a))} y=${round(r * Math.sin(a))} text-anchor="middle" dominant-baseline="middle">${this.#t(`sector.${s}`)}</text>`;
                })}`
              : nothing}
          </g>
          ${guard([view, layout, highlighted, this.dragging], () => svg`<g class="ties" aria-hidden="true">
            ${view.ties.map((t) => this.#renderTie(t, pos, radius, highlighted))}
          </g>`)}
          ${guard([view, layout, highlighted, this.dragging, this.selectedId, this.activeId, this.linkedId, this.#i18n.locale, this.strings], () => {
            const related = new Set<string>();
            if (highlighted) {
              related.add(highlighted);
              for (const { tie } of view.ties) {
                if (tie.from === highlighted) related.add(tie.to);
                if (tie.to === highlighted) related.add(tie.from);
              }
            }
            return svg`<g class="nodes">
              ${this.#renderPerson(view, tabbable(PERSON_KEY))}
              ${view.members.map((m) => this.#renderNode(m, pos(m.member.id), tabbable(m.member.id), highlighted !== undefined && related.has(m.member.id)))}
            </g>
            <g class="labels" aria-hidden="true">
              <text class="label person-label" y=${PERSON_R + 16} text-anchor="middle">${short(view.personName)}</text>
              ${view.members.map((m) => {
                const id = m.member.id;
                if (!labels && this.selectedId !== id && this.activeId !== id) return nothing;
                const p = pos(id);
                const dim = highlighted !== undefined && !related.has(id);
                return svg`<text class="label ${dim ? 'dim' : ''}" x=${p.x} y=${p.y + NODE_R + 15} text-anchor="middle">${short(m.name)}</text>`;
              })}
            </g>`;
          })}
        </g>
      </svg></div>`;
  }

  #renderTie(t: ShownTie, pos: (id: string) => Point, radius: (id: string) => number, highlighted: string | undefined) {
    const { tie } = t;
    const a = pos(tie.from);
    const b = pos(tie.to);
    const ra = radius(tie.from);
    const rb = radius(tie.to);
    const on = highlighted !== undefined && (tie.from === highlighted || tie.to === highlighted);
    const cls = `tie strength-${tie.strength} quality-${tie.quality} ${t.between ? 'between' : 'to-person'} ${on ? 'highlight' : ''}`;
    return svg`<g part="tie" class=${cls} data-tie=${tie.id}>
      <path d=${tiePath(a, b, ra, rb, tie.quality)}></path>
      ${arrowHeads(a, b, ra, rb, tie.direction).map((points) => svg`<polygon class="arrow" points=${points}></polygon>`)}
    </g>`;
  }

  #renderPerson(view: NetworkView, tabbable: boolean) {
    const selected = this.selectedId === PERSON_KEY;
    return svg`<g
      part="node"
      class="node person ${selected ? 'selected' : ''}"
      role="button"
      data-id=${view.person.id}
      data-key=${PERSON_KEY}
      tabindex=${tabbable ? 0 : -1}
      aria-pressed=${selected ? 'true' : 'false'}
      aria-label=${this.#t('node.person', { name: view.personName })}
    >
      <circle class="hit" r=${PERSON_R}></circle>
      <circle class="focus-ring" r=${PERSON_R + 6}></circle>
      <circle class="shape" r=${PERSON_R}></circle>
    </g>`;
  }

  #renderNode(m: ShownMember, p: Point, tabbable: boolean, related: boolean) {
    const { member } = m;
    const id = member.id;
    const selected = this.selectedId === id;
    const cls = `node kind-${member.kind} sector-${member.sector} status-${m.status} ${selected ? 'selected' : ''} ${related ? 'related' : ''} ${this.dragging?.id === id ? 'dragged' : ''} ${this.linkedId === id ? 'linked' : ''}`;
    const r = NODE_R;
    const shape =
      member.kind === 'organisation'
        ? svg`<rect class="shape" x=${-r} y=${-r} width=${2 * r} height=${2 * r}></rect>`
        : member.kind === 'professional'
          ? svg`<polygon class="shape" points="0,${-r - 3} ${r + 3},0 0,${r + 3} ${-r - 3},0"></polygon>`
          : svg`<circle class="shape" r=${r}></circle>`;
    return svg`<g
      part="node"
      class=${cls}
      role="button"
      data-id=${id}
      data-key=${id}
      transform="translate(${p.x} ${p.y})"
      tabindex=${tabbable ? 0 : -1}
      aria-pressed=${selected ? 'true' : 'false'}
      aria-label=${this.#nodeLabel(m)}
    >
      <circle class="hit" r=${NODE_R + 2}></circle>
      <circle class="focus-ring" r=${r + 8}></circle>
      ${shape}
      ${m.status === 'deceased' ? svg`<path class="mark" d="M${-r * 0.6} ${-r * 0.6} L${r * 0.6} ${r * 0.6} M${r * 0.6} ${-r * 0.6} L${-r * 0.6} ${r * 0.6}"></path>` : nothing}
    </g>`;
  }

  #nodeLabel(m: ShownMember): string {
    const { member } = m;
    return this.#t('node.member', {
      name: m.name,
      relationship: m.relationship || '—',
      kind: this.#t(`kind.${member.kind}`),
      sector: this.#t(`sector.${member.sector}`),
      ring: this.#t(`ring.${member.ring}`),
      status: this.#t(`memberStatus.${m.status}`),
    });
  }

  /* ---------------------------------------------------------------- legend, summary, table */

  #renderLegend(view: NetworkView): TemplateResult {
    const sample = (cls: string, quality: TieQuality, direction: TieDirection = 'none') => {
      const a = { x: 4, y: 12 };
      const b = { x: 60, y: 12 };
      return html`<svg class="swatch" viewBox="0 0 64 24" width="64" height="24" aria-hidden="true">
        <g class="tie ${cls}"><path d=${tiePath(a, b, 0, 0, quality)}></path>
        ${arrowHeads(a, b, 0, 0, direction).map((p) => svg`<polygon class="arrow" points=${p}></polygon>`)}</g>
      </svg>`;
    };
    const shape = (kind: MemberKind, status: MemberStatus = 'active') => html`<svg class="swatch" viewBox="-14 -14 28 28" width="24" height="24" aria-hidden="true">
      <g class="node kind-${kind} status-${status} legend-node">
        ${kind === 'organisation'
          ? svg`<rect class="shape" x="-10" y="-10" width="20" height="20"></rect>`
          : kind === 'professional'
            ? svg`<polygon class="shape" points="0,-12 12,0 0,12 -12,0"></polygon>`
            : svg`<circle class="shape" r="10"></circle>`}
        ${status === 'deceased' ? svg`<path class="mark" d="M-6 -6 L6 6 M6 -6 L-6 6"></path>` : nothing}
      </g>
    </svg>`;
    const sectorsShown = SECTORS.filter((s) => view.members.some((m) => m.member.sector === s));
    return html`<div class="legend" part="legend" role="group" aria-labelledby="legend-title">
      <p class="legend-title" id="legend-title">${this.#t('legend.title')}</p>
      <ul class="legend-list">
        ${MEMBER_KINDS.map((k) => html`<li>${shape(k)} ${this.#t(`kind.${k}`)}</li>`)}
        <li>${shape('person', 'past')} ${this.#t('memberStatus.past')}</li>
        <li>${shape('person', 'deceased')} ${this.#t('memberStatus.deceased')}</li>
      </ul>
      <ul class="legend-list">
        ${TIE_STRENGTHS.map((s) => html`<li>${sample(`strength-${s} quality-supportive to-person`, 'supportive')} ${this.#t(`tieStrength.${s}`)}</li>`)}
        ${(['stressful', 'conflictual', 'cut-off'] as const).map(
          (q) => html`<li>${sample(`strength-moderate quality-${q} to-person`, q)} ${this.#t(`tieQuality.${q}`)}</li>`,
        )}
        <li>${sample('strength-moderate quality-supportive between', 'supportive')} ${this.#t('legend.between')}</li>
        <li>${sample('strength-moderate quality-supportive to-person', 'supportive', 'to')} ${this.#t('legend.arrow')}</li>
      </ul>
      <ul class="legend-list sectors">
        ${(sectorsShown.length ? sectorsShown : SECTORS).map(
          (s) => html`<li><svg class="swatch" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><g class="node sector-${s} legend-node"><circle class="shape" cx="12" cy="12" r="9"></circle></g></svg> ${this.#t(`sector.${s}`)}</li>`,
        )}
      </ul>
    </div>`;
  }

  #summary(view: NetworkView): string {
    const members = view.members;
    const count = (kind: MemberKind) => members.filter((m) => m.member.kind === kind).length;
    const stress = view.ties.filter((t) => t.tie.quality === 'stressful' || t.tie.quality === 'conflictual').length;
    const cut = view.ties.filter((t) => t.tie.quality === 'cut-off').length;
    const past = members.filter((m) => m.status !== 'active').length;
    const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
    if (!members.length) return this.#t('summary.none');
    const kinds = this.#t('summary.kinds', { people: count('person'), organisations: count('organisation'), professionals: count('professional') });
    const parts = [`${this.#t('summary.members', { count: members.length })}: ${kinds}.`];
    parts.push(`${cap(this.#t('summary.ring1', { count: members.filter((m) => m.member.ring === 1).length }))}.`);
    parts.push(`${cap(this.#t(stress ? 'summary.stressful' : 'summary.noStressful', { count: stress }))}; ${this.#t(cut ? 'summary.cutOff' : 'summary.noCutOff', { count: cut })}.`);
    if (past) parts.push(`${cap(this.#t('summary.past', { count: past }))}.`);
    return parts.join(' ');
  }

  #tieText(t: Tie, other: string): string {
    return this.#t('details.tieTo', {
      strength: this.#t(`tieStrength.${t.strength}`),
      quality: this.#t(`tieQuality.${t.quality}`),
      direction: this.#t(`tieDirection.${t.direction}`),
      name: other,
    });
  }

  #renderTable(view: NetworkView): TemplateResult {
    const rows = [...view.members].sort(
      (a, b) =>
        a.member.ring - b.member.ring ||
        SECTORS.indexOf(a.member.sector) - SECTORS.indexOf(b.member.sector) ||
        a.name.localeCompare(b.name, this.#i18n.locale),
    );
    const personId = view.person.id;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="table-caption">
      <table part="table">
        <caption id="table-caption">${this.#t('table.caption', { name: view.personName })}</caption>
        <thead>
          <tr>
            <th scope="col">${this.#t('table.member')}</th>
            <th scope="col">${this.#t('table.relationship')}</th>
            <th scope="col">${this.#t('table.sector')}</th>
            <th scope="col">${this.#t('table.ring')}</th>
            <th scope="col">${this.#t('table.support')}</th>
            <th scope="col">${this.#t('table.tie')}</th>
            <th scope="col">${this.#t('table.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((m) => {
            const tie = view.ties.find((t) => t.tie.from === personId && t.tie.to === m.member.id)?.tie;
            return html`<tr>
              <th scope="row">${m.name}</th>
              <td>${m.relationship || '—'}</td>
              <td>${this.#t(`sector.${m.member.sector}`)}</td>
              <td>${this.#t(`ring.${m.member.ring}`)}</td>
              <td>${m.member.support.length ? m.member.support.map((s) => this.#t(`support.${s}`)).join(', ') : this.#t('details.noSupport')}</td>
              <td>
                ${tie
                  ? `${this.#t(`tieStrength.${tie.strength}`)}, ${this.#t(`tieQuality.${tie.quality}`)}, ${this.#t(`tieDirection.${tie.direction}`)}`
                  : this.#t('table.noTie')}
              </td>
              <td>${this.#t(`memberStatus.${m.status}`)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  /* ---------------------------------------------------------------- details panel and forms */

  #renderPanel(record: CaseRecord, view: NetworkView): TemplateResult {
    const panel = this.panel;
    if (this.#canEdit && panel.kind === 'member-form') return this.#renderMemberForm(record, panel.memberId);
    if (this.#canEdit && panel.kind === 'tie-form') return this.#renderTieForm(record, view, panel.tieId, panel.from);
    if (this.#canEdit && panel.kind === 'confirm-remove') {
      const m = view.byId.get(panel.memberId);
      return html`<h2 class="panel-title" id="panel-title">${this.#t('edit.remove')}</h2>
        ${this.#renderFormErrors()}
        <p>${this.#t('edit.confirmRemove', { name: m?.name ?? '' })}</p>
        <div class="od-button-group">
          <button type="button" class="od-button od-button--warning" ?disabled=${this.busy} @click=${() => this.#removeMember(panel.memberId)}>${this.#t('edit.confirm')}</button>
          <button type="button" class="od-button od-button--secondary" @click=${this.#closePanel}>${this.#t('form.cancel')}</button>
        </div>`;
    }
    if (this.#canEdit && panel.kind === 'confirm-remove-tie') {
      return html`<h2 class="panel-title" id="panel-title">${this.#t('edit.removeTie')}</h2>
        ${this.#renderFormErrors()}
        <p>${this.#t('edit.confirmRemoveTie')}</p>
        <div class="od-button-group">
          <button type="button" class="od-button od-button--warning" ?disabled=${this.busy} @click=${() => this.#removeTie(panel.tieId)}>${this.#t('edit.confirm')}</button>
          <button type="button" class="od-button od-button--secondary" @click=${this.#closePanel}>${this.#t('form.cancel')}</button>
        </div>`;
    }
    const key = this.hoverId ?? this.activeId ?? this.selectedId;
    if (key === PERSON_KEY) {
      return html`<h2 class="panel-title" id="panel-title">${view.personName}</h2>
        <p>${this.#t('person.label')}</p>
        <p>${this.#t('details.members', { count: view.members.length })}</p>`;
    }
    const m = key ? view.byId.get(key) : undefined;
    if (!m) {
      return html`<h2 class="panel-title" id="panel-title">${this.#t('details.title')}</h2>
        <p class="hint">${this.#t('details.none')}</p>`;
    }
    const { member } = m;
    const ties = view.ties.filter((t) => t.tie.from === member.id || t.tie.to === member.id);
    const nameOf = (id: string) => (id === view.person.id ? view.personName : (view.byId.get(id)?.name ?? ''));
    return html`<h2 class="panel-title" id="panel-title">${m.name}</h2>
      <dl class="facts">
        <dt>${this.#t('details.relationship')}</dt>
        <dd>${m.relationship || '—'}</dd>
        <dt>${this.#t('details.kind')}</dt>
        <dd>${this.#t(`kind.${member.kind}`)}</dd>
        <dt>${this.#t('details.sector')}</dt>
        <dd>${this.#t(`sector.${member.sector}`)}</dd>
        <dt>${this.#t('details.ring')}</dt>
        <dd>${this.#t(`ring.${member.ring}`)}</dd>
        <dt>${this.#t('details.support')}</dt>
        <dd>${member.support.length ? member.support.map((s) => this.#t(`support.${s}`)).join(', ') : this.#t('details.noSupport')}</dd>
        <dt>${this.#t('details.status')}</dt>
        <dd>${this.#t(`memberStatus.${m.status}`)}</dd>
        ${member.household ? html`<dt>${this.#t('details.household')}</dt><dd>${this.#t('details.yes')}</dd>` : nothing}
        ${member.carer ? html`<dt>${this.#t('details.carer')}</dt><dd>${this.#t('details.yes')}</dd>` : nothing}
        ${member.organisation && !this.initialsOnly ? html`<dt>${this.#t('details.organisation')}</dt><dd>${member.organisation}</dd>` : nothing}
      </dl>
      ${renderChangedBy(this.#history, { kind: 'member', id: member.id }, this.#i18n)}
      ${ties.length
        ? html`<p class="sub">${this.#t('details.ties')}</p>
            <ul class="ties-list">
              ${ties.map(
                ({ tie, label }) => html`<li>
                  ${this.#tieText(tie, nameOf(tie.from === member.id ? tie.to : tie.from))}${label ? html` (${label})` : nothing}
                  ${renderChangedBy(this.#history, { kind: 'tie', id: tie.id }, this.#i18n)}
                  ${this.#canEdit
                    ? html`<span class="od-button-group inline">
                        <button type="button" class="od-button od-button--secondary small" @click=${() => this.#openPanel({ kind: 'tie-form', tieId: tie.id })}>${this.#t('edit.editTie')}</button>
                        <button type="button" class="od-button od-button--secondary small" @click=${() => this.#openPanel({ kind: 'confirm-remove-tie', tieId: tie.id })}>${this.#t('edit.removeTie')}</button>
                      </span>`
                    : nothing}
                </li>`,
              )}
            </ul>`
        : nothing}
      ${this.#canEdit ? this.#renderMoveControls(member) : nothing}`;
  }

  #renderMoveControls(member: NetworkMember): TemplateResult {
    return html`<div class="move" role="group" aria-labelledby="move-title">
      <p class="sub" id="move-title">${this.#t('move.title')}</p>
      <div class="od-button-group">
        <button type="button" class="od-button od-button--secondary" data-move="closer" ?disabled=${member.ring === 1 || this.busy} @click=${(e: Event) => this.#moveRing(e, member, -1)}>
          ${this.#t('move.closer')}
        </button>
        <button type="button" class="od-button od-button--secondary" data-move="further" ?disabled=${member.ring === 3 || this.busy} @click=${(e: Event) => this.#moveRing(e, member, 1)}>
          ${this.#t('move.further')}
        </button>
      </div>
      <div class="move-sector">
        <label class="od-label" for="move-sector">${this.#t('move.sector')}</label>
        <span class="od-button-group">
          <select class="od-select" id="move-sector">
            ${SECTORS.map((s) => html`<option value=${s} ?selected=${s === member.sector}>${this.#t(`sector.${s}`)}</option>`)}
          </select>
          <button type="button" class="od-button od-button--secondary" ?disabled=${this.busy} @click=${() => this.#moveToSector(member)}>${this.#t('move.apply')}</button>
        </span>
      </div>
      <div class="od-button-group">
        <button type="button" class="od-button" @click=${() => this.#openPanel({ kind: 'member-form', memberId: member.id })}>${this.#t('edit.edit')}</button>
        <button type="button" class="od-button od-button--warning" @click=${() => this.#openPanel({ kind: 'confirm-remove', memberId: member.id })}>${this.#t('edit.remove')}</button>
      </div>
    </div>`;
  }

  #renderFormErrors() {
    return renderErrorSummary({ title: this.#t('form.errorSummaryTitle'), errors: this.formErrors, root: this.renderRoot as ShadowRoot });
  }

  #field(id: string, label: string, control: (describedBy: string | undefined, invalid: ReturnType<typeof ariaInvalid>) => TemplateResult, hint?: string) {
    const error = errorFor(this.formErrors, id);
    return renderField({
      id,
      label,
      hint,
      error,
      errorPrefix: this.#t('form.errorPrefix'),
      control: control(describedBy(id, { hint, error }), ariaInvalid(error)),
    });
  }

  #choice<T extends string | number>(id: string, label: string, values: readonly T[], current: T, text: (v: T) => string) {
    return this.#field(id, label, (d) => html`<select class="od-select" id=${id} name=${id} aria-describedby=${d ?? nothing}>
      ${values.map((v) => html`<option value=${String(v)} ?selected=${v === current}>${text(v)}</option>`)}
    </select>`);
  }

  /** An edit form whose member or tie has left the record (another widget, tab or the host removed it): say so, save nothing. */
  #renderGone(): TemplateResult {
    return html`<h2 class="panel-title" id="panel-title" tabindex="-1">${this.#t('edit.edit')}</h2>
      <p role="alert" class="gone">${this.#t('edit.gone')}</p>
      <button type="button" class="od-button od-button--secondary" @click=${() => this.#openPanel({ kind: 'details' })}>${this.#t('edit.close')}</button>`;
  }

  #renderMemberForm(record: CaseRecord, memberId: string | undefined): TemplateResult {
    const member = memberId ? record.members.find((m) => m.id === memberId) : undefined;
    if (memberId && !member) return this.#renderGone();
    const nameHint = this.#t('field.nameHint');
    const relHint = this.#t('field.relationshipHint');
    return html`<h2 class="panel-title" id="panel-title">${this.#t(member ? 'edit.edit' : 'edit.add')}</h2>
      ${this.#renderFormErrors()}
      <form novalidate @submit=${(e: Event) => this.#submitMember(e, member)}>
        ${this.#field('member-name', this.#t('field.name'), (d, inv) => html`<input class="od-input" id="member-name" name="member-name" autocomplete="off" .value=${member?.name ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />`, nameHint)}
        ${this.#field('member-relationship', this.#t('field.relationship'), (d, inv) => html`<input class="od-input" id="member-relationship" name="member-relationship" autocomplete="off" .value=${member?.relationship.text ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />`, relHint)}
        <fieldset class="od-fieldset">
          <legend class="od-legend">${this.#t('field.kind')}</legend>
          ${MEMBER_KINDS.map((k) => html`<label class="od-choice"><input type="radio" name="member-kind" value=${k} ?checked=${(member?.kind ?? 'person') === k} /> ${this.#t(`kind.${k}`)}</label>`)}
        </fieldset>
        ${this.#choice('member-sector', this.#t('field.sector'), SECTORS, member?.sector ?? 'family', (s) => this.#t(`sector.${s}`))}
        <fieldset class="od-fieldset">
          <legend class="od-legend">${this.#t('field.ring')}</legend>
          ${RINGS.map((r) => html`<label class="od-choice"><input type="radio" name="member-ring" value=${r} ?checked=${(member?.ring ?? 2) === r} /> ${this.#t(`ring.${r}`)}</label>`)}
        </fieldset>
        <fieldset class="od-fieldset">
          <legend class="od-legend">${this.#t('field.support')} <span class="optional">${this.#t('form.optional')}</span></legend>
          ${SUPPORT_TYPES.map((s) => html`<label class="od-choice"><input type="checkbox" name="member-support" value=${s} ?checked=${member?.support.includes(s) ?? false} /> ${this.#t(`support.${s}`)}</label>`)}
        </fieldset>
        <fieldset class="od-fieldset">
          <legend class="od-legend">${this.#t('field.about')} <span class="optional">${this.#t('form.optional')}</span></legend>
          <label class="od-choice"><input type="checkbox" name="member-household" ?checked=${member?.household ?? false} /> ${this.#t('field.household')}</label>
          <label class="od-choice"><input type="checkbox" name="member-carer" ?checked=${member?.carer ?? false} /> ${this.#t('field.carer')}</label>
        </fieldset>
        ${this.#choice('member-status', this.#t('field.status'), MEMBER_STATUSES, member?.status ?? 'active', (s) => this.#t(`memberStatus.${s}`))}
        <div class="od-button-group">
          <button class="od-button" ?disabled=${this.busy}>${this.#t('form.save')}</button>
          <button type="button" class="od-button od-button--secondary" @click=${this.#closePanel}>${this.#t('form.cancel')}</button>
        </div>
      </form>`;
  }

  #renderTieForm(record: CaseRecord, view: NetworkView, tieId: string | undefined, from: string | undefined): TemplateResult {
    const tie = tieId ? record.ties.find((t) => t.id === tieId) : undefined;
    if (tieId && !tie) return this.#renderGone();
    const ends = [{ id: record.person.id, name: view.personName }, ...view.members.map((m) => ({ id: m.member.id, name: m.name }))];
    const toError = errorFor(this.formErrors, 'tie-to');
    return html`<h2 class="panel-title" id="panel-title">${this.#t(tie ? 'edit.editTie' : 'edit.addTie')}</h2>
      ${this.#renderFormErrors()}
      <form novalidate @submit=${(e: Event) => this.#submitTie(e, tie)}>
        ${this.#choice('tie-from', this.#t('field.from'), ends.map((e) => e.id), tie?.from ?? from ?? record.person.id, (id) => ends.find((e) => e.id === id)?.name ?? id)}
        <div class="od-field ${toError ? 'od-field--error' : ''}">
          <label class="od-label" for="tie-to">${this.#t('field.to')}</label>
          ${renderFieldError('tie-to', toError, this.#t('form.errorPrefix'))}
          <select class="od-select" id="tie-to" name="tie-to" aria-describedby=${describedBy('tie-to', { error: toError }) ?? nothing} aria-invalid=${ariaInvalid(toError)}>
            <option value="" ?selected=${!tie}></option>
            ${view.members.map((m) => html`<option value=${m.member.id} ?selected=${tie?.to === m.member.id}>${m.name}</option>`)}
          </select>
        </div>
        ${this.#choice('tie-strength', this.#t('field.strength'), TIE_STRENGTHS, tie?.strength ?? 'moderate', (s) => this.#t(`tieStrength.${s}`))}
        ${this.#choice('tie-quality', this.#t('field.quality'), TIE_QUALITIES, tie?.quality ?? 'supportive', (s) => this.#t(`tieQuality.${s}`))}
        ${this.#choice('tie-direction', this.#t('field.direction'), TIE_DIRECTIONS, tie?.direction ?? 'none', (s) => this.#t(`tieDirection.${s}`))}
        ${this.#field('tie-label', `${this.#t('field.label')} ${this.#t('form.optional')}`, (d, inv) => html`<input class="od-input" id="tie-label" name="tie-label" autocomplete="off" .value=${tie?.label ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />`)}
        <div class="od-button-group">
          <button class="od-button" ?disabled=${this.busy}>${this.#t('form.save')}</button>
          <button type="button" class="od-button od-button--secondary" @click=${this.#closePanel}>${this.#t('form.cancel')}</button>
        </div>
      </form>`;
  }

  /* ---------------------------------------------------------------- edits */

  async #openPanel(panel: Panel): Promise<void> {
    this.panel = panel;
    this.formErrors = [];
    this.announcement = '';
    await this.updateComplete;
    const first = this.renderRoot.querySelector<HTMLElement>('.panel input, .panel select, .panel .od-button--warning');
    first?.focus();
  }

  #closePanel = async (): Promise<void> => {
    this.panel = { kind: 'details' };
    this.formErrors = [];
    await this.updateComplete;
    this.#focusNode(this.activeId ?? this.selectedId ?? PERSON_KEY);
  };

  async #apply(change: Change, fieldFor: (path: readonly (string | number)[]) => string | undefined, done: string): Promise<boolean> {
    this.busy = true;
    try {
      const result = await this.#data.apply(change);
      if (result.status === 'failed') {
        this.formErrors = formErrorsFrom(result.error, fieldFor, this.#t('form.saveFailed'));
        await this.updateComplete;
        if (this.panel.kind === 'details') this.announcement = this.formErrors.map((e) => e.message).join(' ');
        focusErrorSummary(this.renderRoot);
        return false;
      }
      this.formErrors = [];
      this.announcement = result.status === 'cancelled' ? this.#t('edit.cancelled') : done;
      return true;
    } finally {
      this.busy = false;
    }
  }

  #formValues(event: Event): FormData {
    event.preventDefault();
    return new FormData(event.currentTarget as HTMLFormElement);
  }

  async #submitMember(event: Event, existing: NetworkMember | undefined): Promise<void> {
    const data = this.#formValues(event);
    const name = String(data.get('member-name') ?? '').trim();
    const relationship = String(data.get('member-relationship') ?? '').trim();
    const errors: FormError[] = [];
    if (!name) errors.push({ field: 'member-name', message: this.#t('err.name') });
    else if (name.length > 200) errors.push({ field: 'member-name', message: this.#t('err.tooLong') });
    if (!relationship && !existing?.relationship.code) errors.push({ field: 'member-relationship', message: this.#t('err.relationship') });
    else if (relationship.length > 200) errors.push({ field: 'member-relationship', message: this.#t('err.tooLong') });
    if (errors.length) {
      this.formErrors = errors;
      await this.updateComplete;
      focusErrorSummary(this.renderRoot);
      return;
    }
    const member: NetworkMember = {
      ...(existing ?? { id: newId('m'), hiddenFrom: [] }),
      kind: oneOf(MEMBER_KINDS, data.get('member-kind'), 'person'),
      name,
      relationship: { ...(existing?.relationship.code ? { code: existing.relationship.code } : {}), ...(relationship ? { text: relationship } : {}) } as NetworkMember['relationship'],
      sector: oneOf(SECTORS, data.get('member-sector'), 'family'),
      ring: Number(oneOf(RINGS.map(String), data.get('member-ring'), '2')) as Ring,
      support: data.getAll('member-support').map(String).filter((s): s is SupportType => (SUPPORT_TYPES as readonly string[]).includes(s)),
      household: data.has('member-household'),
      carer: data.has('member-carer'),
      status: oneOf(MEMBER_STATUSES, data.get('member-status'), 'active'),
    };
    const change: Change = existing ? { type: 'member/update', member } : { type: 'member/add', member };
    const fieldFor = (path: readonly (string | number)[]) =>
      path[1] === 'name' ? 'member-name' : path[1] === 'relationship' ? 'member-relationship' : path[1] === 'status' ? 'member-status' : undefined;
    if (await this.#apply(change, fieldFor, this.#t('edit.saved'))) {
      this.activeId = member.id;
      await this.#closePanel();
    }
  }

  async #submitTie(event: Event, existing: Tie | undefined): Promise<void> {
    const data = this.#formValues(event);
    const from = String(data.get('tie-from') ?? '');
    const to = String(data.get('tie-to') ?? '');
    const label = String(data.get('tie-label') ?? '').trim();
    const errors: FormError[] = [];
    if (!to) errors.push({ field: 'tie-to', message: this.#t('err.to') });
    else if (to === from) errors.push({ field: 'tie-to', message: this.#t('err.sameEnds') });
    if (label.length > 200) errors.push({ field: 'tie-label', message: this.#t('err.tooLong') });
    if (errors.length) {
      this.formErrors = errors;
      await this.updateComplete;
      focusErrorSummary(this.renderRoot);
      return;
    }
    const { label: _old, ...base } = existing ?? { id: newId('t') };
    const tie: Tie = {
      ...base,
      from,
      to,
      strength: oneOf(TIE_STRENGTHS, data.get('tie-strength'), 'moderate') as TieStrength,
      quality: oneOf(TIE_QUALITIES, data.get('tie-quality'), 'supportive') as TieQuality,
      direction: oneOf(TIE_DIRECTIONS, data.get('tie-direction'), 'none') as TieDirection,
      ...(label ? { label } : {}),
    };
    const change: Change = existing ? { type: 'tie/update', tie } : { type: 'tie/add', tie };
    const fieldFor = (path: readonly (string | number)[]) =>
      path[1] === 'to' ? 'tie-to' : path[1] === 'from' ? 'tie-from' : path[1] === 'label' ? 'tie-label' : undefined;
    if (await this.#apply(change, fieldFor, this.#t('edit.saved'))) await this.#closePanel();
  }

  async #removeMember(id: string): Promise<void> {
    if (await this.#apply({ type: 'member/remove', memberId: id }, () => undefined, this.#t('edit.removed'))) {
      if (this.selectedId === id) this.#select(undefined);
      await this.#closePanel();
    }
  }

  async #removeTie(id: string): Promise<void> {
    if (await this.#apply({ type: 'tie/remove', tieId: id }, () => undefined, this.#t('edit.removed'))) await this.#closePanel();
  }

  async #move(member: NetworkMember, to: { ring?: Ring; sector?: Sector }): Promise<void> {
    const moved: NetworkMember = { ...member, ...to };
    if (moved.ring === member.ring && moved.sector === member.sector) return;
    const ok = await this.#apply({ type: 'member/update', member: moved }, () => undefined, '');
    if (ok && this.announcement === '') {
      const name = this.#view()?.byId.get(member.id)?.name ?? '';
      this.announcement = this.#t('move.done', { name, ring: this.#t(`ring.${moved.ring}`), sector: this.#t(`sector.${moved.sector}`) });
    }
  }

  /**
   * "Move closer" / "Move further away". A move into the innermost or outermost ring
   * disables the button just pressed; focus then goes to the other one, never to the page.
   */
  async #moveRing(event: Event, member: NetworkMember, step: -1 | 1): Promise<void> {
    const button = event.currentTarget as HTMLButtonElement;
    await this.#move(member, { ring: (member.ring + step) as Ring });
    await this.updateComplete;
    if (!button.disabled) return;
    const other = this.renderRoot.querySelector<HTMLButtonElement>(`[data-move="${step < 0 ? 'further' : 'closer'}"]`);
    (other && !other.disabled ? other : this.renderRoot.querySelector<HTMLElement>('#panel-title'))?.focus();
  }

  #moveToSector(member: NetworkMember): void {
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#move-sector');
    void this.#move(member, { sector: oneOf(SECTORS, select?.value, member.sector) });
  }

  /* ---------------------------------------------------------------- selection, focus, keyboard */

  #select(key: string | undefined): void {
    const view = this.#view();
    if (!view) return;
    if (key === undefined) {
      if (this.selectedId === undefined) return;
      this.selectedId = undefined;
      this.emit(new OdSelectEvent(null));
      return;
    }
    this.selectedId = key;
    this.activeId = key;
    if (key === PERSON_KEY) this.emit(new OdSelectEvent({ kind: 'person', person: view.person }));
    else {
      const m = view.byId.get(key);
      if (m) this.emit(new OdSelectEvent({ kind: 'member', member: m.member }));
    }
  }

  #toggleView = (): void => {
    this.view = this.view === 'table' ? 'map' : 'table';
  };

  #nodeEl(key: string): SVGGElement | null {
    return this.renderRoot.querySelector<SVGGElement>(`.node[data-key="${CSS.escape(key)}"]`);
  }

  async #focusNode(key: string): Promise<void> {
    this.activeId = key;
    await this.updateComplete;
    const el = this.#nodeEl(key);
    if (!el) return;
    el.focus();
    this.#keepInView(key);
  }

  /** Pans so the focused node is not outside the visible area (focus is never hidden). */
  #keepInView(key: string): void {
    const record = this.#data.record;
    const view = this.#view();
    if (!record || !view) return;
    const layout = this.#layout(record, view);
    const p = key === PERSON_KEY ? { x: 0, y: 0 } : layout.positions.get(key);
    if (!p) return;
    const e = this.#extent(layout);
    const { k, x, y } = this.zoom;
    const sx = p.x * k + x;
    const sy = p.y * k + y;
    const margin = (NODE_R + 12) * k;
    if (Math.abs(sx) + margin > e || Math.abs(sy) + margin > e) this.zoom = { k, x: -p.x * k, y: -p.y * k };
  }

  /* One listener each on the SVG for every member (a thousand members need no thousand listeners). */
  #keyOf(target: EventTarget | null): string | undefined {
    return (target instanceof Element ? target.closest('.node')?.getAttribute('data-key') : undefined) ?? undefined;
  }

  #onClick = (event: MouseEvent): void => {
    const key = this.#keyOf(event.target);
    if (key) this.#select(key);
  };

  #onPointerOver = (event: PointerEvent): void => {
    const key = this.#keyOf(event.target);
    if (key && key !== this.hoverId) this.hoverId = key;
  };

  #onPointerOut = (event: PointerEvent): void => {
    const from = this.#keyOf(event.target);
    if (from && this.#keyOf(event.relatedTarget) !== from && this.hoverId === from) this.hoverId = undefined;
  };

  #onFocusIn = (event: FocusEvent): void => {
    const key = (event.target as Element).closest?.('.node')?.getAttribute('data-key');
    if (!key) return;
    if (this.activeId !== key) this.activeId = key;
    // The details panel follows whichever came last: the pointer or the keyboard.
    this.hoverId = undefined;
    this.emit(new OdMemberFocusEvent(key === PERSON_KEY ? null : key));
  };

  #onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (next && (this.renderRoot.querySelector('svg.map')?.contains(next) ?? false)) return;
    this.emit(new OdMemberFocusEvent(null));
  };

  #onKeyDown = (event: KeyboardEvent): void => {
    const record = this.#data.record;
    const view = this.#view();
    if (!record || !view) return;
    const layout = this.#layout(record, view);
    const current = this.activeId ?? this.selectedId ?? PERSON_KEY;
    const arrow = ARROWS[event.key];
    if (arrow && (event.ctrlKey || event.altKey || event.metaKey)) {
      event.preventDefault();
      this.zoom = { ...this.zoom, x: this.zoom.x - arrow.x * PAN_STEP, y: this.zoom.y - arrow.y * PAN_STEP };
      return;
    }
    if (arrow) {
      event.preventDefault();
      const from = current === PERSON_KEY ? { x: 0, y: 0 } : (layout.positions.get(current) ?? { x: 0, y: 0 });
      const candidates: [string, Point][] = view.members.map((m) => [m.member.id, layout.positions.get(m.member.id) ?? { x: 0, y: 0 }]);
      if (current !== PERSON_KEY) candidates.push([PERSON_KEY, { x: 0, y: 0 }]);
      const next = nearestInDirection(from, arrow, candidates.filter(([id]) => id !== current));
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
        if (this.selectedId !== undefined) {
          event.preventDefault();
          this.#select(undefined);
        }
        return;
      case '+':
      case '=':
        event.preventDefault();
        this.#zoomBy(ZOOM_STEP);
        return;
      case '-':
      case '_':
        event.preventDefault();
        this.#zoomBy(1 / ZOOM_STEP);
        return;
      case '0':
        event.preventDefault();
        this.#resetZoom();
        return;
    }
  };

  /* ---------------------------------------------------------------- pan, zoom, drag */

  #zoomBy(factor: number, around: Point = { x: 0, y: 0 }): void {
    const { k, x, y } = this.zoom;
    const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k * factor));
    const f = next / k;
    // Keep the point under `around` (in viewBox units) where it is.
    this.zoom = { k: next, x: around.x - (around.x - x) * f, y: around.y - (around.y - y) * f };
  }

  #resetZoom = (): void => {
    this.zoom = { k: 1, x: 0, y: 0 };
  };

  /** A pointer position in viewBox units (before pan and zoom), from the untransformed frame around the SVG. */
  #svgPoint(event: PointerEvent | WheelEvent): Point {
    const frame = this.renderRoot.querySelector<HTMLElement>('.frame');
    if (!frame) return { x: 0, y: 0 };
    const r = frame.getBoundingClientRect();
    const svgEl = this.renderRoot.querySelector<SVGSVGElement>('svg.map');
    const s = svgEl ? this.#scale(svgEl) : 1;
    return { x: (event.clientX - (r.left + r.width / 2)) / s, y: (event.clientY - (r.top + r.height / 2)) / s };
  }

  /** A viewBox point in map units (undoing pan and zoom). */
  #mapPoint(p: Point): Point {
    const { k, x, y } = this.zoom;
    return { x: (p.x - x) / k, y: (p.y - y) / k };
  }

  #onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    this.#zoomBy(event.deltaY < 0 ? 1.1 : 1 / 1.1, this.#svgPoint(event));
  };

  #onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    const p = this.#svgPoint(event);
    this.#pointers.set(event.pointerId, p);
    if (this.#pointers.size === 2) {
      const [a, b] = [...this.#pointers.values()] as [Point, Point];
      this.#gesture = { kind: 'pinch', start: mid(a, b), origin: this.zoom, moved: true, distance: Math.hypot(a.x - b.x, a.y - b.y) };
      return;
    }
    const key = (event.target as Element).closest('.node')?.getAttribute('data-key') ?? undefined;
    this.#gesture = key && key !== PERSON_KEY && this.#canEdit ? { kind: 'node', id: key, start: p, origin: this.zoom, moved: false } : key ? undefined : { kind: 'pan', start: p, origin: this.zoom, moved: false };
  };

  #onPointerMove = (event: PointerEvent): void => {
    if (!this.#pointers.has(event.pointerId)) return;
    const p = this.#svgPoint(event);
    this.#pointers.set(event.pointerId, p);
    const g = this.#gesture;
    if (!g) return;
    if (g.kind === 'pinch' && this.#pointers.size === 2) {
      const [a, b] = [...this.#pointers.values()] as [Point, Point];
      const ratio = Math.hypot(a.x - b.x, a.y - b.y) / (g.distance || 1);
      this.zoom = g.origin;
      this.#zoomBy(ratio, g.start);
      return;
    }
    const dx = p.x - g.start.x;
    const dy = p.y - g.start.y;
    if (!g.moved && Math.hypot(dx, dy) < 6) return;
    if (!g.moved) {
      // Capture only once it is a drag, so that a plain click still reaches the member.
      (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
      g.moved = true;
    }
    if (g.kind === 'pan') this.zoom = { ...g.origin, x: g.origin.x + dx, y: g.origin.y + dy };
    else if (g.kind === 'node' && g.id) this.dragging = { id: g.id, at: this.#mapPoint(p) };
  };

  #onPointerUp = (event: PointerEvent): void => {
    this.#pointers.delete(event.pointerId);
    const g = this.#gesture;
    if (this.#pointers.size > 0) return;
    this.#gesture = undefined;
    const drag = this.dragging;
    this.dragging = undefined;
    if (!g || g.kind !== 'node' || !drag || event.type === 'pointercancel') return;
    const record = this.#data.record;
    const view = this.#view();
    const member = record?.members.find((m) => m.id === drag.id);
    if (!record || !view || !member) return;
    const place = placeAt(this.#layout(record, view), drag.at);
    void this.#move(member, { ring: place.ring, ...(place.sector ? { sector: place.sector } : {}) });
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // A server render (Lit SSR) connects the element too, with no document to listen on.
    if (!isServer) document.addEventListener(OdMemberFocusEvent.eventName, this.#onMemberFocus);
  }

  /**
   * Another widget (the timeline's attendee list, say) has a member in focus: ring them here
   * too, if it is under the same provider of this kit version (or, without a provider, anywhere).
   * The provider is looked up per event, not at connect: it may be registered after the map.
   */
  #onMemberFocus = (event: Event): void => {
    const path = event.composedPath();
    if (path.includes(this)) return;
    const provider = nearestProvider(this);
    if (provider && !path.includes(provider)) return;
    const id = (event as OdMemberFocusEvent).memberId;
    this.linkedId = id ?? undefined;
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener(OdMemberFocusEvent.eventName, this.#onMemberFocus);
    clearTimeout(this.#hitTimer);
    this.#hitTimer = undefined;
    this.#resize?.disconnect();
    this.#observed = undefined;
    this.#pointers.clear();
    this.#gesture = undefined;
    this.dragging = undefined;
  }

  /* ---------------------------------------------------------------- export */

  /** The key as on screen (its swatches and labels), the map's name and the summary, for export. */
  #legendText(): LegendText {
    const view = this.#view();
    const items = [...this.renderRoot.querySelectorAll('.legend-list li')].flatMap((li) => {
      const swatch = li.querySelector<SVGSVGElement>('svg.swatch');
      return swatch ? [{ swatch, label: (li.textContent ?? '').replace(/\s+/g, ' ').trim() }] : [];
    });
    return {
      title: view ? this.#t('map.label', { name: view.personName }) : '',
      heading: this.#t('legend.title'),
      items,
      summary: view ? this.#summary(view) : '',
    };
  }

  /**
   * The current view as a standalone SVG document (with a legend), as text. Names
   * follow `initials-only`, `audience` and `as-of`, as on screen.
   */
  toSVG(): string {
    const svgEl = this.renderRoot.querySelector<SVGSVGElement>('svg.map');
    if (!svgEl) throw new Error(`<${this.localName}>: there is no map to export (no record, or the table view is shown).`);
    return exportSvg(svgEl, this.#legendText());
  }

  /** The current view as a PNG image (with a legend), painted on a canvas: no image loading, so it works under a strict CSP. */
  toPNG(scale = 2): Promise<Blob> {
    const svgEl = this.renderRoot.querySelector<SVGSVGElement>('svg.map');
    if (!svgEl) return Promise.reject(new Error(`<${this.localName}>: there is no map to export (no record, or the table view is shown).`));
    return exportPng(svgEl, this.#legendText(), scale);
  }

  #fileName(ext: string): string {
    const id = this.#data.record?.id ?? 'network';
    return `network-map-${id}.${ext}`;
  }

  #downloadSvg = (): void => {
    downloadBlob(this.renderRoot as ShadowRoot, new Blob([this.toSVG()], { type: 'image/svg+xml' }), this.#fileName('svg'));
  };

  #downloadPng = async (): Promise<void> => {
    try {
      downloadBlob(this.renderRoot as ShadowRoot, await this.toPNG(), this.#fileName('png'));
    } catch (error) {
      this.dispatchEvent(new OdErrorEvent(error instanceof Error ? error : new Error(String(error))));
    }
  };
}

const round = (v: number) => Math.round(v * 10) / 10;
/** A label short enough not to run into its neighbours (the full name is in the accessible name and the details). */
const short = (name: string) => ([...name].length > 18 ? `${[...name].slice(0, 16).join('')}…` : name);
const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

