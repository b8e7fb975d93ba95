/**
 * The synced store's database: the local copy of each case, the durable outbox of
 * edits not yet on the server, the change log of edits sent or set aside, and the
 * quarantine of outbox entries that could not be read back.
 *
 * Object stores (database version 1):
 * - `cases`      key caseId: `{ caseId, revision, record, nextSeq, remote?, lastSyncedAt? }`
 *                (`record` is the local view; `remote` the server's record as last seen).
 * - `outbox`     key `[caseId, seq]` (out of line, so garbage written by anyone is still
 *                found by its case's key range and set aside): one OutboxEntry.
 * - `log`        key `[caseId, seq]`: one LogEntry.
 * - `quarantine` auto-increment key: `{ caseId, key, value, reason, at }`.
 *
 * Nothing read back is trusted: outbox entries are checked here (`checkEntry`), the
 * records by parseCaseRecord.
 */
import { parseChange, type Change } from '../changes.js';
import { changeSubject, parseAuthor, parseHistoryEntry, type Author, type EntityRef } from '../edits.js';
import { ValidationError } from '../errors.js';
import { Id, IsoDateTime } from '../model/primitives.js';
import { check } from '../model/validate.js';
import type { ConflictDetails } from './rebase.js';

export const DB_VERSION = 1;
/**
 * The format of the outbox entries this kit writes (`v`; absent: 1). An entry of a
 * newer format (another tab runs a newer kit) is left in the outbox for that kit and
 * counted as pending: never set aside, never sent by this one.
 */
export const ENTRY_FORMAT = 1;
export const CASES = 'cases';
export const OUTBOX = 'outbox';
export const LOG = 'log';
export const QUARANTINE = 'quarantine';

export function upgrade(db: IDBDatabase): void {
  if (!db.objectStoreNames.contains(CASES)) db.createObjectStore(CASES, { keyPath: 'caseId' });
  if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX);
  if (!db.objectStoreNames.contains(LOG)) db.createObjectStore(LOG);
  if (!db.objectStoreNames.contains(QUARANTINE)) db.createObjectStore(QUARANTINE, { autoIncrement: true });
}

/** All keys `[caseId, …]` of one case. */
export const caseRange = (caseId: string): IDBKeyRange => IDBKeyRange.bound([caseId], [caseId, []]);

export interface StoredCase {
  caseId: string;
  /** The local view's revision: increases with every change of the view (edits and refreshes). */
  revision: number;
  /** The local view: the server's record with this device's pending edits laid over it. */
  record: unknown;
  /** The next outbox / log sequence number. */
  nextSeq: number;
  /** The server's record and revision as last seen (absent: never reached). */
  /** `stamp`: a new id with every save, so a tab can tell whether its copy in memory is still this one. */
  remote?: { record: unknown; revision: number; stamp?: string };
  lastSyncedAt?: string;
}

/** One edit kept on this device until the server has it (or a person sets it aside). */
export interface OutboxEntry {
  /** The entry's format (ENTRY_FORMAT; absent in entries written before formats were numbered). */
  readonly v?: number;
  /** The edit id, kept through every retry. */
  readonly id: string;
  readonly caseId: string;
  /** Order of the edits on this device. */
  readonly seq: number;
  readonly change: Change;
  readonly at: string;
  readonly author?: Author;
  /** The entity before the edit, as this device had it (the base of the three-way rebase). */
  readonly base: unknown;
  readonly state: 'pending' | 'conflict';
  readonly conflict?: ConflictDetails;
  /** It was sent once and no answer came back: on the next try, ask the server's history first. */
  readonly attempted?: boolean;
}

/** What the change log keeps of an edit that left the outbox. */
export interface LogEntry {
  readonly caseId: string;
  readonly seq: number;
  readonly id: string;
  readonly at: string;
  readonly author?: Author;
  readonly change: Change;
  readonly entity: EntityRef;
  /** `sent`: the server has it; `set-aside`: a person kept the server's version instead. */
  readonly outcome: 'sent' | 'set-aside';
  /** When it left the outbox. */
  readonly settledAt: string;
}

