/**
 * The date-range filter form: renders the two date fields, reads and checks them.
 * A form seam of its own (like meeting-form.ts) so the element only applies the
 * range it is given.
 */
import { isRealDate } from '@odkit/core';
import { ariaInvalid, describedBy, errorFor, renderFieldError, type FormError } from '@odkit/elements';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { T, TimelineHandlers } from './view-kit.js';

export interface RangeFormView {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly errors: readonly FormError[];
}

export type RangeFormHandlers = Pick<TimelineHandlers, 'applyRange' | 'clearRange'>;

/**
 * The form; its date fields are rendered only while chosen (most visits never need them, and they are not free to
 * create).
 */
export function renderRangeForm(v: RangeFormView, t: T, on: RangeFormHandlers): TemplateResult {
  const { from, to } = v;
  const prefix = t('form.errorPrefix');
  const field = (id: string, name: string, label: string, value: string | undefined) => {
    const error = errorFor(v.errors, id);
    return html`<div class="od-field ${error ? 'od-field--error' : ''}">
              <label class="od-label" for=${id}>${label}</label>
              ${renderFieldError(id, error, prefix)}
              <input class="od-input od-input--short" type="date" id=${id} name=${name} .value=${value ?? ''}
                aria-invalid=${ariaInvalid(error)} aria-describedby=${describedBy(id, { error }) ?? nothing} />
            </div>`;
  };
  return html`
      <form class="range" id="range" novalidate @submit=${on.applyRange}>
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('range.legend')}</legend>
          <div class="od-form-row">
            ${field('range-from', 'from', t('range.from'), from)}
            ${field('range-to', 'to', t('range.to'), to)}
            <div class="od-button-group range__buttons">
              <button class="od-button od-button--secondary" type="submit">${t('range.apply')}</button>
              ${from || to ? html`<button class="od-button od-button--secondary" type="button" @click=${on.clearRange}>${t('range.clear')}</button>` : nothing}
            </div>
          </div>
        </fieldset>
      </form>`;
}

/** Reads the form: the range chosen (empty fields as open ends), or the errors to show at the fields. */
export function readRangeForm(form: HTMLFormElement, t: T): { errors: FormError[]; from?: string; to?: string } {
  const fromInput = form.querySelector<HTMLInputElement>('#range-from')!;
  const toInput = form.querySelector<HTMLInputElement>('#range-to')!;
  const errors: FormError[] = [];
  if (fromInput.validity.badInput || (fromInput.value && !isRealDate(fromInput.value)))
    errors.push({ field: 'range-from', message: t('range.fromInvalid') });
  if (toInput.validity.badInput || (toInput.value && !isRealDate(toInput.value)))
    errors.push({ field: 'range-to', message: t('range.toInvalid') });
  if (!errors.length && fromInput.value && toInput.value && toInput.value < fromInput.value)
    errors.push({ field: 'range-to', message: t('range.order') });
  return errors.length ? { errors } : { errors, from: fromInput.value || undefined, to: toInput.value || undefined };
}

export interface RangeEditsOptions {
  readonly t: T;
  /** Focus goes to this element id after the next render. */
  readonly focus: (id: string) => void;
  /** The range chosen (undefined ends: open), to show from now on. */
  readonly apply: (from: string | undefined, to: string | undefined) => void;
}

/**
 * The range form's own state (open or not, its errors) and what its buttons do. Held by the element, like
 * MeetingEdits; renders it again when its state changes.
 */
export class RangeEdits {
  /** The form is shown. */
  open = false;
  /** The fields' problems, from the last apply. */
  errors: FormError[] = [];
  readonly #host: ReactiveControllerHost;
  readonly #o: RangeEditsOptions;

  constructor(host: ReactiveControllerHost, options: RangeEditsOptions) {
    this.#host = host;
    this.#o = options;
  }

  #set(state: Partial<Pick<RangeEdits, 'open' | 'errors'>>): void {
    Object.assign(this, state);
    this.#host.requestUpdate();
  }

  toggle(): void {
    this.#set({ open: !this.open });
    if (this.open) this.#o.focus('range-from');
    else this.#set({ errors: [] });
  }

  apply(event: SubmitEvent): void {
    event.preventDefault();
    const range = readRangeForm(event.currentTarget as HTMLFormElement, this.#o.t);
    this.#set({ errors: range.errors });
    if (range.errors.length) return this.#o.focus(range.errors[0]!.field!);
    this.#o.apply(range.from, range.to);
  }

  clear(): void {
    this.#set({ errors: [] });
    this.#o.apply(undefined, undefined);
    this.#o.focus('range-from');
  }
}
