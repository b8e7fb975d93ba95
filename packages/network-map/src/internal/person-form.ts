/**
 * The person form, opened from the centre of the map: the person's name, NHS number, pronouns and preferred
 * language. Render it, read and check what was typed, and build the `person/update` change. Apart from the element
 * so that a person's fields live in one module, as a member's and a tie's do.
 */
import {
  TEXT_LIMITS,
  isLanguageTag,
  isValidNhsNumber,
  normaliseNhsNumber,
  type Change,
  type Person,
} from '@odkit/core';
import { datePartId, pathInside, type FieldValues, type FormError, type Translate } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import {
  dateField,
  dateValues,
  field,
  readDate,
  renderChangedNotice,
  renderFormButtons,
  theirsIn,
  type FormActions,
  type TheirsActions,
} from './form-parts.js';
import { panelTitle, renderFormErrors, type FormState } from './panel-parts.js';
import type { MapStrings } from '../strings.js';

export function renderPersonForm(
  person: Person,
  t: Translate<MapStrings>,
  state: FormState,
  on: FormActions & TheirsActions,
): TemplateResult {
  const theirs = theirsIn(on, t, (_field, value) => value);
  const optional = (label: string) => `${label} ${t('form.optional')}`;
  const text = (id: string, label: string, value: string, hint?: string, attrs?: { numeric?: boolean }) =>
    field(
      state,
      t,
      id,
      label,
      (d, inv) =>
        html`<input class="od-input ${attrs?.numeric ? 'od-input--short' : ''}" id=${id} name=${id} autocomplete="off" inputmode=${attrs?.numeric ? 'numeric' : nothing} spellcheck="false" .value=${value} aria-describedby=${d ?? nothing} aria-invalid=${inv} />${theirs(id)}`,
      hint,
    );
  return html`${renderFormErrors(state, t)}
    ${panelTitle(state.headingLevel, t('edit.editPerson'))}
    ${renderChangedNotice(on, t)}
    <form novalidate @submit=${on.submit}>
      ${text('person-name', t('field.name'), person.name, t('field.nameHint'))}
      ${text('person-nhs-number', optional(t('field.nhsNumber')), person.nhsNumber ?? '', t('field.nhsNumberHint'), { numeric: true })}
      ${dateField(state, t, { id: 'person-birth-date', legend: optional(t('field.birthDate')), hint: t('date.hint'), iso: person.birthDate }, theirs)}
      ${text('person-pronouns', optional(t('field.pronouns')), person.pronouns ?? '', t('field.pronounsHint'))}
      ${text('person-language', optional(t('field.language')), person.preferredLanguage ?? '', t('field.languageHint'))}
      ${renderFormButtons(state, t, on.cancel)}
    </form>`;
}

/** The person's values as the form's controls hold them (by control name), for merging changes saved elsewhere. */
export function personFieldValues(person: Person): FieldValues {
  return {
    'person-name': person.name,
    'person-nhs-number': person.nhsNumber ?? '',
    'person-pronouns': person.pronouns ?? '',
    'person-language': person.preferredLanguage ?? '',
    ...dateValues('person-birth-date', person.birthDate),
  };
}

/** Reads the person form; `today` (`YYYY-MM-DD` in the map's time zone) is the latest date of birth taken. */
export function readPersonForm(
  form: HTMLFormElement,
  t: Translate<MapStrings>,
  existing: Person,
  today: string,
): { errors: FormError[] } | { change: Change } {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const name = text('person-name');
  const typedNhs = text('person-nhs-number');
  const pronouns = text('person-pronouns');
  const language = text('person-language');
  const errors: FormError[] = [];
  if (!name) errors.push({ field: 'person-name', message: t('err.name') });
  else if (name.length > TEXT_LIMITS.short) errors.push({ field: 'person-name', message: t('err.tooLong') });
  // Typed with spaces or hyphens as printed on letters ("999 123 4567"); kept as ten digits.
  const nhsNumber = typedNhs ? normaliseNhsNumber(typedNhs.replace(/-/g, ' ')) : '';
  if (nhsNumber && !isValidNhsNumber(nhsNumber))
    errors.push({ field: 'person-nhs-number', message: t('err.nhsNumber') });
  if (pronouns.length > TEXT_LIMITS.short) errors.push({ field: 'person-pronouns', message: t('err.tooLong') });
  if (language && !isLanguageTag(language)) errors.push({ field: 'person-language', message: t('err.language') });
  const birthDate = readDate(data, 'person-birth-date', t('field.birthDateName'), t, errors);
  if (birthDate > today)
    errors.push({ field: datePartId('person-birth-date', 'day'), message: t('err.birthDateFuture') });
  if (errors.length) return { errors };
  // The optional fields this form owns start empty, so a cleared field is removed rather than kept from before.
  const { nhsNumber: _n, pronouns: _p, preferredLanguage: _l, birthDate: _b, ...kept } = existing;
  const person: Person = {
    ...kept,
    name,
    ...(nhsNumber ? { nhsNumber } : {}),
    ...(pronouns ? { pronouns } : {}),
    ...(language ? { preferredLanguage: language } : {}),
    ...(birthDate ? { birthDate } : {}),
  };
  return { change: { type: 'person/update', person } };
}

/** The form field a refused person change points at (by the path of the core's issue). */
export const personFieldFor = (path: readonly (string | number)[]): string | undefined =>
  ({
    name: 'person-name',
    nhsNumber: 'person-nhs-number',
    pronouns: 'person-pronouns',
    preferredLanguage: 'person-language',
    birthDate: 'person-birth-date-day',
  })[String(pathInside(path, 'person')[0])];
