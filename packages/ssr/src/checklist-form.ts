import { assessmentFieldNames as field } from '@odkit/core/assessment-form';
import {
  defaultInstruments,
  EVIDENCE_SOURCES,
  localise,
  RATER_ROLES,
  type CaseRecord,
  type Instrument,
  type LocalisedText,
} from '@odkit/core';
import { formatDateTime, formatMessage, type ThemeName } from '@odkit/elements';
import { checklistStrings, type ChecklistStrings } from '@odkit/principles-checklist';
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { ChecklistOptions } from './options.js';

/**
 * Class names of the host's design system, so the form looks like the page's own (it is light DOM: the page styles it).
 */
const CLASSES = {
  govuk: {
    group: 'govuk-form-group',
    fieldset: 'govuk-fieldset',
    legend: 'govuk-fieldset__legend govuk-fieldset__legend--m',
    itemLegend: 'govuk-fieldset__legend govuk-fieldset__legend--s',
    heading: 'govuk-heading-m',
    hint: 'govuk-hint',
    label: 'govuk-label',
    input: 'govuk-input',
    textarea: 'govuk-textarea',
    radios: 'govuk-radios govuk-radios--small',
    radio: 'govuk-radios__item',
    radioInput: 'govuk-radios__input',
    radioLabel: 'govuk-label govuk-radios__label',
    body: 'govuk-body',
  },
  nhs: {
    group: 'nhsuk-form-group',
    fieldset: 'nhsuk-fieldset',
    legend: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--m',
    itemLegend: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s',
    heading: 'nhsuk-heading-m',
    hint: 'nhsuk-hint',
    label: 'nhsuk-label',
    input: 'nhsuk-input',
    textarea: 'nhsuk-textarea',
    radios: 'nhsuk-radios nhsuk-radios--small',
    radio: 'nhsuk-radios__item',
    radioInput: 'nhsuk-radios__input',
    radioLabel: 'nhsuk-label nhsuk-radios__label',
    body: 'nhsuk-body',
  },
} as const;
type Classes = Record<keyof (typeof CLASSES)['govuk'], string>;
const PLAIN: Classes = Object.fromEntries(Object.keys(CLASSES.govuk).map((k) => [k, `od-form-${k}`])) as Classes;

export interface ChecklistFormSettings extends ChecklistOptions {
  name: string;
  meetingId: string | undefined;
}

/**
 * The checklist as ordinary form fields in the checklist's light DOM: what a browser without
 * script shows and the host's `<form>` posts (a shadow root's inputs are not part of an outer
 * form). Field names are core's `assessmentFieldNames`, read back by `assessmentFromForm`.
 * Once the kit's script runs, the element disables these fields (so nothing is sent twice)
 * and shows its own form in their place, starting from what was entered here.
 */
