import { ValidationError } from '../errors.js';
import { deepFreeze } from '../internal/freeze.js';
import { guarded } from '../internal/guard.js';
import { checkInstrumentIntegrity } from '../model/integrity.js';
import { Instrument } from '../model/schemas.js';
import { parseWith } from '../model/validate.js';

/**
 * The instruments a service rates meetings with. Built-ins are registered in the
 * default registry; a service adds its own or replaces wording by registering an
 * instrument with the same id and version.
 */
export class InstrumentRegistry {
  readonly #byKey = new Map<string, Instrument>();
  readonly #latest = new Map<string, Instrument>();

  /** Registers each of `initial`; throws ValidationError for an invalid one, or a list that cannot be read. */
  constructor(initial: Iterable<unknown> = []) {
    for (const instrument of guarded('Instruments', () => [...initial])) this.register(instrument);
  }

  /** Validates and registers an instrument; throws ValidationError naming what is wrong. */
  register(input: unknown): Instrument {
    const instrument = parseWith(Instrument, input, 'Instrument');
    const issues = checkInstrumentIntegrity(instrument);
    if (issues.length) throw new ValidationError(`Instrument "${instrument.id}"`, issues);
    const frozen = deepFreeze(instrument);
    this.#byKey.set(key(frozen.id, frozen.version), frozen);
    const latest = this.#latest.get(frozen.id);
    if (!latest || compareVersions(frozen.version, latest.version) >= 0) this.#latest.set(frozen.id, frozen);
    return frozen;
  }

  /** The instrument with this id at this version, or its highest version when none is given. */
  get(id: string, version?: string): Instrument | undefined {
    if (typeof id !== 'string' || (version !== undefined && typeof version !== 'string')) return undefined;
    return version === undefined ? this.#latest.get(id) : this.#byKey.get(key(id, version));
  }

  /** Every registered instrument version, in registration order. */
  list(): Instrument[] {
    return [...this.#byKey.values()];
  }
}

const key = (id: string, version: string) => `${id}@${version}`;

/** Orders versions by their numeric parts, so "1.10.0" comes after "1.9.0" (ties go to the later registration). */
const compareVersions = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
