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
import {
  dateErrorFor,
  datePartId,
  datePartsOf,
  parseDateParts,
  readDateParts,
  renderDateInput,
  type FieldValues,
  type FormError,
  type Translate,
} from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import {
  field,
  panelTitle,
  renderChangedUnderneath,
  renderFormButtons,
  renderFormErrors,
  theirsIn,
  type FormActions,
  type FormState,
  type TheirsActions,
} from './form-parts.js';
import { today } from './member-form.js';
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
    ${renderChangedUnderneath(on, t)}
    <form novalidate @submit=${on.submit}>
      ${text('person-name', t('field.name'), person.name, t('field.nameHint'))}
      ${text('person-nhs-number', optional(t('field.nhsNumber')), person.nhsNumber ?? '', t('field.nhsNumberHint'), { numeric: true })}
      ${renderDateInput({
        id: 'person-birth-date',
        name: 'person-birth-date',
        legend: optional(t('field.birthDate')),
        hint: t('date.hint'),
        value: datePartsOf(person.birthDate),
        error: dateErrorFor(state.errors, 'person-birth-date'),
        errorPrefix: t('form.errorPrefix'),
        labels: { day: t('date.day'), month: t('date.month'), year: t('date.year') },
      })}
      ${theirs(datePartId('person-birth-date', 'day'))}${theirs(datePartId('person-birth-date', 'month'))}${theirs(datePartId('person-birth-date', 'year'))}
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
    'person-birth-date-day': datePartsOf(person.birthDate).day,
    'person-birth-date-month': datePartsOf(person.birthDate).month,
    'person-birth-date-year': datePartsOf(person.birthDate).year,
  };
}

export function readPersonForm(
  form: HTMLFormElement,
  t: Translate<MapStrings>,
  existing: Person,
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
  const birth = parseDateParts('person-birth-date', readDateParts(data, 'person-birth-date'), {
    missing: (key) => t(key, { field: t('field.birthDateName') }),
    invalid: t('err.dateInvalid', { field: t('field.birthDateName') }),
  });
  if (birth.error) errors.push(birth.error);
  else if (birth.iso && birth.iso > today())
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
    ...(birth.iso ? { birthDate: birth.iso } : {}),
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
  })[String(path[1])];
