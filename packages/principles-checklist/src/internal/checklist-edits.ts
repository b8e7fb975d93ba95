/**
 * The checklist's edits: a rating, a comment, the rater's details, complete, reopen and the
 * choice between theirs and mine, each refused while read-only or disabled, each firing
 * `input` / `change` like a native control. Apart from the element because it is the one path
 * every edit takes (the views, the light form taken over and the element all call it); the
 * element keeps the state it changes (the local draft, the errors) and fires the events (so the
 * custom-elements manifest still finds them on the element), the autosave keeps the saving.
 */
import type { Instrument } from '@odkit/core';
import { focusErrorSummary, formErrorsFrom, type FormError } from '@odkit/elements';
import type { ReactiveControllerHost } from 'lit';
import { COMMENT_DEBOUNCE_MS, type AutosaveController } from './autosave-controller.js';
import { now, type Draft, type RatingValue } from './draft.js';
import { focusField } from './items-view.js';
import { assessmentProblems } from './problems.js';
import type { RateEdits } from './rate-view.js';
import type { RaterEdit } from './rater-view.js';
import { radioId, type ChecklistFormat, type ChecklistT } from './view-kit.js';

export interface ChecklistEditsOptions {
  readonly autosave: AutosaveController;
  readonly t: ChecklistT;
  readonly f: ChecklistFormat;
  /** The assessment as shown (edits not saved yet laid over it), and its instrument. */
  readonly shownValue: () => Draft | undefined;
  readonly shownInstrument: () => Instrument | undefined;
  /** Completed or a shared screen: nothing is edited. */
  readonly readOnly: () => boolean;
  /** `disabled`, or a disabled fieldset around the checklist. */
  readonly controlsDisabled: () => boolean;
  /** The draft of a checklist without a record (or a store), which completes and reopens in place. */
  readonly setLocal: (draft: Draft) => void;
  /** The errors the form shows (its error summary and each field's message). */
  readonly errors: () => FormError[];
  readonly setErrors: (errors: FormError[]) => void;
  /** `input`, `change` or both from the element, with the form value brought up to date first. */
  readonly fire: (kind: 'input' | 'change' | 'both') => void;
}

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

export class ChecklistEdits implements RateEdits {
  readonly #host: Host;
  readonly #o: ChecklistEditsOptions;
  readonly #autosave: AutosaveController;

  constructor(host: Host, options: ChecklistEditsOptions) {
    this.#host = host;
    this.#o = options;
    this.#autosave = options.autosave;
  }

  // Arrow functions: the views bind some of these straight to `@click`, where `this` would be the element.
  readonly rate = (itemId: string, value: RatingValue): void => {
    if (this.#refused()) return;
    this.clearErrorFor(radioId(itemId, 0));
    this.#autosave.editRating(itemId, { value: value ?? null }, 0);
    this.#fire('both');
  };

  readonly comment = (itemId: string, comment: string, commit: boolean): void => {
    if (this.#refused()) return;
    this.#autosave.editRating(itemId, { comment }, commit ? 0 : COMMENT_DEBOUNCE_MS);
    this.#fire(commit ? 'change' : 'input');
  };

  readonly rater = (change: RaterEdit, commit: boolean): void => {
    if (this.#refused()) return;
    if (change.name !== undefined && change.name.trim()) this.clearErrorFor('rater-name');
    this.#autosave.editRater(change, commit);
    this.#fire(commit ? 'both' : 'input');
  };

  readonly complete = (): void => void this.#complete();
  readonly reopen = (): void => void this.#reopen();
  readonly useTheirs = (field: string): void => void this.#choose(field, 'theirs');
  readonly keepMine = (field: string): void => void this.#choose(field, 'mine');

  /** What stops the assessment shown being completed, at the field to fix. */
  #problems(value: Draft, instrument: Instrument): FormError[] {
    return assessmentProblems(value, instrument, this.#o.t, this.#o.f);
  }

  /** The form's `invalid` (a submit refused): the form shows why. */
  readonly onInvalid = (): void => {
    const value = this.#o.shownValue();
    const instrument = this.#o.shownInstrument();
    if (value && instrument) this.#o.setErrors(this.#problems(value, instrument));
  };

  clearErrorFor(field: string): void {
    const errors = this.#o.errors();
    if (errors.some((e) => e.field === field)) this.#o.setErrors(errors.filter((e) => e.field !== field));
  }

  #refused(): boolean {
    return this.#o.readOnly() || this.#o.controlsDisabled();
  }

  #fire(kind: 'input' | 'change' | 'both'): void {
    this.#o.fire(kind);
  }

  /** Fields someone else changed that this person changed too, as errors (the summary links to each one's choice). */
  #waitingErrors(): FormError[] {
    return [...this.#autosave.underneath.waiting.keys()].map((field) => ({
      field: `${field}-theirs-use`,
      message: this.#o.t('form.chooseVersion'),
    }));
  }

  /** The person chose theirs or mine for a field both changed: its error goes, focus goes back to the field. */
  async #choose(field: string, which: 'theirs' | 'mine'): Promise<void> {
    if (this.#refused()) return;
    if (which === 'theirs') this.#autosave.useTheirs(field);
    else this.#autosave.keepMine(field);
    this.clearErrorFor(`${field}-theirs-use`);
    if (which === 'theirs') this.#fire('both');
    await this.#host.updateComplete;
    focusField(this.#host.renderRoot, field);
  }

  async #complete(): Promise<void> {
    const value = this.#o.shownValue();
    const instrument = this.#o.shownInstrument();
    if (!value || !instrument || this.#o.controlsDisabled()) return;
    const waiting = this.#waitingErrors();
    if (waiting.length) return this.#showErrors(waiting);
    const problems = this.#problems(value, instrument);
    if (problems.length) return this.#showErrors(problems);
    this.#o.setErrors([]);
    if (!this.#autosave.recordMode) {
      const at = now();
      this.#o.setLocal({ ...value, status: 'complete', completedAt: at, updatedAt: at });
    } else {
      const error = await this.#autosave.complete();
      if (error === 'waiting') this.#o.setErrors(this.#waitingErrors());
      else if (error) this.#o.setErrors(formErrorsFrom(error, () => undefined, this.#o.t('form.saveFailed')));
    }
    await this.#host.updateComplete;
    if (this.#o.errors().length) focusErrorSummary(this.#host.renderRoot);
    else this.#focusAfterToggle();
    this.#fire('both');
  }

  async #reopen(): Promise<void> {
    const value = this.#o.shownValue();
    if (!value || value.status !== 'complete' || this.#o.controlsDisabled()) return;
    if (!this.#autosave.recordMode) {
      const { completedAt: _completedAt, ...rest } = value;
      this.#o.setLocal({ ...rest, status: 'draft', updatedAt: now() });
    } else {
      await this.#autosave.reopen(value.id);
    }
    await this.#host.updateComplete;
    this.#focusAfterToggle();
    this.#fire('both');
  }

  async #showErrors(errors: FormError[]): Promise<void> {
    this.#o.setErrors(errors);
    await this.#host.updateComplete;
    focusErrorSummary(this.#host.renderRoot);
  }

  /** After complete or reopen the button pressed is gone: move focus to the other one. */
  #focusAfterToggle(): void {
    this.#host.renderRoot.querySelector<HTMLElement>('[data-action]')?.focus();
  }
}
