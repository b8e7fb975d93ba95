/**
 * The rater's details: name, role and what the rating is based on — questions while the
 * assessment is a draft, a list once it is complete. Apart from the items so that the
 * "About this rating" fieldset reads (and changes) in one place.
 */
import { TEXT_LIMITS, type Assessment } from '@odkit/core';
import { renderFieldError, type FormError } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { evidenceSources, raterRoles, type Draft } from './draft.js';
import type { TheirsBox } from './items-view.js';
import type { SignedInRater } from './rater.js';
import type { ChecklistT } from './view-kit.js';

/** An edit to the rater's details, as typed or picked. */
export interface RaterEdit {
  name?: string;
  raterRole?: Assessment['raterRole'];
  evidence?: Assessment['evidence'];
}

export interface RaterView {
  readonly value: Draft;
  readonly readOnly: boolean;
  readonly disabled: boolean;
  readonly errors: readonly FormError[];
  /** The signed-in rater (the host's `rater`, or the store's author): the name is theirs, shown read-only. */
  readonly signedIn?: SignedInRater | undefined;
}

/** `commit`: a choice made or the name field left (a `change`), not a key press. */
export type EditRater = (edit: RaterEdit, commit: boolean) => void;

const NO_THEIRS: TheirsBox = { box: nothing, id: '' };

/**
 * The rater's details. `theirs`: for a field (`rater-name`, `rater-role`, `evidence`) someone else changed too, what
 * they saved, shown beside it.
 */
export function renderRaterDetails(
  view: RaterView,
  t: ChecklistT,
  edit: EditRater,
  theirs: (field: string) => TheirsBox,
): TemplateResult {
  const { value, disabled } = view;
  if (view.readOnly) {
    return html`<dl class="about-list" part="about">
      <dt>${t('checklist.raterName')}</dt>
      <dd>${value.rater.name}</dd>
      <dt>${t('checklist.raterRole')}</dt>
      <dd>${t(`raterRole.${value.raterRole}`)}</dd>
      <dt>${t('checklist.evidence')}</dt>
      <dd>${t(`evidence.${value.evidence}`)}</dd>
    </dl>`;
  }
  const nameError = view.errors.find((e) => e.field === 'rater-name');
  const theirName = isSignedIn(view) ? NO_THEIRS : theirs('rater-name');
  const nameDescribed = ['rater-name-hint', nameError ? 'rater-name-error' : '', theirName.id]
    .filter(Boolean)
    .join(' ');
  const signedIn = view.signedIn;
  const who = (rater: { name: string; role?: string }) =>
    rater.role
      ? t('checklist.raterSignedInRole', { name: rater.name, role: rater.role })
      : t('checklist.raterSignedIn', { name: rater.name });
  // Signed in, the rater is who the kit says (read-only); otherwise the name is typed.
  const nameField = signedIn
    ? html`<div class="od-field">
        <label class="od-label" for="rater-name">${t('checklist.raterName')}</label>
        <p class="od-hint" id="rater-name-hint">${who(signedIn)}</p>
        <input class="od-input signed-in" id="rater-name" readonly .value=${live(signedIn.name)} aria-describedby="rater-name-hint" />
      </div>`
    : html`<div class="od-field ${nameError ? 'od-field--error' : ''}">
        <label class="od-label" for="rater-name">${t('checklist.raterName')}</label>
        <p class="od-hint" id="rater-name-hint">${t('checklist.raterNameHint')}</p>
        ${renderFieldError('rater-name', nameError, t('form.errorPrefix'))}
        <input
          class="od-input"
          id="rater-name"
          autocomplete="name"
          maxlength=${TEXT_LIMITS.short}
          .value=${live(value.rater.name)}
          ?disabled=${disabled}
          aria-describedby=${nameDescribed}
          aria-invalid=${nameError ? 'true' : 'false'}
          @input=${(e: Event) => edit({ name: (e.target as HTMLInputElement).value }, false)}
          @change=${(e: Event) => edit({ name: (e.target as HTMLInputElement).value }, true)}
        />
        ${theirName.box}
      </div>`;
  return html`<fieldset class="od-fieldset about" part="about">
    <legend class="od-legend about-legend">${t('checklist.aboutRating')}</legend>
    ${nameField}
    ${renderChoices(
      'rater-role',
      t('checklist.raterRole'),
      raterRoles,
      value.raterRole,
      disabled,
      (r) => t(`raterRole.${r}`),
      (r) => edit({ raterRole: r }, true),
      theirs('rater-role'),
    )}
    ${renderChoices(
      'evidence',
      t('checklist.evidence'),
      evidenceSources,
      value.evidence,
      disabled,
      (r) => t(`evidence.${r}`),
      (r) => edit({ evidence: r }, true),
      theirs('evidence'),
    )}
  </fieldset>`;
}

function renderChoices<T extends string>(
  id: string,
  legend: string,
  options: readonly T[],
  current: T,
  disabled: boolean,
  label: (o: T) => string,
  pick: (o: T) => void,
  theirs: TheirsBox,
): TemplateResult {
  return html`<fieldset class="od-fieldset choices-fieldset" aria-describedby=${theirs.id || nothing}>
    <legend class="od-legend">${legend}</legend>
    <div class="choices">
      ${options.map(
        (o) => html`<div class="od-choice">
          <input type="radio" id=${`${id}--${o}`} name=${id} .checked=${live(o === current)} ?disabled=${disabled} @change=${() => pick(o)} />
          <label for=${`${id}--${o}`}>${label(o)}</label>
        </div>`,
      )}
    </div>
    </fieldset>
    ${theirs.box}`;
}

/** A signed-in rater's name is the kit's, shown read-only: nothing to choose there. */
const isSignedIn = (view: RaterView) => view.signedIn !== undefined;
