import { applyTimelineChange, defaultInstruments, type CaseRecord, type Meeting } from '@odkit/core';
import {
  BaseCaseController,
  HistoryController,
  SyncStatusController,
  inTimeZone,
  LinkedMemberController,
  LocaleController,
  DEFAULT_HEADING_LEVEL,
  OptionsController,
  OdElement,
  OdSelectEvent,
  renderErrorState,
  renderPrivacyNote,
  syncPrivacy,
  renderChangedBy,
  renderSyncStatus,
  syncStatusStyles,
  type Message,
  type PrivacyOptions,
} from '@odkit/elements';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { timelineStyles } from './meeting-timeline.styles.js';
import { timelineStrings, type TimelineStrings } from './strings.js';
import { AxisScrollController } from './internal/axis-scroll-controller.js';
import { attendeeHandlers } from './internal/attendee-events.js';
import { axisLayout, renderAxis } from './internal/axis.js';
import { ClockController } from './internal/clock-controller.js';
import { FocusAfterRender } from './internal/focus-after-render.js';
import { renderDetails } from './internal/details.js';
import { renderEpisodeActions, renderHeader } from './internal/header.js';
import { linkedAnnouncement, renderList } from './internal/list.js';
import { renderMatrix } from './internal/matrix.js';
import { TimelineEditing } from './internal/editing.js';
import type { EditForm } from './internal/meeting-edits.js';
import {
  memoLast,
  type TimelineModel,
  type TimelineScale,
  type TimelineView,
  type TimelineZoom,
} from './internal/model.js';
import { optionProblems } from './internal/options.js';
import { RangeEdits } from './internal/range-edits.js';
import { RovingRow } from './internal/roving-row.js';
import { ShownTimeline } from './internal/shown-timeline.js';
import { renderSummary } from './internal/summary.js';
import { renderToolbar } from './internal/toolbar.js';
import { timelineFormats, type T, type TimelineFormats, type TimelineHandlers } from './internal/view-kit.js';
import { VirtualListController } from './internal/virtual-list-controller.js';

export type { TimelineScale, TimelineView, TimelineZoom };

/**
 * Network meetings from first contact on: a visual time axis (hidden from assistive
 * technology) over a semantic list of meetings, a time-to-first-meeting badge, each
 * meeting's status, place, attendance, reflecting conversation, fidelity and next
 * meeting, an attendance matrix, and a summary of the measures from core's metrics.
 * With `editable`, meetings are recorded, edited and cancelled through a form, and episodes opened, finished and
 * handed over to another team.
 *
 * @tagname od-meeting-timeline
 * @fires od-select - A person opened a meeting (`selection.kind` is `meeting`), chose a member (`member`), or closed
 * the details (`null`); not fired when the host sets `selectedId`.
 * @fires od-member-focus - An attendee got focus (`memberId`), or focus left them (`null`).
 * @fires od-change - An edit to the case record (`change`: a typed Change such as rate-item), fired only without a
 * store, before the widget applies it to `record`; cancelable, to apply it yourself. Not "the value changed".
 * @fires od-error - The record, an attribute or a save could not be used; the widget shows why.
 * @slot heading - The timeline's title in the host's words (default "Meeting timeline: <name>"), inside its heading.
 * @slot hint - Text under the title (a hint, as GOV.UK puts under a heading).
 * @slot empty - What to say when the episode has no meetings (default "No meetings have been recorded yet.").
 * @csspart base - The timeline's outer box (everything it draws).
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
 * @csspart privacy - "Initials only · Shown to: …" when `initials-only` or `audience` is set.
 * @cssprop --od-meeting-timeline-held - Colour of held meetings on the axis (default: the primary colour).
 * @cssprop --od-meeting-timeline-planned - Colour of planned meetings on the axis.
 * @cssprop --od-meeting-timeline-cancelled - Colour of cancelled meetings on the axis.
 * @cssprop --od-meeting-timeline-met - Colour of a met target (always with a tick and text).
 * @cssprop --od-meeting-timeline-missed - Colour of a missed target (always with a cross and text).
 * @cssprop --od-meeting-timeline-list-height - Height of the scrolling list when it is virtualised (default 32em).
 */
export class OdMeetingTimeline extends OdElement {
  static override styles = [...timelineStyles, syncStatusStyles];

