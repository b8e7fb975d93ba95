import {
  createInstrumentRegistry,
  defaultInstruments,
  fidelityTrend,
  localise,
  scoreAssessment,
  InstrumentRegistry,
  type Assessment,
  type CaseRecord,
  type Change,
  type Instrument,
  type LocalisedText,
  type Meeting,
  type Score,
} from '@odkit/core';
import {
  CaseController,
  HistoryController,
  LocaleController,
  OdElement,
  SyncStatusController,
  OdErrorEvent,
  errorStateStyles,
  focusErrorSummary,
  formErrorsFrom,
  formStyles,
  renderErrorState,
  renderErrorSummary,
  renderFieldError,
  renderChangedBy,
  renderSyncStatus,
  syncStatusStyles,
  type CaseControllerOptions,
  type FormError,
} from '@odkit/elements';
import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { checklistStyles } from './principles-checklist.styles.js';
import {
  blankDraft,
  evidenceSources,
  missingRequired,
  parseDraft,
  ratedCount,
  raterRoles,
  withRating,
  type Draft,
  type RatingValue,
} from './internal/draft.js';
import { takeOverLightForm, type EnteredInForm } from './internal/light-form.js';
import { checklistStrings, type ChecklistStrings } from './internal/strings.js';
import { renderTrendChart } from './internal/trend-chart.js';

/** Comments are saved this long after the last key press (and at once when the field is left). */
const COMMENT_DEBOUNCE_MS = 600;

type View = 'rate' | 'summary' | 'compare';
interface PendingRating {
  value?: RatingValue | null;
  comment?: string;
}
interface PendingAbout {
  name?: string;
  raterRole?: Assessment['raterRole'];
  evidence?: Assessment['evidence'];
}
/** Everything one render needs, worked out from properties, the record and view state. */
interface Resolved {
  instrument?: Instrument | undefined;
  /** The assessment in the record being shown, if there is one yet. */
  stored?: Assessment | undefined;
  meeting?: Meeting | undefined;
  error?: Error | undefined;
}

const now = () => new Date().toISOString();

/**
 * A fidelity checklist for one meeting: the seven principles, the twelve key elements,
 * or any instrument a service registers. Rate each item (or mark it not applicable),
 * comment on it, record who rated and from what; drafts save as you go, "complete"
 * checks required items, a completed assessment is read-only until reopened. Summary
 * (scores per group, trend across the episode) and inter-rater views.
 *
 * A form-associated custom element: its value is the assessment as JSON, submitted under
 * `name`; `required` makes it invalid while a required item is unrated.
 *
 * @tagname od-principles-checklist
 * @fires input - After every edit (a rating, a key press in a comment or the rater's name), like a native control.
 * @fires change - After every committed edit (a rating, a comment or name left, complete, reopen).
 * @fires od-change - Before an edit is applied to the `record` property when there is no store (cancelable).
 * @fires od-error - When the record, instrument or meeting cannot be shown, or an edit cannot be saved.
 * @csspart base - The checklist's outer box.
 * @csspart header - Title, description, meeting and progress.
 * @csspart progress - The "9 of 12 items rated" line.
 * @csspart about - The rater, role and evidence questions.
 * @csspart group - One group of items.
 * @csspart item - One item's fieldset (legend, hint, ratings, comment).
 * @csspart actions - The complete / reopen buttons.
 * @csspart summary - The scores table.
 * @csspart trend - The trend chart and table.
 * @csspart trend-chart - The trend chart's SVG.
 * @csspart compare - The inter-rater table.
 * @csspart error - The error state.
 * @csspart sync-status - The status line shown with a syncing (offline) store: what is saved where.
 * @csspart sync-review - The panel to decide between this device's and the record's version of an edit.
 * @csspart changed-by - "Changed by … on …" under the header, for a saved assessment.
 * @csspart error-summary - The form's error summary.
 * @cssprop --od-checklist-item-gap - Space between items (default: 3 × the system space).
 * @cssprop --od-checklist-chart-line - Trend line and point colour (default: the primary colour).
 * @cssprop --od-checklist-difference-background - Background of an item the two raters differ on (default: the raised surface).
 */
export class OdPrinciplesChecklist extends OdElement {
  static formAssociated = true;
  static override styles = [...OdElement.styles, errorStateStyles, formStyles, syncStatusStyles, checklistStyles];

  /** A case record (JSON); ignored inside an `<od-provider>` with a store. Property only. */
  @property({ attribute: false }) record: unknown;
  /** A service's own instrument (validated; overrides `instrument-id`). Property only. */
  @property({ attribute: false }) instrument: unknown;
  /** Where instruments are looked up (default: the kit's default registry). Property only. */
  @property({ attribute: false }) instruments: InstrumentRegistry | undefined;
  /** The instrument by id: `od-seven-principles` (default) or `od-key-elements`, or one registered. */
  @property({ attribute: 'instrument-id' }) instrumentId = 'od-seven-principles';
  /** The held meeting being rated (needed with a record, optional standalone). */
  @property({ attribute: 'meeting-id' }) meetingId: string | undefined;
  /** Show this assessment of the record (otherwise: the latest draft of this instrument for the meeting, or a new one). */
  @property({ attribute: 'assessment-id' }) assessmentId: string | undefined;
  /** The rater's name a new assessment starts with (e.g. the signed-in user); also picks whose draft is continued. */
  @property({ attribute: 'rater-name' }) raterName: string | undefined;
  /** `rate` (default), `summary` (scores and trend) or `compare` (two raters of the meeting). */
  @property({ reflect: true }) view: View = 'rate';
  /** In the compare view, the other assessment (default: another assessment of the meeting with this instrument). */
  @property({ attribute: 'compare-with' }) compareWith: string | undefined;
  /** The form field name the value is submitted under. */
  @property({ reflect: true }) name: string | undefined;
  /** Invalid (and not submitted) while a required item is unrated or the rater's name is missing. */
  @property({ type: Boolean, reflect: true }) required = false;
  /** Disables every control (a disabled fieldset around it does too). */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** `en-GB` or `cy`; default: the provider's, else the nearest `lang`. */
  @property() locale: string | undefined;
  /** Per-instance string overrides. Property only. */
  @property({ attribute: false }) strings: Partial<Record<keyof ChecklistStrings, string>> | undefined;

