import { applyAssessmentChange, defaultInstruments, type CaseRecord, type InstrumentRegistry } from '@odkit/core';
import {
  BaseCaseController,
  FormControlController,
  HistoryController,
  LocaleController,
  OdElement,
  DEFAULT_HEADING_LEVEL,
  OptionsController,
  headingLevelProblems,
  SyncStatusController,
  errorStateStyles,
  formStyles,
  syncStatusStyles,
  type CaseControllerOptions,
  type FormControlValidity,
  type FormError,
  type PrivacyOptions,
} from '@odkit/elements';
import { isServer, type PropertyValues, type TemplateResult } from 'lit';
import { checklistStyles } from './principles-checklist.styles.js';
import { AutosaveController } from './internal/autosave-controller.js';
import { ChecklistEdits } from './internal/checklist-edits.js';
import { renderChecklist, type ChecklistModel } from './internal/checklist-view.js';
import { blankDraft, parseDraft, type Draft } from './internal/draft.js';
import { carryOver, takeOverLightForm } from './internal/light-form.js';
import { hostRater, signedInRater, type SignedInRater } from './internal/rater.js';
import {
  chooseInstruments,
  resolveShown,
  type ChecklistProblem,
  type Instruments,
  type Shown,
} from './internal/resolve.js';
import { requiredValidity } from './internal/problems.js';
import { audienceProblem, PrivateRecordCache } from './internal/shown-privacy.js';
import { checklistStrings, type ChecklistStrings } from './internal/strings.js';
import { checklistViewFormat, type ChecklistT } from './internal/view-kit.js';

