/**
 * What a person's edits do: a rating, a comment, the rater's details, complete and reopen.
 * Each checks the checklist can be edited, hands the edit to the autosave controller (or,
 * standalone, to the local draft), clears or shows the form's errors, and fires `input` /
 * `change` like a native control. Apart from the element, which keeps the state and renders.
 */
import type { Instrument } from '@odkit/core';
import { focusErrorSummary, formErrorsFrom, type FormControlController, type FormError } from '@odkit/elements';
import type { ReactiveControllerHost } from 'lit';
import type { AutosaveController } from './autosave-controller.js';
import { COMMENT_DEBOUNCE_MS } from './autosave-controller.js';
import { now, type Draft, type RatingValue } from './draft.js';
import type { RateEdits } from './rate-view.js';
import type { RaterEdit } from './rater-view.js';
import { radioId, type ChecklistT } from './view-kit.js';

export interface ChecklistEditsOptions {
  readonly t: ChecklistT;
  readonly autosave: AutosaveController;
  readonly form: FormControlController;
  /** The assessment shown, with edits not saved yet laid over it, and its instrument. */
  readonly value: () => Draft | undefined;
  readonly instrument: () => Instrument | undefined;
  /** Every control is off (the `disabled` property, or a disabled fieldset around the checklist). */
  readonly disabled: () => boolean;
  /** What stops `value` being completed. */
  readonly problems: (value: Draft, instrument: Instrument) => FormError[];
  /** The form's errors, shown in its error summary. */
  readonly errors: () => FormError[];
  readonly setErrors: (errors: FormError[]) => void;
  /** The standalone draft (without a record or store) takes this value. */
  readonly setLocal: (draft: Draft) => void;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/** Held by the element as its `RateEdits`: the views call these. */
export class ChecklistEdits implements RateEdits {
  readonly #host: Host;
  readonly #o: ChecklistEditsOptions;

  constructor(host: Host, options: ChecklistEditsOptions) {
    this.#host = host;
    this.#o = options;
  }

  /** Completed assessments are read-only until reopened; nothing is edited while disabled. */
  get #locked(): boolean {
    return this.#o.value()?.status === 'complete' || this.#o.disabled();
  }

  #fire(kind: 'input' | 'change' | 'both'): void {
    // Like a native control, the form value is current when the event is heard
    // (validity follows with the render, which it anchors to).
    this.#o.form.updateValue();
    if (kind !== 'change') this.#host.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    if (kind !== 'input') this.#host.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #clearErrorFor(field: string): void {
    const errors = this.#o.errors();
    if (errors.some((e) => e.field === field)) this.#o.setErrors(errors.filter((e) => e.field !== field));
  }

  readonly rate = (itemId: string, value: RatingValue): void => {
    if (this.#locked) return;
    this.#clearErrorFor(radioId(itemId, 0));
    this.#o.autosave.editRating(itemId, { value: value ?? null }, 0);
    this.#fire('both');
  };

  readonly comment = (itemId: string, comment: string, commit: boolean): void => {
    if (this.#locked) return;
    this.#o.autosave.editRating(itemId, { comment }, commit ? 0 : COMMENT_DEBOUNCE_MS);
    this.#fire(commit ? 'change' : 'input');
  };

  readonly rater = (change: RaterEdit, commit: boolean): void => {
    if (this.#locked) return;
    if (change.name !== undefined && change.name.trim()) this.#clearErrorFor('rater-name');
    this.#o.autosave.editRater(change, commit);
    this.#fire(commit ? 'both' : 'input');
  };

  readonly complete = (): void => void this.#complete();

  readonly reopen = (): void => void this.#reopen();

  async #complete(): Promise<void> {
    const o = this.#o;
    const value = o.value();
    const instrument = o.instrument();
    if (!value || !instrument || o.disabled()) return;
    const problems = o.problems(value, instrument);
    if (problems.length) {
      o.setErrors(problems);
      await this.#host.updateComplete;
      focusErrorSummary(this.#host.renderRoot);
      return;
    }
    o.setErrors([]);
    if (!o.autosave.recordMode) {
      const at = now();
      o.setLocal({ ...value, status: 'complete', completedAt: at, updatedAt: at });
    } else {
      const error = await o.autosave.complete();
      if (error) o.setErrors(formErrorsFrom(error, () => undefined, o.t('form.saveFailed')));
    }
    await this.#host.updateComplete;
    if (o.errors().length) focusErrorSummary(this.#host.renderRoot);
    else this.#focusAfterToggle();
    this.#fire('both');
  }

  async #reopen(): Promise<void> {
    const o = this.#o;
    const value = o.value();
    if (!value || value.status !== 'complete' || o.disabled()) return;
    if (!o.autosave.recordMode) {
      const { completedAt: _completedAt, ...rest } = value;
      o.setLocal({ ...rest, status: 'draft', updatedAt: now() });
    } else {
      await o.autosave.reopen(value.id);
    }
    await this.#host.updateComplete;
    this.#focusAfterToggle();
    this.#fire('both');
  }

  /** After complete or reopen the button pressed is gone: move focus to the other one. */
  #focusAfterToggle(): void {
    this.#host.renderRoot.querySelector<HTMLElement>('[data-action]')?.focus();
  }
}
