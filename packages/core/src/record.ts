import { ValidationError } from './errors.js';
import { defaultInstruments } from './instruments/index.js';
import type { InstrumentRegistry } from './instruments/registry.js';
import { deepFreeze } from './internal/freeze.js';
import { guarded, isParsed, markParsed, unreadable } from './internal/guard.js';
import { checkIntegrity } from './model/integrity.js';
import { CaseRecord, CURRENT_SCHEMA_VERSION } from './model/schemas.js';
import { parseWith } from './model/validate.js';

/** Upgrades a record written with schema version `from` to version `from + 1`. */
export interface Migration {
  readonly from: number;
  migrate(record: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Migrations shipped with the kit, one per schema version step. Version 1 is the
 * first, so there are none yet; each future schema change adds one here.
 */
const builtInMigrations: readonly Migration[] = [];

export interface ParseOptions {
  /** Instruments that assessments may refer to (default: the default registry). */
  instruments?: InstrumentRegistry;
  /** Extra migrations, e.g. for a host's own older export format. Tried before the built-in ones. */
  migrations?: readonly Migration[];
}

/**
 * Turns any JSON value into a valid, frozen case record, or throws a
 * ValidationError listing every problem with its path. Never throws anything else.
 */
export function parseCaseRecord(input: unknown, options: ParseOptions = {}): CaseRecord {
  try {
    // A record this kit parsed is frozen and valid already (as applyChange trusts it): a server
    // rendering three widgets from one parsed record would otherwise check it three more times.
    if (isParsed(input) && options.instruments === undefined && options.migrations === undefined)
      return input as CaseRecord;
    return parse(input, options);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    // Input that throws when read (a host object with a failing getter, a revoked proxy).
    throw unreadable('Case record');
  }
}

function parse(input: unknown, options: ParseOptions): CaseRecord {
  const migrated = migrate(input, [...(options.migrations ?? []), ...builtInMigrations]);
  // Frozen as it is parsed on the fast path; deepFreeze below then only walks a zod result.
  const record = parseWith(CaseRecord, migrated, 'Case record', { freeze: true });
  const issues = checkIntegrity(record, options.instruments ?? defaultInstruments);
  if (issues.length) throw new ValidationError('Case record', issues);
  return markParsed(deepFreeze(record));
}

/** The record as plain JSON text (stable key order as parsed). */
export function serializeCaseRecord(record: CaseRecord): string {
  // Only a cyclic or unreadable value (never a record from parseCaseRecord) makes this throw or give no text.
  const text: unknown = guarded('Case record', () => JSON.stringify(record));
  if (typeof text !== 'string')
    throw new ValidationError('Case record', [{ path: [], message: 'is not a record (it has no JSON form)' }]);
  return text;
}

function migrate(input: unknown, migrations: readonly Migration[]): unknown {
  if (!isObject(input) || typeof input.schemaVersion !== 'number') return input;
  let record: Record<string, unknown> = input;
  const version = record.schemaVersion as number;
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new ValidationError('Case record', [
      {
        path: ['schemaVersion'],
        message: `is ${version}, written by a newer version of the kit (this one reads up to ${CURRENT_SCHEMA_VERSION}); update @odkit/core`,
      },
    ]);
  }
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) {
      throw new ValidationError('Case record', [
        { path: ['schemaVersion'], message: `is ${v}, and no migration from version ${v} is registered` },
      ]);
    }
    try {
      record = step.migrate(record);
    } catch (cause) {
      if (cause instanceof ValidationError) throw cause;
      throw new ValidationError('Case record', [
        // Not the migration's own message: it may quote the record.
        { path: ['schemaVersion'], message: `could not be migrated from version ${v} (the migration threw)` },
      ]);
    }
    if (!isObject(record)) {
      throw new ValidationError('Case record', [
        { path: [], message: `migration from version ${v} returned no object` },
      ]);
    }
    record = { ...record, schemaVersion: v + 1 };
  }
  return record;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
