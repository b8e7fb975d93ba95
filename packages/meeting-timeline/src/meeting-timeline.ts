import {
  defaultInstruments,
  isIsoDateTime,
  isRealDate,
  isTimeZone,
  newId,
  type CaseRecord,
  type Change,
  type Episode,
  type Meeting,
} from '@odkit/core';
import {
  CaseController,
  HistoryController,
  SyncStatusController,
  inTimeZone,
  focusErrorSummary,
  formErrorsFrom,
  LinkedMemberController,
  LocaleController,
  OptionsController,
  OdElement,
  OdMemberFocusEvent,
  OdSelectEvent,
  renderErrorState,
  renderChangedBy,
  renderSyncStatus,
  syncStatusStyles,
  type FormError,
  type Message,
} from '@odkit/elements';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { AxisScrollController } from './internal/axis-scroll-controller.js';
import { axisLayout, renderAxis } from './internal/axis.js';
import { buildCancel, cancelFieldFor, renderCancelForm } from './internal/cancel-form.js';
import { ClockController } from './internal/clock-controller.js';
import { renderDetails } from './internal/details.js';
import { renderHeader } from './internal/header.js';
import { renderList } from './internal/list.js';
import { renderMatrix } from './internal/matrix.js';
import {
  buildChange,
  draftFor,
  fieldForIssue,
  pickableMembers,
  readForm,
  renderMeetingPanel,
  withPickable,
  type MeetingDraft,
} from './internal/meeting-form.js';
import {
  buildModel,
  inRange,
  latestEpisode,
  memoLast,
  VIEWS,
  ZOOMS,
  type TimelineModel,
  type TimelineView,
  type TimelineZoom,
} from './internal/model.js';
import { optionProblems } from './internal/options.js';
import { readRangeForm, renderRangeForm } from './internal/range-form.js';
import { renderSummary } from './internal/summary.js';
import { renderToolbar } from './internal/toolbar.js';
import { timelineFormats, type T, type TimelineFormats, type TimelineHandlers } from './internal/view-kit.js';
import { VirtualListController } from './internal/virtual-list-controller.js';
import { timelineStyles } from './meeting-timeline.styles.js';
import { timelineStrings, type TimelineStrings } from './strings.js';

export type { TimelineView, TimelineZoom };
const DEFAULT_ZONE = 'Europe/London';

type Form = { kind: 'new' } | { kind: 'edit'; id: string } | { kind: 'cancel'; id: string };

