/**
 * The date-range filter form: renders the two date fields, reads and checks them.
 * A form seam of its own (like meeting-form.ts) so the element only applies the
 * range it is given.
 */
import { isRealDate } from '@odkit/core';
import { ariaInvalid, describedBy, errorFor, renderFieldError, type FormError } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
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