export function checklistForm(
  record: CaseRecord,
  settings: ChecklistFormSettings,
  locale: 'en-GB' | 'cy',
  timeZone: string,
  theme: ThemeName,
): TemplateResult | typeof nothing {
  const instrument = defaultInstruments.get(settings.instrumentId ?? 'od-seven-principles');
  const meeting = record.meetings.find((m) => m.id === settings.meetingId);
  // Nothing to rate: the element itself shows why once its script runs; without script the host's page says so.
  if (!instrument || !meeting || meeting.status !== 'held') return nothing;
  const c: Classes = theme === 'govuk' || theme === 'nhs' ? CLASSES[theme] : PLAIN;
  const strings = checklistStrings[locale];
  const t = (key: keyof ChecklistStrings & string, params?: Record<string, string | number>) =>
    formatMessage(locale, strings[key] ?? checklistStrings['en-GB'][key], params);
  const text = (value: LocalisedText | undefined) => (value === undefined ? '' : localise(value, locale));
  const name = settings.name;
  const id = (...parts: string[]) => [name, ...parts].join('-').replace(/[^A-Za-z0-9_-]/g, '-');
  // A draft of this meeting by this rater carries on where it was left.
  const rater = settings.raterName?.trim();
  const draft = record.assessments.findLast(
    (a) =>
      a.status === 'draft' &&
      a.meetingId === meeting.id &&
      a.instrumentId === instrument.id &&
      (!rater || a.rater.name === rater),
  );
  const ratingOf = (itemId: string) => draft?.ratings.find((r) => r.itemId === itemId);

  const radios = <T extends string | number>(
    fieldName: string,
    idBase: string,
    options: readonly { value: T; label: string }[],
    checked: T | undefined,
  ) =>
    html`<div class=${c.radios}>
      ${options.map(
        (o, i) => html`<div class=${c.radio}>
          <input class=${c.radioInput} type="radio" id=${`${idBase}-${i}`} name=${fieldName} value=${String(o.value)} ?checked=${o.value === checked} />
          <label class=${c.radioLabel} for=${`${idBase}-${i}`}>${o.label}</label>
        </div>`,
      )}
    </div>`;

  const item = (it: Instrument['items'][number]) => {
    const rating = ratingOf(it.id);
    const options: { value: string | number; label: string }[] = instrument.scale.options.map((o) => ({
      value: o.value,
      label: text(o.label),
    }));
    if (instrument.scale.notApplicable) options.push({ value: 'na', label: t('notApplicable') });
    const hint = it.text ? id('hint', it.id) : undefined;
    return html`<div class=${c.group}>
      <fieldset class=${c.fieldset} aria-describedby=${hint ?? nothing}>
        <legend class=${c.itemLegend}>${text(it.title)}${it.required ? nothing : ` ${t('form.optional')}`}</legend>
        ${hint ? html`<div class=${c.hint} id=${hint}>${text(it.text)}</div>` : nothing}
        ${radios(field.rating(name, it.id), id('rating', it.id), options, rating?.value)}
      </fieldset>
      <label class=${c.label} for=${id('comment', it.id)}>${t('checklist.comment')} ${t('form.optional')}</label>
      ${textarea(c.textarea, id('comment', it.id), field.comment(name, it.id), rating?.comment ?? '')}
    </div>`;
  };

  return html`<fieldset class="od-form ${c.fieldset}" data-od-fallback>
    <legend class=${c.legend}>${text(instrument.title)}</legend>
    <p class=${c.body}>${t('checklist.meeting', { date: formatDateTime(meeting.start, locale, { timeZone }) })}</p>
    ${instrument.description ? html`<p class=${c.hint}>${text(instrument.description)}</p>` : nothing}
    <div class=${c.group}>
      <label class=${c.label} for=${id('rater-name')}>${t('checklist.raterName')}</label>
      <div class=${c.hint} id=${id('rater-name-hint')}>${t('checklist.raterNameHint')}</div>
      <input
        class=${c.input}
        type="text"
        id=${id('rater-name')}
        name=${field.raterName(name)}
        autocomplete="name"
        maxlength="200"
        aria-describedby=${id('rater-name-hint')}
        value=${draft?.rater.name ?? rater ?? ''}
      />
    </div>
    <div class=${c.group}>
      <fieldset class=${c.fieldset}>
        <legend class=${c.itemLegend}>${t('checklist.raterRole')}</legend>
        ${radios(
          field.raterRole(name),
          id('rater-role'),
          RATER_ROLES.map((r) => ({ value: r, label: t(`raterRole.${r}`) })),
          draft?.raterRole ?? 'self',
        )}
      </fieldset>
    </div>
    <div class=${c.group}>
      <fieldset class=${c.fieldset}>
        <legend class=${c.itemLegend}>${t('checklist.evidence')}</legend>
        ${radios(
          field.evidence(name),
          id('evidence'),
          EVIDENCE_SOURCES.map((r) => ({ value: r, label: t(`evidence.${r}`) })),
          draft?.evidence ?? 'live',
        )}
      </fieldset>
    </div>
    ${instrument.groups.map((group) => {
      const items = instrument.items.filter((i) => i.groupId === group.id);
      return items.length
        ? html`<h3 class=${c.heading}>${text(group.title)}</h3>
            ${group.description ? html`<p class=${c.hint}>${text(group.description)}</p>` : nothing}
            ${items.map(item)}`
        : nothing;
    })}
  </fieldset>`;
}

/**
 * A textarea with its text: Lit binds nothing inside <textarea> (its content is raw text),
 * so the text goes in as a static part, escaped here. In a textarea only `&` and `<` could
 * mean anything to the parser (a character reference, or the closing tag).
 */
function textarea(className: string, id: string, name: string, text: string): TemplateResult {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return staticHtml`<textarea class=${className} id=${id} name=${name} rows="2" maxlength="4000">${unsafeStatic(escaped)}</textarea>`;
}
