/**
 * What the map's edit forms share (loaded with them, see forms.ts): a labelled field, a labelled
 * select, a date, the save and cancel buttons, and the notice shown when the thing being edited has gone. Apart so
 * that the member form and the tie form are built the same way from @odkit/elements' form kit.
 */
import {
  dateErrorFor,
  datePartId,
  datePartsOf,
  parseDateParts,
  readDateParts,
  renderDateInput,
  ariaInvalid,
  describedBy,
  errorFor,
  renderField,
  renderChangedUnderneath,
  renderTheirs,
  type EditedUnderneath,
  type FieldValues,
  type FormError,
  type Translate,
} from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import type { MapStrings } from '../strings.js';
import { panelTitle, type FormState } from './panel-parts.js';

export interface FormActions {
  readonly submit: (event: Event) => void;
  readonly cancel: () => void;
  /** Back to the details (from a form whose subject has gone). */
  readonly close: () => void;
}

/** The choices an open edit form offers where someone else saved a change to a field the person also changed. */
export interface TheirsActions {
  readonly underneath: EditedUnderneath | undefined;
  readonly useTheirs: (field: string) => void;
  readonly keepMine: (field: string) => void;
}

/**
 * For one form: what someone else saved in a field, beside the person's own, where both changed it (nothing
 * otherwise). `shown` turns a control's value into what the person reads (a choice by its label).
 */
export function theirsIn(
  on: TheirsActions,
  t: Translate<MapStrings>,
  shown: (field: string, value: string) => string,
): (field: string) => TemplateResult | typeof nothing {
  return (field) => {
    const value = on.underneath?.waiting.get(field);
    if (value === undefined) return nothing;
    return renderTheirs(t, {
      field,
      shown: shown(field, value),
      onUseTheirs: () => on.useTheirs(field),
      onKeepMine: () => on.keepMine(field),
    });
  };
}

/** Above a form with fields waiting for a choice: what happened, and that nothing typed was lost. */
export function renderChangedNotice(on: TheirsActions, t: Translate<MapStrings>): TemplateResult | typeof nothing {
  return on.underneath?.waiting.size ? renderChangedUnderneath(t) : nothing;
}

export function field(
  state: FormState,
  t: Translate<MapStrings>,
  id: string,
  label: string,
  control: (describedBy: string | undefined, invalid: ReturnType<typeof ariaInvalid>) => TemplateResult,
  hint?: string,
): TemplateResult {
  const error = errorFor(state.errors, id);
  return renderField({
    id,
    label,
    hint,
    error,
    errorPrefix: t('form.errorPrefix'),
    control: control(describedBy(id, { hint, error }), ariaInvalid(error)),
  });
}

export function choice<T extends string | number>(
  state: FormState,
  t: Translate<MapStrings>,
  id: string,
  label: string,
  values: readonly T[],
  current: T,
  text: (v: T) => string,
  after: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  return field(
    state,
    t,
    id,
    label,
    (d) => html`<select class="od-select" id=${id} name=${id} aria-describedby=${d ?? nothing}>
        ${values.map((v) => html`<option value=${String(v)} ?selected=${v === current}>${text(v)}</option>`)}
      </select>
      ${after}`,
  );
}

export function renderFormButtons(state: FormState, t: Translate<MapStrings>, cancel: () => void): TemplateResult {
  return html`<div class="od-button-group">
      <button class="od-button" ?disabled=${state.busy}>${t('form.save')}</button>
      <button type="button" class="od-button od-button--secondary" @click=${cancel}>${t('form.cancel')}</button>
    </div>`;
}

/**
 * An edit form whose member or tie has left the record (another widget, tab or the host removed it): say so, save
 * nothing.
 */
export function renderGone(close: () => void, t: Translate<MapStrings>, level: number): TemplateResult {
  return html`${panelTitle(level, t('edit.edit'), true)}
      <p role="alert" class="gone">${t('edit.gone')}</p>
      <button type="button" class="od-button od-button--secondary" @click=${close}>${t('edit.close')}</button>`;
}

/** A GOV.UK date input (fields `${id}-day`, `-month`, `-year`), with what someone else saved in a part under it. */
export function dateField(
  state: FormState,
  t: Translate<MapStrings>,
  o: { id: string; legend: string; hint: string; iso: string | undefined },
  theirs: (field: string) => TemplateResult | typeof nothing,
): TemplateResult {
  const { id } = o;
  return html`${renderDateInput({
    id,
    name: id,
    legend: o.legend,
    hint: o.hint,
    value: datePartsOf(o.iso),
    error: dateErrorFor(state.errors, id),
    errorPrefix: t('form.errorPrefix'),
    labels: { day: t('date.day'), month: t('date.month'), year: t('date.year') },
  })}${theirs(datePartId(id, 'day'))}${theirs(datePartId(id, 'month'))}${theirs(datePartId(id, 'year'))}`;
}

/** A date's three fields' values, by their control names (for merging changes saved elsewhere). */
export function dateValues(id: string, iso: string | undefined): FieldValues {
  const parts = datePartsOf(iso);
  return {
    [datePartId(id, 'day')]: parts.day,
    [datePartId(id, 'month')]: parts.month,
    [datePartId(id, 'year')]: parts.year,
  };
}

/**
 * The date typed in the date input `id`, `YYYY-MM-DD` ('' for none, optional dates only); its problem, GOV.UK's
 * words with `name` ("The date of birth"), goes into `errors`.
 */
export function readDate(
  data: FormData,
  id: string,
  name: string,
  t: Translate<MapStrings>,
  errors: FormError[],
): string {
  const parsed = parseDateParts(id, readDateParts(data, id), {
    missing: (key) => t(key, { field: name }),
    invalid: t('err.dateInvalid', { field: name }),
  });
  if (parsed.error) errors.push(parsed.error);
  return parsed.iso ?? '';
}
