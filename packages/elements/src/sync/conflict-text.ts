import type { CaseRecord, EntityRef, Instrument, InstrumentRegistry, LocalisedText, SyncConflict } from '@odkit/core';
import { formatNumber } from '../i18n/format.js';
import { reviewStrings, type ReviewStrings } from '../i18n/review-strings.js';
import type { SharedStrings } from '../i18n/shared-strings.js';
import type { SyncLocale, SyncPrivacy } from './sync-locale.js';

// The words the review panel puts a conflict in: what it is about, each field's name and value.
// No widget uses this but through the panel (review-panel.ts), so bundlers put it in the panel's file.

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
  const unknown = () => i18n.tIn(reviewStrings, `subject.unknown.${ref.kind}`);
  switch (ref.kind) {
    case 'person': {
      const name = text(own?.name) ?? caseRecord?.person.name;
      return name ? i18n.tIn(reviewStrings, 'subject.person', { name: show(name) }) : unknown();
    }
    case 'member': {
      const name = text(own?.name) ?? caseRecord?.members.find((m) => m.id === ref.id)?.name;
      return name ? i18n.tIn(reviewStrings, 'subject.member', { name: show(name) }) : unknown();
    }
    case 'tie': {
      const tie = own ?? record(caseRecord?.ties.find((t) => t.id === ref.id));
      const from = nameOf(tie?.from);
      const to = nameOf(tie?.to);
      return from && to ? i18n.tIn(reviewStrings, 'subject.tie', { from, to }) : unknown();
    }
    case 'episode': {
      const at = text(own?.firstContact) ?? caseRecord?.episodes.find((e) => e.id === ref.id)?.firstContact;
      return at ? i18n.tIn(reviewStrings, 'subject.episode', { date: i18n.date(at) }) : unknown();
    }
    case 'meeting': {
      const at = text(own?.start) ?? caseRecord?.meetings.find((m) => m.id === ref.id)?.start;
      return at ? i18n.tIn(reviewStrings, 'subject.meeting', { date: i18n.date(at) }) : unknown();
    }
    case 'assessment': {
      const meetingId = own?.meetingId ?? caseRecord?.assessments.find((a) => a.id === ref.id)?.meetingId;
      const at = caseRecord?.meetings.find((m) => m.id === meetingId)?.start;
      return at ? i18n.tIn(reviewStrings, 'subject.assessment', { date: i18n.date(at) }) : unknown();
    }
  }
}

/** The subject of a conflict, from either version of the entity or the record shown. */
export function conflictSubject(
  conflict: SyncConflict,
  i18n: SyncLocale,
  caseRecord: CaseRecord | undefined,
  privacy: SyncPrivacy = {},
): string {
  return entitySubject(conflict.entity, i18n, caseRecord, privacy, [conflict.mine, conflict.theirs]);
}

/** The rating fields of an assessment/rate conflict: `<itemId>.value` and `<itemId>.comment`. */
const RATING_FIELD = /^(.+)\.(value|comment)$/;

/** What the table needs beyond the widget's privacy settings: the record and where instruments are found. */
export interface SyncValueOptions extends SyncPrivacy {
  /** The record the widget shows: member ids are named from it, meetings and episodes by their dates. */
  readonly record?: CaseRecord | undefined;
  /**
   * Where an assessment's instrument is looked up, to name rating items and scale values
   * (the checklist passes its registry). Without one, a rating is named "Rating: A checklist
   * item" and its value by number (the elements bundle does not carry the instruments).
   */
  readonly instruments?: Pick<InstrumentRegistry, 'get' | 'list'> | undefined;
  /** The instrument of the assessment the value belongs to, when known. */
  readonly instrument?: Instrument | undefined;
}

/**
 * The instrument text for the reader's language: the exact tag, the same language, English,
 * else the first (as core's `localise`, kept here so the elements bundle does not carry zod).
 */
