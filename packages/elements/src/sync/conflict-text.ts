import type { CaseRecord, EntityRef, SyncConflict, SyncStatus } from '@odkit/core';
import type { LocaleController } from '../i18n/locale-controller.js';
import type { SharedStrings } from '../i18n/shared-strings.js';

/** What the sync views need of a widget's LocaleController (any widget's table extends the shared one). */
export type SyncLocale = Pick<LocaleController<SharedStrings>, 't' | 'date' | 'dateTime' | 'time' | 'locale'>;

/** How a widget shows people: the privacy settings the sync views follow. */
export interface SyncPrivacy {
  /** Names as the widget shows them (the map gives initials on a shared screen). */
  readonly displayName?: ((name: string) => string) | undefined;
  /** Leave out free text that may identify someone (a shared screen): such values are not shown. */
  readonly hideText?: boolean | undefined;
}

/** The status line's main message: its string key, count and tone (the tone picks an icon and a border, never colour alone). */
export interface SyncMessage {
  readonly key: keyof SharedStrings & string;
  readonly count: number;
  readonly tone: 'saved' | 'pending' | 'offline' | 'sending' | 'conflict';
}

/** What the status line says, most urgent first: a decision to make, offline, sending, waiting, all saved. */
export function syncMessage(status: SyncStatus): SyncMessage {
  const conflicts = status.conflicts.length;
  if (conflicts) return { key: 'sync.conflicts', count: conflicts, tone: 'conflict' };
  if (status.connection === 'offline') return { key: status.pending ? 'sync.offline' : 'sync.offlineNone', count: status.pending, tone: 'offline' };
  if (status.sending && status.pending) return { key: 'sync.sending', count: status.pending, tone: 'sending' };
  if (status.pending) return { key: 'sync.pending', count: status.pending, tone: 'pending' };
  return { key: 'sync.saved', count: 0, tone: 'saved' };
}

