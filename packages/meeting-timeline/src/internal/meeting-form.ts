import {
  ATTENDEE_ROLES,
  MEETING_MODES,
  TEXT_LIMITS,
  type Attendee,
  type AttendeeRole,
  type Change,
  type Episode,
  type Issue,
  type Meeting,
  type MeetingMode,
  type NetworkMember,
} from '@odkit/core';
import {
  EMPTY_DATE,
  ariaInvalid,
  dateError,
  dateErrorFor,
  datePartId,
  datePartsOf,
  describedBy,
  errorFor,
  parseDateParts,
  pathInside,
  readDateParts,
  renderDateInput,
  renderErrorSummary,
  renderChangedUnderneath,
  renderTheirs,
  renderField,
  renderFieldError,
  type DateParts,
  type FormError,
  renderHeading,
} from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import { isTimeOfDay, isoInZone, localDate, localTime, MINUTE, zonedInstant } from './time.js';
import { fieldLabel, valueText } from './meeting-underneath.js';
import type { T, TimelineHandlers } from './view-kit.js';

/** One network member's place in the meeting being edited. */
export type AttendanceChoice = 'none' | 'present' | 'absent' | 'invited';

/** What the meeting form holds: the person's input, as typed. */
export interface MeetingDraft {
  /** The meeting being edited; absent for a new one. */
  readonly id?: string;
  /** Day, month and year as typed (GOV.UK's date input). */
  date: DateParts;
  time: string;
  duration: string;
  status: 'held' | 'planned';
  mode: MeetingMode;
  place: string;
  personPresent: boolean;
  attendance: Record<string, { choice: AttendanceChoice; role: AttendeeRole }>;
  reflecting: boolean;
  next: 'none' | 'open' | 'date';
  nextDate: DateParts;
  nextTime: string;
  notes: string;
}

/** The members a meeting can be picked from: the active network and anyone already listed. */
export function pickableMembers(members: readonly NetworkMember[], meeting?: Meeting): NetworkMember[] {
  const listed = new Set(meeting?.attendees.map((a) => a.memberId));
  return members.filter((m) => m.status === 'active' || listed.has(m.id));
}

/** Roles a member can take: practitioners' roles only for professionals (core refuses the rest). */
export const rolesFor = (member: NetworkMember): readonly AttendeeRole[] =>
  member.kind === 'professional' ? ATTENDEE_ROLES : ATTENDEE_ROLES.filter((r) => r === 'network' || r === 'other');

/** The role a member last had in a meeting of this record, else a sensible default for their kind. */
function defaultRole(member: NetworkMember, meetings: readonly Meeting[]): AttendeeRole {
  for (let i = meetings.length - 1; i >= 0; i--) {
    const found = meetings[i]!.attendees.find((a) => a.memberId === member.id);
    if (found) return found.role;
  }
  return member.kind === 'person' ? 'network' : 'other';
}

export function draftFor(
  meeting: Meeting | undefined,
  members: readonly NetworkMember[],
  meetings: readonly Meeting[],
  zone: string,
  now: number,
): MeetingDraft {
  const attendance: MeetingDraft['attendance'] = {};
  for (const member of pickableMembers(members, meeting)) {
    const listed = meeting?.attendees.find((a) => a.memberId === member.id);
    attendance[member.id] = listed
      ? { choice: meeting!.status === 'held' ? (listed.present ? 'present' : 'absent') : 'invited', role: listed.role }
      : { choice: 'none', role: defaultRole(member, meetings) };
  }
  if (!meeting) {
    return {
      date: datePartsOf(localDate(now, zone)),
      time: '',
      duration: '75',
      status: 'planned',
      mode: 'home',
      place: '',
      personPresent: false,
      attendance,
      reflecting: false,
      next: 'none',
      nextDate: { ...EMPTY_DATE },
      nextTime: '',
      notes: '',
    };
  }
  const start = Date.parse(meeting.start);
  const next = meeting.nextMeeting;
  const nextAt = next?.kind === 'date' ? Date.parse(next.at) : undefined;
  return {
    id: meeting.id,
    date: datePartsOf(localDate(start, zone)),
    time: localTime(start, zone),
    duration: meeting.end ? String(Math.round((Date.parse(meeting.end) - start) / MINUTE)) : '',
    status: meeting.status === 'held' ? 'held' : 'planned',
    mode: meeting.mode,
    place: meeting.place ?? '',
    personPresent: meeting.personPresent,
    attendance,
    reflecting: meeting.reflectingConversation,
    next: next ? next.kind : 'none',
    nextDate: datePartsOf(nextAt === undefined ? undefined : localDate(nextAt, zone)),
    nextTime: nextAt === undefined ? '' : localTime(nextAt, zone),
    notes: meeting.notes ?? '',
  };
}