  /**
   * Reactive properties and state, each documented where it is declared below. A table rather than decorators, so
   * the shipped bundle carries no decorator calls or helpers (about 0.4 kB gzip a widget; docs/performance.md).
   */
  static override properties = {
    record: { attribute: false },
    locale: {},
    strings: { attribute: false },
    timeZone: { attribute: 'time-zone' },
    asOf: { attribute: 'as-of' },
    view: { reflect: true },
    scale: { reflect: true },
    zoom: { attribute: 'zoom' },
    rangeStart: { attribute: 'range-start' },
    rangeEnd: { attribute: 'range-end' },
    episodeId: { attribute: 'episode-id' },
    instrumentId: { attribute: 'instrument-id' },
    editable: { type: Boolean, reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    audience: {},
    initialsOnly: { type: Boolean, reflect: true, attribute: 'initials-only' },
    virtualiseAbove: { type: Number, attribute: 'virtualise-above' },
    selectedId: { attribute: 'selected-id', reflect: true },
    announcement: { state: true, attribute: false },
  };

  /** The case record (property only); ignored inside an `<od-provider>` with a store. */
  record: unknown;
  /** `en-GB` or `cy` (default: the provider's, else the nearest `lang`). */
  locale: string | undefined;
  /** Per-instance string overrides, by key. */
  strings: Partial<Record<string, Message>> | undefined;
  /** IANA time zone dates and times are shown and entered in (default: the provider's, else Europe/London). */
  timeZone: string | undefined;
  /**
   * "Now": a date-time with offset, or a date (`YYYY-MM-DD`: the end of that day in the time zone), as `as-of` on
   * every widget; measures and the badge are taken as of it (default: the current time).
   */
  asOf: string | undefined;
  /** `list` (meetings) or `matrix` (attendance table). */
  view: TimelineView = 'list';
  /** Scale of the time axis: `day`, `week` (default) or `month`. */
  scale: TimelineScale = 'week';
  /**
   * The time axis's scale, under its old name (it is `scale` now: on the map, zoom is magnification).
   * @deprecated Use `scale`; `zoom` warns once and goes in the next release.
   */
  get zoom(): TimelineScale {
    return this.scale;
  }
  set zoom(value: TimelineScale) {
    if (!this.#zoomWarned) console.warn('Open Dialogue Kit: <od-meeting-timeline> zoom is deprecated: use scale.');
    this.#zoomWarned = true;
    this.scale = value;
  }
  #zoomWarned = false;
  /** Show meetings from this local date (`YYYY-MM-DD`) on. */
  rangeStart: string | undefined;
  /** Show meetings up to this local date (`YYYY-MM-DD`). */
  rangeEnd: string | undefined;
  /** The episode to show (default: the latest by first contact). */
  episodeId: string | undefined;
  /**
   * The instrument whose complete assessments give each meeting's fidelity score (default: every
   * instrument the episode was assessed with, each score naming its instrument when there are several).
   */
  instrumentId: string | undefined;
  /**
   * Lets a person record, edit and cancel meetings, and open, finish and hand over episodes (not with
   * `initials-only`: the forms hold full names).
   */
  editable = false;
  /**
   * The level of the timeline's title (1–6, default 2), so it fits under the page's headings; its other
   * headings go down from it.
   */
  headingLevel: number = DEFAULT_HEADING_LEVEL;
  /**
   * An audience id (e.g. `family`): members hidden from it (`hiddenFrom`) are left out everywhere, as on the map: in
   * attendees, the attendance matrix, the meeting form and the measures.
   */
  audience: string | undefined;
  /**
   * Show names as initials and leave out free text that may identify someone (place, notes, reasons, referral
   * source); editing is off. For shared screens.
   */
  initialsOnly = false;
  /** Above this many meetings the list is virtualised (only the rows in view are rendered). */
  virtualiseAbove = 60;

  /**
   * The meeting whose details are open (its id); a host may set it to open a meeting's details (no event fires, and
   * focus stays where it is). A person opening or closing details fires `od-select` and updates it. An id that names
   * no meeting of the record opens nothing.
   */
  selectedId: string | undefined;
  private announcement = '';

  readonly #data = new BaseCaseController(this, applyTimelineChange);
  readonly #i18n = new LocaleController<TimelineStrings>(this, timelineStrings);
  readonly #sync = new SyncStatusController(this, { store: () => this.#data.store });
  readonly #history = new HistoryController(this, { store: () => this.#data.store });
  /** The virtualised list's window, measurements and scrolling. */
  readonly #list = new VirtualListController(this);
  readonly #axisScroll = new AxisScrollController(this);
  /**
   * The member another widget points at (`od-member-focus`, the map's selection): their meetings and matrix row are
   * highlighted.
   */
  readonly #linked = new LinkedMemberController(this, (id) => {
    // Says in words what the highlight shows: whose meetings, and how many of those shown.
    const model = this.#shown.modelShown();
    if (model) this.announcement = linkedAnnouncement(model, this.#shown.meetingsIn(model), id, this.#t);
  });
  /** While a first meeting is awaited and "now" is the clock, keeps the badge's count running. */
  readonly #clock = new ClockController(this, 60_000, () => {
    this.#shown.clockTick();
    this.requestUpdate();
  });
  /** Where focus goes after the next render (added after the list and axis controllers: it runs after them). */
  readonly #focus = new FocusAfterRender(this);
  /** The list's tab stop, and focus moved along the rows. */
  readonly #rows = new RovingRow(this, this.#list, this.#axisScroll, this.#focus.next);
  /** What the attributes and record come to: the view, zone, range, episode, model and meetings shown. */
  readonly #shown = new ShownTimeline(this, this.#data, this.#i18n);

  /** The record shown (the last valid one), if any. */
  get shownRecord(): CaseRecord | undefined {
    return this.#data.record;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record')) this.#data.setRecord(this.record);
    // A change saved elsewhere to the meeting being edited reaches its form's draft before the form renders again.
    this.#editing.reconcile();
    // Opened by the host: the list's tab stop follows (focus itself stays where the person has it).
    if (changed.has('selectedId') && !this.#selecting && this.selectedId) this.#rows.focusedId = this.selectedId;
    // A form open when the screen becomes shared holds full names and free text: it closes (nothing is saved).
    if (changed.has('initialsOnly') && this.initialsOnly) {
      if (this.#editing.meeting?.form) this.#editing.dismiss();
      this.#editing.dismissEpisode();
    }
  }

  /* ---------------------------------------------------------------- privacy */

  get #privacy(): PrivacyOptions {
    return { audience: this.audience || undefined, initialsOnly: this.initialsOnly };
  }
  /** Editing needs full names: off on a shared screen. */
  get #canEdit(): boolean {
    return this.editable && !this.initialsOnly;
  }
  /** Set while a person opens or closes details (the host's changes move the tab stop; theirs already did). */
  #selecting = false;

  /* ---------------------------------------------------------------- options */

  readonly #options = new OptionsController<keyof TimelineStrings & string>(this, {
    check: () => optionProblems(this, this.#data.record),
    t: (key, params) => this.#i18n.t(key, params),
  });

  /* ---------------------------------------------------------------- formatting */

  readonly #t: T = (key, params) => this.#i18n.t(key, params);
  /** The views' formatters: this element's locale and zone, read when called. */
  readonly #f: TimelineFormats = timelineFormats(
    this.#i18n,
    () => this.#shown.zoneShown,
    () => this.headingLevel,
  );

  /** The meeting and episode forms and the changes they make (their code fetched once the timeline is editable). */
  readonly #editing = new TimelineEditing(this, {
    editingOn: () => this.#canEdit,
    data: this.#data,
    t: this.#t,
    f: this.#f,
    zone: () => this.#shown.zoneShown,
    now: () => this.#shown.nowShown,
    focus: this.#focus.next,
    announce: (text: string) => (this.announcement = text),
    meeting: {
      model: () => this.#shown.modelShown(),
      opened: (id) => (this.#open(id), this.selectedId),
      openId: () => this.selectedId,
    },
    episode: {
      episode: () => this.#shown.modelShown()?.episode,
      opened: (id) => {
        this.episodeId = id;
        this.selectedId = undefined;
      },
      opening: () => this.#editing.dismiss(),
    },
  });
  /** The date-range form, open or not, and its errors. */
  readonly #rangeEdits = new RangeEdits(this, {
    t: this.#t,
    focus: this.#focus.next,
    apply: (from, to) => {
      this.rangeStart = from;
      this.rangeEnd = to;
      this.#rangeChanged();
    },
  });

  /* ---------------------------------------------------------------- render */

  protected override render() {
    return html`<div class="base" part="base">${this.#renderBase()}</div>`;
  }

  #renderBase() {
    const record = this.#shown.recordShown();
    const { viewShown: view, zoomShown: zoom, zoneShown: zone, rangeShown: range } = this.#shown;
    const [from, to] = range;
    const canEdit = this.#canEdit;
    const { locale } = this.#i18n;
    const error = this.#data.error ?? this.#options.error;
    const sync = { record, canDecide: canEdit, instruments: defaultInstruments, ...syncPrivacy(this.#privacy) };
    const errorState = html`${renderSyncStatus(this.#sync, inTimeZone(this.#i18n, zone), sync)}${error ? renderErrorState(error, this.#i18n) : nothing}`;
    if (!record) return html`${errorState}${error ? nothing : html`<p>${this.#t('loading')}</p>`}`;
    const episode = this.#shown.episodeOf(record);
    if (!episode) {
      const open = canEdit ? renderEpisodeActions(record, undefined, this.#t, this.#editing.openEpisode) : nothing;
      return html`${errorState}<p part="header">${this.#t('timeline.noEpisode')}</p>${open}${this.#editing.episode?.render() ?? nothing}`;
    }
    const model = this.#shown.modelOf(record, episode);
    const shown = this.#shown.meetingsIn(model);
    const t = this.#t;
    const f = this.#f;
    const rangeForm = this.#rangeEdits;
    const toolbar = { episodes: record.episodes, episodeId: model.episode.id, view, zoom, from, to, editable: canEdit };
    return html`${errorState}
      <section class="timeline" aria-labelledby="tl-title">
        ${guard([model, record, locale, zone, this.strings, this.headingLevel, canEdit], () =>
          renderHeader(record, model, t, f, canEdit ? this.#editing.openEpisode : undefined),
        )}
        ${renderPrivacyNote(this.#privacy, t)}
        ${guard(
          [
            ...Object.values(toolbar),
            rangeForm.errors,
            rangeForm.open,
            rangeForm.unavailable,
            locale,
            zone,
            this.strings,
          ],
          () =>
            renderToolbar(
              { ...toolbar, range: rangeForm, rangeForm: rangeForm.render(from, to, this.#on) },
              t,
              f,
              this.#on,
            ),
        )}
        <p class="visually-hidden" role="status">${this.announcement}</p>
        ${renderAxis(model, shown, this.#axisLayout(model, shown, zoom, zone, from, to), this.#rows.focusedId)}
        <div class="body">
          <div class="main">${view === 'matrix' ? renderMatrix(record, model, shown, t, f, this.#on, this.#linked.memberId) : this.#renderList(model, shown)}</div>
          ${this.#editing.episode?.form || this.#editing.meeting?.form || this.#editing.unavailable || record.meetings.some((m) => m.id === this.selectedId) ? html`<div class="side">${this.#renderSide(record, model)}</div>` : nothing}
        </div>
        ${guard([model, locale, zone, this.strings, this.asOf, this.headingLevel], () => renderSummary(model, this.#shown.nowShown, t, f))}
      </section>`;
  }

  /** The axis's layout, worked out again only when the meetings, range, zoom or zone change. */
  readonly #axisLayout = memoLast(axisLayout);

  #renderList(model: TimelineModel, shown: readonly Meeting[]): TemplateResult {
    const linked = this.#linked.memberId;
    return renderList(
      {
        model,
        shown,
        window: this.#list.window(shown.length, shown.length > this.virtualiseAbove),
        focusedId: this.#rows.focusedId,
        openId: this.selectedId,
        linked: this.#linkedOf(linked, linked && model.members.get(linked)?.name),
        deps: [this.#i18n.locale, this.#shown.zoneShown, this.strings],
      },
      this.#t,
      this.#f,
      this.#on,
    );
  }

  /** The linked member, kept as one object while the same so that list rows are not rendered again for nothing. */
  readonly #linkedOf = memoLast((id?: string, name?: string) => (id && name ? { id, name } : undefined));

  #renderSide(record: CaseRecord, model: TimelineModel): TemplateResult {
    const form = this.#editing.episode?.render() ?? this.#editing.render(record, this.#on);
    const meeting = record.meetings.find((m) => m.id === this.selectedId);
    if (form || !meeting) return form ?? html``;
    const entity = { kind: 'meeting', id: meeting.id } as const;
    const zoned = inTimeZone(this.#i18n, this.#shown.zoneShown);
    const changedBy = renderChangedBy(this.#history, entity, zoned, syncPrivacy(this.#privacy));
    return renderDetails({ record, model, meeting, editable: this.#canEdit, changedBy }, this.#t, this.#f, this.#on);
  }

  /** Every callback the views take, built once so that listeners keep their identity between renders. */
  readonly #on: TimelineHandlers = {
    episodeChanged: (event) => {
      this.episodeId = (event.target as HTMLSelectElement).value;
      this.selectedId = undefined;
      this.#editing.dismiss();
      this.#editing.dismissEpisode();
      this.#rows.focusedId = undefined;
      this.#list.start = 0;
    },
    setView: (view) => {
      if (view === this.view) return;
      this.view = view;
      this.announcement = this.#t(view === 'list' ? 'view.list' : 'view.matrix');
    },
    setZoom: (zoom) => {
      if (zoom === this.scale) return;
      this.scale = zoom;
      this.#axisScroll.follow();
      this.announcement = `${this.#t('zoom.label')}: ${this.#t(`zoom.${zoom}`)}`;
    },
    ...this.#rangeEdits.rangeHandlers,
    record: () => this.#openForm({ kind: 'new' }),
    listKey: (event) => {
      const target = event.target as HTMLElement;
      if (!target.matches('button.meeting')) return;
      const shown = this.#shown.meetingsShown();
      const index = shown.findIndex((m) => `meeting-${m.id}` === target.id);
      if (index < 0) return;
      const page = this.#list.page;
      const moves: Record<string, number> = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        Home: 0,
        End: shown.length - 1,
        PageDown: index + page,
        PageUp: index - page,
      };
      if (event.key === 'Escape' && this.selectedId) {
        event.preventDefault();
        this.#close();
        return;
      }
      if (!(event.key in moves)) return;
      event.preventDefault();
      const next = Math.max(0, Math.min(shown.length - 1, moves[event.key]!));
      this.#rows.focusRow(shown[next]!.id, next);
    },
    listFocus: (event) => this.#rows.rowFocused(event),
    listScroll: (event) => this.#rows.followScroll(event, this.#shown.meetingsShown()),
    open: (id) => this.#open(id),
    close: () => this.#close(),
    edit: (id) => this.#openForm({ kind: 'edit', id }),
    cancelMeeting: (id) => this.#openForm({ kind: 'cancel', id }),
    sideKey: (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      if (this.#editing.meeting?.form) this.#editing.close();
      else this.#close();
    },
    ...attendeeHandlers(
      (event) => this.emit(event),
      () => this.#data.record,
    ),
    ...this.#editing.formHandlers,
  };

  /* ---------------------------------------------------------------- details */

  #open(id: string): void {
    const meeting = this.#data.record?.meetings.find((m) => m.id === id);
    if (!meeting) return;
    this.#rows.focusedId = id;
    this.#selecting = true;
    this.selectedId = id;
    this.#editing.dismiss();
    this.#editing.dismissEpisode();
    this.#focus.next('details-title');
    this.emit(new OdSelectEvent({ kind: 'meeting', meeting }));
  }

  /** A meeting form opens in place of an episode form (only where editing is on). */
  #openForm(form: EditForm): void {
    if (!this.#canEdit) return;
    this.#editing.dismissEpisode();
    this.#editing.open(form);
  }

  #close(): void {
    const id = this.selectedId;
    this.#selecting = true;
    this.selectedId = undefined;
    this.#editing.dismiss();
    this.emit(new OdSelectEvent(null));
    if (id) this.#returnTo(id);
  }

  #returnTo(id: string): void {
    const index = this.#shown.meetingsShown().findIndex((m) => m.id === id);
    if (index >= 0 && this.#shown.viewShown === 'list') void this.#rows.focusRow(id, index);
    else this.#focus.next('tl-title');
  }

  /* ---------------------------------------------------------------- view state */

  #rangeChanged(): void {
    this.#list.rewind();
    // Announce what is shown now; focus stays on the control used.
    void this.updateComplete.then(() => {
      const shown = this.#shown.meetingsShown();
      const total = this.#shown.lastModel?.meetings.length ?? 0;
      this.announcement = this.#t('timeline.shownOf', { shown: shown.length, total });
      if (this.selectedId && !shown.some((m) => m.id === this.selectedId)) this.selectedId = undefined;
    });
  }

  /* ---------------------------------------------------------------- after render */

  protected override updated(): void {
    this.#selecting = false;
    // The edit forms are fetched once editing is on, so the first form opens at once (and offline, once here).
    if (this.#canEdit) this.#editing.forms.preload();
    this.#clock.run(!this.asOf && this.#shown.lastModel?.summary.timeToFirstMeeting[0]?.firstMeetingId === null);
  }
}
