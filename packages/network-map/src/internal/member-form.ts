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
import type { FieldValues, FormError, Translate } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import {
  choice,
  field,
  oneOf,
  renderFormButtons,
  renderFormErrors,
  renderChangedUnderneath,
  renderGone,
  theirsIn,
  type FormActions,
  type FormState,
  type TheirsActions,
} from './form-parts.js';
import type { MapStrings } from '../strings.js';

/** An edit form open on a member: the member as the form opened (its fields are drawn from this, never re-drawn). */
export interface MemberFormOpened {
  readonly memberId?: string | undefined;
  readonly opened?: NetworkMember | undefined;
}

export function renderMemberForm(
  record: CaseRecord,
  t: Translate<MapStrings>,
  panel: MemberFormOpened,
  state: FormState,
  on: FormActions & TheirsActions,
): TemplateResult {
  const { memberId } = panel;
  const live = memberId ? record.members.find((m) => m.id === memberId) : undefined;
  if (memberId && !live) return renderGone(on.close, t);
  // Drawn from the member as the form opened: a change saved elsewhere is merged in by EditedUnderneath, so it never
  // re-renders over what the person typed.
  const member = panel.opened ?? live;
  const theirs = theirsIn(on, t, (name, value) => memberValueText(name, value, t));
  // The first control of a group carries the group's name as its id, so the error summary can link to it.
  const first = (i: number, name: string) => (i === 0 ? name : nothing);
  return html`<h2 class="panel-title" id="panel-title">${t(member ? 'edit.edit' : 'edit.add')}</h2>
      ${renderFormErrors(state, t)}
      ${renderChangedUnderneath(on, t)}
      <form novalidate @submit=${on.submit}>
        ${field(state, t, 'member-name', t('field.name'), (d, inv) => html`<input class="od-input" id="member-name" name="member-name" autocomplete="off" .value=${member?.name ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />${theirs('member-name')}`, t('field.nameHint'))}
        ${field(state, t, 'member-relationship', t('field.relationship'), (d, inv) => html`<input class="od-input" id="member-relationship" name="member-relationship" autocomplete="off" .value=${member?.relationship.text ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />${theirs('member-relationship')}`, t('field.relationshipHint'))}
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('field.kind')}</legend>
          ${MEMBER_KINDS.map((k, i) => html`<label class="od-choice"><input type="radio" id=${first(i, 'member-kind')} name="member-kind" value=${k} ?checked=${(member?.kind ?? 'person') === k} /> ${t(`kind.${k}`)}</label>`)}
          ${theirs('member-kind')}
        </fieldset>
        ${choice(state, t, 'member-sector', t('field.sector'), SECTORS, member?.sector ?? 'family', (s) => t(`sector.${s}`), theirs('member-sector'))}
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('field.ring')}</legend>
          ${RINGS.map((r, i) => html`<label class="od-choice"><input type="radio" id=${first(i, 'member-ring')} name="member-ring" value=${r} ?checked=${(member?.ring ?? 2) === r} /> ${t(`ring.${r}`)}</label>`)}
          ${theirs('member-ring')}
        </fieldset>
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('field.support')} <span class="optional">${t('form.optional')}</span></legend>
          ${SUPPORT_TYPES.map((s, i) => html`<label class="od-choice"><input type="checkbox" id=${first(i, 'member-support')} name="member-support" value=${s} ?checked=${member?.support.includes(s) ?? false} /> ${t(`support.${s}`)}</label>`)}
          ${theirs('member-support')}
        </fieldset>
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('field.about')} <span class="optional">${t('form.optional')}</span></legend>
          <label class="od-choice"><input type="checkbox" id="member-household" name="member-household" ?checked=${member?.household ?? false} /> ${t('field.household')}</label>
          ${theirs('member-household')}
          <label class="od-choice"><input type="checkbox" id="member-carer" name="member-carer" ?checked=${member?.carer ?? false} /> ${t('field.carer')}</label>
          ${theirs('member-carer')}
        </fieldset>
        ${choice(state, t, 'member-status', t('field.status'), MEMBER_STATUSES, member?.status ?? 'active', (s) => t(`memberStatus.${s}`), theirs('member-status'))}
        ${renderFormButtons(state, t, on.cancel)}
      </form>`;
}

/** A member's values as the member form's controls hold them (by control name), for merging changes saved elsewhere. */
export function memberFieldValues(m: NetworkMember): FieldValues {
  return {
    'member-name': m.name,
    'member-relationship': m.relationship.text ?? '',
    'member-kind': m.kind,
    'member-sector': m.sector,
    'member-ring': String(m.ring),
    'member-support': [...m.support].sort().join('\n'),
    'member-household': m.household ? 'on' : '',
    'member-carer': m.carer ? 'on' : '',
    'member-status': m.status,
  };
}

/** A control's value as the person reads it (a choice by its label), or '' for nothing. */
function memberValueText(name: string, value: string, t: Translate<MapStrings>): string {
  const list = value ? value.split('\n') : [];
  switch (name) {
    case 'member-kind':
      return t(`kind.${oneOf(MEMBER_KINDS, value, 'person')}`);
    case 'member-sector':
      return t(`sector.${oneOf(SECTORS, value, 'family')}`);
    case 'member-ring':
      return t(`ring.${Number(oneOf(RINGS.map(String), value, '2')) as Ring}`);
    case 'member-support':
      return list.map((s) => t(`support.${oneOf(SUPPORT_TYPES, s, 'emotional')}`)).join(', ');
    case 'member-household':
    case 'member-carer':
      return t(value ? 'details.yes' : 'details.no');
    case 'member-status':
      return t(`memberStatus.${oneOf(MEMBER_STATUSES, value, 'active')}`);
    default:
      return value;
  }
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