/** A log entry read back from the database, checked (undefined when it does not check out). */
export function checkLogEntry(value: unknown, caseId: string): LogEntry | undefined {
  if (!isRecord(value) || value.caseId !== caseId || typeof value.seq !== 'number') return undefined;
  if (value.outcome !== 'sent' && value.outcome !== 'set-aside') return undefined;
  if (!check(IsoDateTime, value.settledAt).ok) return undefined;
  try {
    const change = parseChange(value.change);
    const entity = changeSubject(change);
    const line = parseHistoryEntry({
      id: value.id,
      at: value.at,
      ...(value.author === undefined ? {} : { author: value.author }),
      type: change.type,
      entity: value.entity,
    });
    if (line.entity.kind !== entity.kind || line.entity.id !== entity.id) return undefined;
    return {
      caseId,
      seq: value.seq,
      id: line.id,
      at: line.at,
      ...(line.author ? { author: line.author } : {}),
      change,
      entity,
      outcome: value.outcome,
      settledAt: value.settledAt as string,
    };
  } catch (error) {
    if (error instanceof ValidationError) return undefined;
    throw error;
  }
}

/** Whether an outbox entry read back under `key` was written by a newer kit for this case (left for it). */
export function isNewerEntry(value: unknown, key: unknown, caseId: string): boolean {
  return (
    isRecord(value) &&
    typeof value.v === 'number' &&
    value.v > ENTRY_FORMAT &&
    value.caseId === caseId &&
    Array.isArray(key) &&
    key.length === 2 &&
    key[0] === caseId &&
    key[1] === value.seq &&
    check(Id, value.id).ok
  );
}

export function logEntry(entry: OutboxEntry, outcome: LogEntry['outcome'], seq: number): LogEntry {
  return {
    caseId: entry.caseId,
    seq,
    id: entry.id,
    at: entry.at,
    ...(entry.author ? { author: entry.author } : {}),
    change: entry.change,
    entity: changeSubject(entry.change),
    outcome,
    settledAt: new Date().toISOString(),
  };
}

const REASONS = ['changed', 'removed', 'exists', 'refused'];
const SUBJECT = 'Outbox entry';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks an outbox entry read back from the database under `key`. Throws
 * ValidationError (naming fields, never quoting their text) when it is not one
 * this store wrote for `caseId`.
 */
export function checkEntry(value: unknown, key: unknown, caseId: string): OutboxEntry {
  if (!isRecord(value)) throw new ValidationError(SUBJECT, [{ path: [], message: 'expected an object' }]);
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (value.caseId !== caseId) issues.push({ path: ['caseId'], message: 'is not the case this store is for' });
  const seq = value.seq;
  if (!(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0))
    issues.push({ path: ['seq'], message: 'must be a whole number' });
  else if (!(Array.isArray(key) && key.length === 2 && key[0] === caseId && key[1] === seq)) {
    issues.push({ path: ['seq'], message: 'does not match the key it is stored under' });
  }
  if (!check(Id, value.id).ok) issues.push({ path: ['id'], message: 'must be an id' });
  if (!check(IsoDateTime, value.at).ok)
    issues.push({ path: ['at'], message: 'must be a date and time with its offset' });
  if (value.state !== 'pending' && value.state !== 'conflict')
    issues.push({ path: ['state'], message: 'must be "pending" or "conflict"' });
  if (value.v !== undefined && value.v !== ENTRY_FORMAT)
    issues.push({ path: ['v'], message: 'must be a format this kit knows' });
  if (value.attempted !== undefined && typeof value.attempted !== 'boolean')
    issues.push({ path: ['attempted'], message: 'must be true or false' });
  if (value.base !== undefined && !isRecord(value.base)) issues.push({ path: ['base'], message: 'must be an entity' });
  if (value.state === 'conflict') {
    const c = value.conflict;
    if (
      !isRecord(c) ||
      !REASONS.includes(c.reason as string) ||
      !Array.isArray(c.fields) ||
      !c.fields.every((f) => isRecord(f) && typeof f.name === 'string')
    ) {
      issues.push({ path: ['conflict'], message: 'must describe the conflict' });
    }
  }
  if (issues.length) throw new ValidationError(SUBJECT, issues);
  // The change and author are parsed with their own schemas (issues prefixed with their field).
  let change: Change;
  let author: Author | undefined;
  try {
    change = parseChange(value.change);
    author = value.author === undefined ? undefined : parseAuthor(value.author, SUBJECT);
  } catch (error) {
    if (error instanceof ValidationError) {
      const field = error.message.startsWith(SUBJECT) ? 'author' : 'change';
      throw new ValidationError(
        SUBJECT,
        error.issues.map((i) => ({ ...i, path: [field, ...i.path] })),
      );
    }
    throw error;
  }
  return {
    v: ENTRY_FORMAT,
    id: value.id as string,
    caseId,
    seq: seq as number,
    change,
    at: value.at as string,
    ...(author ? { author } : {}),
    base: value.base,
    state: value.state as OutboxEntry['state'],
    ...(value.state === 'conflict' ? { conflict: value.conflict as unknown as ConflictDetails } : {}),
    ...(value.attempted ? { attempted: true } : {}),
  };
}
