import { NotFoundError, ValidationError } from './errors.js';
import * as z from './internal/z.js';
import { Id, IsoDateTime, LongText, ShortText } from './model/primitives.js';
import {
  Assessment,
  Attendee,
  Episode,
  Meeting,
  NetworkMember,
  Person,
  Tie,
  type CaseRecord,
} from './model/schemas.js';
import { parseWith } from './model/validate.js';
import { defaultInstruments } from './instruments/index.js';
import { deepFreeze } from './internal/freeze.js';
import { checkIntegrity } from './model/integrity.js';
import { MEMBER_DATED_FIELDS, TIE_DATED_FIELDS, withHistory } from './model/dated.js';
import { parseCaseRecord, type ParseOptions } from './record.js';
import { guarded, isParsed, markParsed } from './internal/guard.js';

/**
 * Every edit a widget can make, as a typed, serialisable change. Updates carry the
 * whole new entity (not a patch), so what was meant is never ambiguous.
 */
export const Change = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('person/update'), person: Person }),
  z.strictObject({ type: z.literal('member/add'), member: NetworkMember }),
  /**
   * `at`: when the change was made (stores fill it in from the edit's time); a change of the member's ring, sector
   * or status keeps the earlier value in the member's `history`, dated then.
   */
  z.strictObject({ type: z.literal('member/update'), member: NetworkMember, at: z.optional(IsoDateTime) }),
  /** Removes the member and their ties. Refused while a meeting or assessment refers to them. */
  z.strictObject({ type: z.literal('member/remove'), memberId: Id }),
  z.strictObject({ type: z.literal('tie/add'), tie: Tie }),
  /** `at`: as for member/update; a change of the tie's strength, quality or direction is dated in its `history`. */
  z.strictObject({ type: z.literal('tie/update'), tie: Tie, at: z.optional(IsoDateTime) }),
  z.strictObject({ type: z.literal('tie/remove'), tieId: Id }),
  z.strictObject({ type: z.literal('episode/add'), episode: Episode }),
  z.strictObject({ type: z.literal('episode/update'), episode: Episode }),
  z.strictObject({ type: z.literal('meeting/record'), meeting: Meeting }),
  z.strictObject({ type: z.literal('meeting/update'), meeting: Meeting }),
  z.strictObject({ type: z.literal('meeting/cancel'), meetingId: Id, reason: z.optional(ShortText) }),
  z.strictObject({
    type: z.literal('meeting/set-attendance'),
    meetingId: Id,
    personPresent: z.boolean(),
    attendees: z.array(Attendee),
  }),
  z.strictObject({ type: z.literal('assessment/start'), assessment: Assessment }),
  z.strictObject({ type: z.literal('assessment/update'), assessment: Assessment }),
  z.strictObject({
    type: z.literal('assessment/rate'),
    assessmentId: Id,
    itemId: Id,
    /** A scale value, "na", or null to clear the rating; absent keeps the current one. */
    value: z.optional(z.union([z.number().check(z.int()), z.literal('na'), z.null()])),
    /** The item's comment; "" removes it; absent keeps the current one (so a value alone never loses a comment). */
    comment: z.optional(LongText),
    at: z.optional(IsoDateTime),
  }),
  z.strictObject({ type: z.literal('assessment/complete'), assessmentId: Id, at: IsoDateTime }),
  z.strictObject({ type: z.literal('assessment/reopen'), assessmentId: Id, at: z.optional(IsoDateTime) }),
]);
export type Change = z.infer<typeof Change>;
export type ChangeType = Change['type'];

/**
 * The change with its time: an update that dates what it replaces (member/update, tie/update) and has no `at` gets
 * `at`, so that every replay of it (a sync, a rebase) dates the same. Anything else is returned as given.
 */
export function withChangeTime(change: unknown, at: string): unknown {
  if (typeof change !== 'object' || change === null) return change;
  const { type, at: given } = change as { type?: unknown; at?: unknown };
  return (type === 'member/update' || type === 'tie/update') && given === undefined ? { ...change, at } : change;
}

/** Validates a change without applying it. Throws ValidationError. */
export function parseChange(input: unknown): Change {
  return parseWith(Change, input, 'Change');
}

