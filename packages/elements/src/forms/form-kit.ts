import { ValidationError, type Issue } from '@odkit/core';
import { css, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { DEFAULT_HEADING_LEVEL, renderHeading } from '../headings/heading-level.js';

/**
 * The pieces every widget's edit form is built from, following the GOV.UK Design
 * System's question pages: a label, an optional hint, the error next to the field
 * (with a visually hidden "Error:" prefix), and an error summary above the form
 * whose links move focus to the field in error. Nothing here is bound as markup.
 */

/** One problem with a form: the field it belongs to (by element id), or none for the form as a whole. */
export interface FormError {
  readonly field?: string;
  readonly message: string;
}

/** The ids a field's hint and error get, for `aria-describedby`. */
export const hintId = (field: string) => `${field}-hint`;
export const errorId = (field: string) => `${field}-error`;

/** `aria-describedby` for a field: its hint and, when there is one, its error. */
export function describedBy(
  field: string,
  options: { hint?: unknown; error?: FormError | undefined },
): string | undefined {
  const ids = [options.hint ? hintId(field) : '', options.error ? errorId(field) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The error for `field`, if any. */
export const errorFor = (errors: readonly FormError[], field: string): FormError | undefined =>
  errors.find((e) => e.field === field);

export interface FieldOptions {
  /** The control's id (the `<label for>` target). */
  readonly id: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: FormError | undefined;
  /** Prefix read before an error message, e.g. "Error:" (visually hidden). */
  readonly errorPrefix: string;
  /** The control itself, rendered with `id`, `aria-describedby=${describedBy(…)}` and `aria-invalid`. */
  readonly control: TemplateResult;
}

/** A labelled field with its hint and error, for one text input, select or textarea. */
export function renderField(o: FieldOptions): TemplateResult {
  return html`<div class="od-field ${o.error ? 'od-field--error' : ''}" part="field">
    <label class="od-label" for=${o.id}>${o.label}</label>
    ${o.hint ? html`<p class="od-hint" id=${hintId(o.id)}>${o.hint}</p>` : nothing}
    ${renderFieldError(o.id, o.error, o.errorPrefix)} ${o.control}
  </div>`;
}

/** The error message shown next to a field (or a fieldset's legend). */
export function renderFieldError(
  field: string,
  error: FormError | undefined,
  errorPrefix: string,
): TemplateResult | typeof nothing {
  if (!error) return nothing;
  return html`<p class="od-field-error" id=${errorId(field)}><span class="visually-hidden">${errorPrefix}</span> ${error.message}</p>`;
}

export interface ErrorSummaryOptions {
  readonly title: string;
  readonly errors: readonly FormError[];
  /** The shadow root (or document) the fields live in, so a link can move focus to its field. */
  readonly root: DocumentOrShadowRoot & ParentNode;
  /** The level of its heading (GOV.UK's is an h2 under the page's h1): the form's title's level. Default 2. */
  readonly level?: number | undefined;
}

/**
 * The error summary shown above a form after a failed submit. Focus it
 * (`focusErrorSummary`) so it is announced; each link focuses its field, which a
 * fragment link cannot do across a shadow root.
 */
export function renderErrorSummary(o: ErrorSummaryOptions): TemplateResult | typeof nothing {
  if (o.errors.length === 0) return nothing;
  const go = (event: Event, field: string) => {
    event.preventDefault();
    const target = o.root.querySelector<HTMLElement>(`#${CSS.escape(field)}`);
    target?.focus();
    target?.scrollIntoView?.({ block: 'center' });
  };
  const h = o.level ?? DEFAULT_HEADING_LEVEL;
  return html`<div class="od-error-summary" part="error-summary" tabindex="-1" role="alert" aria-labelledby="od-error-summary-title">
    ${renderHeading(h, o.title, { class: 'od-error-summary__title', id: 'od-error-summary-title' })}
    <ul class="od-error-summary__list">
      ${o.errors.map((e) =>
        e.field
          ? html`<li><a href=${`#${e.field}`} @click=${(ev: Event) => go(ev, e.field!)}>${e.message}</a></li>`
          : html`<li>${e.message}</li>`,
      )}
    </ul>
  </div>`;
}

/** Moves focus to the error summary after the render that shows it. */
export function focusErrorSummary(root: ParentNode): void {
  root.querySelector<HTMLElement>('.od-error-summary')?.focus();
}

/**
 * Turns a core `ValidationError` (from a rejected change) into form errors: each issue
 * whose path `fieldFor` recognises goes next to that field; the rest go to the summary
 * alone with their core message. Any other error becomes one form-level error.
 */
export function formErrorsFrom(
  error: Error,
  fieldFor: (path: Issue['path']) => string | undefined,
  fallback: string,
): FormError[] {
  if (!(error instanceof ValidationError)) return [{ message: fallback }];
  const errors = error.issues.map((issue): FormError => {
    const field = fieldFor(issue.path);
    return field ? { field, message: issue.message } : { message: issue.message };
  });
  return errors.length ? errors : [{ message: fallback }];
}

/** `aria-invalid` for a control: "true" with an error, absent otherwise. */
export const ariaInvalid = (error: FormError | undefined) => ifDefined(error ? 'true' : undefined);

/** Styles for the form pieces above, in the kit's tokens; every target is at least 24×24 px. */
export const formStyles = css`
  .od-field {
    margin-block: 0 calc(var(--_od-space) * 3);
  }
  .od-field--error {
    border-inline-start: 4px solid var(--_od-color-error);
    padding-inline-start: calc(var(--_od-space) * 1.5);
  }
  .od-label,
  .od-legend {
    display: block;
    /* Browsers pad a legend 2 px each side: without this it sits 2 px right of the fields under it. */
    padding: 0;
    font-weight: 700;
    margin-block-end: calc(var(--_od-space) / 2);
  }
  .od-hint {
    color: var(--_od-color-text-secondary);
    margin-block: 0 var(--_od-space);
  }
  .od-field-error {
    color: var(--_od-color-error);
    font-weight: 700;
    margin-block: 0 var(--_od-space);
  }
  .od-input,
  .od-select,
  .od-textarea {
    font: inherit;
    color: var(--_od-color-text);
    background: var(--_od-color-surface);
    border: 2px solid var(--_od-color-text);
    border-radius: 0;
    min-block-size: 2.5em;
    padding: calc(var(--_od-space) / 2);
    inline-size: 100%;
    max-inline-size: 30em;
  }
  .od-textarea {
    min-block-size: 5em;
  }
  /* For a short answer (a year, a code): a width that hints at the length expected, as GOV.UK's width classes. */
  .od-input--short {
    max-inline-size: 10em;
  }
  /* Only the controls in error: an optional comment in an item in error, or a date's right parts, stay as they are. */
  :is(.od-input, .od-select, .od-textarea)[aria-invalid='true'] {
    border-color: var(--_od-color-error);
  }
  /* The date input (date-input.ts): day, month and year side by side, sized for 2, 2 and 4 digits. */
  .od-date-input {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_od-space) calc(var(--_od-space) * 2);
  }
  .od-date-input__item {
    display: flex;
    flex-direction: column;
  }
  .od-date-input__label {
    font-weight: 400;
  }
  .od-input.od-date-input__input {
    inline-size: calc(2ch + 2em);
  }
  .od-input.od-date-input__input--year {
    inline-size: calc(4ch + 2em);
  }
  fieldset.od-date {
    margin-block-end: 0;
  }
  fieldset.od-fieldset {
    border: 0;
    margin: 0 0 calc(var(--_od-space) * 3);
    padding: 0;
    min-inline-size: 0;
  }
  .od-choice {
    display: flex;
    align-items: center;
    gap: var(--_od-space);
    min-block-size: max(var(--_od-target-size), 2em);
  }
  .od-choice input {
    inline-size: max(var(--_od-target-size), 1.5em);
    block-size: max(var(--_od-target-size), 1.5em);
    margin: 0;
    accent-color: var(--_od-color-primary);
    flex: none;
  }
  .od-button {
    font: inherit;
    font-weight: 700;
    min-block-size: max(var(--_od-target-size), 2.5em);
    min-inline-size: var(--_od-target-size);
    padding: calc(var(--_od-space) / 2) calc(var(--_od-space) * 1.5);
    border: 2px solid transparent;
    border-radius: var(--_od-radius);
    background: var(--_od-color-action);
    color: var(--_od-color-on-action);
    cursor: pointer;
  }
  /* The primary action: GOV.UK's button (green in its preset, darker on hover, a bar under it). */
  .od-button:not(.od-button--secondary, .od-button--warning):not(:focus-visible) {
    box-shadow: 0 2px 0 var(--_od-color-action-shadow);
  }
  .od-button:not(.od-button--secondary, .od-button--warning, :disabled):hover {
    background: var(--_od-color-action-hover);
  }
  .od-button--secondary {
    background: var(--_od-color-surface-raised);
    color: var(--_od-color-text);
    border-color: var(--_od-color-border);
  }
  .od-button--warning {
    background: var(--_od-color-error);
    color: var(--_od-color-on-primary);
  }
  .od-button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .od-button-group {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_od-space);
    align-items: center;
  }
  .od-error-summary {
    border: 4px solid var(--_od-color-error);
    padding: calc(var(--_od-space) * 2);
    margin-block-end: calc(var(--_od-space) * 3);
    background: var(--_od-color-surface);
  }
  .od-error-summary__title {
    font-size: 1.25em;
    margin-block: 0 var(--_od-space);
  }
  .od-error-summary__list {
    margin: 0;
    padding-inline-start: calc(var(--_od-space) * 2.5);
  }
  .od-error-summary__list a {
    color: var(--_od-color-error);
    font-weight: 700;
  }
  /* The value saved elsewhere, beside the person's own (an inset, as GOV.UK's inset text). */
  .od-theirs {
    border-inline-start: 4px solid var(--_od-color-border);
    padding: var(--_od-space) calc(var(--_od-space) * 1.5);
    margin-block: var(--_od-space) 0;
  }
  .od-theirs__value {
    margin-block: 0 var(--_od-space);
    overflow-wrap: anywhere;
  }
  @media (forced-colors: active) {
    .od-button {
      border-color: ButtonText;
    }
  }
`;
