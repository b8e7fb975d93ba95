import { defaultInstruments, newId, type CaseRecord, type Change, type Episode, type Meeting, type NetworkMember, type Ratio } from '@odkit/core';
import {
  CaseController,
  HistoryController,
  SyncStatusController,
  inTimeZone,
  focusErrorSummary,
  formErrorsFrom,
  formatDate,
  formatDateTime,
  formatTime,
  LocaleController,
  OdElement,
  OdErrorEvent,
  OdMemberFocusEvent,
  OdSelectEvent,
  renderErrorState,
  renderErrorSummary,
  renderChangedBy,
  renderSyncStatus,
  syncStatusStyles,
  type FormError,
  type Message,
} from '@odkit/elements';
import { html, isServer, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { buildChange, draftFor, fieldForIssue, pickableMembers, readForm, renderMeetingForm, withPickable, type MeetingDraft } from './internal/meeting-form.js';
import { buildModel, inRange, latestEpisode, type TimelineModel } from './internal/model.js';
import { boundaries, DAY, HOUR, isRealDate, isTimeZone, localDate, nearClockChange, zoneName, type AxisUnit } from './internal/time.js';
import { timelineStyles } from './meeting-timeline.styles.js';
import { timelineStrings, type TimelineStrings } from './strings.js';

export type TimelineView = 'list' | 'matrix';
export type TimelineZoom = 'day' | 'week' | 'month';
const VIEWS: readonly TimelineView[] = ['list', 'matrix'];
const ZOOMS: readonly TimelineZoom[] = ['day', 'week', 'month'];
/** Pixels per day on the visual axis at each zoom. */
const SCALE: Record<TimelineZoom, number> = { day: 120, week: 24, month: 5 };
const DEFAULT_ZONE = 'Europe/London';
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;
/** Rows rendered beyond the visible ones, above and below, in a virtualised list. */
const OVERSCAN = 4;
/** The widest the axis is drawn, in pixels, and the most ticks and labels on it. */
const MAX_AXIS_WIDTH = 40_000;
const MAX_TICKS = 400;
const UNIT_DAYS: Record<AxisUnit, number> = { day: 1, week: 7, month: 30.4, year: 365.25 };
const MAX_LABELS = 400;
/** The most meetings (columns) the attendance matrix shows at once. */
const MATRIX_MAX = 100;

interface AxisLayout {
  readonly width: number;
  readonly x: (time: number) => number;
  readonly tickPath: string;
  readonly labels: readonly { x: number; text: string }[];
  readonly contact: number | null;
  readonly held: string;
  readonly planned: string;
  readonly cancelled: string;
}

type Form = { kind: 'new' } | { kind: 'edit'; id: string } | { kind: 'cancel'; id: string };

/**
 * Network meetings from first contact on: a visual time axis (hidden from assistive
 * technology) over a semantic list of meetings, a time-to-first-meeting badge, each
 * meeting's status, place, attendance, reflecting conversation, fidelity and next
 * meeting, an attendance matrix, and a summary of the measures from core's metrics.
 * With `editable`, meetings are recorded, edited and cancelled through a form.
 *
 * @tagname od-meeting-timeline
 * @fires od-select - A meeting was opened (`selection.kind` is `meeting`), a member chosen (`member`), or the details closed (`null`).
 * @fires od-member-focus - An attendee got focus (`memberId`), or focus left them (`null`).
 * @fires od-change - Cancelable: an edit, when there is no store (the widget applies it unless cancelled).
 * @fires od-error - The record, an attribute or a save could not be used; the widget shows why.
 * @csspart header - The episode line and the time-to-first-meeting badge.
 * @csspart badge - The time-to-first-meeting badge.
 * @csspart toolbar - View, scale and date-range controls.
 * @csspart axis - The visual time axis (aria-hidden).
 * @csspart list - The `<ol>` of meetings.
 * @csspart meeting - One meeting in the list (its button).
 * @csspart details - The meeting details (and the edit form).
 * @csspart matrix - The attendance table.
 * @csspart summary - The measures panel.
 * @csspart error - The error state.
 * @csspart sync-status - The status line shown with a syncing (offline) store: what is saved where.
 * @csspart sync-review - The panel to decide between this device's and the record's version of an edit.
 * @csspart changed-by - "Changed by … on …" in the meeting details.
 * @csspart field - A form field.
 * @csspart error-summary - A form's error summary.
 * @cssprop --od-timeline-held - Colour of held meetings on the axis (default: the primary colour).
 * @cssprop --od-timeline-planned - Colour of planned meetings on the axis.
 * @cssprop --od-timeline-cancelled - Colour of cancelled meetings on the axis.
 * @cssprop --od-timeline-met - Colour of a met target (always with a tick and text).
 * @cssprop --od-timeline-missed - Colour of a missed target (always with a cross and text).
 * @cssprop --od-timeline-list-height - Height of the scrolling list when it is virtualised (default 32em).
 */
export class OdMeetingTimeline extends OdElement {
  static override styles = [...timelineStyles, syncStatusStyles];

  /** The case record (property only); ignored inside an `<od-provider>` with a store. */
  @property({ attribute: false }) record: unknown;
  /** `en-GB` or `cy` (default: the provider's, else the nearest `lang`). */
  @property() locale: string | undefined;
  /** Per-instance string overrides, by key. */
  @property({ attribute: false }) strings: Partial<Record<string, Message>> | undefined;
  /** IANA time zone dates and times are shown and entered in (default: the provider's, else Europe/London). */
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;
  /** "Now", as an ISO date-time with offset; measures and the badge are taken as of it (default: the current time). */
  @property({ attribute: 'as-of' }) asOf: string | undefined;
  /** `list` (meetings) or `matrix` (attendance table). */
  @property({ reflect: true }) view: TimelineView = 'list';
  /** Scale of the time axis: `day`, `week` or `month`. */
  @property({ reflect: true }) zoom: TimelineZoom = 'week';
  /** Show meetings from this local date (`YYYY-MM-DD`) on. */
  @property({ attribute: 'range-start' }) rangeStart: string | undefined;
  /** Show meetings up to this local date (`YYYY-MM-DD`). */
  @property({ attribute: 'range-end' }) rangeEnd: string | undefined;
  /** The episode to show (default: the latest by first contact). */
  @property({ attribute: 'episode-id' }) episodeId: string | undefined;
  /** The instrument whose assessments give each meeting's fidelity score. */
  @property({ attribute: 'instrument-id' }) instrumentId = 'od-key-elements';
  /** Lets a person record, edit and cancel meetings. */
  @property({ type: Boolean, reflect: true }) editable = false;
  /** Above this many meetings the list is virtualised (only the rows in view are rendered). */
  @property({ type: Number, attribute: 'virtualise-above' }) virtualiseAbove = 60;

  @state() private focusedId: string | undefined;
  @state() private openId: string | undefined;
  @state() private form: Form | undefined;
  @state() private draft: MeetingDraft | undefined;
  @state() private formErrors: FormError[] = [];
  @state() private busy = false;
  @state() private cancelReason = '';
  @state() private rangeErrors: FormError[] = [];
  @state() private rangeOpen = false;
  @state() private announcement = '';
  @state() private windowStart = 0;

  readonly #data = new CaseController(this);
  readonly #i18n = new LocaleController<TimelineStrings>(this, timelineStrings);
  readonly #sync = new SyncStatusController(this, { store: () => this.#data.store });
  readonly #history = new HistoryController(this, { store: () => this.#data.store });
  #optionError: Error | undefined;
  #model: TimelineModel | undefined;
  #modelKey: unknown[] = [];
  /** Row and viewport heights of the virtualised list: estimates until measured. */
  #rowHeight = 76;
  #viewportHeight = 512;
  #pendingFocus: string | undefined;
  #scrollAxis = false;
  #clock: ReturnType<typeof setInterval> | undefined;
  #observed: Element | undefined;
  /** Measures the virtualised list's viewport and rows after layout (never during an update). */
  /** None when a server renders (Lit SSR): nothing is laid out there. */
  #resizes = isServer ? undefined : new ResizeObserver(() => {
    const viewport = this.#observed as HTMLElement | undefined;
    const row = viewport?.querySelector<HTMLElement>('li');
    if (!viewport || !row) return;
    const rowHeight = row.offsetHeight;
    const viewportHeight = viewport.clientHeight;
    if (rowHeight && viewportHeight && (rowHeight !== this.#rowHeight || viewportHeight !== this.#viewportHeight)) {
      this.#rowHeight = rowHeight;
      this.#viewportHeight = viewportHeight;
      this.requestUpdate();
    }
  });

  /** The record shown (the last valid one), if any. */
  get shownRecord(): CaseRecord | undefined {
    return this.#data.record;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#clock) clearInterval(this.#clock);
    this.#clock = undefined;
    this.#resizes?.disconnect();
    this.#observed = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record')) this.#data.setRecord(this.record);
    const optionKeys = ['view', 'zoom', 'rangeStart', 'rangeEnd', 'asOf', 'timeZone', 'episodeId', 'locale'] as const;
    if (optionKeys.some((k) => changed.has(k)) || changed.has('record')) {
      const message = this.#checkOptions();
      if (message !== this.#optionError?.message) {
        this.#optionError = message ? new Error(message) : undefined;
        if (this.#optionError) this.dispatchEvent(new OdErrorEvent(this.#optionError));
      }
    }
  }

  /* ---------------------------------------------------------------- options */

  #checkOptions(): string | undefined {
    const t = (key: keyof TimelineStrings & string, params?: Record<string, string>) => this.#i18n.t(key, params);
    const problems: string[] = [];
    if (!VIEWS.includes(this.view)) problems.push(t('error.option', { name: 'view', allowed: VIEWS.join(', ') }));
    if (!ZOOMS.includes(this.zoom)) problems.push(t('error.option', { name: 'zoom', allowed: ZOOMS.join(', ') }));
    for (const [name, value] of [['range-start', this.rangeStart], ['range-end', this.rangeEnd]] as const) {
      if (value && !isRealDate(value)) problems.push(t('error.optionDate', { name }));
    }
    if (this.asOf && !(ISO_DATE_TIME.test(this.asOf) && !Number.isNaN(Date.parse(this.asOf)))) {
      problems.push(t('error.optionDateTime', { name: 'as-of' }));
    }
    if (this.timeZone && !isTimeZone(this.timeZone)) problems.push(t('error.optionZone'));
    const record = this.#data.record;
    if (this.episodeId && record && !record.episodes.some((e) => e.id === this.episodeId)) problems.push(t('error.optionEpisode'));
    return problems.length ? problems.join(' ') : undefined;
  }

  get #view(): TimelineView {
    return VIEWS.includes(this.view) ? this.view : 'list';
  }
  get #zoom(): TimelineZoom {
    return ZOOMS.includes(this.zoom) ? this.zoom : 'week';
  }
  get #zone(): string {
    if (this.timeZone && isTimeZone(this.timeZone)) return this.timeZone;
    return this.#i18n.timeZone ?? DEFAULT_ZONE;
  }
  get #now(): number {
    return this.asOf && ISO_DATE_TIME.test(this.asOf) && !Number.isNaN(Date.parse(this.asOf)) ? Date.parse(this.asOf) : Date.now();
  }
  get #range(): [string | undefined, string | undefined] {
    const ok = (v: string | undefined) => (v && isRealDate(v) ? v : undefined);
    return [ok(this.rangeStart), ok(this.rangeEnd)];
  }

  #episode(record: CaseRecord): Episode | undefined {
    return (this.episodeId && record.episodes.find((e) => e.id === this.episodeId)) || latestEpisode(record);
  }

  #modelFor(record: CaseRecord, episode: Episode): TimelineModel {
    const asOf = this.asOf && ISO_DATE_TIME.test(this.asOf) ? this.asOf : undefined;
    const key = [record, episode.id, asOf, this.instrumentId];
    if (!this.#model || key.some((k, i) => k !== this.#modelKey[i])) {
      this.#model = buildModel(record, episode, asOf ?? new Date().toISOString(), this.instrumentId);
      this.#modelKey = key;
    }
    return this.#model;
  }

  /* ---------------------------------------------------------------- formatting */

  #t = (key: string, params?: Record<string, string | number>) => this.#i18n.t(key as keyof TimelineStrings & string, params);
  #dateTime = (time: number) => {
    const zone = this.#zone;
    const text = formatDateTime(time, this.#i18n.locale, { timeZone: zone });
    return nearClockChange(time, zone) ? `${text} ${zoneName(time, zone)}` : text;
  };
  #time = (time: number) => {
    const zone = this.#zone;
    const text = formatTime(time, this.#i18n.locale, { timeZone: zone });
    return nearClockChange(time, zone) ? `${text} ${zoneName(time, zone)}` : text;
  };
  #date = (time: number | string) => formatDate(time, this.#i18n.locale, { timeZone: this.#zone });
  #ratio = (r: Ratio) =>
    r.value === null
      ? this.#t('summary.none')
      : this.#t('summary.ratio', { percent: this.#i18n.percent(r.value), numerator: r.numerator, denominator: r.denominator });

  /* ---------------------------------------------------------------- render */

  protected override render() {
    const record = this.#data.record;
    const error = this.#data.error ?? this.#optionError;
    const errorState = html`${renderSyncStatus(this.#sync, inTimeZone(this.#i18n, this.#zone), { record, canDecide: this.editable, instruments: defaultInstruments })}${error ? renderErrorState(error, this.#i18n) : nothing}`;
    if (!record) return html`${errorState}${error ? nothing : html`<p>${this.#t('loading')}</p>`}`;
    const episode = this.#episode(record);
    if (!episode) return html`${errorState}<p part="header">${this.#t('timeline.noEpisode')}</p>`;
    const model = this.#modelFor(record, episode);
    const shown = this.#inRange(model);
    return html`${errorState}
      <section class="timeline" aria-labelledby="tl-title">
        ${guard([model, record, this.#i18n.locale, this.#zone, this.strings], () => this.#renderHeader(record, model))}
        ${guard(
          [record.episodes, model, this.#view, this.#zoom, ...this.#range, this.rangeErrors, this.rangeOpen, this.editable, this.#i18n.locale, this.#zone, this.strings],
          () => this.#renderToolbar(record, model),
        )}
        <p class="visually-hidden" role="status">${this.announcement}</p>
        ${this.#renderAxis(model, shown)}
        <div class="body">
          <div class="main">${this.#view === 'matrix' ? this.#renderMatrix(record, model, shown) : this.#renderList(model, shown)}</div>
          ${this.form || this.openId ? html`<div class="side">${this.#renderSide(record, model)}</div>` : nothing}
        </div>
        ${guard([model, this.#i18n.locale, this.#zone, this.strings, this.asOf], () => this.#renderSummary(model))}
      </section>`;
  }

  #renderHeader(record: CaseRecord, model: TimelineModel): TemplateResult {
    const first = model.summary.timeToFirstMeeting[0];
    const contact = Date.parse(model.episode.firstContact);
    let badge: TemplateResult = html``;
    if (first) {
      const d = (hours: number) => this.#i18n.duration(hours);
      let kind: 'met' | 'missed' | 'waiting' | 'overdue';
      let text: string;
      if (first.hours !== null) {
        kind = first.withinTarget ? 'met' : 'missed';
        text = first.withinTarget
          ? this.#t('badge.met', { time: d(first.hours) })
          : this.#t('badge.missed', { time: d(first.hours), over: d(first.hours - 24) });
      } else {
        const waited = first.awaitingHours ?? 0;
        kind = waited > 24 ? 'overdue' : 'waiting';
        text =
          kind === 'overdue'
            ? this.#t('badge.overdue', { time: d(waited), over: d(waited - 24) })
            : this.#t('badge.waiting', { time: d(waited), left: d(24 - waited) });
      }
      const icon = kind === 'met' ? '✓' : kind === 'waiting' ? '◷' : '✗';
      badge = html`<p class="badge badge--${kind}" part="badge" data-state=${kind}>
        <span class="badge__icon" aria-hidden="true">${icon}</span>
        <span><span class="visually-hidden">${this.#t('badge.label')}: </span>${text}</span>
      </p>`;
    }
    return html`<header class="header" part="header">
      <h2 id="tl-title" class="title" tabindex="-1">${this.#t('timeline.label')}: ${record.person.name}</h2>
      <p class="first-contact">
        <span class="marker-contact" aria-hidden="true">◆</span>
        ${this.#t('timeline.firstContact')}:
        <time datetime=${model.episode.firstContact}>${this.#dateTime(contact)}</time>
        · ${model.episode.responsibleTeam}${model.episode.referralSource ? html` · ${model.episode.referralSource}` : nothing}
      </p>
      ${badge}
    </header>`;
  }

  #renderToolbar(record: CaseRecord, model: TimelineModel): TemplateResult {
    const t = this.#t;
    const [from, to] = this.#range;
    const toggle = <V extends string>(label: string, values: readonly V[], current: V, key: string, set: (v: V) => void) =>
      html`<div class="toggle" role="group" aria-label=${label}>
        <span class="toggle__label" aria-hidden="true">${label}</span>
        ${values.map(
          (v) => html`<button type="button" class="od-button od-button--secondary" aria-pressed=${v === current ? 'true' : 'false'} data-toggle=${key} data-value=${v} @click=${() => set(v)}>
            ${t(`${key}.${v}`)}
          </button>`,
        )}
      </div>`;
    return html`<div class="toolbar" part="toolbar">
      ${record.episodes.length > 1
        ? html`<div class="episode">
            <label class="od-label" for="tl-episode">${t('timeline.episode')}</label>
            <select class="od-select" id="tl-episode" @change=${this.#episodeChanged}>
              ${[...record.episodes]
                .sort((a, b) => Date.parse(b.firstContact) - Date.parse(a.firstContact))
                .map(
                  (e) => html`<option value=${e.id} ?selected=${e.id === model.episode.id}>
                    ${t('timeline.episodeOption', { date: this.#date(e.firstContact), team: e.responsibleTeam })}
                  </option>`,
                )}
            </select>
          </div>`
        : nothing}
      ${toggle(t('view.label'), VIEWS, this.#view, 'view', (v) => this.#setView(v))}
      ${toggle(t('zoom.label'), ZOOMS, this.#zoom, 'zoom', (z) => this.#setZoom(z))}
      <div class="range-toggle">
        <button type="button" class="od-button od-button--secondary" id="range-toggle" aria-expanded=${this.rangeOpen ? 'true' : 'false'}
          aria-controls=${this.rangeOpen ? 'range' : nothing} @click=${this.#toggleRange}>
          ${t('range.choose')}
        </button>
        ${from || to
          ? html`<span class="range-current">${t('range.current', { from: from ? formatDate(from, this.#i18n.locale) : '…', to: to ? formatDate(to, this.#i18n.locale) : '…' })}</span>`
          : nothing}
      </div>
      ${this.rangeOpen ? this.#renderRangeForm(from, to) : nothing}
      ${this.editable
        ? html`<button class="od-button record" type="button" data-action="record" @click=${() => this.#openForm({ kind: 'new' })}>
            ${t('edit.record')}
          </button>`
        : nothing}
    </div>`;
  }

  // The date fields are rendered only while chosen: most visits never need them, and they are not free to create.
  #renderRangeForm(from: string | undefined, to: string | undefined): TemplateResult {
    const t = this.#t;
    const fromError = this.rangeErrors.find((e) => e.field === 'range-from');
    const toError = this.rangeErrors.find((e) => e.field === 'range-to');
    return html`
      <form class="range" id="range" novalidate @submit=${this.#applyRange}>
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('range.legend')}</legend>
          <div class="od-form-row">
            <div class="od-field ${fromError ? 'od-field--error' : ''}">
              <label class="od-label" for="range-from">${t('range.from')}</label>
              ${fromError ? html`<p class="od-field-error" id="range-from-error"><span class="visually-hidden">${t('form.errorPrefix')}</span> ${fromError.message}</p>` : nothing}
              <input class="od-input od-input--short" type="date" id="range-from" name="from" .value=${from ?? ''}
                aria-invalid=${fromError ? 'true' : nothing} aria-describedby=${fromError ? 'range-from-error' : nothing} />
            </div>
            <div class="od-field ${toError ? 'od-field--error' : ''}">
              <label class="od-label" for="range-to">${t('range.to')}</label>
              ${toError ? html`<p class="od-field-error" id="range-to-error"><span class="visually-hidden">${t('form.errorPrefix')}</span> ${toError.message}</p>` : nothing}
              <input class="od-input od-input--short" type="date" id="range-to" name="to" .value=${to ?? ''}
                aria-invalid=${toError ? 'true' : nothing} aria-describedby=${toError ? 'range-to-error' : nothing} />
            </div>
            <div class="od-button-group range__buttons">
              <button class="od-button od-button--secondary" type="submit">${t('range.apply')}</button>
              ${from || to ? html`<button class="od-button od-button--secondary" type="button" @click=${this.#clearRange}>${t('range.clear')}</button>` : nothing}
            </div>
          </div>
        </fieldset>
      </form>`;
  }

  /* ---------------------------------------------------------------- axis */

  #axis: { key: unknown[]; layout: AxisLayout } | undefined;

  /** Where everything on the axis goes; worked out again only when the meetings, range, zoom or zone change. */
  #axisLayout(model: TimelineModel, shown: readonly Meeting[]): AxisLayout {
    const zone = this.#zone;
    const zoom = this.#zoom;
    const key = [model, shown, zoom, zone];
    if (this.#axis && key.every((k, i) => k === this.#axis!.key[i])) return this.#axis.layout;
    const contact = Date.parse(model.episode.firstContact);
    const [from, to] = this.#range;
    let min = Infinity, max = -Infinity;
    for (const m of shown) {
      const t = model.times.get(m.id)!;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    const contactDay = from || to ? localDate(contact, zone) : '';
    const withContact = !(from && contactDay < from) && !(to && contactDay > to);
    if (withContact || min === Infinity) {
      min = Math.min(min, contact);
      max = Math.max(max, contact);
    }
    // Ticks at the zoom's unit, coarser when there would be thousands of them.
    const units: AxisUnit[] = ['day', 'week', 'month', 'year'];
    let unit = units[ZOOMS.indexOf(zoom)]!;
    while (unit !== 'year' && (max - min) / (UNIT_DAYS[unit] * DAY) > MAX_TICKS) unit = units[units.indexOf(unit) + 1]!;
    const ticks = boundaries(min, max, unit, zone);
    const start = ticks[0]!;
    const end = ticks.at(-1)!;
    // Very long histories are compressed so that the axis stays a drawable size.
    const px = Math.min(SCALE[zoom] / DAY, MAX_AXIS_WIDTH / Math.max(1, end - start));
    const width = Math.max(320, Math.round((end - start) * px) + 24);
    const x = (t: number) => Math.round((t - start) * px) + 12;
    const every = Math.max(1, Math.ceil(ticks.length / MAX_LABELS), Math.ceil(52 / (UNIT_DAYS[unit] * DAY * px)));
    const format = unit === 'year' ? { year: 'numeric' } as const : unit === 'month' ? { month: '2-digit', year: 'numeric' } as const : { day: 'numeric', month: 'numeric' } as const;
    // Axis labels are numeric: the axis is hidden from assistive technology, and the list carries the words.
    const label = new Intl.DateTimeFormat('en-GB', { ...format, timeZone: zone });
    // One path per status: thousands of meetings cost three elements, not thousands.
    const paths = { held: [] as string[], planned: [] as string[], cancelled: [] as string[] };
    for (const m of shown) {
      const cx = x(model.times.get(m.id)!);
      paths[m.status].push(m.status === 'cancelled' ? `M${cx - 5} 15l10 10m0 -10l-10 10` : `M${cx - 6} 20a6 6 0 1 0 12 0a6 6 0 1 0 -12 0`);
    }
    const layout: AxisLayout = {
      width,
      x,
      tickPath: ticks.map((b) => `M${x(b)} 34v8`).join(''),
      labels: ticks.filter((_, i) => i % every === 0).map((b) => ({ x: x(b) + 3, text: label.format(b) })),
      contact: withContact ? x(contact) : null,
      held: paths.held.join(''),
      planned: paths.planned.join(''),
      cancelled: paths.cancelled.join(''),
    };
    this.#axis = { key, layout };
    return layout;
  }

  #renderAxis(model: TimelineModel, shown: readonly Meeting[]): TemplateResult {
    const a = this.#axisLayout(model, shown);
    const focused = this.focusedId !== undefined && shown.some((m) => m.id === this.focusedId) ? model.times.get(this.focusedId) : undefined;
    return html`<div class="axis" part="axis" aria-hidden="true">
      <svg width=${a.width} height="64" viewBox=${`0 0 ${a.width} 64`} focusable="false">
        ${guard([a], () => svg`<line class="baseline" x1="0" x2=${a.width} y1="38" y2="38"></line>
          <path class="tick" d=${a.tickPath}></path>
          ${a.labels.map((l) => svg`<text class="tick-label" x=${l.x} y="56">${l.text}</text>`)}
          ${a.contact === null
            ? nothing
            : svg`<path class="contact" d=${`M${a.contact} 8l6 8l-6 8l-6 -8z`}></path><line class="contact-line" x1=${a.contact} x2=${a.contact} y1="24" y2="42"></line>`}
          <path class="m-held" d=${a.held}></path>
          <path class="m-planned" d=${a.planned}></path>
          <path class="m-cancelled" d=${a.cancelled}></path>`)}
        ${focused === undefined ? nothing : svg`<circle class="m-focus" cx=${a.x(focused)} cy="20" r="10"></circle>`}
      </svg>
    </div>`;
  }

  /* ---------------------------------------------------------------- list */

  #renderList(model: TimelineModel, shown: readonly Meeting[]): TemplateResult {
    if (model.meetings.length === 0) return html`<p class="empty">${this.#t('timeline.noMeetings')}</p>`;
    if (shown.length === 0) return html`<p class="empty">${this.#t('timeline.noneInRange')}</p>`;
    const focusIndex = Math.max(0, shown.findIndex((m) => m.id === this.focusedId));
    const focusId = shown[focusIndex]!.id;
    const virtual = shown.length > this.virtualiseAbove;
    let first = 0;
    let last = shown.length;
    if (virtual) {
      const perView = Math.ceil(this.#viewportHeight / this.#rowHeight);
      first = Math.max(0, Math.min(this.windowStart, shown.length - 1) - OVERSCAN);
      last = Math.min(shown.length, this.windowStart + perView + OVERSCAN);
    }
    const rows = shown.slice(first, last);
    const list = html`<ol
      class="list"
      part="list"
      start=${first + 1}
      aria-labelledby="tl-title"
      @keydown=${(e: KeyboardEvent) => this.#listKey(e, shown)}
      @focusin=${this.#listFocus}
    >
      ${repeat(
        rows,
        (m) => m.id,
        // A row is rendered again only when something it shows changes: scrolling renders just the rows coming into view.
        (m, i) =>
          guard([m, model, first + i, shown.length, m.id === focusId, this.openId === m.id, this.#i18n.locale, this.#zone, this.strings], () =>
            this.#renderRow(model, m, first + i, shown.length, m.id === focusId),
          ),
      )}
    </ol>`;
    return virtual
      ? html`<div class="viewport" data-virtual data-first=${first} data-last=${last} @scroll=${this.#scrolled}>${list}</div>`
      : list;
  }

  #renderRow(model: TimelineModel, m: Meeting, index: number, size: number, tabbable: boolean): TemplateResult {
    const t = this.#t;
    const time = model.times.get(m.id)!;
    const present = m.attendees.filter((a) => a.present).length + (m.personPresent ? 1 : 0);
    const fidelity = model.fidelity.get(m.id);
    const isFirst = m.id === model.firstMeetingId;
    const statusIcon = m.status === 'held' ? '●' : m.status === 'planned' ? '○' : '✕';
    return html`<li class="row row--${m.status}" aria-posinset=${index + 1} aria-setsize=${size} data-id=${m.id}>
      <button
        type="button"
        class="meeting"
        part="meeting"
        id=${`meeting-${m.id}`}
        tabindex=${tabbable ? '0' : '-1'}
        aria-expanded=${this.openId === m.id ? 'true' : 'false'}
        aria-controls=${this.openId === m.id ? 'details' : nothing}
        @click=${() => this.#open(m.id)}
      >
        <span class="meeting__line">
          <time class="meeting__when" datetime=${m.start}>${this.#dateTime(time)}</time>
          <span class="status status--${m.status}"><span aria-hidden="true">${statusIcon}</span> ${t(`meetingStatus.${m.status}`)}</span>
          ${isFirst ? html`<span class="tag">${t('meeting.first')}</span>` : nothing}
        </span>
        <span class="meeting__line meeting__facts">
          <span class="mode"><span class="mode__icon" aria-hidden="true">${MODE_ICONS[m.mode]}</span> ${t(`meetingMode.${m.mode}`)}${m.place ? `: ${m.place}` : ''}</span>
          ${m.status === 'held'
            ? html`<span>${t('meeting.attendance', { count: present })}</span>
                <span>${m.reflectingConversation ? html`<span aria-hidden="true">↻</span> ${t('meeting.reflecting')}` : t('meeting.noReflecting')}</span>
                ${model.continuity.has(m.id) ? html`<span class="continuity"><span aria-hidden="true">⟳</span> ${t('meeting.continuity')}</span>` : nothing}
                ${fidelity && fidelity.share !== null ? html`<span>${t('meeting.fidelity', { score: this.#i18n.percent(fidelity.share) })}</span>` : nothing}`
            : nothing}
        </span>
      </button>
    </li>`;
  }

  #listKey(event: KeyboardEvent, shown: readonly Meeting[]): void {
    const target = event.target as HTMLElement;
    if (!target.matches('button.meeting')) return;
    const index = shown.findIndex((m) => `meeting-${m.id}` === target.id);
    if (index < 0) return;
    const page = Math.max(1, Math.floor(this.#viewportHeight / this.#rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: shown.length - 1,
      PageDown: index + page,
      PageUp: index - page,
    };
    if (event.key === 'Escape' && this.openId) {
      event.preventDefault();
      this.#close();
      return;
    }
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(shown.length - 1, moves[event.key]!));
    this.#focusMeeting(shown[next]!.id, next);
  }

  #listFocus = (event: FocusEvent) => {
    const id = (event.target as HTMLElement).closest('li')?.dataset.id;
    if (id && id !== this.focusedId) {
      this.focusedId = id;
      this.#scrollAxis = true;
    }
  };

  /** Moves the roving focus to a meeting, bringing it into the rendered window first. */
  async #focusMeeting(id: string, index?: number): Promise<void> {
    this.focusedId = id;
    this.#scrollAxis = true;
    const viewport = this.renderRoot.querySelector<HTMLElement>('.viewport');
    if (viewport && index !== undefined) {
      const rowTop = index * this.#rowHeight;
      if (rowTop < viewport.scrollTop || rowTop + this.#rowHeight > viewport.scrollTop + viewport.clientHeight) {
        viewport.scrollTop = Math.max(0, rowTop - (rowTop < viewport.scrollTop ? 0 : viewport.clientHeight - this.#rowHeight));
      }
      this.windowStart = Math.floor(viewport.scrollTop / this.#rowHeight);
    }
    this.#pendingFocus = `meeting-${id}`;
    this.requestUpdate();
    await this.updateComplete;
  }

  #scrolled = (event: Event) => {
    const viewport = event.currentTarget as HTMLElement;
    const start = Math.floor(viewport.scrollTop / this.#rowHeight);
    if (start === this.windowStart) return;
    this.windowStart = start;
    // Focus on a row about to scroll out of the rendered window moves to a row still in it.
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    const shown = this.#shown();
    const perView = Math.ceil(this.#viewportHeight / this.#rowHeight);
    const index = shown.findIndex((m) => m.id === this.focusedId);
    if (index >= 0 && (index < start - OVERSCAN || index >= start + perView + OVERSCAN)) {
      const next = shown[Math.min(shown.length - 1, start)]!;
      this.focusedId = next.id;
      if (active?.matches('button.meeting')) this.#pendingFocus = `meeting-${next.id}`;
    }
  };

  #shown(): readonly Meeting[] {
    const record = this.#data.record;
    const episode = record && this.#episode(record);
    if (!record || !episode) return [];
    return this.#inRange(this.#modelFor(record, episode));
  }

  #filtered: { key: unknown[]; shown: readonly Meeting[] } | undefined;

  /** The model's meetings within the date range, kept while nothing they depend on changes. */
  #inRange(model: TimelineModel): readonly Meeting[] {
    const [from, to] = this.#range;
    const key = [model, from, to, this.#zone];
    if (!this.#filtered || key.some((k, i) => k !== this.#filtered!.key[i])) {
      this.#filtered = { key, shown: inRange(model, this.#zone, from, to) };
    }
    return this.#filtered.shown;
  }

  /* ---------------------------------------------------------------- details */

  #open(id: string): void {
    const meeting = this.#data.record?.meetings.find((m) => m.id === id);
    if (!meeting) return;
    this.focusedId = id;
    this.openId = id;
    this.form = undefined;
    this.#pendingFocus = 'details-title';
    this.emit(new OdSelectEvent({ kind: 'meeting', meeting }));
  }

  #close(): void {
    const id = this.openId;
    this.openId = undefined;
    this.form = undefined;
    this.emit(new OdSelectEvent(null));
    if (id) this.#returnTo(id);
  }

  #returnTo(id: string): void {
    const index = this.#shown().findIndex((m) => m.id === id);
    if (index >= 0 && this.#view === 'list') void this.#focusMeeting(id, index);
    else this.#pendingFocus = 'tl-title';
  }

  #renderSide(record: CaseRecord, model: TimelineModel): TemplateResult {
    if (this.form?.kind === 'cancel') return this.#renderCancel(record, this.form.id);
    if (this.form && this.draft) return this.#renderForm(record);
    const meeting = record.meetings.find((m) => m.id === this.openId);
    if (!meeting) return html``;
    return this.#renderDetails(record, model, meeting);
  }

  #renderDetails(record: CaseRecord, model: TimelineModel, m: Meeting): TemplateResult {
    const t = this.#t;
    const time = Date.parse(m.start);
    const fidelity = model.fidelity.get(m.id);
    const groups = (['facilitator', 'peer-worker', 'network', 'other'] as const)
      .map((role) => ({ role, list: m.attendees.filter((a) => a.role === role) }))
      .filter((g) => g.list.length);
    const attendance = (present: boolean) =>
      m.status === 'held' ? t(present ? 'details.present' : 'details.absent') : t('details.invited');
    const yesNo = (v: boolean) => t(v ? 'details.yes' : 'details.no');
    const next = m.nextMeeting;
    return html`<section id="details" class="details" part="details" aria-labelledby="details-title" @keydown=${this.#sideKey}>
      <div class="details__head">
        <h3 id="details-title" tabindex="-1">${t('details.title', { date: this.#date(time) })}</h3>
        <button type="button" class="od-button od-button--secondary close" data-action="close" @click=${() => this.#close()}>
          ${t('details.close')}
        </button>
      </div>
      <dl class="facts">
        <dt>${t('details.when')}</dt>
        <dd><time datetime=${m.start}>${this.#dateTime(time)}</time>${m.end ? html`–<time datetime=${m.end}>${this.#time(Date.parse(m.end))}</time>` : nothing}</dd>
        ${m.end ? html`<dt>${t('details.duration')}</dt><dd>${this.#i18n.duration((Date.parse(m.end) - time) / HOUR)}</dd>` : nothing}
        <dt>${t('details.status')}</dt>
        <dd>${t(`meetingStatus.${m.status}`)}${m.id === model.firstMeetingId ? ` · ${t('meeting.first')}` : ''}</dd>
        <dt>${t('details.place')}</dt>
        <dd><span aria-hidden="true">${MODE_ICONS[m.mode]}</span> ${t(`meetingMode.${m.mode}`)}${m.place ? `: ${m.place}` : ''}</dd>
        ${m.cancellationReason ? html`<dt>${t('details.reason')}</dt><dd>${m.cancellationReason}</dd>` : nothing}
        ${m.status === 'held'
          ? html`<dt>${t('details.reflecting')}</dt><dd>${yesNo(m.reflectingConversation)}</dd>
              <dt>${t('details.continuity')}</dt>
              <dd>${m.id === model.firstMeetingId ? t('meeting.first') : t(model.continuity.has(m.id) ? 'meeting.continuity' : 'meeting.noContinuity')}</dd>
              ${fidelity
                ? html`<dt>${t('details.fidelity')}</dt>
                    <dd>${fidelity.share === null ? t('summary.none') : t('details.fidelityValue', { score: this.#i18n.percent(fidelity.share), count: fidelity.count })}</dd>`
                : nothing}
              <dt>${t('meeting.next')}</dt>
              <dd>
                ${next?.kind === 'date'
                  ? html`<time datetime=${next.at}>${this.#dateTime(Date.parse(next.at))}</time>`
                  : next?.kind === 'open'
                    ? t('meeting.nextOpen')
                    : t('meeting.nextNone')}
              </dd>`
          : nothing}
      </dl>
      ${renderChangedBy(this.#history, { kind: 'meeting', id: m.id }, inTimeZone(this.#i18n, this.#zone))}
      <h4>${t(m.status === 'held' ? 'details.attendees' : 'details.invitees')}</h4>
      <ul class="attendees" @focusin=${this.#attendeeFocus} @focusout=${this.#attendeeBlur}>
        <li>
          <span class="who">${record.person.name}</span>
          <span class="role">${t('details.subject')}</span>
          ${m.status === 'held' ? html`<span class="presence">${attendance(m.personPresent)}</span>` : nothing}
        </li>
        ${groups.flatMap((g) =>
          g.list.map((a) => {
            const member = model.members.get(a.memberId);
            return html`<li class=${a.present || m.status !== 'held' ? '' : 'absent'}>
              <button type="button" class="who member" data-member=${a.memberId} @click=${() => member && this.#selectMember(member)}>
                ${member?.name ?? a.memberId}
              </button>
              <span class="role">${t(`role.${a.role}`)}</span>
              <span class="presence">${attendance(a.present)}</span>
            </li>`;
          }),
        )}
      </ul>
      ${m.notes ? html`<h4>${t('details.notes')}</h4><p class="notes">${m.notes}</p>` : nothing}
      ${this.editable && m.status !== 'cancelled'
        ? html`<div class="od-button-group">
            <button type="button" class="od-button od-button--secondary" data-action="edit" @click=${() => this.#openForm({ kind: 'edit', id: m.id })}>
              ${t('details.edit')}
            </button>
            ${m.status === 'planned'
              ? html`<button type="button" class="od-button od-button--warning" data-action="cancel-meeting" @click=${() => this.#openForm({ kind: 'cancel', id: m.id })}>
                  ${t('details.cancelMeeting')}
                </button>`
              : nothing}
          </div>`
        : nothing}
    </section>`;
  }

  #sideKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    if (this.form) this.#closeForm();
    else this.#close();
  };

  #attendeeFocus = (event: FocusEvent) => {
    const id = (event.target as HTMLElement).dataset.member;
    if (id) this.emit(new OdMemberFocusEvent(id));
  };
  #attendeeBlur = (event: FocusEvent) => {
    const to = event.relatedTarget as HTMLElement | null;
    if ((event.target as HTMLElement).dataset.member && !to?.dataset.member) this.emit(new OdMemberFocusEvent(null));
  };

  #selectMember(member: NetworkMember): void {
    this.emit(new OdSelectEvent({ kind: 'member', member }));
  }

  /* ---------------------------------------------------------------- matrix */

  #renderMatrix(record: CaseRecord, model: TimelineModel, shown: readonly Meeting[]): TemplateResult {
    const t = this.#t;
    if (shown.length === 0) return html`<p class="empty">${t('matrix.empty')}</p>`;
    // A table is not virtualised: a long history shows its latest meetings, and the range reaches the rest.
    const total = shown.length;
    if (total > MATRIX_MAX) shown = shown.slice(-MATRIX_MAX);
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const m of shown) {
      for (const a of m.attendees) {
        if (seen.has(a.memberId)) continue;
        seen.add(a.memberId);
        ids.push(a.memberId);
      }
    }
    const cell = (state: 'present' | 'absent' | 'none') =>
      html`<td class="cell cell--${state}"><span aria-hidden="true">${state === 'present' ? '●' : state === 'absent' ? '○' : '–'}</span><span class="visually-hidden">${t(`matrix.${state === 'none' ? 'notInvited' : state}`)}</span></td>`;
    return html`${total > shown.length ? html`<p class="limited">${t('matrix.limited', { shown: shown.length, total })}</p>` : nothing}
      <div class="matrix-wrap" part="matrix" tabindex="0" role="region" aria-labelledby="matrix-caption">
        <table class="matrix">
          <caption id="matrix-caption">${t('matrix.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('matrix.member')}</th>
              ${shown.map(
                (m) => html`<th scope="col" class="col col--${m.status}">
                  <time datetime=${m.start}>${this.#dateTime(model.times.get(m.id)!)}</time>
                  ${m.status === 'held' ? nothing : html`<span class="col__status">${t(`meetingStatus.${m.status}`)}</span>`}
                </th>`,
              )}
            </tr>
          </thead>
          <tbody @focusin=${this.#attendeeFocus} @focusout=${this.#attendeeBlur}>
            <tr>
              <th scope="row">${record.person.name} <span class="role">${t('details.subject')}</span></th>
              ${shown.map((m) => (m.status === 'held' ? cell(m.personPresent ? 'present' : 'absent') : cell('none')))}
            </tr>
            ${ids.map((id) => {
              const member = model.members.get(id);
              return html`<tr>
                <th scope="row">
                  <button type="button" class="who member" data-member=${id} @click=${() => member && this.#selectMember(member)}>${member?.name ?? id}</button>
                </th>
                ${shown.map((m) => {
                  const a = m.attendees.find((x) => x.memberId === id);
                  return cell(!a || m.status !== 'held' ? 'none' : a.present ? 'present' : 'absent');
                })}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <p class="legend">
        <span><span aria-hidden="true">●</span> ${t('matrix.present')}</span>
        <span><span aria-hidden="true">○</span> ${t('matrix.absent')}</span>
        <span><span aria-hidden="true">–</span> ${t('matrix.notInvited')}</span>
      </p>`;
  }

  /* ---------------------------------------------------------------- summary */

  #renderSummary(model: TimelineModel): TemplateResult {
    const t = this.#t;
    const s = model.summary;
    const rate = (r: { perWeek: number | null }) => (r.perWeek === null ? t('summary.none') : this.#i18n.number(r.perWeek, { maximumFractionDigits: 1 }));
    const row = (label: string, metric: string, value: string) => html`<dt>${label}</dt><dd data-metric=${metric}>${value}</dd>`;
    const distinct = s.continuity.distinctPractitioners[0]?.count ?? 0;
    return html`<section class="summary" part="summary" aria-labelledby="summary-title">
      <h3 id="summary-title">${t('summary.title')}</h3>
      <p class="as-of">${t('summary.asOf', { date: this.#dateTime(this.#now) })}</p>
      <dl>
        ${row(t('summary.counts'), 'counts', t('summary.countsValue', { held: s.heldMeetings, planned: s.plannedMeetings, cancelled: s.cancelledMeetings }))}
        ${row(t('summary.firstMeeting'), 'firstMeetingWithinTarget', this.#ratio(s.firstMeetingWithinTarget))}
        ${row(t('summary.perWeekEarly'), 'meetingsPerWeek.early', rate(s.meetingsPerWeek.early))}
        ${row(t('summary.perWeekLater'), 'meetingsPerWeek.later', rate(s.meetingsPerWeek.later))}
        ${row(t('summary.twoPractitioners'), 'twoOrMorePractitioners', this.#ratio(s.twoOrMorePractitioners))}
        ${row(t('summary.peerWorker'), 'withPeerWorker', this.#ratio(s.withPeerWorker))}
        ${row(t('summary.networkMember'), 'withNetworkMember', this.#ratio(s.withNetworkMember))}
        ${row(
          t('summary.meanNetwork'),
          'meanNetworkMembersPresent',
          s.meanNetworkMembersPresent === null ? t('summary.none') : this.#i18n.number(s.meanNetworkMembersPresent, { maximumFractionDigits: 1 }),
        )}
        <dt>${t('summary.placeMix')}</dt>
        <dd data-metric="placeMix">
          <ul class="mix">
            ${(['home', 'clinic', 'remote', 'other'] as const).map(
              (mode) => html`<li data-mode=${mode}><span aria-hidden="true">${MODE_ICONS[mode]}</span> ${t(`meetingMode.${mode}`)}: ${this.#ratio(s.placeMix[mode])}</li>`,
            )}
          </ul>
        </dd>
        ${row(t('summary.continuity'), 'continuity.firstMeetingPractitioner', this.#ratio(s.continuity.firstMeetingPractitioner))}
        ${row(t('summary.distinct'), 'continuity.distinctPractitioners', this.#i18n.number(distinct))}
        ${row(t('summary.reflecting'), 'reflectingConversationRate', this.#ratio(s.reflectingConversationRate))}
      </dl>
    </section>`;
  }

  /* ---------------------------------------------------------------- editing */

  #openForm(form: Form): void {
    const record = this.#data.record;
    const episode = record && this.#episode(record);
    if (!record || !episode || !this.editable) return;
    const existing = form.kind === 'new' ? undefined : record.meetings.find((m) => m.id === form.id);
    if (form.kind !== 'new' && !existing) return;
    this.form = form;
    this.formErrors = [];
    this.cancelReason = '';
    const model = this.#modelFor(record, episode);
    this.draft = form.kind === 'cancel' ? undefined : draftFor(existing, record.members, model.meetings, this.#zone, this.#now);
    this.#pendingFocus = 'form-title';
  }

  #closeForm(): void {
    const form = this.form;
    this.form = undefined;
    this.draft = undefined;
    this.formErrors = [];
    if (form?.kind === 'new') {
      this.#pendingFocus = this.openId ? 'details-title' : 'record-button';
    } else {
      this.#pendingFocus = 'details-title';
    }
  }

  #renderForm(record: CaseRecord): TemplateResult {
    const t = this.#t;
    const existing = this.form?.kind === 'edit' ? record.meetings.find((m) => m.id === (this.form as { id: string }).id) : undefined;
    if (this.form?.kind === 'edit' && !existing) {
      // The meeting left the record while its form was open (the host replaced the record): save nothing.
      return html`<section class="details form" part="details" aria-labelledby="form-title" @keydown=${this.#sideKey}>
        <h3 id="form-title" tabindex="-1">${t('edit.titleEdit')}</h3>
        <p role="alert">${t('edit.gone')}</p>
        <button class="od-button od-button--secondary" type="button" data-action="cancel-form" @click=${() => this.#closeForm()}>${t('form.cancel')}</button>
      </section>`;
    }
    const members = pickableMembers(record.members, existing);
    return html`<section class="details form" part="details" aria-labelledby="form-title" @keydown=${this.#sideKey}>
      <h3 id="form-title" tabindex="-1">${t(existing ? 'edit.titleEdit' : 'edit.titleNew')}</h3>
      ${renderErrorSummary({ title: t('form.errorSummaryTitle'), errors: this.formErrors, root: this.renderRoot as ShadowRoot })}
      <form novalidate @submit=${this.#submit} @change=${this.#formChanged} @click=${this.#formClick}>
        ${renderMeetingForm({
          t,
          draft: withPickable(this.draft!, members, record.meetings),
          errors: this.formErrors,
          members,
          zoneName: this.#zone,
          busy: this.busy,
        })}
      </form>
    </section>`;
  }

  #formChanged = (event: Event) => {
    if (!this.draft) return;
    this.draft = readForm(event.currentTarget as HTMLFormElement, this.#pickableDraft(this.draft));
  };

  /** The draft with every member who can be picked now (the network may have changed since the form opened). */
  #pickableDraft(draft: MeetingDraft): MeetingDraft {
    const record = this.#data.record;
    if (!record) return draft;
    const existing = draft.id ? record.meetings.find((m) => m.id === draft.id) : undefined;
    return withPickable(draft, pickableMembers(record.members, existing), record.meetings);
  }

  #formClick = (event: Event) => {
    if ((event.target as HTMLElement).closest('[data-action="cancel-form"]')) this.#closeForm();
  };

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const record = this.#data.record;
    const episode = record && this.#episode(record);
    if (!record || !episode || !this.draft || this.busy) return;
    const draft = readForm(event.currentTarget as HTMLFormElement, this.#pickableDraft(this.draft));
    this.draft = draft;
    const existing = draft.id ? record.meetings.find((m) => m.id === draft.id) : undefined;
    // Editing a meeting no longer in the record must never record it again.
    if (draft.id && !existing) return;
    const built = buildChange(draft, {
      t: this.#t,
      zone: this.#zone,
      now: this.#now,
      episode: existing ? (record.episodes.find((e) => e.id === existing.episodeId) ?? episode) : episode,
      existing,
      formatDateTime: this.#dateTime,
      formatDate: (d) => formatDate(d, this.#i18n.locale),
      // Random ids (not a clock or counter): two devices adding offline must never collide.
      newId: () => newId('mt'),
    });
    if (!built.change) return this.#showErrors(built.errors);
    const errors = await this.#apply(built.change, (path) => fieldForIssue(path, built.meeting));
    if (errors) return this.#showErrors(errors);
    const id = built.meeting!.id;
    this.form = undefined;
    this.draft = undefined;
    this.formErrors = [];
    this.announcement = this.#t('edit.saved');
    this.#open(id);
    // A host that cancelled od-change applies the change itself: the new meeting may not be here yet.
    if (this.openId !== id) this.#pendingFocus = 'record-button';
  }

  async #apply(change: Change, fieldFor: (path: readonly (string | number)[]) => string | undefined): Promise<FormError[] | undefined> {
    this.busy = true;
    try {
      const result = await this.#data.apply(change);
      // Applied, or cancelled by a host that applies it itself: either way the form is done.
      return result.status === 'failed' ? formErrorsFrom(result.error, fieldFor, this.#t('form.saveFailed')) : undefined;
    } finally {
      this.busy = false;
    }
  }

  async #showErrors(errors: FormError[]): Promise<void> {
    this.formErrors = errors;
    await this.updateComplete;
    focusErrorSummary(this.renderRoot);
  }

  #renderCancel(record: CaseRecord, id: string): TemplateResult {
    const t = this.#t;
    const meeting = record.meetings.find((m) => m.id === id);
    if (!meeting) return html``;
    const error = this.formErrors.find((e) => e.field === 'cancel-reason');
    return html`<section class="details form" part="details" aria-labelledby="form-title" @keydown=${this.#sideKey}>
      <h3 id="form-title" tabindex="-1">${t('edit.cancelTitle', { date: this.#dateTime(Date.parse(meeting.start)) })}</h3>
      ${renderErrorSummary({ title: t('form.errorSummaryTitle'), errors: this.formErrors, root: this.renderRoot as ShadowRoot })}
      <form novalidate @submit=${(e: SubmitEvent) => this.#confirmCancel(e, meeting)}>
        <div class="od-field ${error ? 'od-field--error' : ''}" part="field">
          <label class="od-label" for="cancel-reason">${t('edit.cancelReason')} ${t('form.optional')}</label>
          ${error ? html`<p class="od-field-error" id="cancel-reason-error"><span class="visually-hidden">${t('form.errorPrefix')}</span> ${error.message}</p>` : nothing}
          <input class="od-input" id="cancel-reason" name="reason" .value=${this.cancelReason}
            aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? 'cancel-reason-error' : nothing}
            @input=${(e: Event) => (this.cancelReason = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="od-button-group">
          <button class="od-button od-button--warning" type="submit" ?disabled=${this.busy}>${t('edit.cancelConfirm')}</button>
          <button class="od-button od-button--secondary" type="button" @click=${() => this.#closeForm()}>${t('edit.keep')}</button>
        </div>
      </form>
    </section>`;
  }

  async #confirmCancel(event: SubmitEvent, meeting: Meeting): Promise<void> {
    event.preventDefault();
    const reason = this.cancelReason.trim();
    if (reason.length > 200) return this.#showErrors([{ field: 'cancel-reason', message: this.#t('error.reasonLong') }]);
    const change: Change = reason ? { type: 'meeting/cancel', meetingId: meeting.id, reason } : { type: 'meeting/cancel', meetingId: meeting.id };
    const errors = await this.#apply(change, (path) => (path.includes('reason') || path.includes('cancellationReason') ? 'cancel-reason' : undefined));
    if (errors) return this.#showErrors(errors);
    this.form = undefined;
    this.announcement = this.#t('edit.cancelled');
    this.#open(meeting.id);
  }

  /* ---------------------------------------------------------------- view state */

  #setView(view: TimelineView): void {
    if (view === this.view) return;
    this.view = view;
    this.announcement = this.#t(view === 'list' ? 'view.list' : 'view.matrix');
  }

  #setZoom(zoom: TimelineZoom): void {
    if (zoom === this.zoom) return;
    this.zoom = zoom;
    this.#scrollAxis = true;
    this.announcement = `${this.#t('zoom.label')}: ${this.#t(`zoom.${zoom}`)}`;
  }

  #episodeChanged = (event: Event) => {
    this.episodeId = (event.target as HTMLSelectElement).value;
    this.openId = undefined;
    this.form = undefined;
    this.focusedId = undefined;
    this.windowStart = 0;
  };

  #applyRange = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fromInput = form.querySelector<HTMLInputElement>('#range-from')!;
    const toInput = form.querySelector<HTMLInputElement>('#range-to')!;
    const errors: FormError[] = [];
    if (fromInput.validity.badInput || (fromInput.value && !isRealDate(fromInput.value))) errors.push({ field: 'range-from', message: this.#t('range.fromInvalid') });
    if (toInput.validity.badInput || (toInput.value && !isRealDate(toInput.value))) errors.push({ field: 'range-to', message: this.#t('range.toInvalid') });
    if (!errors.length && fromInput.value && toInput.value && toInput.value < fromInput.value) errors.push({ field: 'range-to', message: this.#t('range.order') });
    this.rangeErrors = errors;
    if (errors.length) {
      this.#pendingFocus = errors[0]!.field;
      return;
    }
    this.rangeStart = fromInput.value || undefined;
    this.rangeEnd = toInput.value || undefined;
    this.#rangeChanged();
  };

  #toggleRange = () => {
    this.rangeOpen = !this.rangeOpen;
    if (this.rangeOpen) this.#pendingFocus = 'range-from';
    else this.rangeErrors = [];
  };

  #clearRange = () => {
    this.rangeStart = undefined;
    this.rangeEnd = undefined;
    this.rangeErrors = [];
    this.#rangeChanged();
    this.#pendingFocus = 'range-from';
  };

  #rangeChanged(): void {
    this.windowStart = 0;
    const viewport = this.renderRoot.querySelector<HTMLElement>('.viewport');
    if (viewport) viewport.scrollTop = 0;
    // Announce what is shown now; focus stays on the control used.
    void this.updateComplete.then(() => {
      const shown = this.#shown();
      const total = this.#model?.meetings.length ?? 0;
      this.announcement = this.#t('timeline.shownOf', { shown: shown.length, total });
      if (this.openId && !shown.some((m) => m.id === this.openId)) this.openId = undefined;
    });
  }

  /* ---------------------------------------------------------------- after render */

  protected override updated(): void {
    const root = this.renderRoot as ShadowRoot;
    const viewport = root.querySelector<HTMLElement>('.viewport');
    const list = root.querySelector<HTMLElement>('.list');
    if (viewport && list) {
      if (this.#observed !== viewport) {
        this.#resizes?.disconnect();
        this.#resizes?.observe(viewport);
        this.#observed = viewport;
      }
      // Space for the rows not rendered, above and below, set through the CSSOM (no style attributes: strict CSP).
      const first = Number(viewport.dataset.first);
      const last = Number(viewport.dataset.last);
      const total = this.#shown().length;
      list.style.setProperty('padding-block-start', `${first * this.#rowHeight}px`);
      list.style.setProperty('padding-block-end', `${Math.max(0, total - last) * this.#rowHeight}px`);
    }
    if (this.#scrollAxis) {
      this.#scrollAxis = false;
      const axis = root.querySelector<HTMLElement>('.axis');
      const focus = root.querySelector<SVGCircleElement>('.m-focus');
      if (axis && focus) axis.scrollLeft = Math.max(0, Number(focus.getAttribute('cx')) - axis.clientWidth / 2);
    }
    if (this.#pendingFocus) {
      const id = this.#pendingFocus === 'record-button' ? null : this.#pendingFocus;
      const target = id ? root.getElementById(id) : root.querySelector<HTMLElement>('[data-action="record"]');
      this.#pendingFocus = undefined;
      target?.focus();
    }
    // While a first meeting is awaited and "now" is the clock, keep the badge's count running.
    const awaiting = !this.asOf && this.#model?.summary.timeToFirstMeeting[0]?.firstMeetingId === null;
    if (awaiting && !this.#clock) {
      this.#clock = setInterval(() => {
        this.#modelKey = [];
        this.requestUpdate();
      }, 60_000);
    } else if (!awaiting && this.#clock) {
      clearInterval(this.#clock);
      this.#clock = undefined;
    }
  }
}

const MODE_ICONS: Record<Meeting['mode'], string> = { home: '⌂', clinic: '✚', remote: '▭', other: '◇' };