/**
 * The draft with an entry for every member who can be picked now: the network may have
 * changed while the form was open (a member added on the map, one who became active).
 * Returns the same draft when nothing is missing.
 */
export function withPickable(
  draft: MeetingDraft,
  members: readonly NetworkMember[],
  meetings: readonly Meeting[],
): MeetingDraft {
  const missing = members.filter((m) => !(m.id in draft.attendance));
  if (missing.length === 0) return draft;
  const attendance = { ...draft.attendance };
  for (const member of missing) attendance[member.id] = { choice: 'none', role: defaultRole(member, meetings) };
  return { ...draft, attendance };
}

/** "9:30", "09.30" and " 14:30 " as "09:30"; anything else as typed (and then refused with a message). */
export function normaliseTime(value: string): string {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : value.trim();
}

/** Reads the form's controls into the draft (called on every change, so the form follows the answers). */
export function readForm(form: HTMLFormElement, draft: MeetingDraft): MeetingDraft {
  const data = new FormData(form);
  const text = (name: string, fallback: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : fallback;
  };
  const attendance: MeetingDraft['attendance'] = {};
  for (const [id, entry] of Object.entries(draft.attendance)) {
    attendance[id] = {
      choice: text(`att-${id}`, entry.choice) as AttendanceChoice,
      role: text(`role-${id}`, entry.role) as AttendeeRole,
    };
  }
  const status = text('status', draft.status) === 'held' ? 'held' : 'planned';
  // Switching between held and planned keeps who is invited.
  if (status !== draft.status) {
    for (const entry of Object.values(attendance)) {
      if (status === 'planned' && entry.choice !== 'none') entry.choice = 'invited';
      if (status === 'held' && entry.choice === 'invited') entry.choice = 'present';
    }
  }
  return {
    ...draft,
    date: readDateParts(data, 'date', draft.date),
    time: normaliseTime(text('time', draft.time)),
    duration: text('duration', draft.duration).trim(),
    status,
    mode: (MEETING_MODES as readonly string[]).includes(text('mode', draft.mode))
      ? (text('mode', draft.mode) as MeetingMode)
      : draft.mode,
    place: text('place', draft.place),
    personPresent: data.get('personPresent') === 'on',
    attendance,
    reflecting: data.get('reflecting') === 'on',
    next: (['none', 'open', 'date'] as const).find((n) => n === text('next', draft.next)) ?? 'none',
    nextDate: readDateParts(data, 'nextDate', draft.nextDate),
    nextTime: normaliseTime(text('nextTime', draft.nextTime)),
    notes: text('notes', draft.notes),
  };
}

/** What every timeline form (a meeting's, an episode's) checks its draft and builds its change with. */
export interface FormContext {
  readonly t: T;
  readonly zone: string;
  readonly now: number;
  readonly formatDateTime: (time: number) => string;
  readonly formatDate: (date: string) => string;
  readonly newId: () => string;
}

export interface BuildContext extends FormContext {
  readonly episode: Episode;
  readonly existing: Meeting | undefined;
}

/**
 * Checks the draft with the timeline's own messages (GOV.UK style, at the field) and,
 * when it is complete, builds the change it stands for.
 */
