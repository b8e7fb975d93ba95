/**
 * The member form: render it, read and check what was typed, and build the `Change` (add or
 * update). Apart from the element so that adding a member field touches this module and the
 * string tables only.
 */
import {
  CONTACT_FREQUENCIES,
  CRITICAL_RATINGS,
  MEMBER_KINDS,
  MEMBER_STATUSES,
  RINGS,
  SECTORS,
  SUPPORT_TYPES,
  TEXT_LIMITS,
  isId,
  newId,
  type CaseRecord,
  type Change,
  type NetworkMember,
  type Ring,
  type SupportType,
} from '@odkit/core';
import { datePartId, pathInside, type FieldValues, type FormError, type Translate } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import {
  choice,
  dateField,
  dateValues,
  field,
  renderFormButtons,
  readDate,
  renderChangedNotice,
  renderGone,
  theirsIn,
  type FormActions,
  type TheirsActions,
} from './form-parts.js';
import { oneOf, panelTitle, renderFormErrors, type FormState } from './panel-parts.js';
import { RELATIONSHIP_CODES, relationshipCodeFor, relationshipLabel } from './relationships.js';
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
  if (memberId && !live) return renderGone(on.close, t, state.headingLevel);
  // Drawn from the member as the form opened: a change saved elsewhere is merged in by EditedUnderneath, so it never
  // re-renders over what the person typed.
  const member = panel.opened ?? live;
  const theirs = theirsIn(on, t, (name, value) => memberValueText(name, value, t));
  const optional = (label: string) => `${label} ${t('form.optional')}`;
  // The first control of a group carries the group's name as its id, so the error summary can link to it.
  const first = (i: number, name: string) => (i === 0 ? name : nothing);
  return html`${renderFormErrors(state, t)}
      ${panelTitle(state.headingLevel, t(member ? 'edit.edit' : 'edit.add'))}
      ${renderChangedNotice(on, t)}
      <form novalidate @submit=${on.submit}>
        ${field(state, t, 'member-name', t('field.name'), (d, inv) => html`<input class="od-input" id="member-name" name="member-name" autocomplete="off" .value=${member?.name ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />${theirs('member-name')}`, t('field.nameHint'))}
        ${field(
          state,
          t,
          'member-relationship-code',
          t('field.relationshipCode'),
          (
            d,
            inv,
          ) => html`<input class="od-input" id="member-relationship-code" name="member-relationship-code" list="member-relationship-codes" autocomplete="off" .value=${member?.relationship.code ? relationshipLabel(member.relationship.code, t) : ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />
          <datalist id="member-relationship-codes">${RELATIONSHIP_CODES.map((c) => html`<option value=${t(`relationship.${c}`)}></option>`)}</datalist>${theirs('member-relationship-code')}`,
          t('field.relationshipCodeHint'),
        )}
        ${field(state, t, 'member-relationship', t('field.relationship'), (d, inv) => html`<input class="od-input" id="member-relationship" name="member-relationship" autocomplete="off" .value=${member?.relationship.text ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />${theirs('member-relationship')}`, t('field.relationshipHint'))}
        <fieldset class="od-fieldset">
          <legend class="od-legend">${t('field.kind')}</legend>
          ${MEMBER_KINDS.map((k, i) => html`<label class="od-choice"><input type="radio" id=${first(i, 'member-kind')} name="member-kind" value=${k} ?checked=${(member?.kind ?? 'person') === k} /> ${t(`kind.${k}`)}</label>`)}
          ${theirs('member-kind')}
        </fieldset>
        ${field(state, t, 'member-organisation', optional(t('field.organisation')), (d, inv) => html`<input class="od-input" id="member-organisation" name="member-organisation" autocomplete="organization" .value=${member?.organisation ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />${theirs('member-organisation')}`, t('field.organisationHint'))}
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
        ${choice(state, t, 'member-critical', optional(t('field.critical')), ['', ...CRITICAL_RATINGS], member?.critical ?? '', (c) => (c ? t(`critical.${c}`) : t('field.notRecorded')), theirs('member-critical'))}
        ${choice(state, t, 'member-contact', optional(t('field.contactFrequency')), ['', ...CONTACT_FREQUENCIES], member?.contactFrequency ?? '', (c) => (c ? t(`contactFrequency.${c}`) : t('field.notRecorded')), theirs('member-contact'))}
        ${field(state, t, 'member-known-since', optional(t('field.knownSince')), (d, inv) => html`<input class="od-input od-input--short" id="member-known-since" name="member-known-since" inputmode="numeric" autocomplete="off" .value=${member?.knownSince ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />${theirs('member-known-since')}`, t('field.knownSinceHint'))}
        ${choice(state, t, 'member-status', t('field.status'), MEMBER_STATUSES, member?.status ?? 'active', (s) => t(`memberStatus.${s}`), theirs('member-status'))}
        ${dateField(state, t, { id: 'member-since', legend: optional(t('field.since')), hint: t('field.sinceHint'), iso: member?.since }, theirs)}
        ${dateField(state, t, { id: 'member-until', legend: optional(t('field.until')), hint: t('field.untilHint'), iso: member?.until }, theirs)}
        ${field(state, t, 'member-hidden-from', optional(t('field.hiddenFrom')), (d, inv) => html`<input class="od-input" id="member-hidden-from" name="member-hidden-from" autocomplete="off" spellcheck="false" .value=${member?.hiddenFrom.join(', ') ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv} />${theirs('member-hidden-from')}`, t('field.hiddenFromHint'))}
        ${field(state, t, 'member-notes', optional(t('field.notes')), (d, inv) => html`<textarea class="od-textarea" id="member-notes" name="member-notes" .value=${member?.notes ?? ''} aria-describedby=${d ?? nothing} aria-invalid=${inv}></textarea>${theirs('member-notes')}`)}
        ${renderFormButtons(state, t, on.cancel)}
      </form>`;
}

/** A member's values as the member form's controls hold them (by control name), for merging changes saved elsewhere. */
export function memberFieldValues(m: NetworkMember, t: Translate<MapStrings>): FieldValues {
  return {
    'member-name': m.name,
    'member-relationship-code': m.relationship.code ? relationshipLabel(m.relationship.code, t) : '',
    'member-relationship': m.relationship.text ?? '',
    'member-organisation': m.organisation ?? '',
    'member-critical': m.critical ?? '',
    'member-contact': m.contactFrequency ?? '',
    'member-known-since': m.knownSince ?? '',
    'member-hidden-from': m.hiddenFrom.join(', '),
    'member-notes': m.notes ?? '',
    'member-kind': m.kind,
    'member-sector': m.sector,
    'member-ring': String(m.ring),
    'member-support': [...m.support].sort().join('\n'),
    'member-household': m.household ? 'on' : '',
    'member-carer': m.carer ? 'on' : '',
    'member-status': m.status,
    ...dateValues('member-since', m.since),
    ...dateValues('member-until', m.until),
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
      return t(value ? 'form.yes' : 'form.no');
    case 'member-status':
      return t(`memberStatus.${oneOf(MEMBER_STATUSES, value, 'active')}`);
    case 'member-critical':
      return value ? t(`critical.${oneOf(CRITICAL_RATINGS, value, 'sometimes')}`) : '';
    case 'member-contact':
      return value ? t(`contactFrequency.${oneOf(CONTACT_FREQUENCIES, value, 'weekly')}`) : '';
    default:
      return value;
  }
}

/** What a submitted member form gives: the problems to show, or the member and the change that saves it. */
export type MemberFormResult = { errors: FormError[] } | { member: NetworkMember; change: Change };

/**
 * Reads the member form. `today` (`YYYY-MM-DD` in the map's time zone) dates a member marked no longer in touch
 * without a date.
 */
export function readMemberForm(
  form: HTMLFormElement,
  t: Translate<MapStrings>,
  existing: NetworkMember | undefined,
  today: string,
): MemberFormResult {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const name = text('member-name');
  const typedCode = text('member-relationship-code');
  const relationship = text('member-relationship');
  const organisation = text('member-organisation');
  const knownSince = text('member-known-since');
  const notes = text('member-notes');
  const hiddenFrom = [
    ...new Set(
      text('member-hidden-from')
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ];
  // A code the kit does not offer (written by a host) stays as long as the picker still shows it.
  const code = typedCode && typedCode === existing?.relationship.code ? typedCode : relationshipCodeFor(typedCode, t);
  const errors: FormError[] = [];
  const tooLong = (field: string, value: string, limit: number = TEXT_LIMITS.short) => {
    if (value.length > limit)
      errors.push({ field, message: t(limit === TEXT_LIMITS.short ? 'err.tooLong' : 'err.notesTooLong') });
  };
  if (!name) errors.push({ field: 'member-name', message: t('err.name') });
  tooLong('member-name', name);
  if (code === null) errors.push({ field: 'member-relationship-code', message: t('err.relationshipCode') });
  else if (!relationship && !code) errors.push({ field: 'member-relationship', message: t('err.relationship') });
  tooLong('member-relationship', relationship);
  tooLong('member-organisation', organisation);
  if (knownSince && !/^\d{4}(-\d{2}){0,2}$/.test(knownSince))
    errors.push({ field: 'member-known-since', message: t('err.knownSince') });
  if (!hiddenFrom.every(isId)) errors.push({ field: 'member-hidden-from', message: t('err.hiddenFrom') });
  const since = readDate(data, 'member-since', t('field.sinceName'), t, errors);
  let until = readDate(data, 'member-until', t('field.untilName'), t, errors);
  if (since && until && until < since)
    errors.push({ field: datePartId('member-until', 'day'), message: t('err.untilBeforeSince') });
  tooLong('member-notes', notes, TEXT_LIMITS.long);
  if (errors.length) return { errors };
  const status = oneOf(MEMBER_STATUSES, data.get('member-status'), 'active');
  // Marked as no longer in touch (or died) without a date: from today, so "as of" an earlier date still shows them.
  if (status !== 'active' && !until && existing?.status !== status) until = today;
  const critical = data.get('member-critical');
  const contact = data.get('member-contact');
  // The optional fields this form owns start empty, so a cleared field is removed rather than kept from before.
  const {
    organisation: _o,
    critical: _c,
    contactFrequency: _f,
    knownSince: _k,
    notes: _n,
    since: _s,
    until: _u,
    ...kept
  } = existing ?? { id: newId('m') };
  const member: NetworkMember = {
    ...kept,
    kind: oneOf(MEMBER_KINDS, data.get('member-kind'), 'person'),
    name,
    relationship: {
      ...(code ? { code } : {}),
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
    status,
    hiddenFrom,
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(organisation ? { organisation } : {}),
    ...(critical ? { critical: oneOf(CRITICAL_RATINGS, critical, 'sometimes') } : {}),
    ...(contact ? { contactFrequency: oneOf(CONTACT_FREQUENCIES, contact, 'weekly') } : {}),
    ...(knownSince ? { knownSince } : {}),
    ...(notes ? { notes } : {}),
  };
  return { member, change: existing ? { type: 'member/update', member } : { type: 'member/add', member } };
}

/** The form field a refused member change points at (by the path of the core's issue). */
const FIELD_OF: Readonly<Record<string, string>> = {
  name: 'member-name',
  relationship: 'member-relationship',
  organisation: 'member-organisation',
  critical: 'member-critical',
  contactFrequency: 'member-contact',
  knownSince: 'member-known-since',
  hiddenFrom: 'member-hidden-from',
  notes: 'member-notes',
  status: 'member-status',
  since: datePartId('member-since', 'day'),
  until: datePartId('member-until', 'day'),
};
export const memberFieldFor = (path: readonly (string | number)[]): string | undefined => {
  const [key] = pathInside(path, 'member');
  return typeof key === 'string' ? FIELD_OF[key] : undefined;
};
