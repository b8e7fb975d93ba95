import { isRealDate } from '@odkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { ariaInvalid, errorId, hintId, renderFieldError, type FormError } from './form-kit.js';

/**
 * A date entered as GOV.UK's date-input pattern: day, month and year in three text fields
 * inside a fieldset whose legend asks the question, with a hint ("For example, 27 3 2026")
 * and the error between hint and fields. Not `type=date`: its order follows the browser's
 * locale (US order in an en-US browser), its picker is hard to use with a screen reader,
 * and it cannot say which part is wrong.
 */

export const DATE_PARTS = ['day', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

/** A date as typed: the three fields' text, unchecked. */
export type DateParts = Record<DatePart, string>;

export const EMPTY_DATE: DateParts = Object.freeze({ day: '', month: '', year: '' });

/** A date's field ids: the fieldset is `id`, its fields `${id}-day`, `${id}-month`, `${id}-year`. */
export const datePartId = (id: string, part: DatePart) => `${id}-${part}`;

/** An error for a date: which parts it is about (all three when absent, as for "must be in the past"). */
export interface DateError extends FormError {
  readonly parts?: readonly DatePart[];
}

/**
 * A date error as a form error: its field is the first part in error, so the error summary's
 * link goes to it (GOV.UK links to the first field that has the problem).
 */
export function dateError(id: string, message: string, parts: readonly DatePart[] = DATE_PARTS): DateError {
  return { field: datePartId(id, parts[0] ?? 'day'), message, parts };
}

/** The error of the date input `id` among a form's errors, if any. */
export const dateErrorFor = (errors: readonly FormError[], id: string): DateError | undefined =>
  errors.find((e) => DATE_PARTS.some((p) => e.field === datePartId(id, p)));

/** "2026-04-09" as the parts a person would type (no leading zeros: "9", "4", "2026"); empty for no date. */
export function datePartsOf(iso: string | undefined): DateParts {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : { ...EMPTY_DATE };
}

/** The three fields named `${name}-day` … from a form's data (the fallback for a field not in the form). */
export function readDateParts(data: FormData, name: string, fallback: DateParts = EMPTY_DATE): DateParts {
  const read = (part: DatePart) => {
    const value = data.get(`${name}-${part}`);
    return typeof value === 'string' ? value.trim() : fallback[part];
  };
  return { day: read('day'), month: read('month'), year: read('year') };
}

/** The key of the shared "… must include a day and month" message for the parts missing. */
export type DateMissingKey = `date.missing.${'day' | 'month' | 'year' | 'day-month' | 'day-year' | 'month-year'}`;

/** What a date's messages say, in the widget's language (GOV.UK's wording: "Enter …", "… must include a …"). */
export interface DateMessages {
  /** "Enter the date of the meeting": nothing was entered. Omit for an optional date (empty is no date). */
  readonly required?: string;
  /** "The date of the meeting must include a month": some parts were left empty. */
  readonly missing: (key: DateMissingKey) => string;
  /** "The date of the meeting must be a real date". */
  readonly invalid: string;
}

/**
 * Checks what was typed: the date as `yyyy-mm-dd`, or the one error GOV.UK would show
 * (nothing entered, then parts missing, then not a real date), naming the parts it is about.
 * An optional date left empty is `{ iso: '' }`.
 */
export function parseDateParts(
  id: string,
  parts: DateParts,
  messages: DateMessages,
): { iso: string; error?: undefined } | { iso?: undefined; error: DateError } {
  const missing = DATE_PARTS.filter((p) => !parts[p].trim());
  if (missing.length === 3) return messages.required ? { error: dateError(id, messages.required) } : { iso: '' };
  if (missing.length)
    return { error: dateError(id, messages.missing(`date.missing.${missing.join('-')}` as DateMissingKey), missing) };
  const [day, month, year] = DATE_PARTS.map((p) => parts[p].trim());
  const wrong = [
    /^\d{1,2}$/.test(day!) ? '' : 'day',
    /^\d{1,2}$/.test(month!) ? '' : 'month',
    /^\d{4}$/.test(year!) ? '' : 'year',
  ].filter(Boolean) as DatePart[];
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  if (wrong.length) return { error: dateError(id, messages.invalid, wrong) };
  if (!isRealDate(iso)) return { error: dateError(id, messages.invalid) };
  return { iso };
}

export interface DateInputOptions {
  /** The fieldset's id; the fields are `${id}-day` and so on. */
  readonly id: string;
  /** The fields' names: `${name}-day` and so on. */
  readonly name: string;
  readonly legend: string;
  readonly hint?: string | undefined;
  readonly value: DateParts;
  readonly error?: DateError | undefined;
  /** Prefix read before an error message, e.g. "Error:" (visually hidden). */
  readonly errorPrefix: string;
  /** The fields' labels: "Day", "Month", "Year". */
  readonly labels: DateParts;
}

/** GOV.UK's date input: a fieldset (legend, hint, error) around three labelled numeric fields (`formStyles`). */
export function renderDateInput(o: DateInputOptions): TemplateResult {
  const { id, error } = o;
  const inError = (part: DatePart) => !!error && (error.parts ?? DATE_PARTS).includes(part);
  const described = [o.hint ? hintId(id) : '', error ? errorId(id) : ''].filter(Boolean).join(' ');
  return html`<div class="od-field ${error ? 'od-field--error' : ''}" part="field">
    <fieldset class="od-fieldset od-date" id=${id} role="group" aria-describedby=${described || nothing}>
      <legend class="od-legend">${o.legend}</legend>
      ${o.hint ? html`<p class="od-hint" id=${hintId(id)}>${o.hint}</p>` : nothing}
      ${renderFieldError(id, error, o.errorPrefix)}
      <div class="od-date-input">
        ${DATE_PARTS.map(
          (part) => html`<div class="od-date-input__item">
            <label class="od-label od-date-input__label" for=${datePartId(id, part)}>${o.labels[part]}</label>
            <input
              class="od-input od-date-input__input od-date-input__input--${part}"
              id=${datePartId(id, part)}
              name=${`${o.name}-${part}`}
              type="text"
              inputmode="numeric"
              autocomplete="off"
              spellcheck="false"
              .value=${o.value[part]}
              aria-invalid=${ariaInvalid(inError(part) ? error : undefined)}
            />
          </div>`,
        )}
      </div>
    </fieldset>
  </div>`;
}
