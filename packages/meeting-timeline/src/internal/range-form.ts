/**
 * The date-range filter form: renders the two date fields, reads and checks them.
 * A form seam of its own (like meeting-form.ts) so the element only applies the
 * range it is given. Fetched the first time a person opens it (range-edits.ts), with
 * the elements' date input, which nothing else in a timeline's first paint uses.
 */
import {
  dateError,
  dateErrorFor,
  datePartId,
  datePartsOf,
  parseDateParts,
  readDateParts,
  renderDateInput,
  type FormError,
} from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import type { T, TimelineHandlers } from './view-kit.js';

export interface RangeFormView {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly errors: readonly FormError[];
}

export type RangeFormHandlers = Pick<TimelineHandlers, 'applyRange' | 'clearRange'>;

/** The field focused when the form opens: the start date's day. */
export const RANGE_FIRST_FIELD = datePartId('range-from', 'day');

/**
 * The form; its date fields are rendered only while chosen (most visits never need them, and they are not free to
 * create). Each end is a GOV.UK date input (day, month, year), left empty for an open end.
 */
export function renderRangeForm(v: RangeFormView, t: T, on: RangeFormHandlers): TemplateResult {
  const { from, to } = v;
  const labels = { day: t('date.day'), month: t('date.month'), year: t('date.year') };
  const date = (id: string, name: string, legend: string, value: string | undefined) =>
    renderDateInput({
      id,
      name,
      legend,
      value: datePartsOf(value),
      error: dateErrorFor(v.errors, id),
      errorPrefix: t('form.errorPrefix'),
      labels,
    });
  return html`
      <form class="range" id="range" novalidate @submit=${on.applyRange}>
        <div role="group" aria-labelledby="range-legend" aria-describedby="range-hint">
          <p class="od-legend" id="range-legend">${t('range.legend')}</p>
          <p class="od-hint" id="range-hint">${t('date.hint')}</p>
          <div class="od-form-row">
            ${date('range-from', 'from', t('range.from'), from)}
            ${date('range-to', 'to', t('range.to'), to)}
            <div class="od-button-group range__buttons">
              <button class="od-button od-button--secondary" type="submit">${t('range.apply')}</button>
              ${from || to ? html`<button class="od-button od-button--secondary" type="button" @click=${on.clearRange}>${t('range.clear')}</button>` : nothing}
            </div>
          </div>
        </div>
      </form>`;
}

/** Reads the form: the range chosen (empty dates as open ends), or the errors to show at the fields. */
export function readRangeForm(form: HTMLFormElement, t: T): { errors: FormError[]; from?: string; to?: string } {
  const data = new FormData(form);
  const end = (id: string, name: string, invalid: 'range.fromInvalid' | 'range.toInvalid', noun: string) =>
    parseDateParts(id, readDateParts(data, name), {
      missing: (key) => t(key, { field: noun }),
      invalid: t(invalid),
    });
  const from = end('range-from', 'from', 'range.fromInvalid', t('range.fromName'));
  const to = end('range-to', 'to', 'range.toInvalid', t('range.toName'));
  const errors: FormError[] = [from.error, to.error].filter((e) => e !== undefined);
  if (!errors.length && from.iso && to.iso && to.iso < from.iso) errors.push(dateError('range-to', t('range.order')));
  return errors.length ? { errors } : { errors, from: from.iso || undefined, to: to.iso || undefined };
}