/**
 * Applies a change to a valid record (from parseCaseRecord or a store) and returns
 * the new, validated, frozen record; the input is never modified. Throws
 * ValidationError (a bad change, or a result that would break the record's
 * references) or NotFoundError (an id that does not exist).
 *
 * The change's entity is validated by the Change schema; the rest of the record
 * was valid already, so only the references across the record are checked again.
 */
export function applyChange(record: CaseRecord, input: unknown, options: ParseOptions = {}): CaseRecord {
  return guarded('Change', () => {
    const instruments = guarded('Options', () => options.instruments) ?? defaultInstruments;
    // Only a record this kit parsed is shared (it is frozen already); any other is
    // parsed into a copy, so deepFreeze below never freezes the caller's objects.
    const base = isParsed(record) ? record : parseCaseRecord(record, options);
    const change = parseChange(input);
    const next = reduce(base, change);
    const issues = checkIntegrity(next, instruments);
    if (issues.length) throw new ValidationError('Case record', issues);
    return markParsed(deepFreeze(next));
  });
}

function reduce(record: CaseRecord, change: Change): CaseRecord {
  switch (change.type) {
    case 'person/update':
      if (change.person.id !== record.person.id) {
        throw invalid(['person', 'id'], `cannot change the person's id (is "${record.person.id}")`);
      }
      return { ...record, person: change.person };
    case 'member/add':
      return { ...record, members: add(record.members, change.member, 'member') };
    case 'member/update': {
      const current = find(record.members, change.member.id, 'member');
      const member = withHistory(current, change.member, MEMBER_DATED_FIELDS, change.at ?? now(), ['member']);
      return { ...record, members: replace(record.members, member, 'member') };
    }
    case 'member/remove': {
      const id = change.memberId;
      find(record.members, id, 'member');
      const attended = record.meetings.find((m) => m.attendees.some((a) => a.memberId === id));
      if (attended) {
        throw invalid(
          ['memberId'],
          `"${id}" is listed in meeting "${attended.id}"; mark them as past instead of removing them`,
        );
      }
      const rated = record.assessments.find((a) => a.rater.memberId === id);
      if (rated)
        throw invalid(['memberId'], `"${id}" is the rater of assessment "${rated.id}"; mark them as past instead`);
      return {
        ...record,
        members: record.members.filter((m) => m.id !== id),
        ties: record.ties.filter((t) => t.from !== id && t.to !== id),
      };
    }
    case 'tie/add':
      return { ...record, ties: add(record.ties, change.tie, 'tie') };
    case 'tie/update': {
      const current = find(record.ties, change.tie.id, 'tie');
      const tie = withHistory(current, change.tie, TIE_DATED_FIELDS, change.at ?? now(), ['tie']);
      return { ...record, ties: replace(record.ties, tie, 'tie') };
    }
    case 'tie/remove':
      find(record.ties, change.tieId, 'tie');
      return { ...record, ties: record.ties.filter((t) => t.id !== change.tieId) };
    case 'episode/add':
      return { ...record, episodes: add(record.episodes, change.episode, 'episode') };
    case 'episode/update':
      return { ...record, episodes: replace(record.episodes, change.episode, 'episode') };
    case 'meeting/record':
      return { ...record, meetings: add(record.meetings, change.meeting, 'meeting') };
    case 'meeting/update':
      return { ...record, meetings: replace(record.meetings, change.meeting, 'meeting') };
    case 'meeting/cancel': {
      const meeting = find(record.meetings, change.meetingId, 'meeting');
      if (meeting.status !== 'planned') {
        throw invalid(['meetingId'], `"${meeting.id}" is ${meeting.status}; only a planned meeting can be cancelled`);
      }
      const cancelled: Meeting = { ...meeting, status: 'cancelled' };
      if (change.reason !== undefined) cancelled.cancellationReason = change.reason;
      return {
        ...record,
        meetings: replace(record.meetings, derived(Meeting, cancelled, record.meetings, 'meetings'), 'meeting'),
      };
    }
    case 'meeting/set-attendance': {
      const meeting = find(record.meetings, change.meetingId, 'meeting');
      const updated = { ...meeting, personPresent: change.personPresent, attendees: change.attendees };
      return {
        ...record,
        meetings: replace(record.meetings, derived(Meeting, updated, record.meetings, 'meetings'), 'meeting'),
      };
    }
    case 'assessment/start':
      if (change.assessment.status !== 'draft')
        throw invalid(['assessment', 'status'], 'must be "draft" when an assessment starts');
      return { ...record, assessments: add(record.assessments, change.assessment, 'assessment') };
    case 'assessment/update': {
      editableAssessment(record, change.assessment.id);
      if (change.assessment.status !== 'draft') {
        throw invalid(['assessment', 'status'], 'must stay "draft"; complete it with an assessment/complete change');
      }
      return { ...record, assessments: replace(record.assessments, change.assessment, 'assessment') };
    }
    case 'assessment/rate': {
      const assessment = editableAssessment(record, change.assessmentId);
      const current = assessment.ratings.find((r) => r.itemId === change.itemId);
      const value = change.value === undefined ? current?.value : (change.value ?? undefined);
      const comment = change.comment === undefined ? current?.comment : change.comment || undefined;
      const rating: Assessment['ratings'][number] = { itemId: change.itemId };
      if (value !== undefined) rating.value = value;
      if (comment !== undefined) rating.comment = comment;
      const exists = current !== undefined;
      const ratings = exists
        ? assessment.ratings.map((r) => (r.itemId === change.itemId ? rating : r))
        : [...assessment.ratings, rating];
      const updated: Assessment = { ...assessment, ratings };
      if (change.at !== undefined) updated.updatedAt = change.at;
      return {
        ...record,
        assessments: replace(
          record.assessments,
          derived(Assessment, updated, record.assessments, 'assessments'),
          'assessment',
        ),
      };
    }
    case 'assessment/complete': {
      const assessment = editableAssessment(record, change.assessmentId);
      const updated: Assessment = { ...assessment, status: 'complete', completedAt: change.at, updatedAt: change.at };
      return {
        ...record,
        assessments: replace(
          record.assessments,
          derived(Assessment, updated, record.assessments, 'assessments'),
          'assessment',
        ),
      };
    }
    case 'assessment/reopen': {
      const assessment = find(record.assessments, change.assessmentId, 'assessment');
      if (assessment.status !== 'complete') throw invalid(['assessmentId'], `"${assessment.id}" is not complete`);
      const { completedAt: _completedAt, ...rest } = assessment;
      const updated: Assessment = { ...rest, status: 'draft' };
      if (change.at !== undefined) updated.updatedAt = change.at;
      return {
        ...record,
        assessments: replace(
          record.assessments,
          derived(Assessment, updated, record.assessments, 'assessments'),
          'assessment',
        ),
      };
    }
  }
}

