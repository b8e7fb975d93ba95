import { deepFreeze } from '../internal/freeze.js';
import { guarded } from '../internal/guard.js';
import { keyElements } from './key-elements.js';
import { InstrumentRegistry } from './registry.js';
import { sevenPrinciples } from './seven-principles.js';

export { InstrumentRegistry } from './registry.js';
export { keyElements } from './key-elements.js';
export { sevenPrinciples } from './seven-principles.js';

/** The built-in instruments, in the order a picker should offer them. Frozen: register a copy to change wording. */
export const builtInInstruments = deepFreeze([sevenPrinciples, keyElements] as const);

/** A new registry holding the built-in instruments (and any extras given). */
export function createInstrumentRegistry(extra: Iterable<unknown> = []): InstrumentRegistry {
  return new InstrumentRegistry([...builtInInstruments, ...guarded('Instruments', () => [...extra])]);
}

/** The registry used when none is passed: a service may register its own instruments here. */
export const defaultInstruments: InstrumentRegistry = createInstrumentRegistry();
