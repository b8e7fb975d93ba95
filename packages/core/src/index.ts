/**
 * @odkit/core — the Open Dialogue Kit data SDK: the case-record model, built-in
 * instruments, metrics and stores. No Lit, no DOM (except the browser stores: IndexedDbStore,
 * and SyncedStore with IndexedDB, BroadcastChannel, Web Locks and the window's online/focus events).
 */
export * from './errors.js';
export * from './model/schemas.js';
export {
  ID_PATTERN,
  TEXT_LIMITS,
  isId,
  isRealDate,
  isIsoDateTime,
  isTimeZone,
  isLanguageTag,
  IsoDate,
  IsoDateTime,
  LanguageTag,
  NhsNumber,
  localise,
  type LocalisedText,
} from './model/primitives.js';
export { MEMBER_DATED_FIELDS, TIE_DATED_FIELDS, memberAsOf, tieAsOf } from './model/dated.js';
export { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.js';
export { validate, type ValidationResult, type EntityKind } from './validate-entity.js';
export { parseCaseRecord, serializeCaseRecord, type Migration, type ParseOptions } from './record.js';
export {
  Change,
  applyChange,
  parseChange,
  type ChangeType,
  type ChangeApplier,
  type NetworkChange,
  applyNetworkChange,
  type TimelineChange,
  applyTimelineChange,
  type AssessmentChange,
  applyAssessmentChange,
} from './changes.js';
export * from './instruments/index.js';
export * from './metrics/index.js';
export {
  Author,
  ENTITY_KINDS,
  changeActivity,
  changeSubject,
  historyEntry,
  parseAuthor,
  parseEntityRef,
  type ChangeEntry,
  type EditMeta,
  type HistoryEntry,
  type EntityRefKind,
  type EntityRef,
} from './edits.js';
export { newId } from './internal/id.js';
// One write at a time: the stores' queue, shared with the elements (a widget's autosave).
export { SerialQueue } from './internal/serial-queue.js';
export {
  isSyncingStore,
  type CaseStore,
  type StoreSnapshot,
  type ApplyOptions,
  type StoreListener,
  type SyncConflict,
  type SyncStatus,
  type SyncStatusListener,
  type SyncingStore,
} from './stores/types.js';
export { BaseStore, type StoreOptions } from './stores/base-store.js';
export { clearDrafts, readDrafts, removeDraft, saveDraft, type DeviceDraft, type DeviceDrafts } from './drafts.js';
export { MemoryStore } from './stores/memory-store.js';
export { IndexedDbStore, type IndexedDbStoreOptions, type IndexedDbLocation } from './stores/indexeddb-store.js';
export {
  SyncedStore,
  type SyncedStoreOptions,
  type SyncedStoreLocation,
  type SyncLogEntry,
} from './stores/synced-store.js';