/**
 * Network meetings from first contact on: a visual time axis (hidden from assistive
 * technology) over a semantic list of meetings, a time-to-first-meeting badge, each
 * meeting's status, place, attendance, reflecting conversation, fidelity and next
 * meeting, an attendance matrix, and a summary of the measures from core's metrics.
 * With `editable`, meetings are recorded, edited and cancelled through a form.
 *
 * @tagname od-meeting-timeline
 * @fires od-select - A meeting was opened (`selection.kind` is `meeting`), a member chosen (`member`), or the details
 * closed (`null`).
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
  /**
   * The instrument whose complete assessments give each meeting's fidelity score (default: every
   * instrument the episode was assessed with, each score naming its instrument when there are several).
   */
  @property({ attribute: 'instrument-id' }) instrumentId: string | undefined;
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

  readonly #data = new CaseController(this);
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
  readonly #linked = new LinkedMemberController(this, (id) => this.#announceLinked(id));
  /** While a first meeting is awaited and "now" is the clock, keeps the badge's count running. */
  readonly #clock = new ClockController(this, 60_000, () => {
    this.#modelKey = [];
    this.requestUpdate();
  });
  #model: TimelineModel | undefined;
  #modelKey: unknown[] = [];
  #pendingFocus: string | undefined;

  /** The record shown (the last valid one), if any. */
  get shownRecord(): CaseRecord | undefined {
    return this.#data.record;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record')) this.#data.setRecord(this.record);
  }

  /* ---------------------------------------------------------------- options */

  readonly #options = new OptionsController<keyof TimelineStrings & string>(this, {
    check: () => optionProblems(this, this.#data.record),
    t: (key, params) => this.#i18n.t(key, params),
  });

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
    return this.asOf && isIsoDateTime(this.asOf) ? Date.parse(this.asOf) : Date.now();
  }
  get #range(): [string | undefined, string | undefined] {
    const ok = (v: string | undefined) => (v && isRealDate(v) ? v : undefined);
    return [ok(this.rangeStart), ok(this.rangeEnd)];
  }

  #episode(record: CaseRecord): Episode | undefined {
    return (this.episodeId && record.episodes.find((e) => e.id === this.episodeId)) || latestEpisode(record);
  }

  #modelFor(record: CaseRecord, episode: Episode): TimelineModel {
    const asOf = this.asOf && isIsoDateTime(this.asOf) ? this.asOf : undefined;
    const key = [record, episode.id, asOf, this.instrumentId];
    if (!this.#model || key.some((k, i) => k !== this.#modelKey[i])) {
      this.#model = buildModel(record, episode, asOf ?? new Date().toISOString(), this.instrumentId || undefined);
      this.#modelKey = key;
    }
    return this.#model;
  }

  /* ---------------------------------------------------------------- formatting */

  readonly #t: T = (key, params) => this.#i18n.t(key, params);
  /** The views' formatters: this element's locale and zone, read when called. */
  readonly #f: TimelineFormats = timelineFormats(this.#i18n, () => this.#zone);

  /* ---------------------------------------------------------------- render */

  protected override render() {
    const record = this.#data.record;
    const error = this.#data.error ?? this.#options.error;
    const errorState = html`${renderSyncStatus(this.#sync, inTimeZone(this.#i18n, this.#zone), { record, canDecide: this.editable, instruments: defaultInstruments })}${error ? renderErrorState(error, this.#i18n) : nothing}`;
    if (!record) return html`${errorState}${error ? nothing : html`<p>${this.#t('loading')}</p>`}`;
    const episode = this.#episode(record);
    if (!episode) return html`${errorState}<p part="header">${this.#t('timeline.noEpisode')}</p>`;
    const model = this.#modelFor(record, episode);
    const shown = this.#inRange(model);
    const t = this.#t;
    const f = this.#f;
    return html`${errorState}
      <section class="timeline" aria-labelledby="tl-title">
        ${guard([model, record, this.#i18n.locale, this.#zone, this.strings], () => renderHeader(record, model, t, f))}
        ${guard(
          [
            record.episodes,
            model,
            this.#view,
            this.#zoom,
            ...this.#range,
            this.rangeErrors,
            this.rangeOpen,
            this.editable,
            this.#i18n.locale,
            this.#zone,
            this.strings,
          ],
          () => this.#renderToolbar(record, model),
        )}
        <p class="visually-hidden" role="status">${this.announcement}</p>
        ${renderAxis(model, shown, this.#axisLayout(model, shown, this.#zoom, this.#zone, ...this.#range), this.focusedId)}
        <div class="body">
          <div class="main">${this.#view === 'matrix' ? renderMatrix(record, model, shown, t, f, this.#on, this.#linked.memberId) : this.#renderList(model, shown)}</div>
          ${this.form || this.openId ? html`<div class="side">${this.#renderSide(record, model)}</div>` : nothing}
        </div>
        ${guard([model, this.#i18n.locale, this.#zone, this.strings, this.asOf], () => renderSummary(model, this.#now, t, f))}
      </section>`;
  }

  #renderToolbar(record: CaseRecord, model: TimelineModel): TemplateResult {
    const [from, to] = this.#range;
    return renderToolbar(
      {
        episodes: record.episodes,
        episodeId: model.episode.id,
        view: this.#view,
        zoom: this.#zoom,
        from,
        to,
        rangeOpen: this.rangeOpen,
        rangeForm: this.rangeOpen
          ? renderRangeForm({ from, to, errors: this.rangeErrors }, this.#t, this.#on)
          : nothing,
        editable: this.editable,
      },
      this.#t,
      this.#f,
      this.#on,
    );
  }

  /** The axis's layout, worked out again only when the meetings, range, zoom or zone change. */
  readonly #axisLayout = memoLast(axisLayout);

  #renderList(model: TimelineModel, shown: readonly Meeting[]): TemplateResult {
    return renderList(
      {
        model,
        shown,
        window: this.#list.window(shown.length, shown.length > this.virtualiseAbove),
        focusedId: this.focusedId,
        openId: this.openId,
        linked: this.#linkedMember(model),
        deps: [this.#i18n.locale, this.#zone, this.strings],
      },
      this.#t,
      this.#f,
      this.#on,
    );
  }

  /** The linked member, kept as one object while the same so that list rows are not rendered again for nothing. */
  #linkedCache: { id: string; name: string } | undefined;
  #linkedMember(model: TimelineModel): { id: string; name: string } | undefined {
    const id = this.#linked.memberId;
    const name = id && model.members.get(id)?.name;
    if (!id || !name) return (this.#linkedCache = undefined);
    if (this.#linkedCache?.id !== id || this.#linkedCache.name !== name) this.#linkedCache = { id, name };
    return this.#linkedCache;
  }

  /** Says in words what the highlight shows: whose meetings, and how many of those shown. */
  #announceLinked(id: string | undefined): void {
    const record = this.#data.record;
    const episode = record && this.#episode(record);
    if (!record || !episode) return;
    const model = this.#modelFor(record, episode);
    const name = id && model.members.get(id)?.name;
    if (!id || !name) {
      this.announcement = this.#t('linked.cleared');
      return;
    }
    const count = this.#inRange(model).filter((m) => m.attendees.some((a) => a.memberId === id)).length;
    this.announcement = this.#t('linked.announce', { name, count });
  }

  #renderSide(record: CaseRecord, model: TimelineModel): TemplateResult {
    const root = this.renderRoot as ShadowRoot;
    if (this.form?.kind === 'cancel') {
      const meeting = record.meetings.find((m) => m.id === (this.form as { id: string }).id);
      if (!meeting) return html``;
      return renderCancelForm(
        { meeting, reason: this.cancelReason, errors: this.formErrors, busy: this.busy, root },
        this.#t,
        this.#f,
        this.#on,
      );
    }
    if (this.form && this.draft) return this.#renderForm(record);
    const meeting = record.meetings.find((m) => m.id === this.openId);
    if (!meeting) return html``;
    const changedBy = renderChangedBy(
      this.#history,
      { kind: 'meeting', id: meeting.id },
      inTimeZone(this.#i18n, this.#zone),
    );
    return renderDetails({ record, model, meeting, editable: this.editable, changedBy }, this.#t, this.#f, this.#on);
  }

  /** Every callback the views take, built once so that listeners keep their identity between renders. */
  readonly #on: TimelineHandlers = {
    episodeChanged: (event) => {
      this.episodeId = (event.target as HTMLSelectElement).value;
      this.openId = undefined;
      this.form = undefined;
      this.focusedId = undefined;
      this.#list.start = 0;
    },
    setView: (view) => this.#setView(view),
    setZoom: (zoom) => this.#setZoom(zoom),
    toggleRange: () => {
      this.rangeOpen = !this.rangeOpen;
      if (this.rangeOpen) this.#pendingFocus = 'range-from';
      else this.rangeErrors = [];
    },
    applyRange: (event) => {
      event.preventDefault();
      const range = readRangeForm(event.currentTarget as HTMLFormElement, this.#t);
      this.rangeErrors = range.errors;
      if (range.errors.length) {
        this.#pendingFocus = range.errors[0]!.field;
        return;
      }
      this.rangeStart = range.from;
      this.rangeEnd = range.to;
      this.#rangeChanged();
    },
    clearRange: () => {
      this.rangeStart = undefined;
      this.rangeEnd = undefined;
      this.rangeErrors = [];
      this.#rangeChanged();
      this.#pendingFocus = 'range-from';
    },
    record: () => this.#openForm({ kind: 'new' }),
    listKey: (event) => {
      const target = event.target as HTMLElement;
      if (!target.matches('button.meeting')) return;
      const shown = this.#shown();
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
      if (event.key === 'Escape' && this.openId) {
        event.preventDefault();
        this.#close();
        return;
      }
      if (!(event.key in moves)) return;
      event.preventDefault();
      const next = Math.max(0, Math.min(shown.length - 1, moves[event.key]!));
      this.#focusMeeting(shown[next]!.id, next);
    },
    listFocus: (event) => {
      const id = (event.target as HTMLElement).closest('li')?.dataset.id;
      if (id && id !== this.focusedId) {
        this.focusedId = id;
        this.#axisScroll.follow();
      }
    },
    listScroll: (event) => {
      const start = this.#list.scrolled(event);
      if (start === undefined) return;
      // Focus on a row about to scroll out of the rendered window moves to a row still in it.
      const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
      const shown = this.#shown();
      const index = shown.findIndex((m) => m.id === this.focusedId);
      if (index >= 0 && !this.#list.rendered(index)) {
        const next = shown[Math.min(shown.length - 1, start)]!;
        this.focusedId = next.id;
        if (active?.matches('button.meeting')) this.#pendingFocus = `meeting-${next.id}`;
      }
    },
    open: (id) => this.#open(id),
    close: () => this.#close(),
    edit: (id) => this.#openForm({ kind: 'edit', id }),
    cancelMeeting: (id) => this.#openForm({ kind: 'cancel', id }),
    sideKey: (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      if (this.form) this.#closeForm();
      else this.#close();
    },
    attendeeFocus: (event) => {
      const id = (event.target as HTMLElement).dataset.member;
      if (id) this.emit(new OdMemberFocusEvent(id));
    },
    attendeeBlur: (event) => {
      const to = event.relatedTarget as HTMLElement | null;
      if ((event.target as HTMLElement).dataset.member && !to?.dataset.member) this.emit(new OdMemberFocusEvent(null));
    },
    selectMember: (member) => this.emit(new OdSelectEvent({ kind: 'member', member })),
    submitMeeting: (event) => void this.#submit(event),
    formChange: (event) => {
      if (!this.draft) return;
      this.draft = readForm(event.currentTarget as HTMLFormElement, this.#pickableDraft(this.draft));
    },
    formClick: (event) => {
      if ((event.target as HTMLElement).closest('[data-action="cancel-form"]')) this.#closeForm();
    },
    closeForm: () => this.#closeForm(),
    confirmCancel: (event) => void this.#confirmCancel(event),
    reasonInput: (reason) => (this.cancelReason = reason),
  };

  /* ---------------------------------------------------------------- keyboard and focus */

  /** Moves the roving focus to a meeting, bringing it into the rendered window first. */
  async #focusMeeting(id: string, index?: number): Promise<void> {
    this.focusedId = id;
    this.#axisScroll.follow();
    if (index !== undefined) this.#list.scrollTo(index);
    this.#pendingFocus = `meeting-${id}`;
    this.requestUpdate();
    await this.updateComplete;
  }

  #shown(): readonly Meeting[] {
    const record = this.#data.record;
    const episode = record && this.#episode(record);
    if (!record || !episode) return [];
    return this.#inRange(this.#modelFor(record, episode));
  }

  /** The model's meetings within the date range, kept while nothing they depend on changes. */
  readonly #filter = memoLast(inRange);
  #inRange(model: TimelineModel): readonly Meeting[] {
    return this.#filter(model, this.#zone, ...this.#range);
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
    this.draft =
      form.kind === 'cancel' ? undefined : draftFor(existing, record.members, model.meetings, this.#zone, this.#now);
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
    const existing =
      this.form?.kind === 'edit' ? record.meetings.find((m) => m.id === (this.form as { id: string }).id) : undefined;
    const members = pickableMembers(record.members, existing);
    return renderMeetingPanel(
      {
        // The meeting left the record while its form was open (the host replaced the record): save nothing.
        gone: this.form?.kind === 'edit' && !existing,
        editing: !!existing,
        form: {
          t: this.#t,
          draft: withPickable(this.draft!, members, record.meetings),
          errors: this.formErrors,
          members,
          zoneName: this.#zone,
          busy: this.busy,
        },
        root: this.renderRoot as ShadowRoot,
      },
      this.#t,
      this.#on,
    );
  }

  /** The draft with every member who can be picked now (the network may have changed since the form opened). */
  #pickableDraft(draft: MeetingDraft): MeetingDraft {
    const record = this.#data.record;
    if (!record) return draft;
    const existing = draft.id ? record.meetings.find((m) => m.id === draft.id) : undefined;
    return withPickable(draft, pickableMembers(record.members, existing), record.meetings);
  }

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
      formatDateTime: this.#f.dateTime,
      formatDate: this.#f.calendarDate,
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

  async #apply(
    change: Change,
    fieldFor: (path: readonly (string | number)[]) => string | undefined,
  ): Promise<FormError[] | undefined> {
    this.busy = true;
    try {
      const result = await this.#data.apply(change);
      // Applied, or cancelled by a host that applies it itself: either way the form is done.
      return result.status === 'failed'
        ? formErrorsFrom(result.error, fieldFor, this.#t('form.saveFailed'))
        : undefined;
    } finally {
      this.busy = false;
    }
  }

  async #showErrors(errors: FormError[]): Promise<void> {
    this.formErrors = errors;
    await this.updateComplete;
    focusErrorSummary(this.renderRoot);
  }

  async #confirmCancel(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const meeting =
      this.form?.kind === 'cancel'
        ? this.#data.record?.meetings.find((m) => m.id === (this.form as { id: string }).id)
        : undefined;
    if (!meeting) return;
    const built = buildCancel(meeting, this.cancelReason, this.#t);
    if (!built.change) return this.#showErrors(built.errors);
    const errors = await this.#apply(built.change, cancelFieldFor);
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
    this.#axisScroll.follow();
    this.announcement = `${this.#t('zoom.label')}: ${this.#t(`zoom.${zoom}`)}`;
  }

  #rangeChanged(): void {
    this.#list.rewind();
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
    if (this.#pendingFocus) {
      const root = this.renderRoot as ShadowRoot;
      const id = this.#pendingFocus === 'record-button' ? null : this.#pendingFocus;
      const target = id ? root.getElementById(id) : root.querySelector<HTMLElement>('[data-action="record"]');
      this.#pendingFocus = undefined;
      target?.focus();
    }
    this.#clock.run(!this.asOf && this.#model?.summary.timeToFirstMeeting[0]?.firstMeetingId === null);
  }
}