  @state() private _local: Draft | undefined;
  @state() private _errors: FormError[] = [];
  @state() private _saveError: Error | undefined;
  @state() private _savedAt: string | undefined;
  @state() private _formDisabled = false;

  readonly #controllerOptions: CaseControllerOptions = {};
  readonly data = new CaseController(this, this.#controllerOptions);
  readonly i18n = new LocaleController(this, checklistStrings);
  readonly #sync = new SyncStatusController(this, { store: () => this.data.store });
  readonly #history = new HistoryController(this, { store: () => this.data.store });
  readonly #internals: ElementInternals;

  #registry: InstrumentRegistry = defaultInstruments;
  #ownInstrument: Instrument | undefined;
  #instrumentError: Error | undefined;
  #resolved: Resolved = {};
  #initial: Draft | undefined;
  /** The assessment this element started or continued, followed across updates. */
  #trackedId: string | undefined;
  readonly #pending = new Map<string, PendingRating>();
  #pendingAbout: PendingAbout = {};
  #commentTimer: ReturnType<typeof setTimeout> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #reportedError: string | undefined;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.#internals.role = 'group';
  }

  /* ---------------------------------------------------------------- form control API */

  /** The form this control belongs to, as on a native control. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }
  get validity(): ValidityState {
    return this.#internals.validity;
  }
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }
  /** The assessment as JSON: what the form submits. */
  get value(): string {
    const value = this.#value;
    return value ? JSON.stringify(value) : '';
  }
  /** The assessment shown, with edits not saved yet (a comment being typed) applied. */
  get assessment(): Draft | undefined {
    return this.#value;
  }

