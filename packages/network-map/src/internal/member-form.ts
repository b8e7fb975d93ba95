/**
 * The member form: render it, read and check what was typed, and build the `Change` (add or
 * update). Apart from the element so that adding a member field touches this module and the
 * string tables only.
 */
import {
  MEMBER_KINDS,
  MEMBER_STATUSES,
  RINGS,
  SECTORS,
  SUPPORT_TYPES,
  TEXT_LIMITS,
  newId,
  type CaseRecord,
  type Change,
  type NetworkMember,
  type Ring,
  type SupportType,
} from '@odkit/core';
import type { FormError, Translate } from '@odkit/elements';
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
import type { MapStrings } from '../strings.js';

export function renderMemberForm(
  record: CaseRecord,
  t: Translate<MapStrings>,
  memberId: string | undefined,
  state: FormState,
  on: FormActions,
): TemplateResult {
  const member = memberId ? record.members.find((m) => m.id === memberId) : undefined;
  if (memberId && !member) return renderGone(on.close, t, state.headingLevel);
  return html`${renderFormErrors(state, t)}
      ${panelTitle(state.headingLevel, t(member ? 'edit.edit' : 'edit.add'))}
      <form novalidate @submit=${on.submit}>
        ${field(state, t, 'member-name', t('field.name'), (d, inv) => html`<input class="od-input" id="member-name" name="member-name" autocomplete="off" .value=${member?.name ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />`, t('field.nameHint'))}
        ${field(state, t, 'member-relationship', t('field.relationship'), (d, inv) => html`<input class="od-input" id="member-relationship" name="member-relationship" autocomplete="off" .value=${member?.relationship.text ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />`, t('field.relationshipHint'))}
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('field.kind')}</legend>
          ${MEMBER_KINDS.map((k) => html`<label class="od-choice"><input type="radio" name="member-kind" value=${k} ?checked=${(member?.kind ?? 'person') === k} /> ${t(`kind.${k}`)}</label>`)}
        </fieldset>
        ${choice(state, t, 'member-sector', t('field.sector'), SECTORS, member?.sector ?? 'family', (s) => t(`sector.${s}`))}
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('field.ring')}</legend>
          ${RINGS.map((r) => html`<label class="od-choice"><input type="radio" name="member-ring" value=${r} ?checked=${(member?.ring ?? 2) === r} /> ${t(`ring.${r}`)}</label>`)}
        </fieldset>
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('field.support')} <span class="optional">${t('form.optional')}</span></legend>
          ${SUPPORT_TYPES.map((s) => html`<label class="od-choice"><input type="checkbox" name="member-support" value=${s} ?checked=${member?.support.includes(s) ?? false} /> ${t(`support.${s}`)}</label>`)}
        </fieldset>
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('field.about')} <span class="optional">${t('form.optional')}</span></legend>
          <label class="od-choice"><input type="checkbox" name="member-household" ?checked=${member?.household ?? false} /> ${t('field.household')}</label>
          <label class="od-choice"><input type="checkbox" name="member-carer" ?checked=${member?.carer ?? false} /> ${t('field.carer')}</label>
        </fieldset>
        ${choice(state, t, 'member-status', t('field.status'), MEMBER_STATUSES, member?.status ?? 'active', (s) => t(`memberStatus.${s}`))}
        ${renderFormButtons(state, t, on.cancel)}
      </form>`;
}

/** What a submitted member form gives: the problems to show, or the member and the change that saves it. */
export type MemberFormResult = { errors: FormError[] } | { member: NetworkMember; change: Change };

export function readMemberForm(
  form: HTMLFormElement,
  t: Translate<MapStrings>,
  existing: NetworkMember | undefined,
): MemberFormResult {
  const data = new FormData(form);
  const name = String(data.get('member-name') ?? '').trim();
  const relationship = String(data.get('member-relationship') ?? '').trim();
  const errors: FormError[] = [];
  if (!name) errors.push({ field: 'member-name', message: t('err.name') });
  else if (name.length > TEXT_LIMITS.short) errors.push({ field: 'member-name', message: t('err.tooLong') });
  if (!relationship && !existing?.relationship.code)
    errors.push({ field: 'member-relationship', message: t('err.relationship') });
  else if (relationship.length > TEXT_LIMITS.short)
    errors.push({ field: 'member-relationship', message: t('err.tooLong') });
  if (errors.length) return { errors };
  const member: NetworkMember = {
    ...(existing ?? { id: newId('m'), hiddenFrom: [] }),
    kind: oneOf(MEMBER_KINDS, data.get('member-kind'), 'person'),
    name,
    relationship: {
      ...(existing?.relationship.code ? { code: existing.relationship.code } : {}),
      ...(relationship ? { text: relationship } : {}),
    } as NetworkMember['relationship'],
    sector: oneOf(SECTORS, data.get('member-sector'), 'family'),
    ring: Number(oneOf(RINGS.map(String), data.get('member-ring'), '2')) as Ring,
    support: data
      .getAll('member-support')
      .map(String)
      .filter((s): s is SupportType => (SUPPORT_TYPES as readonly string[]).includes(s)),
    household: data.has('member-household'),
    carer: data.has('member-carer'),
    status: oneOf(MEMBER_STATUSES, data.get('member-status'), 'active'),
  };
  return { member, change: existing ? { type: 'member/update', member } : { type: 'member/add', member } };
}

/** The form field a refused member change points at (by the path of the core's issue). */
export const memberFieldFor = (path: readonly (string | number)[]) =>
  path[1] === 'name'
    ? 'member-name'
    : path[1] === 'relationship'
      ? 'member-relationship'
      : path[1] === 'status'
        ? 'member-status'
        : undefined;