export function buildChange(
  draft: MeetingDraft,
  ctx: BuildContext,
): { errors: FormError[]; change?: Change; meeting?: Meeting } {
  const { t, zone } = ctx;
  const errors: FormError[] = [];
  let start: number | null = null;
  const parsed = parseDateParts('mt-date', draft.date, {
    required: t('error.dateRequired'),
    missing: (key) => t(key, { field: t('edit.dateName') }),
    invalid: t('error.dateInvalid'),
  });
  const date = parsed.iso ?? '';
  if (parsed.error) errors.push(parsed.error);
  if (!draft.time) errors.push({ field: 'mt-time', message: t('error.timeRequired') });
  else if (!isTimeOfDay(draft.time)) errors.push({ field: 'mt-time', message: t('error.timeInvalid') });
  if (!errors.length) {
    start = zonedInstant(date, draft.time, zone);
    if (start === null) {
      errors.push({
        field: 'mt-time',
        message: t('error.timeGap', { time: draft.time, date: ctx.formatDate(date) }),
      });
    } else if (start < Date.parse(ctx.episode.firstContact)) {
      errors.push(
        dateError(
          'mt-date',
          t('error.beforeFirstContact', { date: ctx.formatDateTime(Date.parse(ctx.episode.firstContact)) }),
        ),
      );
    } else if (draft.status === 'held' && start > ctx.now) {
      errors.push(dateError('mt-date', t('error.heldInFuture')));
    }
  }
  const minutes = Number(draft.duration);
  if (draft.duration && !(/^\d+$/.test(draft.duration) && minutes >= 1 && minutes <= 1440)) {
    errors.push({ field: 'mt-duration', message: t('error.durationInvalid') });
  }
  if (draft.place.trim().length > TEXT_LIMITS.short) errors.push({ field: 'mt-place', message: t('error.placeLong') });

  const attendees: Attendee[] = [];
  for (const [memberId, entry] of Object.entries(draft.attendance)) {
    if (entry.choice === 'none') continue;
    if (draft.status === 'planned' && entry.choice !== 'invited') {
      errors.push({ field: `att-${memberId}`, message: t('error.plannedPresent') });
    }
    attendees.push({ memberId, role: entry.role, present: draft.status === 'held' && entry.choice === 'present' });
  }

  let nextAt: number | null = null;
  if (draft.status === 'held' && draft.next === 'date') {
    const next = parseDateParts('mt-next-date', draft.nextDate, {
      required: t('error.nextDateRequired'),
      missing: (key) => t(key, { field: t('edit.nextDateName') }),
      invalid: t('error.nextDateInvalid'),
    });
    if (next.error) errors.push(next.error);
    if (!isTimeOfDay(draft.nextTime)) errors.push({ field: 'mt-next-time', message: t('error.nextRequired') });
    else if (next.iso) {
      nextAt = zonedInstant(next.iso, draft.nextTime, zone);
      if (nextAt === null) {
        errors.push({
          field: 'mt-next-time',
          message: t('error.timeGap', { time: draft.nextTime, date: ctx.formatDate(next.iso) }),
        });
      } else if (start !== null && nextAt <= start) {
        errors.push(dateError('mt-next-date', t('error.nextBefore')));
      }
    }
  }
  if (draft.notes.length > TEXT_LIMITS.long) errors.push({ field: 'mt-notes', message: t('error.notesLong') });
  if (errors.length || start === null) return { errors };

  const held = draft.status === 'held';
  const meeting: Meeting = {
    id: draft.id ?? ctx.newId(),
    episodeId: ctx.existing?.episodeId ?? ctx.episode.id,
    status: draft.status,
    start: isoInZone(start, zone),
    mode: draft.mode,
    personPresent: held && draft.personPresent,
    attendees,
    reflectingConversation: held && draft.reflecting,
  };
  if (draft.duration) meeting.end = isoInZone(start + minutes * MINUTE, zone);
  if (draft.place.trim()) meeting.place = draft.place.trim();
  if (held && draft.next === 'open') meeting.nextMeeting = { kind: 'open' };
  if (held && draft.next === 'date' && nextAt !== null)
    meeting.nextMeeting = { kind: 'date', at: isoInZone(nextAt, zone) };
  if (draft.notes.trim()) meeting.notes = draft.notes;

  const existing = ctx.existing;
  if (!existing) return { errors, meeting, change: { type: 'meeting/record', meeting } };
  // Only who was there changed: say so, as a set-attendance change.
  const { attendees: _a, personPresent: _p, ...rest } = meeting;
  const { attendees: _b, personPresent: _q, ...before } = existing;
  if (JSON.stringify(sorted(rest)) === JSON.stringify(sorted(before))) {
    return {
      errors,
      meeting,
      change: {
        type: 'meeting/set-attendance',
        meetingId: existing.id,
        personPresent: meeting.personPresent,
        attendees,
      },
    };
  }
  return { errors, meeting, change: { type: 'meeting/update', meeting } };
}