function localise(text: LocalisedText, locale: string): string {
  if (typeof text === 'string') return text;
  const entries = Object.entries(text as Record<string, string>);
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0];
  const found =
    entries.find(([tag]) => tag.toLowerCase() === wanted) ??
    entries.find(([tag]) => tag.toLowerCase().split('-')[0] === language) ??
    entries.find(([tag]) => tag.toLowerCase().split('-')[0] === 'en') ??
    entries[0];
  return typeof found?.[1] === 'string' ? found[1] : '';
}

const item = (instrument: Instrument | undefined, itemId: string, i18n: SyncLocale): string | undefined => {
  const found = instrument?.items.find((i) => i.id === itemId);
  return found ? localise(found.title, i18n.locale) : undefined;
};

/**
 * A field's name from the string tables: a rating's as "Rating: {item title}" (or its
 * comment's), any other as its first part; an unknown field as "Other detail", never its key.
 */
export function fieldName(name: string, i18n: SyncLocale, options: Pick<SyncValueOptions, 'instrument'> = {}): string {
  const rating = RATING_FIELD.exec(name);
  if (rating) {
    const title = item(options.instrument, rating[1]!, i18n) ?? i18n.tIn(reviewStrings, 'sync.unknownItem');
    return i18n.tIn(reviewStrings, rating[2] === 'comment' ? 'syncField.comment' : 'syncField.rating', { item: title });
  }
  const key = `syncField.${name.split(/[.[]/)[0]}` as keyof ReviewStrings & string;
  const label = i18n.tIn(reviewStrings, key);
  return label === key ? i18n.tIn(reviewStrings, 'sync.otherField') : label;
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
  critical: 'critical',
  contactFrequency: 'contactFrequency',
  role: 'role',
};
const STATUS_VOCABULARY: Partial<Record<EntityRef['kind'], string>> = {
  member: 'memberStatus',
  meeting: 'meetingStatus',
  assessment: 'assessmentStatus',
  episode: 'episodeStatus',
};
/** Free text that may identify someone: not shown on a shared screen. */
const FREE_TEXT = new Set([
  'relationship',
  'organisation',
  'notes',
  'label',
  'place',
  'cancellationReason',
  'referralSource',
  'pronouns',
  'nhsNumber',
  'birthDate',
  'rater',
  'comment',
]);
/** Keys and references that mean nothing to a person: never a row of the table. */
const HIDDEN_FIELDS = new Set(['id', 'instrumentId', 'instrumentVersion', 'itemId', 'schemaVersion']);
/** Fields holding member ids (or the person's). */
const MEMBER_IDS = new Set(['from', 'to', 'hiddenFrom', 'memberId']);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const list = (items: readonly string[], i18n: SyncLocale): string => {
  try {
    return new Intl.ListFormat(i18n.locale, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
};

/** A member id (or the person's) as the widget names them; an id nobody has as "Someone not in this record". */
function personName(id: unknown, i18n: SyncLocale, options: SyncValueOptions): string {
  const show = (name: string) => (options.displayName ? options.displayName(name) : name);
  const record = options.record;
  if (typeof id === 'string' && record) {
    if (record.person.id === id) return show(record.person.name);
    const member = record.members.find((m) => m.id === id);
    if (member) return show(member.name);
  }
  return i18n.tIn(reviewStrings, 'sync.unknownMember');
}

/** A rating's value as the instrument's scale names it, or "Not applicable". */
function ratingValue(value: unknown, i18n: SyncLocale, instrument: Instrument | undefined): string {
  if (value === 'na') return i18n.t('notApplicable');
  const option = instrument?.scale.options.find((o) => o.value === value);
  if (option) return localise(option.label, i18n.locale);
  return typeof value === 'number' ? formatNumber(value, i18n.locale) : i18n.tIn(reviewStrings, 'sync.none');
}

/**
 * One side's value of a field, as text for the table: vocabulary translated, dates
 * formatted, member ids named, ratings by their scale label, free text hidden on a
 * shared screen. Never a raw id or key.
 */
export function fieldValue(
  name: string,
  value: unknown,
  kind: EntityRef['kind'],
  i18n: SyncLocale,
  options: SyncValueOptions = {},
): string {
  if (value === undefined || value === null) return i18n.tIn(reviewStrings, 'sync.none');
  const rating = RATING_FIELD.exec(name);
  const field = rating ? rating[2]! : (name.split(/[.[]/)[0] ?? name);
  if (options.hideText && FREE_TEXT.has(field)) return i18n.tIn(reviewStrings, 'sync.hidden');
  if (rating && field === 'value') return ratingValue(value, i18n, options.instrument);
  if (field === 'name' && typeof value === 'string') return options.displayName ? options.displayName(value) : value;
  if (MEMBER_IDS.has(field)) {
    if (Array.isArray(value))
      return value.length
        ? list(
            value.map((id) => personName(id, i18n, options)),
            i18n,
          )
        : i18n.tIn(reviewStrings, 'sync.none');
    return personName(value, i18n, options);
  }
  if (field === 'episodeId' || field === 'meetingId') {
    return entitySubject(
      { kind: field === 'episodeId' ? 'episode' : 'meeting', id: String(value) },
      i18n,
      options.record,
      options,
    );
  }
  if (field === 'attendees' && Array.isArray(value)) {
    if (!value.length) return i18n.tIn(reviewStrings, 'sync.none');
    return list(
      value.map((a) => {
        const attendee = record(a);
        const who = personName(attendee?.memberId, i18n, options);
        return i18n.tIn(reviewStrings, attendee?.present ? 'sync.present' : 'sync.absentFromMeeting', { name: who });
      }),
      i18n,
    );
  }
  // A member's ties (a removal conflict: the ties it would also remove), each by its two ends.
  if (field === 'ties' && Array.isArray(value)) {
    if (!value.length) return i18n.tIn(reviewStrings, 'sync.none');
    return list(
      value.map((t) => {
        const tie = record(t);
        return i18n.tIn(reviewStrings, 'sync.tieEnds', {
          from: personName(tie?.from, i18n, options),
          to: personName(tie?.to, i18n, options),
        });
      }),
      i18n,
    );
  }
  // An episode's hand-overs, each by the team taking over and when (their reasons are free text: not listed).
  if (field === 'handovers' && Array.isArray(value)) {
    if (!value.length) return i18n.tIn(reviewStrings, 'sync.none');
    return list(
      value.map((h) => {
        const handover = record(h);
        const at = text(handover?.at);
        return i18n.tIn(reviewStrings, 'sync.handover', {
          team: text(handover?.to) ?? '',
          date: at && !Number.isNaN(Date.parse(at)) ? i18n.dateTime(at) : i18n.tIn(reviewStrings, 'sync.none'),
        });
      }),
      i18n,
    );
  }
  if (field === 'ratings' && Array.isArray(value)) {
    const rated = value.map(record).filter((r) => r?.value !== undefined);
    if (!rated.length) return i18n.tIn(reviewStrings, 'sync.none');
    return list(
      rated.map((r) =>
        i18n.tIn(reviewStrings, 'sync.ratingOf', {
          item: item(options.instrument, String(r!.itemId), i18n) ?? i18n.tIn(reviewStrings, 'sync.unknownItem'),
          value: ratingValue(r!.value, i18n, options.instrument),
        }),
      ),
      i18n,
    );
  }
  if (field === 'nextMeeting') {
    const next = record(value);
    if (next?.kind === 'open') return i18n.tIn(reviewStrings, 'syncField.nextMeeting.open');
  }
  const vocabulary = field === 'status' ? STATUS_VOCABULARY[kind] : VOCABULARY[field];
  const word = (v: unknown): string => {
    if (vocabulary && (typeof v === 'string' || typeof v === 'number')) {
      const key = `${vocabulary}.${v}` as keyof SharedStrings & string;
      const translated = i18n.t(key);
      if (translated !== key) return translated;
    }
    if (typeof v === 'boolean') return i18n.tIn(reviewStrings, v ? 'sync.yes' : 'sync.no');
    if (typeof v === 'string') {
      if (DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))) return i18n.dateTime(v);
      if (DATE.test(v)) return i18n.date(v);
      return v;
    }
    if (typeof v === 'number') return formatNumber(v, i18n.locale);
    return '';
  };
  if (Array.isArray(value)) {
    if (!value.length) return i18n.tIn(reviewStrings, 'sync.none');
    if (value.every((v) => typeof v !== 'object' || v === null)) return list(value.map(word), i18n);
    return i18n.tIn(reviewStrings, 'sync.items', { count: value.length });
  }
  const object = record(value);
  if (object) {
    // A relationship, a rater, a next meeting: their words, else their code or date.
    const shown = text(object.text) ?? text(object.name) ?? text(object.code) ?? text(object.at);
    return shown !== undefined
      ? word(shown)
      : i18n.tIn(reviewStrings, 'sync.items', { count: Object.keys(object).length });
  }
  return word(value);
}

/** One row of a conflict's table, as text. */
export interface ConflictRow {
  readonly name: string;
  readonly mine: string;
  readonly theirs: string;
}

/** The instrument of the assessment a conflict is about, from either version, the record or the registry. */
function instrumentOf(conflict: SyncConflict, options: SyncValueOptions): Instrument | undefined {
  if (options.instrument) return options.instrument;
  if (conflict.entity.kind !== 'assessment') return undefined;
  const registry = options.instruments;
  if (!registry) return undefined;
  const versions = [
    conflict.mine,
    conflict.theirs,
    options.record?.assessments.find((a) => a.id === conflict.entity.id),
  ].map(record);
  const own = versions.find((v) => typeof v?.instrumentId === 'string' && typeof v.instrumentVersion === 'string');
  try {
    if (own) return registry.get(own.instrumentId as string, own.instrumentVersion as string);
    // A rating of an assessment removed since: the one instrument that has the item, if only one does.
    const itemId = (conflict.change as { itemId?: unknown }).itemId;
    const having = registry.list().filter((i) => i.items.some((it) => it.id === itemId));
    return having.length === 1 ? having[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The rows of a conflict's table: every field the two versions differ in that a person
 * can read (no ids or keys), named and valued as the widget shows them. A side that
 * does not exist says so: "Not in the record", or "Your change removes it".
 */
export function conflictRows(conflict: SyncConflict, i18n: SyncLocale, options: SyncValueOptions = {}): ConflictRow[] {
  const instrument = instrumentOf(conflict, options);
  const valueOptions = { ...options, instrument };
  const change = conflict.change as { type?: string; itemId?: unknown };
  // A rating's removed / refused conflict names its fields `value` and `comment`: name them by the item.
  const ratingItem = change.type === 'assessment/rate' && typeof change.itemId === 'string' ? change.itemId : undefined;
  const mineAbsent = conflict.mine === undefined;
  const theirsAbsent = conflict.theirs === undefined;
  const side = (absent: boolean, name: string, value: unknown, ownText: string): string =>
    absent ? ownText : fieldValue(name, value, conflict.entity.kind, i18n, valueOptions);
  return conflict.fields
    .map((f) => ({
      ...f,
      name: ratingItem && (f.name === 'value' || f.name === 'comment') ? `${ratingItem}.${f.name}` : f.name,
    }))
    .filter((f) => !HIDDEN_FIELDS.has(f.name))
    .map((f) => ({
      name: fieldName(f.name, i18n, valueOptions),
      mine: side(mineAbsent, f.name, f.mine, i18n.tIn(reviewStrings, 'sync.mineRemoves')),
      theirs: side(theirsAbsent, f.name, f.theirs, i18n.tIn(reviewStrings, 'sync.absent')),
    }));
}
