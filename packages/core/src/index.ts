/**
 * @odkit/core — the Open Dialogue Kit data SDK: the case-record model, built-in
 * instruments, metrics and stores. No Lit, no DOM (except the IndexedDB store).
 */
export * from './errors.js';
export * from './model/schemas.js';
export {
  IsoDate,
  IsoDateTime,
  LanguageTag,
  NhsNumber,
  localise,
  type LocalisedText,
} from './model/primitives.js';
export { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.js';
export { validate, type ValidationResult, type EntityKind } from './validate-entity.js';
export { parseCaseRecord, serializeCaseRecord, type Migration, type ParseOptions } from './record.js';
export { Change, applyChange, parseChange, type ChangeType } from './changes.js';
export * from './instruments/index.js';
export * from './metrics/index.js';
export type { CaseStore, StoreSnapshot, ApplyOptions, StoreListener } from './stores/types.js';
export { BaseStore, type StoreOptions } from './stores/base-store.js';
export { MemoryStore } from './stores/memory-store.js';
export { IndexedDbStore, type IndexedDbStoreOptions, type IndexedDbLocation } from './stores/indexeddb-store.js';