type View = 'rate' | 'summary' | 'compare';

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
 * @fires od-change - An edit to the case record (`change`: a typed Change such as rate-item), fired only without a
 * store, before the widget applies it to `record`; cancelable, to apply it yourself. Not "the value changed": that
 * is `input` and `change`.
 * @fires od-error - When the record, instrument or meeting cannot be shown, or an edit cannot be saved.
 * @slot heading - The checklist's title in the host's words (default: the instrument's title), inside its heading.
 * @slot hint - Text under the title (a hint, as GOV.UK puts under a heading).
 * @slot empty - What the trend says when no meeting of the episode has a completed assessment yet.
 * @csspart base - The checklist's outer box.
 * @csspart header - Title, description, meeting and progress.
 * @csspart progress - The "9 of 12 items rated" line.
 * @csspart about - The rater, role and evidence questions.
 * @csspart group - One group of items.
 * @csspart item - One item: the fieldset of its ratings (legend, hint, error, choices) and, after it, its comment.
 * @csspart actions - The complete / reopen buttons.
 * @csspart summary - The scores table.
 * @csspart trend - The trend chart and table.
 * @csspart trend-chart - The trend chart's SVG.
 * @csspart compare - The inter-rater table.
 * @csspart error - The error state.
 * @csspart sync-status - The status line shown with a syncing (offline) store: what is saved where.
 * @csspart sync-review - The panel to decide between this device's and the record's version of an edit.
 * @csspart changed-by - "Changed by … on …" under the header, for a saved assessment.
 * @csspart draft-status - The status line saying when a draft is kept only on this device, or was restored from it.
 * @csspart error-summary - The form's error summary.
 * @csspart changed-underneath - The box saying someone else saved a change to the assessment while it was being rated.
 * @csspart theirs - What someone else saved for an item's rating or comment or a rater's detail, beside the person's
 * own, with "Use theirs" and "Keep mine".
 * @csspart changed-status - The visually hidden status line that reads out a change someone else saved.
 * @cssprop --od-principles-checklist-item-gap - Space between items (default: 3 × the system space).
 * @cssprop --od-principles-checklist-chart-line - Trend line and point colour (default: the primary colour).
 * @cssprop --od-principles-checklist-difference-background - Background of an item the two raters differ on (default:
 * the raised surface).
 */
export class OdPrinciplesChecklist extends OdElement {
  static formAssociated = true;
  static override styles = [...OdElement.styles, errorStateStyles, formStyles, syncStatusStyles, checklistStyles];

  /**
   * Reactive properties and state, each documented where it is declared below. A table rather than decorators, so
   * the shipped bundle carries no decorator calls or helpers (about 0.4 kB gzip a widget; docs/performance.md).
   */
  static override properties = {
    record: { attribute: false },
    instrument: { attribute: false },
    instruments: { attribute: false },
    instrumentId: { attribute: 'instrument-id' },
    meetingId: { attribute: 'meeting-id' },
    assessmentId: { attribute: 'assessment-id' },
    raterName: { attribute: 'rater-name' },
    rater: { attribute: false },
    view: { reflect: true },
    compareWith: { attribute: 'compare-with' },
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    locale: {},
    audience: {},
    initialsOnly: { type: Boolean, reflect: true, attribute: 'initials-only' },
    strings: { attribute: false },
    _local: { state: true, attribute: false },
    _errors: { state: true, attribute: false },
    defaultValue: { attribute: false },
  };

  /** A case record (JSON); ignored inside an `<od-provider>` with a store. Property only. */
  record: unknown;
  /** A service's own instrument (validated; overrides `instrument-id`). Property only. */
  instrument: unknown;
  /** Where instruments are looked up (default: the kit's default registry). Property only. */
  instruments: InstrumentRegistry | undefined;
  /** The instrument by id: `od-seven-principles` (default) or `od-key-elements`, or one registered. */
  instrumentId = 'od-seven-principles';
  /** The held meeting being rated (needed with a record, optional standalone). */
  meetingId: string | undefined;
  /**
   * Show this assessment of the record (otherwise: the latest draft of this instrument for the meeting, or a new one).
   */
  assessmentId: string | undefined;
  /** The rater's name a new assessment starts with (e.g. the signed-in user); also picks whose draft is continued. */
  raterName: string | undefined;
  /**
   * The signed-in user who rates, `{ id?, name, role? }` (property only): their name is used,
   * shown read-only. Without it, the store's `author` (after a SMART launch, the launch's
   * `fhirUser`) is used; without either, the rater types their name.
   */
  rater: unknown;
  /** `rate` (default), `summary` (scores and trend) or `compare` (two raters of the meeting). */
  view: View = 'rate';
  /** In the compare view, the other assessment (default: another assessment of the meeting with this instrument). */
  compareWith: string | undefined;
  /** The form field name the value is submitted under. */
  name: string | undefined;
  /** Invalid (and not submitted) while a required item is unrated or the rater's name is missing. */
  required = false;
  /** Disables every control (a disabled fieldset around it does too). */
  disabled = false;
  /**
   * The level of the checklist's title (1–6, default 2), so it fits under the page's headings; its other
   * headings go down from it.
   */
  headingLevel: number = DEFAULT_HEADING_LEVEL;
  /** `en-GB` or `cy`; default: the provider's, else the nearest `lang`. */
  locale: string | undefined;
  /**
   * An audience id (e.g. `family`): a rater who is a network member hidden from it (`hiddenFrom`) is shown by role
   * only, as the map leaves such members out.
   */
  audience: string | undefined;
  /**
   * A shared screen: raters' names as initials, no comments (free text may name someone), and no editing (the
   * checklist reads as a completed one does).
   */
  initialsOnly = false;
  /** Per-instance string overrides. Property only. */
  strings: Partial<Record<keyof ChecklistStrings, string>> | undefined;

  private _local: Draft | undefined;
  private _errors: FormError[] = [];

  readonly #controllerOptions: CaseControllerOptions = {};
  readonly data = new BaseCaseController(this, applyAssessmentChange, this.#controllerOptions);
  readonly i18n = new LocaleController(this, checklistStrings);
  readonly #f = checklistViewFormat(this.i18n, () => this.headingLevel);
  readonly #t: ChecklistT = (key, params) => this.i18n.t(key, params);
  readonly #sync = new SyncStatusController(this, { store: () => this.data.store });
  readonly #history = new HistoryController(this, { store: () => this.data.store });
  readonly #form = new FormControlController(this, {
    role: 'group',
    value: () => this.value || null,
    validity: () => this.#validity(),
    reset: () => this.#reset(),
    restore: (state) => this.#restore(state),
  });
  readonly #autosave = new AutosaveController(this, {
    data: this.data,
    stored: () => this.#shown.stored,
    meetingId: () => this.#shown.meeting?.id,
    instrument: () => this.#shown.instrument,
    local: () => this._local,
    setLocal: (draft) => {
      this._local = draft;
    },
    nameMissing: () => {
      this._errors = [{ field: 'rater-name', message: this.#t('checklist.enterRater') }];
    },
  });
  readonly #options = new OptionsController<keyof ChecklistStrings & string>(this, {
    // One problem at a time, the one shown; none while the record's own error is shown (BaseCaseController reports that
    // one).
    check: () => {
      const problem = this.data.error
        ? undefined
        : (this.#instruments.problem ??
          this.#raterProblem ??
          audienceProblem(this.audience) ??
          this.#shown.problem ??
          this.#given?.problem ??
          headingLevelProblems(this.headingLevel)[0]);
      return problem ? [problem] : [];
    },
    t: this.#t,
  });
  readonly #edits = new ChecklistEdits(this, {
    autosave: this.#autosave,
    t: this.#t,
    f: this.i18n,
    shownValue: () => this.#value,
    shownInstrument: () => this.#shown.instrument,
    readOnly: () => this.#readOnly,
    controlsDisabled: () => this.#isDisabled,
    setLocal: (draft) => {
      this._local = draft;
    },
    errors: () => this._errors,
    setErrors: (errors) => {
      this._errors = errors;
    },
    fire: (kind) => this.#fire(kind),
  });

  #instruments: Instruments = { registry: defaultInstruments };
  #shown: Shown = {};
  #initial: Draft | undefined;

  /* ---------------------------------------------------------------- form control API */

  /** The form this control belongs to, as on a native control. */
  get form(): HTMLFormElement | null {
    return this.#form.form;
  }
  get validity(): ValidityState {
    return this.#form.validity;
  }
  get validationMessage(): string {
    return this.#form.validationMessage;
  }
  get willValidate(): boolean {
    return this.#form.willValidate;
  }
  checkValidity(): boolean {
    return this.#form.checkValidity();
  }
  reportValidity(): boolean {
    return this.#form.reportValidity();
  }
  /**
   * The assessment as JSON, as it stands now: what the form submits. Settable on a checklist without a record (a
   * form control): it shows the assessment given (JSON as `value` gives, of this instrument); anything else shows
   * the error state. With a record, the store holds the assessment and setting `value` is refused the same way.
   */
  get value(): string {
    const value = this.#value;
    return value ? JSON.stringify(value) : '';
  }
  set value(json: string) {
    this.#given = { json };
    this.requestUpdate();
  }
  /**
   * The assessment (JSON, as `value` gives) a form reset returns to, and a checklist without a record starts from;
   * '' (default): a blank assessment. Property only.
   */
  defaultValue = '';
  /** A `value` set by the host, applied (or refused) once the instrument is known; its problem while refused. */
  #given: { json: string; problem?: ChecklistProblem } | undefined;
  /** The assessment shown, with edits not saved yet (a comment being typed) applied. */
  get assessment(): Draft | undefined {
    return this.#value;
  }
  /** The record shown (the last valid one), if any. */
  get shownRecord(): CaseRecord | undefined {
    return this.data.record;
  }

  formResetCallback(): void {
    this.#form.formResetCallback();
  }

  formDisabledCallback(disabled: boolean): void {
    this.#form.formDisabledCallback(disabled);
  }

  formStateRestoreCallback(stateValue: unknown, mode?: 'restore' | 'autocomplete'): void {
    this.#form.formStateRestoreCallback(stateValue, mode);
  }

  #reset(): void {
    this.#autosave.discardDraft();
    this.#autosave.cancel();
    this._errors = [];
    this.#autosave.saveError = undefined;
    // A stored assessment was saved as it was made: reset only drops what is not saved yet.
    this._local = this.#initial ? structuredClone(this.#initial) : undefined;
    if (this.defaultValue && !this.data.record) this.value = this.defaultValue;
  }

  #restore(state: unknown): void {
    // With a record the store is the truth; a standalone control gets its draft back.
    if (this.data.record || this.data.store) return;
    this.updateComplete.then(() => {
      const instrument = this.#shown.instrument;
      const draft = instrument ? parseDraft(state, instrument) : undefined;
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
    const first = this.renderRoot.querySelector<HTMLElement>(
      'input:not(:disabled), textarea:not(:disabled), button:not(:disabled)',
    );
    if (first) first.focus(options);
    else super.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('invalid', this.#edits.onInvalid);
    this.addEventListener('click', this.#onHostClick);
    // A server-rendered form for pages without script (@odkit/ssr): this element takes its place, keeping what was
    // entered.
    const entered = isServer ? undefined : takeOverLightForm(this, this.name);
    if (entered) {
      void this.updateComplete.then(() => {
        const value = this.#value;
        const instrument = this.#shown.instrument;
        if (value && instrument && !this.#readOnly) carryOver(entered, value, instrument, this.#edits);
      });
    }
  }

  override disconnectedCallback(): void {
    // Before the controllers let go of the store: leaving must not lose a comment being typed.
    this.#autosave.saveOnLeave();
    super.disconnectedCallback();
    this.removeEventListener('invalid', this.#edits.onInvalid);
    this.removeEventListener('click', this.#onHostClick);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    let reparse = changed.has('record');
    if (changed.has('instrument') || changed.has('instruments')) {
      this.#instruments = chooseInstruments(this.instrument, this.instruments);
      const { registry } = this.#instruments;
      if (registry === defaultInstruments) delete this.#controllerOptions.instruments;
      else this.#controllerOptions.instruments = registry;
      reparse = true;
    }
    if (reparse) this.data.setRecord(this.record);
    if (changed.has('rater')) ({ rater: this.#hostRater, problem: this.#raterProblem } = hostRater(this.rater));
    const signedIn = signedInRater(this.#hostRater, this.data.store?.author);
    const signedInChanged = signedIn?.name !== this.#signedIn?.name;
    this.#signedIn = signedIn;
    if (
      changed.has('meetingId') ||
      changed.has('instrumentId') ||
      changed.has('assessmentId') ||
      changed.has('raterName') ||
      changed.has('instrument') ||
      signedInChanged
    ) {
      if (this.hasUpdated) {
        this.#autosave.cancel();
        this.#autosave.trackedId = undefined;
        this._local = undefined;
      }
    }
    const raterName = signedIn?.name ?? (typeof this.raterName === 'string' ? this.raterName : undefined);
    const resolve = () =>
      resolveShown({
        record: this.data.record,
        instruments: this.#instruments,
        instrumentId: this.instrumentId,
        meetingId: this.meetingId,
        assessmentId: this.assessmentId,
        trackedId: this.#autosave.trackedId,
        raterName,
      });
    this.#shown = resolve();
    // What was typed before a reload, kept on this device, is put back (and saved) once the record is there.
    const { meetingId, assessmentId } = this;
    const wanted = this.#shown.instrument;
    if (wanted && !this.#shown.problem) {
      if (this.#autosave.restoreDraft({ instrument: wanted, meetingId, assessmentId, raterName }))
        this.#shown = resolve();
    }
    const { instrument, stored } = this.#shown;
    if (stored) this.#autosave.trackedId = stored.id;
    // Someone else saved a change to the assessment being rated: merged into what is shown, nothing typed lost.
    this.#autosave.underneath.reconcile();
    if (instrument && !stored) {
      const local = this._local;
      if (!local || local.instrumentId !== instrument.id || local.instrumentVersion !== instrument.version) {
        this._local = blankDraft(instrument, this.meetingId, raterName);
        this.#initial = structuredClone(this._local);
        if (this.defaultValue && !this.#given) this.#given = { json: this.defaultValue };
      } else if (this.meetingId && local.meetingId !== this.meetingId) {
        this._local = { ...local, meetingId: this.meetingId };
      }
    }
    const given = this.#given;
    if (given && instrument && !given.problem) {
      // Only a checklist without a record takes a value: with one, the store holds the assessment.
      const draft = this.data.record ? undefined : parseDraft(given.json, instrument);
      if (draft) {
        this._local = draft;
        this.#given = undefined;
      } else given.problem = { option: 'value', key: 'checklist.badValue' };
    }
  }

  /* ---------------------------------------------------------------- the signed-in rater */

  /** The host's `rater`, checked; undefined when not given or invalid (then `#raterProblem` says so). */
  #hostRater: SignedInRater | undefined;
  #raterProblem: ChecklistProblem | undefined;
  /** Who rates when known (the host's rater, else the store's author). */
  #signedIn: SignedInRater | undefined;

  /* ---------------------------------------------------------------- what is shown */

  /** The stored assessment (or the local draft) with edits not saved yet laid over it. */
  get #value(): Draft | undefined {
    const base: Draft | undefined = this.#shown.stored ?? this._local;
    return base && this.#autosave.overlay(base);
  }

  get #readOnly(): boolean {
    return this.initialsOnly || this.#value?.status === 'complete';
  }

  /* ---------------------------------------------------------------- privacy */

  get #privacy(): PrivacyOptions {
    return {
      audience: this.audience || undefined,
      initialsOnly: this.initialsOnly,
      hiddenName: this.#t('privacy.nameHidden'),
    };
  }

  readonly #privateRecord = new PrivateRecordCache();
  #shownRecord(): CaseRecord | undefined {
    return this.#privateRecord.of(this.data.record, this.#privacy);
  }

  get #isDisabled(): boolean {
    return this.disabled || this.#form.formDisabled;
  }

  /* ---------------------------------------------------------------- validity */

  #validity(): FormControlValidity | undefined {
    if (!this.required) return undefined;
    return requiredValidity(this.#value, this.#shown.instrument, this.#t, this.i18n, this.renderRoot);
  }

  /**
   * A `<label for>` of the checklist clicks the host itself: focus the first control, as a label does for a native one.
   */
  readonly #onHostClick = (event: MouseEvent) => {
    if (event.composedPath()[0] === this) this.focus();
  };

  /* ---------------------------------------------------------------- events */

  /** The element's own input/change, for every edit ChecklistEdits makes. */
  #fire(kind: 'input' | 'change' | 'both'): void {
    // Like a native control, the form value is current when the event is heard
    // (validity follows with the render, which it anchors to).
    this.#form.updateValue();
    if (kind !== 'change') this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    if (kind !== 'input') this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /* ---------------------------------------------------------------- rendering */

  protected override render(): TemplateResult {
    const model: ChecklistModel = {
      error: this.data.error ?? this.#options.error,
      saveError: this.#autosave.saveError,
      shown: this.#shown,
      value: this.#value,
      record: this.data.record,
      privateRecord: this.#shownRecord(),
      registry: this.#instruments.registry,
      privacy: this.#privacy,
      view: this.view,
      compareWith: this.compareWith,
      canDecide: !this.disabled && !this.initialsOnly,
      readOnly: this.#readOnly,
      disabled: this.#isDisabled,
      shared: this.initialsOnly,
      errors: this._errors,
      root: this.renderRoot as ShadowRoot,
      autosave: this.#autosave,
      signedIn: this.#signedIn,
      sync: this.#sync,
      history: this.#history,
    };
    return renderChecklist(model, this.i18n, this.#t, this.#f, this.#edits);
  }
}