const sorted = (o: object) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

/** The form field a core issue belongs to, for a change built from `meeting`. */
export function fieldForIssue(path: Issue['path'], meeting: Meeting | undefined): string | undefined {
  const [key, index, sub] = pathInside(path, 'meeting');
  if (key === 'attendees' && typeof index === 'number' && meeting) {
    const memberId = meeting.attendees[index]?.memberId;
    return memberId ? `${sub === 'role' ? 'role' : 'att'}-${memberId}` : undefined;
  }
  switch (key) {
    case 'start':
      return datePartId('mt-date', 'day');
    case 'end':
      return 'mt-duration';
    case 'place':
      return 'mt-place';
    case 'notes':
      return 'mt-notes';
    case 'nextMeeting':
      return datePartId('mt-next-date', 'day');
    case 'status':
      return 'mt-status-held';
    case 'mode':
      return 'mt-mode-home';
    default:
      return undefined;
  }
}

export interface FormView {
  readonly t: T;
  readonly draft: MeetingDraft;
  readonly errors: readonly FormError[];
  readonly members: readonly NetworkMember[];
  readonly zoneName: string;
  readonly busy: boolean;
}

/** The meeting form: GOV.UK-style questions, attendance picked from the network. */
export function renderMeetingForm(v: FormView): TemplateResult {
  const { t, draft, errors } = v;
  const prefix = t('form.errorPrefix');
  const held = draft.status === 'held';
  const dateLabels = { day: t('date.day'), month: t('date.month'), year: t('date.year') };
  const input = (
    id: string,
    name: string,
    value: string,
    type: string,
    options: { hint?: string; autocomplete?: string; inputmode?: string; wide?: boolean } = {},
  ) => {
    const error = errorFor(errors, id);
    return html`<input
      class="od-input ${options.wide ? '' : 'od-input--short'}"
      id=${id}
      name=${name}
      type=${type}
      .value=${value}
      inputmode=${options.inputmode ?? nothing}
      autocomplete="off"
      aria-describedby=${describedBy(id, { hint: options.hint, error }) ?? nothing}
      aria-invalid=${ariaInvalid(error)}
    />`;
  };
  const radios = (
    legend: string,
    name: string,
    idPrefix: string,
    choices: readonly (readonly [string, string])[],
    value: string,
  ) => {
    // The error of one of these radios (not of another field whose id merely starts the same: mt-next-date-day).
    const error = errors.find((e) => choices.some(([choice]) => e.field === `${idPrefix}-${choice}`));
    return html`<fieldset class="od-fieldset ${error ? 'od-field od-field--error' : ''}" aria-describedby=${error ? `${idPrefix}-error` : nothing}>
      <legend class="od-legend">${legend}</legend>
      ${error ? renderFieldError(idPrefix, error, prefix) : nothing}
      ${choices.map(
        ([choice, label]) => html`<div class="od-choice">
          <input type="radio" id=${`${idPrefix}-${choice}`} name=${name} value=${choice} .checked=${value === choice} />
          <label for=${`${idPrefix}-${choice}`}>${label}</label>
        </div>`,
      )}
    </fieldset>`;
  };
  const checkbox = (id: string, name: string, label: string, checked: boolean) =>
    html`<div class="od-choice"><input type="checkbox" id=${id} name=${name} .checked=${checked} /><label for=${id}>${label}</label></div>`;

  const attendanceError = errors.find((e) => e.field?.startsWith('att-') || e.field?.startsWith('role-'));
  return html`
    ${radios(
      t('edit.status'),
      'status',
      'mt-status',
      [
        ['held', t('edit.statusHeld')],
        ['planned', t('edit.statusPlanned')],
      ],
      draft.status,
    )}
    <div class="od-form-row">
      ${renderDateInput({ id: 'mt-date', name: 'date', legend: t('edit.date'), hint: t('date.hint'), value: draft.date, error: dateErrorFor(errors, 'mt-date'), errorPrefix: prefix, labels: dateLabels })}
      ${renderField({
        id: 'mt-time',
        label: t('edit.time'),
        hint: t('edit.timeHint', { zone: v.zoneName }),
        error: errorFor(errors, 'mt-time'),
        errorPrefix: prefix,
        control: input('mt-time', 'time', draft.time, 'text', { hint: 'hint', inputmode: 'numeric' }),
      })}
      ${renderField({
        id: 'mt-duration',
        label: `${t('edit.duration')} ${t('form.optional')}`,
        error: errorFor(errors, 'mt-duration'),
        errorPrefix: prefix,
        control: input('mt-duration', 'duration', draft.duration, 'text', { inputmode: 'numeric' }),
      })}
    </div>
    ${radios(
      t('edit.mode'),
      'mode',
      'mt-mode',
      MEETING_MODES.map((m) => [m, t(`meetingMode.${m}`)] as const),
      draft.mode,
    )}
    ${renderField({
      id: 'mt-place',
      label: `${t('edit.place')} ${t('form.optional')}`,
      hint: t('edit.placeHint'),
      error: errorFor(errors, 'mt-place'),
      errorPrefix: prefix,
      control: input('mt-place', 'place', draft.place, 'text', { hint: 'hint', wide: true }),
    })}
    <fieldset class="od-fieldset ${attendanceError ? 'od-field od-field--error' : ''}" aria-describedby="mt-attendance-hint">
      <legend class="od-legend">${t('edit.attendance')}</legend>
      <p class="od-hint" id="mt-attendance-hint">${t('edit.attendanceHint')}</p>
      ${held ? checkbox('mt-person', 'personPresent', t('edit.personPresent'), draft.personPresent) : nothing}
      <ul class="attendance-picker">
        ${v.members.map((member) => renderAttendee(v, member))}
      </ul>
    </fieldset>
    ${
      held
        ? html`${checkbox('mt-reflecting', 'reflecting', t('edit.reflecting'), draft.reflecting)}
        ${radios(
          t('edit.next'),
          'next',
          // Not 'mt-next': its "date" radio would take the id of the next meeting's date input (mt-next-date).
          'mt-next-kind',
          [
            ['none', t('edit.nextNone')],
            ['open', t('edit.nextOpen')],
            ['date', t('edit.nextDate')],
          ],
          draft.next,
        )}
        ${
          draft.next === 'date'
            ? html`<div class="od-form-row">
              ${renderDateInput({ id: 'mt-next-date', name: 'nextDate', legend: t('edit.nextDay'), hint: t('date.hint'), value: draft.nextDate, error: dateErrorFor(errors, 'mt-next-date'), errorPrefix: prefix, labels: dateLabels })}
              ${renderField({ id: 'mt-next-time', label: t('edit.nextTime'), error: errorFor(errors, 'mt-next-time'), errorPrefix: prefix, control: input('mt-next-time', 'nextTime', draft.nextTime, 'text', { inputmode: 'numeric' }) })}
            </div>`
            : nothing
        }`
        : nothing
    }
    ${renderField({
      id: 'mt-notes',
      label: `${t('edit.notes')} ${t('form.optional')}`,
      error: errorFor(errors, 'mt-notes'),
      errorPrefix: prefix,
      control: html`<textarea
        class="od-textarea"
        id="mt-notes"
        name="notes"
        .value=${draft.notes}
        aria-describedby=${describedBy('mt-notes', { error: errorFor(errors, 'mt-notes') }) ?? nothing}
        aria-invalid=${ariaInvalid(errorFor(errors, 'mt-notes'))}
      ></textarea>`,
    })}
    <div class="od-button-group">
      <button class="od-button" type="submit" ?disabled=${v.busy}>${t('form.save')}</button>
      <button class="od-button od-button--secondary" type="button" data-action="cancel-form">${t('form.cancel')}</button>
    </div>
  `;
}