  formResetCallback(): void {
    this.#cancelPending();
    this._errors = [];
    this._saveError = undefined;
    // A stored assessment was saved as it was made: reset only drops what is not saved yet.
    this._local = this.#initial ? structuredClone(this.#initial) : undefined;
  }

  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
  }

  formStateRestoreCallback(stateValue: unknown): void {
    // With a record the store is the truth; a standalone control gets its draft back.
    if (this.data.record || this.data.store) return;
    this.updateComplete.then(() => {
      const instrument = this.#resolved.instrument;
      const draft = instrument ? parseDraft(stateValue, instrument) : undefined;
      if (draft) this._local = draft;
    });
  }

  /* ---------------------------------------------------------------- lifecycle */

  /**
   * Focuses the first control inside (the rater's name, or the first rating). Not
   * `delegatesFocus`: that would also move focus (and scroll) to the first control
   * whenever a label or heading inside is clicked.
   */
  override focus(options?: FocusOptions): void {
    const first = this.renderRoot.querySelector<HTMLElement>('input:not(:disabled), textarea:not(:disabled), button:not(:disabled)');
    if (first) first.focus(options);
    else super.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('invalid', this.#onInvalid);
    this.addEventListener('click', this.#onHostClick);
    // A server-rendered form for pages without script (@odkit/ssr): this element takes its place.
    const entered = isServer ? undefined : takeOverLightForm(this, this.name);
    if (entered) void this.updateComplete.then(() => this.#carryOver(entered));
  }

  /** Applies what was entered in the server-rendered form before the script ran (only what differs). */
  #carryOver(entered: EnteredInForm): void {
    const value = this.#value;
    const instrument = this.#resolved.instrument;
    if (!value || !instrument || this.#readOnly) return;
    const values = new Set<unknown>(instrument.scale.options.map((o) => o.value));
    if (instrument.scale.notApplicable) values.add('na');
    const about: PendingAbout = {};
    if (entered.name !== undefined && entered.name !== value.rater.name) about.name = entered.name;
    if (entered.raterRole !== value.raterRole && raterRoles.includes(entered.raterRole as Assessment['raterRole'])) about.raterRole = entered.raterRole as Assessment['raterRole'];
    if (entered.evidence !== value.evidence && evidenceSources.includes(entered.evidence as Assessment['evidence'])) about.evidence = entered.evidence as Assessment['evidence'];
    if (Object.keys(about).length) this.#about(about, true);
    for (const r of entered.ratings) {
      if (!instrument.items.some((i) => i.id === r.itemId)) continue;
      const current = value.ratings.find((c) => c.itemId === r.itemId);
      if (r.value !== undefined && values.has(r.value) && r.value !== current?.value) this.#rate(r.itemId, r.value);
      if (r.comment !== undefined && r.comment !== (current?.comment ?? '')) this.#comment(r.itemId, r.comment, true);
    }
  }

  override disconnectedCallback(): void {
    // Before the controllers let go of the store: leaving must not lose a comment being typed.
    this.#saveOnLeave();
    super.disconnectedCallback();
    this.removeEventListener('invalid', this.#onInvalid);
    this.removeEventListener('click', this.#onHostClick);
  }

  /**
   * Hands edits not saved yet (a comment in its debounce, the rater's details still
   * being typed, or a save still queued) straight to the store: the element is going away, and its queue would run
   * after the store has been let go.
   */
  #saveOnLeave(): void {
    clearTimeout(this.#commentTimer);
    this.#commentTimer = undefined;
    const store = this.data.store;
    const stored = this.#currentStored();
    const about = this.#pendingAbout;
    const report = (error: unknown) => this.dispatchEvent(new OdErrorEvent(error instanceof Error ? error : new Error(String(error))));
    if (store && !stored && !this.#trackedId && this.#recordMode) {
      // Not saved yet (a comment still in its pause, say): start the assessment with everything in the local draft.
      const local = this._local;
      const meetingId = this.#resolved.meeting?.id;
      const name = local?.rater.name.trim();
      if (local && meetingId && name) {
        const assessment: Assessment = { ...local, meetingId, rater: { ...local.rater, name }, status: 'draft', updatedAt: now() };
        store.apply({ type: 'assessment/start', assessment }).catch(report);
      }
      return;
    }
    if (!store || !stored || stored.status === 'complete' || (this.#pending.size === 0 && Object.keys(about).length === 0)) return;
    // The rater's details first: the update carries the stored ratings, and the ratings below go on top of it.
    const name = (about.name ?? stored.rater.name).trim();
    if (Object.keys(about).length && name) {
      const assessment: Assessment = {
        ...stored,
        rater: { ...stored.rater, name },
        raterRole: about.raterRole ?? stored.raterRole,
        evidence: about.evidence ?? stored.evidence,
        updatedAt: now(),
      };
      store.apply({ type: 'assessment/update', assessment }).catch(report);
    }
    this.#pendingAbout = {};
    for (const [itemId, entry] of this.#pending) {
      const change: Extract<Change, { type: 'assessment/rate' }> = { type: 'assessment/rate', assessmentId: stored.id, itemId, at: now() };
      if ('value' in entry) change.value = entry.value ?? null;
      if (entry.comment !== undefined) change.comment = entry.comment;
      store.apply(change).catch(report);
    }
    this.#pending.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    let reparse = changed.has('record');
    if (changed.has('instrument') || changed.has('instruments')) {
      this.#setInstrument();
      reparse = true;
    }
    if (reparse) this.data.setRecord(this.record);
    if (changed.has('meetingId') || changed.has('instrumentId') || changed.has('assessmentId') || changed.has('raterName') || changed.has('instrument')) {
      if (this.hasUpdated) {
        this.#cancelPending();
        this.#trackedId = undefined;
        this._local = undefined;
      }
    }
    this.#resolved = this.#resolve();
    const { instrument, stored } = this.#resolved;
    if (stored) this.#trackedId = stored.id;
    if (instrument && !stored) {
      const local = this._local;
      if (!local || local.instrumentId !== instrument.id || local.instrumentVersion !== instrument.version) {
        this._local = blankDraft(instrument, this.meetingId, typeof this.raterName === 'string' ? this.raterName : undefined);
        this.#initial = structuredClone(this._local);
      } else if (this.meetingId && local.meetingId !== this.meetingId) {
        this._local = { ...local, meetingId: this.meetingId };
      }
    }
    const error = this.data.error ?? this.#instrumentError ?? this.#resolved.error;
    const key = error ? `${error.name}:${error.message}` : undefined;
    if (error && key !== this.#reportedError && error !== this.data.error) {
      // CaseController reports its own errors; these are the checklist's.
      queueMicrotask(() => this.dispatchEvent(new OdErrorEvent(error)));
    }
    this.#reportedError = key;
  }

  protected override updated(): void {
    this.#syncForm();
  }

  #syncForm(): void {
    const value = this.#value;
    const json = value ? JSON.stringify(value) : null;
    this.#internals.setFormValue(json, json);
    this.#updateValidity(value);
  }

  /* ---------------------------------------------------------------- resolving what to show */

  #setInstrument(): void {
    this.#instrumentError = undefined;
    this.#ownInstrument = undefined;
    const base = this.instruments ?? defaultInstruments;
    if (this.instrument === undefined || this.instrument === null) {
      this.#registry = base;
    } else {
      try {
        const registry = this.instruments ? new InstrumentRegistry(this.instruments.list()) : createInstrumentRegistry();
        this.#ownInstrument = registry.register(this.instrument);
        this.#registry = registry;
      } catch (error) {
        this.#instrumentError = error instanceof Error ? error : new Error(this.i18n.t('checklist.badInstrument'));
        this.#registry = base;
      }
    }
    if (this.#registry === defaultInstruments) delete this.#controllerOptions.instruments;
    else this.#controllerOptions.instruments = this.#registry;
  }

  #resolve(): Resolved {
    const record = this.data.record;
    const t = (key: keyof ChecklistStrings, id?: string) => new Error(this.i18n.t(key, id === undefined ? {} : { id }));
    let stored: Assessment | undefined;
    let meeting: Meeting | undefined;
    let error: Error | undefined;
    const wanted = this.#ownInstrument ?? this.#registry.get(this.instrumentId);
    if (record) {
      stored = this.#findStored(record, wanted);
      if (this.assessmentId && !stored) error = t('checklist.unknownAssessment', this.assessmentId);
      const meetingId = stored?.meetingId ?? this.meetingId;
      meeting = meetingId ? record.meetings.find((m) => m.id === meetingId) : undefined;
      if (!stored && !error) {
        if (!meetingId) error = t('checklist.missingMeeting');
        else if (!meeting) error = t('checklist.unknownMeeting', meetingId);
        else if (meeting.status !== 'held') error = t('checklist.meetingNotHeld', meetingId);
      }
    }
    const instrument = stored ? this.#registry.get(stored.instrumentId, stored.instrumentVersion) : wanted;
    if (!instrument && !this.#instrumentError) error ??= t('checklist.unknownInstrument', stored?.instrumentId ?? this.instrumentId);
    return { instrument, stored, meeting, error };
  }

  #findStored(record: CaseRecord, wanted: Instrument | undefined): Assessment | undefined {
    const id = this.assessmentId ?? this.#trackedId;
    if (id) return record.assessments.find((a) => a.id === id);
    if (!wanted || !this.meetingId) return undefined;
    const rater = typeof this.raterName === 'string' ? this.raterName.trim() : undefined;
    return record.assessments.findLast(
      (a) =>
        a.status === 'draft' &&
        a.meetingId === this.meetingId &&
        a.instrumentId === wanted.id &&
        a.instrumentVersion === wanted.version &&
        (!rater || a.rater.name === rater),
    );
  }

  get #recordMode(): boolean {
    return this.data.record !== undefined || this.data.store !== undefined;
  }

  /** The stored assessment (or the local draft) with edits not saved yet laid over it. */
  get #value(): Draft | undefined {
    const base: Draft | undefined = this.#resolved.stored ?? this._local;
    if (!base) return undefined;
    if (this.#pending.size === 0 && Object.keys(this.#pendingAbout).length === 0) return base;
    let draft: Draft = base;
    for (const [itemId, p] of this.#pending) draft = withRating(draft, itemId, p);
    const about = this.#pendingAbout;
    if (about.name !== undefined || about.raterRole || about.evidence) {
      draft = {
        ...draft,
        rater: about.name !== undefined ? { ...draft.rater, name: about.name } : draft.rater,
        raterRole: about.raterRole ?? draft.raterRole,
        evidence: about.evidence ?? draft.evidence,
      };
    }
    return draft;
  }

  get #readOnly(): boolean {
    return this.#value?.status === 'complete';
  }

  get #isDisabled(): boolean {
    return this.disabled || this._formDisabled;
  }

  /* ---------------------------------------------------------------- validity */

  #problems(value: Draft, instrument: Instrument): FormError[] {
    const errors: FormError[] = [];
    if (!value.rater.name.trim()) errors.push({ field: 'rater-name', message: this.i18n.t('checklist.enterRater') });
    for (const item of missingRequired(value, instrument)) {
      errors.push({ field: radioId(item.id, 0), message: this.i18n.t('checklist.selectRating', { item: this.#text(item.title) }) });
    }
    return errors;
  }

  #updateValidity(value: Draft | undefined): void {
    const instrument = this.#resolved.instrument;
    if (this.required && (!value || !instrument)) {
      // Nothing to submit (loading, or an error shown): a required checklist is missing, never silently valid.
      this.#internals.setValidity({ valueMissing: true }, this.i18n.t('checklist.notReady'));
      return;
    }
    const problems = this.required && value && instrument ? this.#problems(value, instrument) : [];
    const first = problems[0];
    if (!first) {
      if (!this.#internals.validity.valid) this.#internals.setValidity({});
      return;
    }
    const anchor = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(first.field ?? '')}`) ?? undefined;
    this.#internals.setValidity({ valueMissing: true }, first.message, anchor);
  }

  /** A `<label for>` of the checklist clicks the host itself: focus the first control, as a label does for a native one. */
  readonly #onHostClick = (event: MouseEvent) => {
    if (event.composedPath()[0] === this) this.focus();
  };

  readonly #onInvalid = () => {
    const value = this.#value;
    const instrument = this.#resolved.instrument;
    if (value && instrument) this._errors = this.#problems(value, instrument);
  };

  /* ---------------------------------------------------------------- edits */

  #fire(kind: 'input' | 'change' | 'both'): void {
    // Like a native control, the form value is current when the event is heard
    // (validity follows with the render, which it anchors to).
    const value = this.#value;
    this.#internals.setFormValue(value ? JSON.stringify(value) : null);
    if (kind !== 'change') this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    if (kind !== 'input') this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #clearErrorFor(field: string): void {
    if (this._errors.some((e) => e.field === field)) this._errors = this._errors.filter((e) => e.field !== field);
  }

  #rate(itemId: string, value: RatingValue): void {
    if (this.#readOnly || this.#isDisabled) return;
    this.#clearErrorFor(radioId(itemId, 0));
    this.#editRating(itemId, { value: value ?? null }, 0);
    this.#fire('both');
  }

  #comment(itemId: string, comment: string, commit: boolean): void {
    if (this.#readOnly || this.#isDisabled) return;
    this.#editRating(itemId, { comment }, commit ? 0 : COMMENT_DEBOUNCE_MS);
    this.#fire(commit ? 'change' : 'input');
  }

  #editRating(itemId: string, change: PendingRating, delay: number): void {
    if (this.#resolved.stored) {
      this.#pending.set(itemId, { ...this.#pending.get(itemId), ...change });
      this.requestUpdate();
      this.#flushSoon(delay);
    } else if (this._local) {
      this._local = withRating(this._local, itemId, change);
      if (this.#recordMode) this.#flushSoon(delay);
    }
  }

  #about(change: PendingAbout, commit: boolean): void {
    if (this.#readOnly || this.#isDisabled) return;
    if (change.name !== undefined && change.name.trim()) this.#clearErrorFor('rater-name');
    if (this.#resolved.stored) {
      this.#pendingAbout = { ...this.#pendingAbout, ...change };
      this.requestUpdate();
      if (commit) this.#flushSoon(0);
    } else if (this._local) {
      const l = this._local;
      this._local = {
        ...l,
        rater: change.name !== undefined ? { ...l.rater, name: change.name } : l.rater,
        raterRole: change.raterRole ?? l.raterRole,
        evidence: change.evidence ?? l.evidence,
      };
      if (commit && this.#recordMode) this.#flushSoon(0);
    }
    this.#fire(commit ? 'both' : 'input');
  }

  /** Saves what is pending after `delay` ms (0: now), one change at a time. */
  #flushSoon(delay: number): void {
    clearTimeout(this.#commentTimer);
    this.#commentTimer = undefined;
    if (delay > 0) {
      this.#commentTimer = setTimeout(() => {
        this.#commentTimer = undefined;
        void this.#enqueue(() => this.#flush());
      }, delay);
      return;
    }
    void this.#enqueue(() => this.#flush());
  }

  #enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job, job);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #cancelPending(): void {
    clearTimeout(this.#commentTimer);
    this.#commentTimer = undefined;
    this.#pending.clear();
    this.#pendingAbout = {};
  }

  /** Applies one change; records a failure for the save error state. */
  async #save(change: Change): Promise<boolean> {
    const result = await this.data.apply(change);
    if (result.status === 'failed') {
      this._saveError = result.error;
      return false;
    }
    this._saveError = undefined;
    if (result.status === 'applied') this._savedAt = now();
    return result.status === 'applied';
  }

  #currentStored(): Assessment | undefined {
    const id = this.#trackedId;
    return id ? this.data.record?.assessments.find((a) => a.id === id) : undefined;
  }

  /** Brings the record up to date with what was edited: starts the assessment, then saves pending ratings and rater details. */
  async #flush(): Promise<void> {
    if (!this.#recordMode || !this.isConnected) return;
    let stored = this.#currentStored();
    if (!stored) {
      const local = this._local;
      const meetingId = this.#resolved.meeting?.id;
      if (!local || !meetingId || !local.rater.name.trim()) return;
      const assessment: Assessment = { ...local, meetingId, rater: { ...local.rater, name: local.rater.name.trim() }, status: 'draft', updatedAt: now() };
      this.#trackedId = assessment.id;
      const ok = await this.#save({ type: 'assessment/start', assessment });
      stored = this.#currentStored();
      if (!ok || !stored) {
        if (!ok) this.#trackedId = undefined;
        this.requestUpdate();
        return;
      }
      // Edits made while it was starting are still in the local draft: save them too.
      const latest = this._local ?? local;
      for (const rating of latest.ratings) {
        const before = stored.ratings.find((r) => r.itemId === rating.itemId);
        if (before?.value !== rating.value || before?.comment !== rating.comment) {
          this.#pending.set(rating.itemId, { value: rating.value ?? null, comment: rating.comment ?? '' });
        }
      }
      if (latest.rater.name.trim() !== stored.rater.name || latest.raterRole !== stored.raterRole || latest.evidence !== stored.evidence) {
        this.#pendingAbout = { name: latest.rater.name, raterRole: latest.raterRole, evidence: latest.evidence };
      }
      this.requestUpdate();
    }
    for (const [itemId, entry] of [...this.#pending]) {
      stored = this.#currentStored();
      if (!stored || stored.status === 'complete') break;
      const change: Extract<Change, { type: 'assessment/rate' }> = { type: 'assessment/rate', assessmentId: stored.id, itemId, at: now() };
      if ('value' in entry) change.value = entry.value ?? null;
      if (entry.comment !== undefined) change.comment = entry.comment;
      const saved = await this.#save(change);
      // A failed save keeps the edit (still shown, tried again with the next save); a host's cancel ends it.
      if (!saved && this._saveError) {
        this.requestUpdate();
        return;
      }
      if (this.#pending.get(itemId) === entry) this.#pending.delete(itemId);
      this.requestUpdate();
    }
    const about = this.#pendingAbout;
    stored = this.#currentStored();
    if (stored && stored.status === 'draft' && Object.keys(about).length) {
      const name = (about.name ?? stored.rater.name).trim();
      if (!name) {
        this._errors = [{ field: 'rater-name', message: this.i18n.t('checklist.enterRater') }];
        return;
      }
      const assessment: Assessment = {
        ...stored,
        rater: { ...stored.rater, name },
        raterRole: about.raterRole ?? stored.raterRole,
        evidence: about.evidence ?? stored.evidence,
        updatedAt: now(),
      };
      const saved = await this.#save({ type: 'assessment/update', assessment });
      if ((saved || !this._saveError) && this.#pendingAbout === about) this.#pendingAbout = {};
      this.requestUpdate();
    }
  }

  async #complete(): Promise<void> {
    const value = this.#value;
    const instrument = this.#resolved.instrument;
    if (!value || !instrument || this.#isDisabled) return;
    const problems = this.#problems(value, instrument);
    if (problems.length) {
      this._errors = problems;
      await this.updateComplete;
      focusErrorSummary(this.renderRoot);
      return;
    }
    this._errors = [];
    if (!this.#recordMode) {
      const at = now();
      this._local = { ...value, status: 'complete', completedAt: at, updatedAt: at };
    } else {
      clearTimeout(this.#commentTimer);
      this.#commentTimer = undefined;
      await this.#enqueue(async () => {
        // An earlier failed save is tried again here; only a failure now stops completing.
        this._saveError = undefined;
        await this.#flush();
        const stored = this.#currentStored();
        if (this._saveError) {
          this._errors = formErrorsFrom(this._saveError, () => undefined, this.i18n.t('form.saveFailed'));
          return;
        }
        if (!stored) return;
        const ok = await this.#save({ type: 'assessment/complete', assessmentId: stored.id, at: now() });
        if (!ok && this._saveError) {
          this._errors = formErrorsFrom(this._saveError, () => undefined, this.i18n.t('form.saveFailed'));
          this._saveError = undefined;
        }
      });
    }
    await this.updateComplete;
    if (this._errors.length) focusErrorSummary(this.renderRoot);
    else this.#focusAfterToggle();
    this.#fire('both');
  }

  async #reopen(): Promise<void> {
    const value = this.#value;
    if (!value || value.status !== 'complete' || this.#isDisabled) return;
    if (!this.#recordMode) {
      const { completedAt: _completedAt, ...rest } = value;
      this._local = { ...rest, status: 'draft', updatedAt: now() };
    } else {
      await this.#enqueue(() => this.#save({ type: 'assessment/reopen', assessmentId: value.id, at: now() }));
    }
    await this.updateComplete;
    this.#focusAfterToggle();
    this.#fire('both');
  }

  /** After complete or reopen the button pressed is gone: move focus to the other one. */
  #focusAfterToggle(): void {
    this.renderRoot.querySelector<HTMLElement>('[data-action]')?.focus();
  }

  /* ---------------------------------------------------------------- rendering */

  #text(text: LocalisedText | undefined): string {
    return text === undefined ? '' : localise(text, this.i18n.locale);
  }

  protected override render(): TemplateResult {
    const error = this.data.error ?? this.#instrumentError ?? this.#resolved.error;
    const { instrument } = this.#resolved;
    const value = this.#value;
    const body =
      this.#recordMode && !this.data.record && !error
        ? html`<p role="status">${this.i18n.t('loading')}</p>`
        : instrument && value && !(this.#resolved.error && !this.#resolved.stored && this.#recordMode)
          ? this.view === 'summary'
            ? this.#renderSummary(value, instrument)
            : this.view === 'compare'
              ? this.#renderCompare(value, instrument)
              : this.#renderRate(value, instrument)
          : nothing;
    return html`<div class="checklist" part="base" @input=${stop} @change=${stop}>
      ${renderSyncStatus(this.#sync, this.i18n, { record: this.data.record, instruments: this.#registry, canDecide: !this.disabled })}
      ${error ? renderErrorState(error, this.i18n) : nothing}
      ${this._saveError ? renderErrorState(this._saveError, this.i18n, 'save') : nothing} ${body}
    </div>`;
  }

  #renderHeader(value: Draft, instrument: Instrument, progress: boolean): TemplateResult {
    const meeting = this.#resolved.meeting;
    const rated = ratedCount(value, instrument);
    return html`<header class="header" part="header">
      <h2 class="title">${this.#text(instrument.title)}</h2>
      ${instrument.description ? html`<p class="od-hint">${this.#text(instrument.description)}</p>` : nothing}
      ${meeting ? html`<p class="meta">${this.i18n.t('checklist.meeting', { date: this.i18n.dateTime(meeting.start) })}</p>` : nothing}
      ${this.#resolved.stored ? renderChangedBy(this.#history, { kind: 'assessment', id: this.#resolved.stored.id }, this.i18n) : nothing}
      ${progress
        ? html`<p class="progress" part="progress" role="status">
            ${this.i18n.t('checklist.progress', { rated, count: instrument.items.length })}
          </p>`
        : nothing}
    </header>`;
  }

  #renderRate(value: Draft, instrument: Instrument): TemplateResult {
    const readOnly = value.status === 'complete';

    const t = this.i18n;
    return html`${renderErrorSummary({ title: t.t('form.errorSummaryTitle'), errors: this._errors, root: this.renderRoot as ShadowRoot })}
      ${this.#renderHeader(value, instrument, true)}
      ${readOnly
        ? html`<p class="notice">${t.t('checklist.completed', { date: t.dateTime(value.completedAt ?? value.updatedAt ?? now()) })}</p>`
        : nothing}
      ${this.#renderAbout(value, readOnly)}
      ${instrument.groups.map((group) => {
        const items = instrument.items.filter((i) => i.groupId === group.id);
        if (!items.length) return nothing;
        return html`<section class="group" part="group" aria-labelledby=${`group-${group.id}`}>
          <h3 class="group-title" id=${`group-${group.id}`}>${this.#text(group.title)}</h3>
          ${group.description ? html`<p class="od-hint">${this.#text(group.description)}</p>` : nothing}
          ${items.map((item) => (readOnly ? this.#renderItemReadOnly(value, instrument, item) : this.#renderItem(value, instrument, item)))}
        </section>`;
      })}
      ${instrument.source ? html`<p class="source">${this.#text(instrument.source)}</p>` : nothing}
      <div class="actions od-button-group" part="actions">
        ${readOnly
          ? html`<button type="button" class="od-button od-button--secondary" data-action="reopen" ?disabled=${this.#isDisabled} @click=${this.#reopen}>
              ${t.t('checklist.reopen')}
            </button>`
          : html`<button type="button" class="od-button" data-action="complete" ?disabled=${this.#isDisabled} @click=${this.#complete}>
              ${t.t('checklist.complete')}
            </button>`}
        ${this.#recordMode && !readOnly
          ? html`<p class="save-status">
              ${this.#resolved.stored
                ? this._savedAt
                  ? t.t('checklist.savedAt', { time: t.time(this._savedAt) })
                  : nothing
                : t.t('checklist.notSaved')}
            </p>`
          : nothing}
      </div>`;
  }

  #renderAbout(value: Draft, readOnly: boolean): TemplateResult {
    const t = this.i18n;
    if (readOnly) {
      return html`<dl class="about-list" part="about">
        <dt>${t.t('checklist.raterName')}</dt>
        <dd>${value.rater.name}</dd>
        <dt>${t.t('checklist.raterRole')}</dt>
        <dd>${t.t(`raterRole.${value.raterRole}`)}</dd>
        <dt>${t.t('checklist.evidence')}</dt>
        <dd>${t.t(`evidence.${value.evidence}`)}</dd>
      </dl>`;
    }
    const disabled = this.#isDisabled;
    const nameError = this._errors.find((e) => e.field === 'rater-name');
    return html`<fieldset class="od-fieldset about" part="about">
      <legend class="od-legend about-legend">${t.t('checklist.aboutRating')}</legend>
      <div class="od-field ${nameError ? 'od-field--error' : ''}">
        <label class="od-label" for="rater-name">${t.t('checklist.raterName')}</label>
        <p class="od-hint" id="rater-name-hint">${t.t('checklist.raterNameHint')}</p>
        ${renderFieldError('rater-name', nameError, t.t('form.errorPrefix'))}
        <input
          class="od-input"
          id="rater-name"
          autocomplete="name"
          maxlength="200"
          .value=${live(value.rater.name)}
          ?disabled=${disabled}
          aria-describedby=${nameError ? 'rater-name-hint rater-name-error' : 'rater-name-hint'}
          aria-invalid=${nameError ? 'true' : 'false'}
          @input=${(e: Event) => this.#about({ name: (e.target as HTMLInputElement).value }, false)}
          @change=${(e: Event) => this.#about({ name: (e.target as HTMLInputElement).value }, true)}
        />
      </div>
      ${this.#renderChoices('rater-role', t.t('checklist.raterRole'), raterRoles, value.raterRole, (r) => t.t(`raterRole.${r}`), (r) =>
        this.#about({ raterRole: r }, true),
      )}
      ${this.#renderChoices('evidence', t.t('checklist.evidence'), evidenceSources, value.evidence, (r) => t.t(`evidence.${r}`), (r) =>
        this.#about({ evidence: r }, true),
      )}
    </fieldset>`;
  }

  #renderChoices<T extends string>(
    id: string,
    legend: string,
    options: readonly T[],
    current: T,
    label: (o: T) => string,
    pick: (o: T) => void,
  ): TemplateResult {
    return html`<fieldset class="od-fieldset choices-fieldset">
      <legend class="od-legend">${legend}</legend>
      <div class="choices">
        ${options.map(
          (o) => html`<div class="od-choice">
            <input
              type="radio"
              id=${`${id}--${o}`}
              name=${id}
              .checked=${live(o === current)}
              ?disabled=${this.#isDisabled}
              @change=${() => pick(o)}
            />
            <label for=${`${id}--${o}`}>${label(o)}</label>
          </div>`,
        )}
      </div>
    </fieldset>`;
  }

  #renderItem(value: Draft, instrument: Instrument, item: Instrument['items'][number]): TemplateResult {
    const t = this.i18n;
    const rating = value.ratings.find((r) => r.itemId === item.id);
    const field = radioId(item.id, 0);
    const error = this._errors.find((e) => e.field === field);
    const hint = item.text ? `hint-${item.id}` : '';
    const described = [hint, error ? `${field}-error` : ''].filter(Boolean).join(' ');
    const options: { value: RatingValue; label: string; id: string }[] = instrument.scale.options.map((o, i) => ({
      value: o.value,
      label: this.#text(o.label),
      id: radioId(item.id, i),
    }));
    if (instrument.scale.notApplicable) options.push({ value: 'na', label: t.t('notApplicable'), id: `${item.id}--na` });
    const disabled = this.#isDisabled;
    return html`<fieldset class="od-fieldset item ${error ? 'od-field--error' : ''}" part="item" aria-describedby=${described || nothing}>
      <legend class="od-legend item-title">
        ${this.#text(item.title)}${item.required ? nothing : html` <span class="optional">${t.t('form.optional')}</span>`}
      </legend>
      ${item.text ? html`<p class="od-hint" id=${hint}>${this.#text(item.text)}</p>` : nothing}
      ${renderFieldError(field, error, t.t('form.errorPrefix'))}
      <div class="choices scale">
        ${options.map(
          (o) => html`<div class="od-choice">
            <input
              type="radio"
              id=${o.id}
              name=${`item-${item.id}`}
              .checked=${live(rating?.value === o.value)}
              ?disabled=${disabled}
              @change=${() => this.#rate(item.id, o.value)}
            />
            <label for=${o.id}>${o.label}</label>
          </div>`,
        )}
      </div>
      <div class="od-field comment">
        <label class="od-label comment-label" for=${`comment-${item.id}`}>
          ${t.t('checklist.comment')} <span class="optional">${t.t('form.optional')}</span>
        </label>
        <textarea
          class="od-textarea"
          id=${`comment-${item.id}`}
          rows="2"
          maxlength="4000"
          .value=${live(rating?.comment ?? '')}
          ?disabled=${disabled}
          @input=${(e: Event) => this.#comment(item.id, (e.target as HTMLTextAreaElement).value, false)}
          @change=${(e: Event) => this.#comment(item.id, (e.target as HTMLTextAreaElement).value, true)}
        ></textarea>
      </div>
    </fieldset>`;
  }

  #renderItemReadOnly(value: Draft, instrument: Instrument, item: Instrument['items'][number]): TemplateResult {
    const rating = value.ratings.find((r) => r.itemId === item.id);
    return html`<div class="item item--read-only" part="item">
      <h4 class="item-title">${this.#text(item.title)}</h4>
      <p class="answer">${this.#valueLabel(instrument, rating?.value)}</p>
      ${rating?.comment ? html`<p class="comment-text">${rating.comment}</p>` : nothing}
    </div>`;
  }

  #valueLabel(instrument: Instrument, value: RatingValue): string {
    if (value === undefined) return this.i18n.t('checklist.notRated');
    if (value === 'na') return this.i18n.t('notApplicable');
    const option = instrument.scale.options.find((o) => o.value === value);
    return option ? `${this.#text(option.label)} (${value})` : String(value);
  }

  #percent(share: number | null): string {
    return share === null ? this.i18n.t('summary.none') : this.i18n.percent(share);
  }

  #renderSummary(value: Draft, instrument: Instrument): TemplateResult {
    const t = this.i18n;
    const score = scoreAssessment({ ...value, meetingId: value.meetingId ?? '' }, instrument);
    const row = (label: string, s: Score, head = false) =>
      html`<tr class=${head ? 'overall' : ''}>
        <th scope="row">${label}</th>
        <td>${t.number(s.rated)}</td>
        <td>${t.number(s.notApplicable)}</td>
        <td>${t.number(s.unrated)}</td>
        <td>${s.mean === null ? t.t('summary.none') : t.number(s.mean, { maximumFractionDigits: 2 })}</td>
        <td>${this.#percent(s.share)}</td>
      </tr>`;
    const groups = new Map(instrument.groups.map((g) => [g.id, g]));
    return html`${this.#renderHeader(value, instrument, false)}
      <section class="summary" part="summary" aria-labelledby="summary-title">
        <h3 id="summary-title">${t.t('summary.title')}</h3>
        <div class="table-wrap">
          <table>
            <caption>
              ${t.t('summary.caption', { rater: value.rater.name || '–' })}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t.t('summary.group')}</th>
                <th scope="col">${t.t('summary.rated')}</th>
                <th scope="col">${t.t('summary.na')}</th>
                <th scope="col">${t.t('summary.unrated')}</th>
                <th scope="col">${t.t('summary.mean')}</th>
                <th scope="col">${t.t('summary.score')}</th>
              </tr>
            </thead>
            <tbody>
              ${score.groups.map((g) => row(this.#text(groups.get(g.groupId)?.title ?? g.groupId), g))}
            </tbody>
            <tfoot>
              ${row(t.t('summary.overall'), score.overall, true)}
            </tfoot>
          </table>
        </div>
        <p class="od-hint">${t.t('summary.scoreHint')}</p>
      </section>
      ${this.#renderTrend(instrument)}`;
  }

  #renderTrend(instrument: Instrument): TemplateResult | typeof nothing {
    const record = this.data.record;
    const meeting = this.#resolved.meeting;
    if (!record || !meeting) return nothing;
    const t = this.i18n;
    const trend = fidelityTrend(record, { instrumentId: instrument.id, instruments: this.#registry, episodeId: meeting.episodeId });
    return html`<section class="trend" part="trend" aria-labelledby="trend-title">
      <h3 id="trend-title">${t.t('trend.title')}</h3>
      ${trend.length === 0
        ? html`<p>${t.t('trend.empty')}</p>`
        : html`${renderTrendChart(trend, (share) => this.i18n.percent(share))}
            <div class="table-wrap">
              <table>
                <caption>
                  ${t.t('trend.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t.t('trend.date')}</th>
                    <th scope="col">${t.t('trend.assessments')}</th>
                    <th scope="col">${t.t('trend.score')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${trend.map(
                    (m) => html`<tr class=${m.meetingId === meeting.id ? 'current' : ''}>
                      <th scope="row">${t.date(m.start)}</th>
                      <td>${t.number(m.scores.length)}</td>
                      <td>${this.#percent(m.share)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
    </section>`;
  }

  #renderCompare(value: Draft, instrument: Instrument): TemplateResult {
    const t = this.i18n;
    const record = this.data.record;
    const other = record?.assessments.find((a) =>
      this.compareWith
        ? a.id === this.compareWith
        : a.id !== value.id &&
          a.meetingId === value.meetingId &&
          a.instrumentId === instrument.id &&
          a.instrumentVersion === instrument.version,
    );
    const header = this.#renderHeader(value, instrument, false);
    if (!other || other.instrumentId !== instrument.id || other.instrumentVersion !== instrument.version) {
      return html`${header}
        <section class="compare" part="compare"><p>${t.t('compare.none')}</p></section>`;
    }
    const who = (a: Draft) => t.t('compare.rater', { name: a.rater.name || '–', role: t.t(`raterRole.${a.raterRole}`) });
    const valueOf = (a: Draft, itemId: string) => a.ratings.find((r) => r.itemId === itemId)?.value;
    let agree = 0;
    const rows = instrument.items.map((item) => {
      const a = valueOf(value, item.id);
      const b = valueOf(other, item.id);
      const same = a === b;
      if (same) agree++;
      const diff = typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) : undefined;
      return html`<tr class=${same ? '' : 'differs'}>
        <th scope="row">${this.#text(item.title)}</th>
        <td>${this.#valueLabel(instrument, a)}</td>
        <td>${this.#valueLabel(instrument, b)}</td>
        <td>${same ? t.t('compare.same') : html`<strong>${t.t('compare.differs')}${diff ? ` (${t.number(diff)})` : ''}</strong>`}</td>
      </tr>`;
    });
    return html`${header}
      <section class="compare" part="compare" aria-labelledby="compare-title">
        <h3 id="compare-title">${t.t('compare.title')}</h3>
        <p>${t.t('compare.agreement', { agree, count: instrument.items.length })}</p>
        <div class="table-wrap">
          <table>
            <caption>
              ${t.t('compare.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t.t('compare.item')}</th>
                <th scope="col">${who(value)}</th>
                <th scope="col">${who(other)}</th>
                <th scope="col">${t.t('compare.difference')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
        </div>
      </section>`;
  }
}

/** The id of an item's `index`th radio (the first is where its error links to). */
const radioId = (itemId: string, index: number) => `${itemId}--${index}`;

/** Inner controls' own input/change events stop at the shadow root: the checklist fires its own, once per edit. */
const stop = (event: Event) => event.stopPropagation();
