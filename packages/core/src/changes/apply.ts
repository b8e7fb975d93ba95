import { NotFoundError, ValidationError } from '../errors.js';
import type * as z from '../internal/z.js';
import type { CaseRecord } from '../model/schemas.js';
import { parseWith } from '../model/validate.js';
import { defaultInstruments } from '../instruments/index.js';
import { deepFreeze } from '../internal/freeze.js';
import { checkIntegrity } from '../model/integrity.js';
import { parseCaseRecord, type ParseOptions } from '../record.js';
import { guarded, isParsed, markParsed } from '../internal/guard.js';

/**
 * Applies a change to a valid record and returns the new, validated, frozen record (see `applyChange`).
 * `applyChange` takes every change; `applyNetworkChange`, `applyTimelineChange` and `applyAssessmentChange`
 * take one family each, so code that makes only those changes (a widget) carries only their rules.
 */
export type ChangeApplier = (record: CaseRecord, input: unknown, options?: ParseOptions) => CaseRecord;

/**
 * An applier for the changes `schema` accepts, `reduce` building the new record from each. What every change
 * shares is here: the record parsed if this kit did not parse it, the change parsed, the record's references
 * checked again afterwards, the result frozen.
 */
export function changeApplier<C>(
  schema: z.ZodMiniType<C>,
  reduce: (record: CaseRecord, change: C) => CaseRecord,
): ChangeApplier {
  return (record, input, options = {}) =>
    guarded('Change', () => {
      const instruments = guarded('Options', () => options.instruments) ?? defaultInstruments;
      // Only a record this kit parsed is shared (it is frozen already); any other is
      // parsed into a copy, so deepFreeze below never freezes the caller's objects.
      const base = isParsed(record) ? record : parseCaseRecord(record, options);
      const change = parseWith(schema, input, 'Change');
      const next = reduce(base, change);
      const issues = checkIntegrity(next, instruments);
      if (issues.length) throw new ValidationError('Case record', issues);
      return markParsed(deepFreeze(next));
    });
}

/**
 * Validates an entity the change built from parts (rather than carried whole,
 * which the Change schema has checked): the record is not parsed again, so its
 * own rules are checked here. Issues carry the entity's path in the record.
 */
export function derived<T extends { id: string }>(
  schema: z.ZodMiniType<T>,
  entity: T,
  list: readonly T[],
  key: string,
): T {
  return parseWith(schema, entity, 'Case record', { at: [key, list.findIndex((e) => e.id === entity.id)] });
}

/** A change applied without its time (stores always give one) is dated when it is applied. */
export const now = () => new Date().toISOString();

export function invalid(path: (string | number)[], message: string): ValidationError {
  return new ValidationError('Change', [{ path, message }]);
}

export function find<T extends { id: string }>(list: readonly T[], id: string, kind: string): T {
  const found = list.find((e) => e.id === id);
  if (!found) throw new NotFoundError(kind, id);
  return found;
}

export function add<T extends { id: string }>(list: readonly T[], entry: T, kind: string): T[] {
  if (list.some((e) => e.id === entry.id))
    throw invalid([kind, 'id'], `"${entry.id}" is already used by another ${kind}`);
  return [...list, entry];
}

export function replace<T extends { id: string }>(list: readonly T[], entry: T, kind: string): T[] {
  find(list, entry.id, kind);
  return list.map((e) => (e.id === entry.id ? entry : e));
}