function renderAttendee(v: FormView, member: NetworkMember): TemplateResult {
  const { t, draft, errors } = v;
  const entry = draft.attendance[member.id]!;
  const attId = `att-${member.id}`;
  const roleId = `role-${member.id}`;
  const attError = errorFor(errors, attId);
  const roleError = errorFor(errors, roleId);
  const choices: AttendanceChoice[] = draft.status === 'held' ? ['none', 'present', 'absent'] : ['none', 'invited'];
  const labels: Record<AttendanceChoice, string> = {
    none: t('edit.notInvited'),
    present: t('edit.present'),
    absent: t('edit.absent'),
    invited: t('edit.invited'),
  };
  return html`<li class="attendee-pick ${attError || roleError ? 'attendee-pick--error' : ''}">
    <label class="od-label" for=${attId}>${member.name}</label>
    ${renderFieldError(attId, attError, t('form.errorPrefix'))} ${renderFieldError(roleId, roleError, t('form.errorPrefix'))}
    <div class="od-form-row">
      <select
        class="od-select"
        id=${attId}
        name=${attId}
        aria-describedby=${describedBy(attId, { error: attError }) ?? nothing}
        aria-invalid=${ariaInvalid(attError)}
      >
        ${choices.map((c) => html`<option value=${c} ?selected=${entry.choice === c}>${labels[c]}</option>`)}
      </select>
      ${
        entry.choice === 'none'
          ? nothing
          : html`<label class="visually-hidden" for=${roleId}>${t('edit.role', { name: member.name })}</label>
            <select
              class="od-select"
              id=${roleId}
              name=${roleId}
              aria-describedby=${describedBy(roleId, { error: roleError }) ?? nothing}
              aria-invalid=${ariaInvalid(roleError)}
            >
              ${rolesFor(member).map((r) => html`<option value=${r} ?selected=${entry.role === r}>${t(`role.${r}`)}</option>`)}
            </select>`
      }
    </div>
  </li>`;
}