/**
 * Validates an entity the change built from parts (rather than carried whole,
 * which the Change schema has checked): the record is not parsed again, so its
 * own rules are checked here. Issues carry the entity's path in the record.
 */
function derived<T extends { id: string }>(schema: z.ZodMiniType<T>, entity: T, list: readonly T[], key: string): T {
  return parseWith(schema, entity, 'Case record', { at: [key, list.findIndex((e) => e.id === entity.id)] });
}

/** A change applied without its time (stores always give one) is dated when it is applied. */
const now = () => new Date().toISOString();

function invalid(path: (string | number)[], message: string): ValidationError {
  return new ValidationError('Change', [{ path, message }]);
}

function find<T extends { id: string }>(list: readonly T[], id: string, kind: string): T {
  const found = list.find((e) => e.id === id);
  if (!found) throw new NotFoundError(kind, id);
  return found;
}

function add<T extends { id: string }>(list: readonly T[], entry: T, kind: string): T[] {
  if (list.some((e) => e.id === entry.id))
    throw invalid([kind, 'id'], `"${entry.id}" is already used by another ${kind}`);
  return [...list, entry];
}

function replace<T extends { id: string }>(list: readonly T[], entry: T, kind: string): T[] {
  find(list, entry.id, kind);
  return list.map((e) => (e.id === entry.id ? entry : e));
}

function editableAssessment(record: CaseRecord, id: string): Assessment {
  const assessment = find(record.assessments, id, 'assessment');
  if (assessment.status === 'complete') {
    throw invalid(['assessmentId'], `"${id}" is complete and read-only; reopen it to change it`);
  }
  return assessment;
}
