/**
 * The tie form: render it, read and check what was chosen, and build the `Change` (add or
 * update). Apart from the element so that a tie's fields live in one module.
 */
import {
  TEXT_LIMITS,
  TIE_DIRECTIONS,
  TIE_QUALITIES,
  TIE_STRENGTHS,
  newId,
  type CaseRecord,
  type Change,
  type Tie,
} from '@odkit/core';
import {
  ariaInvalid,
  describedBy,
  errorFor,
  pathInside,
  renderFieldError,
  type FieldValues,
  type FormError,
  type Translate,
} from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import {
  choice,
  field,
  renderFormButtons,
  renderChangedNotice,
  renderGone,
  theirsIn,
  type FormActions,
  type TheirsActions,
} from './form-parts.js';
import { oneOf, panelTitle, renderFormErrors, type FormState } from './panel-parts.js';
import type { NetworkView } from './view.js';
import type { MapStrings } from '../strings.js';

export function renderTieForm(
  record: CaseRecord,
  t: Translate<MapStrings>,
  view: NetworkView,
  opened: { tieId?: string | undefined; from?: string | undefined; opened?: Tie | undefined },
  state: FormState,
  on: FormActions & TheirsActions,
): TemplateResult {
  const live = opened.tieId ? record.ties.find((x) => x.id === opened.tieId) : undefined;
  if (opened.tieId && !live) return renderGone(on.close, t, state.headingLevel);
  // Drawn from the tie as the form opened, never re-drawn over what the person chose (see EditedUnderneath).
  const tie = opened.opened ?? live;
  const ends = [
    { id: record.person.id, name: view.personName },
    ...view.members.map((m) => ({ id: m.member.id, name: m.name })),
  ];
  const nameOf = (id: string) => ends.find((e) => e.id === id)?.name ?? '';
  const theirs = theirsIn(on, t, (field, value) => tieValueText(field, value, t, nameOf));
  const toError = errorFor(state.errors, 'tie-to');
  return html`${renderFormErrors(state, t)}
      ${panelTitle(state.headingLevel, t(tie ? 'edit.editTie' : 'edit.addTie'))}
      ${renderChangedNotice(on, t)}
      <form novalidate @submit=${on.submit}>
        ${choice(
          state,
          t,
          'tie-from',
          t('field.from'),
          ends.map((e) => e.id),
          tie?.from ?? opened.from ?? record.person.id,
          (id) => ends.find((e) => e.id === id)?.name ?? id,
          theirs('tie-from'),
        )}
        <div class="od-field ${toError ? 'od-field--error' : ''}">
          <label class="od-label" for="tie-to">${t('field.to')}</label>
          ${renderFieldError('tie-to', toError, t('form.errorPrefix'))}
          <select class="od-select" id="tie-to" name="tie-to" aria-describedby=${describedBy('tie-to', { error: toError }) ?? nothing} aria-invalid=${ariaInvalid(toError)}>
            <option value="" ?selected=${!tie}></option>
            ${view.members.map((m) => html`<option value=${m.member.id} ?selected=${tie?.to === m.member.id}>${m.name}</option>`)}
          </select>
          ${theirs('tie-to')}
        </div>
        ${choice(state, t, 'tie-strength', t('field.strength'), TIE_STRENGTHS, tie?.strength ?? 'moderate', (s) => t(`tieStrength.${s}`), theirs('tie-strength'))}
        ${choice(state, t, 'tie-quality', t('field.quality'), TIE_QUALITIES, tie?.quality ?? 'supportive', (s) => t(`tieQuality.${s}`), theirs('tie-quality'))}
        ${choice(state, t, 'tie-direction', t('field.direction'), TIE_DIRECTIONS, tie?.direction ?? 'none', (s) => t(`tieDirection.${s}`), theirs('tie-direction'))}
        ${field(state, t, 'tie-label', `${t('field.label')} ${t('form.optional')}`, (d, inv) => html`<input class="od-input" id="tie-label" name="tie-label" autocomplete="off" .value=${tie?.label ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />${theirs('tie-label')}`)}
        ${renderFormButtons(state, t, on.cancel)}
      </form>`;
}

/** What a submitted tie form gives: the problems to show, or the change that saves the tie. */
export type TieFormResult = { errors: FormError[] } | { change: Change };

export function readTieForm(form: HTMLFormElement, t: Translate<MapStrings>, existing: Tie | undefined): TieFormResult {
  const data = new FormData(form);
  const from = String(data.get('tie-from') ?? '');
  const to = String(data.get('tie-to') ?? '');
  const label = String(data.get('tie-label') ?? '').trim();
  const errors: FormError[] = [];
  if (!to) errors.push({ field: 'tie-to', message: t('err.to') });
  else if (to === from) errors.push({ field: 'tie-to', message: t('err.sameEnds') });
  if (label.length > TEXT_LIMITS.short) errors.push({ field: 'tie-label', message: t('err.tooLong') });
  if (errors.length) return { errors };
  const { label: _old, ...base } = existing ?? { id: newId('t') };
  const tie: Tie = {
    ...base,
    from,
    to,
    strength: oneOf(TIE_STRENGTHS, data.get('tie-strength'), 'moderate'),
    quality: oneOf(TIE_QUALITIES, data.get('tie-quality'), 'supportive'),
    direction: oneOf(TIE_DIRECTIONS, data.get('tie-direction'), 'none'),
    ...(label ? { label } : {}),
  };
  return { change: existing ? { type: 'tie/update', tie } : { type: 'tie/add', tie } };
}

/** The form field a refused tie change points at (by the path of the core's issue). */
export const tieFieldFor = (path: readonly (string | number)[]) => {
  const [key] = pathInside(path, 'tie');
  return key === 'to' ? 'tie-to' : key === 'from' ? 'tie-from' : key === 'label' ? 'tie-label' : undefined;
};

/** A tie's values as the tie form's controls hold them (by control name), for merging changes saved elsewhere. */
export function tieFieldValues(tie: Tie): FieldValues {
  return {
    'tie-from': tie.from,
    'tie-to': tie.to,
    'tie-strength': tie.strength,
    'tie-quality': tie.quality,
    'tie-direction': tie.direction,
    'tie-label': tie.label ?? '',
  };
}

/** A tie control's value as the person reads it (an end by name, a choice by its label), or '' for nothing. */
function tieValueText(field: string, value: string, t: Translate<MapStrings>, nameOf: (id: string) => string): string {
  switch (field) {
    case 'tie-from':
    case 'tie-to':
      return nameOf(value);
    case 'tie-strength':
      return t(`tieStrength.${oneOf(TIE_STRENGTHS, value, 'moderate')}`);
    case 'tie-quality':
      return t(`tieQuality.${oneOf(TIE_QUALITIES, value, 'supportive')}`);
    case 'tie-direction':
      return t(`tieDirection.${oneOf(TIE_DIRECTIONS, value, 'none')}`);
    default:
      return value;
  }
}
