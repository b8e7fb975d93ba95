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
import { ariaInvalid, describedBy, errorFor, renderFieldError, type FormError, type Translate } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import {
  choice,
  field,
  oneOf,
  renderFormButtons,
  panelTitle,
  renderFormErrors,
  renderGone,
  type FormActions,
  type FormState,
} from './form-parts.js';
import type { NetworkView } from './view.js';
import type { MapStrings } from '../strings.js';

export function renderTieForm(
  record: CaseRecord,
  t: Translate<MapStrings>,
  view: NetworkView,
  opened: { tieId?: string | undefined; from?: string | undefined },
  state: FormState,
  on: FormActions,
): TemplateResult {
  const tie = opened.tieId ? record.ties.find((x) => x.id === opened.tieId) : undefined;
  if (opened.tieId && !tie) return renderGone(on.close, t, state.headingLevel);
  const ends = [
    { id: record.person.id, name: view.personName },
    ...view.members.map((m) => ({ id: m.member.id, name: m.name })),
  ];
  const toError = errorFor(state.errors, 'tie-to');
  return html`${renderFormErrors(state, t)}
      ${panelTitle(state.headingLevel, t(tie ? 'edit.editTie' : 'edit.addTie'))}
      <form novalidate @submit=${on.submit}>
        ${choice(
          state,
          t,
          'tie-from',
          t('field.from'),
          ends.map((e) => e.id),
          tie?.from ?? opened.from ?? record.person.id,
          (id) => ends.find((e) => e.id === id)?.name ?? id,
        )}
        <div class="od-field ${toError ? 'od-field--error' : ''}">
          <label class="od-label" for="tie-to">${t('field.to')}</label>
          ${renderFieldError('tie-to', toError, t('form.errorPrefix'))}
          <select class="od-select" id="tie-to" name="tie-to" aria-describedby=${describedBy('tie-to', { error: toError }) ?? nothing} aria-invalid=${ariaInvalid(toError)}>
            <option value="" ?selected=${!tie}></option>
            ${view.members.map((m) => html`<option value=${m.member.id} ?selected=${tie?.to === m.member.id}>${m.name}</option>`)}
          </select>
        </div>
        ${choice(state, t, 'tie-strength', t('field.strength'), TIE_STRENGTHS, tie?.strength ?? 'moderate', (s) => t(`tieStrength.${s}`))}
        ${choice(state, t, 'tie-quality', t('field.quality'), TIE_QUALITIES, tie?.quality ?? 'supportive', (s) => t(`tieQuality.${s}`))}
        ${choice(state, t, 'tie-direction', t('field.direction'), TIE_DIRECTIONS, tie?.direction ?? 'none', (s) => t(`tieDirection.${s}`))}
        ${field(state, t, 'tie-label', `${t('field.label')} ${t('form.optional')}`, (d, inv) => html`<input class="od-input" id="tie-label" name="tie-label" autocomplete="off" .value=${tie?.label ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />`)}
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
export const tieFieldFor = (path: readonly (string | number)[]) =>
  path[1] === 'to' ? 'tie-to' : path[1] === 'from' ? 'tie-from' : path[1] === 'label' ? 'tie-label' : undefined;
