import type { Change, ChangeType } from './changes.js';
import { ValidationError } from './errors.js';
import { guarded } from './internal/guard.js';
import * as z from './internal/z.js';
import { Id, IsoDateTime, ShortText } from './model/primitives.js';
import { parseWith } from './model/validate.js';

/**
 * Who made an edit. Every store records it with each change; FhirStore writes it
 * as the `agent` of the change's Provenance.
 */
export const Author = z.strictObject({
  /**
   * A stable id for the person: a FHIR reference (`Practitioner/123`,
   * `PractitionerRole/…`) when the host has one (SMART's `fhirUser`), else the
   * host's own user id.
   */
  id: ShortText,
  /** The name shown beside their changes ("Changed by … on …"). */
  name: ShortText,
  /** Their role, as the service names it (e.g. "Peer support worker"). */
  role: z.optional(ShortText),
});
export type Author = z.infer<typeof Author>;

/** Validates an author given by a host. Throws ValidationError naming `subject`. */
export function parseAuthor(input: unknown, subject = 'Author'): Author {
  return parseWith(Author, input, subject);
}

/** What a store knows of one edit besides the change itself. */
export interface EditMeta {
  /** Unique id of the edit, kept through every retry and sync (so an edit is never applied twice). */
  readonly id: string;
  /** When the person made the edit (not when it reached the server). */
  readonly at: string;
  /** Who made it; absent only where the host gave the store no author. */
  readonly author?: Author;
}

/** One applied edit, as a store's change log (and `history`) gives it. */
export interface ChangeEntry extends EditMeta {
  readonly change: Change;
  /** The store revision this edit produced. */
  readonly revision: number;
}

/**
 * One edit in an entity's history: who changed it, when, and how. What every
 * store can give (FhirStore reads it back from the Provenance it wrote).
 */
export interface HistoryEntry {
  /** The edit's id. */
  readonly id: string;
  /** When the edit was made. */
  readonly at: string;
  readonly author?: Author;
  /** What kind of change it was, e.g. `member/update`. */
  readonly type: ChangeType;
  /** The entity it changed. */
  readonly entity: EntityRef;
  /** `pending`: kept on this device, not yet on the server; `conflict`: waiting for a decision. Absent: saved. */
  readonly state?: 'pending' | 'conflict';
}

/** The history line of an applied edit. */
export function historyEntry(edit: ChangeEntry): HistoryEntry {
  return {
    id: edit.id,
    at: edit.at,
    ...(edit.author ? { author: edit.author } : {}),
    type: edit.change.type,
    entity: changeSubject(edit.change),
  };
}

export const ENTITY_KINDS = ['person', 'member', 'tie', 'episode', 'meeting', 'assessment'] as const;
export type EntityRefKind = (typeof ENTITY_KINDS)[number];

const StoredHistoryEntry = z.strictObject({
  id: Id,
  at: IsoDateTime,
  author: z.optional(Author),
  type: z
    .string()
    .check(
      z.regex(/^(person|member|tie|episode|meeting|assessment)\/[a-z-]{1,20}$/, { error: 'must be a change type' }),
    ),
  entity: z.strictObject({ kind: z.enum(ENTITY_KINDS), id: Id }),
  state: z.optional(z.enum(['pending', 'conflict'] as const)),
});

/** Checks a history entry read back from storage (nothing on disk is trusted). Throws ValidationError. */
export function parseHistoryEntry(input: unknown, subject = 'Stored history entry'): HistoryEntry {
  return parseWith(StoredHistoryEntry, input, subject) as HistoryEntry;
}

/** One entity of a case record, by kind and id. */
export interface EntityRef {
  readonly kind: EntityRefKind;
  readonly id: string;
}

/**
 * The entity a change is about (for history, conflicts and Provenance). Throws ValidationError for what is not a
 * change.
 */
export function changeSubject(change: Change): EntityRef {
  return guarded('Change', () => subjectOf(change));
}

function subjectOf(change: Change): EntityRef {
  switch (change.type) {
    case 'person/update':
      return { kind: 'person', id: change.person.id };
    case 'member/add':
    case 'member/update':
      return { kind: 'member', id: change.member.id };
    case 'member/remove':
      return { kind: 'member', id: change.memberId };
    case 'tie/add':
    case 'tie/update':
      return { kind: 'tie', id: change.tie.id };
    case 'tie/remove':
      return { kind: 'tie', id: change.tieId };
    case 'episode/add':
    case 'episode/update':
      return { kind: 'episode', id: change.episode.id };
    case 'meeting/record':
    case 'meeting/update':
      return { kind: 'meeting', id: change.meeting.id };
    case 'meeting/cancel':
    case 'meeting/set-attendance':
      return { kind: 'meeting', id: change.meetingId };
    case 'assessment/start':
    case 'assessment/update':
      return { kind: 'assessment', id: change.assessment.id };
    case 'assessment/rate':
    case 'assessment/complete':
    case 'assessment/reopen':
      return { kind: 'assessment', id: change.assessmentId };
    default:
      throw new ValidationError('Change', [{ path: ['type'], message: 'is not a change type the kit knows' }]);
  }
}

/** Whether a change creates, updates or deletes its subject (FHIR Provenance's activity). */
export function changeActivity(change: Change): 'create' | 'update' | 'delete' {
  changeSubject(change);
  const type = guarded('Change', () => String(change.type));
  if (/\/(add|record|start)$/.test(type)) return 'create';
  if (/\/remove$/.test(type)) return 'delete';
  return 'update';
}

const EntityRefSchema = z.strictObject({ kind: z.enum(ENTITY_KINDS), id: Id });

/** Validates an entity reference given by a host. Throws ValidationError. */
export function parseEntityRef(input: unknown): EntityRef {
  return parseWith(EntityRefSchema, input, 'Entity reference');
}

const EditOptions = z.strictObject({
  id: z.optional(Id),
  at: z.optional(IsoDateTime),
  author: z.optional(Author),
});

/** Checks the edit metadata a caller passed to `apply` (id, at, author). */
export function parseEditOptions(input: { editId?: unknown; at?: unknown; author?: unknown }): {
  id?: string;
  at?: string;
  author?: Author;
} {
  const given: Record<string, unknown> = {};
  if (input.editId !== undefined) given.id = input.editId;
  if (input.at !== undefined) given.at = input.at;
  if (input.author !== undefined) given.author = input.author;
  try {
    return parseWith(EditOptions, given, 'Apply options');
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // Name the option as the caller wrote it.
    throw new ValidationError(
      'Apply options',
      error.issues.map((i) => ({ ...i, path: i.path[0] === 'id' ? ['editId', ...i.path.slice(1)] : i.path })),
    );
  }
}