/** "Last saved to the record at 10:42" (today) or "… on 2 Mar 2026, 10:42"; undefined when never. */
export function lastSavedText(status: SyncStatus, i18n: SyncLocale, now: Date = new Date()): string | undefined {
  const at = status.lastSyncedAt;
  if (!at || Number.isNaN(Date.parse(at))) return undefined;
  return i18n.date(at) === i18n.date(now) ? i18n.t('sync.lastSavedAt', { time: i18n.time(at) }) : i18n.t('sync.lastSavedOn', { date: i18n.dateTime(at) });
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * What a conflict (or any entity) is, in words, as the widget would show it:
 * "Jo Bloggs, network member", "The tie between R. E. and J. B.", "The meeting on 2 March 2026".
 */
export function entitySubject(
  ref: EntityRef,
  i18n: SyncLocale,
  caseRecord: CaseRecord | undefined,
  privacy: SyncPrivacy = {},
  versions: readonly unknown[] = [],
): string {
  const show = (name: string) => (privacy.displayName ? privacy.displayName(name) : name);
  // The entity as either side has it, else as the record shown has it.
  const own = versions.map(record).find((v) => v !== undefined);
  const nameOf = (id: unknown): string | undefined => {
    if (typeof id !== 'string' || !caseRecord) return undefined;
    if (caseRecord.person.id === id) return show(caseRecord.person.name);
    const member = caseRecord.members.find((m) => m.id === id);
    return member ? show(member.name) : undefined;
  };
  const unknown = () => i18n.t(`subject.unknown.${ref.kind}`);
  switch (ref.kind) {
    case 'person': {
      const name = text(own?.name) ?? caseRecord?.person.name;
      return name ? i18n.t('subject.person', { name: show(name) }) : unknown();
    }
    case 'member': {
      const name = text(own?.name) ?? caseRecord?.members.find((m) => m.id === ref.id)?.name;
      return name ? i18n.t('subject.member', { name: show(name) }) : unknown();
    }
    case 'tie': {
      const tie = own ?? record(caseRecord?.ties.find((t) => t.id === ref.id));
      const from = nameOf(tie?.from);
      const to = nameOf(tie?.to);
      return from && to ? i18n.t('subject.tie', { from, to }) : unknown();
    }
    case 'episode': {
      const at = text(own?.firstContact) ?? caseRecord?.episodes.find((e) => e.id === ref.id)?.firstContact;
      return at ? i18n.t('subject.episode', { date: i18n.date(at) }) : unknown();
    }
    case 'meeting': {
      const at = text(own?.start) ?? caseRecord?.meetings.find((m) => m.id === ref.id)?.start;
      return at ? i18n.t('subject.meeting', { date: i18n.date(at) }) : unknown();
    }
    case 'assessment': {
      const meetingId = own?.meetingId ?? caseRecord?.assessments.find((a) => a.id === ref.id)?.meetingId;
      const at = caseRecord?.meetings.find((m) => m.id === meetingId)?.start;
      return at ? i18n.t('subject.assessment', { date: i18n.date(at) }) : unknown();
    }
  }
}

/** The subject of a conflict, from either version of the entity or the record shown. */
export function conflictSubject(conflict: SyncConflict, i18n: SyncLocale, caseRecord: CaseRecord | undefined, privacy: SyncPrivacy = {}): string {
  return entitySubject(conflict.entity, i18n, caseRecord, privacy, [conflict.mine, conflict.theirs]);
}

/** A field's name from the string tables ("ratings.item-3" is named as its first part); an unknown field by its own name. */
export function fieldName(name: string, i18n: SyncLocale): string {
  const key = `syncField.${name.split(/[.[]/)[0]}` as keyof SharedStrings & string;
  const label = i18n.t(key);
  return label === key ? name : label;
}

/** Fields whose values are coded: shown through the shared vocabulary. */
const VOCABULARY: Record<string, string> = {
  kind: 'kind',
  sector: 'sector',
  ring: 'ring',
  support: 'support',
  strength: 'tieStrength',
  quality: 'tieQuality',
  direction: 'tieDirection',
  mode: 'meetingMode',
  raterRole: 'raterRole',
  evidence: 'evidence',
};
const STATUS_VOCABULARY: Partial<Record<EntityRef['kind'], string>> = { member: 'memberStatus', meeting: 'meetingStatus', assessment: 'assessmentStatus' };
/** Free text that may identify someone: not shown on a shared screen. */
const FREE_TEXT = new Set(['relationship', 'organisation', 'notes', 'label', 'place', 'cancellationReason', 'referralSource', 'pronouns', 'nhsNumber', 'birthDate', 'rater']);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One side's value of a field, as text for the table: vocabulary translated, dates formatted, free text hidden on a shared screen. */
export function fieldValue(name: string, value: unknown, kind: EntityRef['kind'], i18n: SyncLocale, privacy: SyncPrivacy = {}): string {
  if (value === undefined || value === null) return i18n.t('sync.none');
  const field = name.split(/[.[]/)[0] ?? name;
  if (privacy.hideText && FREE_TEXT.has(field)) return i18n.t('sync.hidden');
  if (field === 'name' && typeof value === 'string') return privacy.displayName ? privacy.displayName(value) : value;
  const vocabulary = field === 'status' ? STATUS_VOCABULARY[kind] : VOCABULARY[field];
  const word = (v: unknown): string => {
    if (vocabulary && (typeof v === 'string' || typeof v === 'number')) {
      const key = `${vocabulary}.${v}` as keyof SharedStrings & string;
      const translated = i18n.t(key);
      if (translated !== key) return translated;
    }
    if (typeof v === 'boolean') return i18n.t(v ? 'sync.yes' : 'sync.no');
    if (typeof v === 'string') {
      if (DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))) return i18n.dateTime(v);
      if (DATE.test(v)) return i18n.date(v);
      return v;
    }
    if (typeof v === 'number') return String(v);
    return '';
  };
  if (Array.isArray(value)) {
    if (!value.length) return i18n.t('sync.none');
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.map(word).join(', ');
    return i18n.t('sync.items', { count: value.length });
  }
  const object = record(value);
  if (object) {
    // A relationship, a rater, a next meeting: their words, else their code or date.
    const shown = text(object.text) ?? text(object.name) ?? text(object.code) ?? text(object.at);
    return shown !== undefined ? word(shown) : i18n.t('sync.items', { count: Object.keys(object).length });
  }
  return word(value);
}