/** Fields someone else changed while the form was open, where the person changed them too (EditedUnderneath). */
export interface TheirsView {
  readonly waiting: ReadonlyMap<string, string>;
  readonly members: readonly NetworkMember[];
  readonly useTheirs: (field: string) => void;
  readonly keepMine: (field: string) => void;
}

export interface MeetingPanelView {
  /** The meeting being edited has left the record: say so, and offer only to close. */
  readonly gone: boolean;
  readonly editing: boolean;
  readonly theirs?: TheirsView | undefined;
  readonly form: FormView;
  /** Where the error summary's links look for their fields. */
  readonly root: ShadowRoot;
  /** The panel title's level: one below the timeline's title. */
  readonly headingLevel: number;
}

export type MeetingPanelHandlers = Pick<
  TimelineHandlers,
  'sideKey' | 'submitMeeting' | 'formChange' | 'formClick' | 'closeForm'
>;

/** The form beside the list, with its heading and error summary. */
export function renderMeetingPanel(v: MeetingPanelView, t: T, on: MeetingPanelHandlers): TemplateResult {
  if (v.gone) {
    return html`<section id="details" class="details form" part="details" aria-labelledby="form-title" @keydown=${on.sideKey}>
        ${renderHeading(v.headingLevel, t('edit.titleEdit'), { id: 'form-title', class: 'section-title', focusable: true })}
        <p role="alert">${t('edit.gone')}</p>
        <button class="od-button od-button--secondary" type="button" data-action="cancel-form" @click=${() => on.closeForm()}>${t('form.cancel')}</button>
      </section>`;
  }
  return html`<section id="details" class="details form" part="details" aria-labelledby="form-title" @keydown=${on.sideKey}>
      ${renderErrorSummary({ title: t('form.errorSummaryTitle'), errors: v.form.errors, root: v.root, level: v.headingLevel })}
      ${renderHeading(v.headingLevel, t(v.editing ? 'edit.titleEdit' : 'edit.titleNew'), { id: 'form-title', class: 'section-title', focusable: true })}
      ${v.theirs ? renderTheirsList(v.theirs, t) : nothing}
      <form novalidate @submit=${on.submitMeeting} @change=${on.formChange} @click=${on.formClick}>
        ${renderMeetingForm(v.form)}
      </form>
    </section>`;
}

/**
 * Above the form: what someone else saved to each field the person also changed, field by field, with the choice
 * for each (the person's own value is in the field below).
 */
function renderTheirsList(v: TheirsView, t: T): TemplateResult {
  return renderChangedUnderneath(
    t,
    [...v.waiting].map(([field, value]) =>
      renderTheirs(t, {
        field,
        label: fieldLabel(field, t, v.members),
        shown: valueText(field, value, t),
        onUseTheirs: () => v.useTheirs(field),
        onKeepMine: () => v.keepMine(field),
      }),
    ),
  );
}
