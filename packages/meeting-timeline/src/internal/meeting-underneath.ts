/**
 * The meeting form's draft as field values, for merging a change someone else saved to the meeting while its form
 * was open (EditedUnderneath in @odkit/elements): what each field holds, how to put a value back into the draft, and
 * how a value and its field read to a person. Apart from the form so that the form's fields are listed once more in
 * one place only.
 */
import { MEETING_MODES, type NetworkMember } from '@odkit/core';
import type { FieldAccess, FieldValues } from '@odkit/elements';
import type { AttendanceChoice, MeetingDraft } from './meeting-form.js';
import type { T } from './view-kit.js';

const CHOICES: readonly AttendanceChoice[] = ['none', 'present', 'absent', 'invited'];
const CHOICE_TEXT = {
  none: 'edit.notInvited',
  present: 'edit.present',
  absent: 'edit.absent',
  invited: 'edit.invited',
};
const NEXT_TEXT = { none: 'edit.nextNone', open: 'edit.nextOpen', date: 'edit.nextDate' } as const;
const dateText = (d: MeetingDraft['date']) => [d.day, d.month, d.year].join(' ').trim();
const dateParts = (text: string): MeetingDraft['date'] => {
  const [day = '', month = '', year = ''] = text.split(' ');
  return { day, month, year };
};

/** What each field of a meeting draft holds, by name (an attendee's choice and role as `att-<id>`, `role-<id>`). */
export function draftValues(draft: MeetingDraft): FieldValues {
  const values: Record<string, string> = {
    status: draft.status,
    date: dateText(draft.date),
    time: draft.time,
    duration: draft.duration,
    mode: draft.mode,
    place: draft.place,
    personPresent: draft.personPresent ? 'on' : '',
    reflecting: draft.reflecting ? 'on' : '',
    next: draft.next,
    nextDate: dateText(draft.nextDate),
    nextTime: draft.nextTime,
    notes: draft.notes,
  };
  for (const [id, entry] of Object.entries(draft.attendance)) {
    values[`att-${id}`] = entry.choice;
    values[`role-${id}`] = entry.role;
  }
  return values;
}

/** The draft with one field set (the inverse of {@link draftValues} for that field). */
function withValue(draft: MeetingDraft, name: string, value: string): MeetingDraft {
  const attendee = /^(att|role)-(.+)$/.exec(name);
  if (attendee) {
    const [, which, id] = attendee;
    const entry = draft.attendance[id!];
    if (!entry) return draft;
    const changed =
      which === 'att'
        ? { ...entry, choice: CHOICES.find((c) => c === value) ?? entry.choice }
        : { ...entry, role: value as typeof entry.role };
    return { ...draft, attendance: { ...draft.attendance, [id!]: changed } };
  }
  switch (name) {
    case 'status':
      return { ...draft, status: value === 'held' ? 'held' : 'planned' };
    case 'date':
    case 'nextDate':
      return { ...draft, [name]: dateParts(value) };
    case 'mode':
      return { ...draft, mode: MEETING_MODES.find((m) => m === value) ?? draft.mode };
    case 'personPresent':
    case 'reflecting':
      return { ...draft, [name]: value === 'on' };
    case 'next':
      return { ...draft, next: value === 'open' || value === 'date' ? value : 'none' };
    case 'time':
    case 'duration':
    case 'place':
    case 'nextTime':
    case 'notes':
      return { ...draft, [name]: value };
    default:
      return draft;
  }
}

/** The open form's draft as a {@link FieldAccess}: reads it, and writes through `set` (which renders again). */
export function draftAccess(draft: () => MeetingDraft | undefined, set: (draft: MeetingDraft) => void): FieldAccess {
  return {
    read: (name) => {
      const d = draft();
      return d ? (draftValues(d)[name] ?? '') : '';
    },
    write: (name, value) => {
      const d = draft();
      if (d) set(withValue(d, name, value));
    },
  };
}

/** A field's label as the form shows it. */
export function fieldLabel(name: string, t: T, members: readonly NetworkMember[]): string {
  const attendee = /^(att|role)-(.+)$/.exec(name);
  if (attendee) {
    const member = members.find((m) => m.id === attendee[2])?.name ?? '';
    return attendee[1] === 'att' ? member : t('edit.role', { name: member });
  }
  const key = {
    status: 'edit.status',
    date: 'edit.date',
    time: 'edit.time',
    duration: 'edit.duration',
    mode: 'edit.mode',
    place: 'edit.place',
    personPresent: 'edit.personPresent',
    reflecting: 'edit.reflecting',
    next: 'edit.next',
    nextDate: 'edit.nextDay',
    nextTime: 'edit.nextTime',
    notes: 'edit.notes',
  }[name] as Parameters<T>[0] | undefined;
  return key ? t(key) : name;
}

/** A field's value as a person reads it (a choice by its label), or '' for nothing. */
export function valueText(name: string, value: string, t: T): string {
  const attendee = /^(att|role)-/.exec(name);
  if (attendee) {
    if (attendee[1] === 'role') return value ? t(`role.${value as 'network'}`) : '';
    return t(CHOICE_TEXT[CHOICES.find((c) => c === value) ?? 'none'] as Parameters<T>[0]);
  }
  switch (name) {
    case 'status':
      return t(value === 'held' ? 'edit.statusHeld' : 'edit.statusPlanned');
    case 'mode':
      return t(`meetingMode.${MEETING_MODES.find((m) => m === value) ?? 'other'}`);
    case 'personPresent':
    case 'reflecting':
      return t(value ? 'form.yes' : 'form.no');
    case 'next':
      return t(NEXT_TEXT[value === 'open' || value === 'date' ? value : 'none']);
    default:
      return value;
  }
}
