/**
 * @odkit/elements — the shared UI base of Open Dialogue Kit. Importing this module
 * registers nothing; import `@odkit/elements/define.js` for `<od-provider>`.
 */
export { OdElement } from './od-element.js';
export { OnDemand, OnDemandUse, type GatedHost } from './on-demand.js';
export { OdProvider } from './provider.js';
export { type StoreOrOpening } from './store-opening.js';
export { nearestProvider } from './nearest-provider.js';
export { LinkedMemberController } from './linked-member-controller.js';
export { BaseCaseController, CaseController, type ApplyResult, type CaseControllerOptions } from './case-controller.js';
export { storeContext, localeContext, DEFAULT_TIME_ZONE, type LocaleSettings } from './contexts.js';
export {
  OdChangeEvent,
  OdErrorEvent,
  OdMemberFocusEvent,
  OdSelectEvent,
  OdSyncStatusEvent,
  type OdSelection,
} from './events.js';
export { UnsupportedError, toOdError } from './errors.js';
export {
  SyncStatusController,
  type ConflictDecision,
  type SyncStatusControllerOptions,
} from './sync/sync-status-controller.js';
export { renderSyncStatus, lastSavedText, syncStatusStyles, type SyncViewOptions } from './sync/sync-status-view.js';
export { HistoryController, renderChangedBy, type HistoryControllerOptions } from './sync/history-controller.js';
export {
  syncAnnouncement,
  announcementText,
  QUIET,
  SYNC_SETTLE_MS,
  type AnnouncedState,
} from './sync/sync-announcer.js';
export { inTimeZone, type SyncLocale, type SyncPrivacy } from './sync/sync-locale.js';
export { syncMessage, type SyncMessage } from './sync/sync-message.js';
export {
  conflictRows,
  conflictSubject,
  entitySubject,
  fieldName,
  fieldValue,
  type ConflictRow,
  type SyncValueOptions,
} from './sync/conflict-text.js';
export { renderErrorState, errorStateStyles } from './error-state.js';
// Only the edit forms use it: a module of its own, so that it comes with them, not with the first paint.
export { pathInside } from './forms/issue-path.js';
export {
  ariaInvalid,
  describedBy,
  errorFor,
  errorId,
  focusErrorSummary,
  formErrorsFrom,
  formStyles,
  hintId,
  renderErrorSummary,
  renderField,
  renderFieldError,
  type ErrorSummaryOptions,
  type FieldOptions,
  type FormError,
} from './forms/form-kit.js';
export {
  EditedUnderneath,
  formAccess,
  renderChangedUnderneath,
  renderTheirs,
  type FieldAccess,
  type FieldValues,
  type TheirsOptions,
} from './forms/edited-underneath.js';
export {
  DATE_PARTS,
  EMPTY_DATE,
  dateError,
  dateErrorFor,
  datePartId,
  datePartsOf,
  parseDateParts,
  readDateParts,
  renderDateInput,
  type DateError,
  type DateInputOptions,
  type DateMessages,
  type DateMissingKey,
  type DatePart,
  type DateParts,
} from './forms/date-input.js';
export {
  FormControlController,
  type FormControlOptions,
  type FormControlValidity,
} from './forms/form-control-controller.js';
export {
  DEFAULT_HEADING_LEVEL,
  headingLevelAt,
  headingLevelProblems,
  renderHeading,
  type HeadingOptions,
  isHeadingLevel,
  type HeadingLevel,
} from './headings/heading-level.js';
export {
  LocaleController,
  addEnglish,
  provideWelsh,
  wholeCatalogue,
  type LocaleHost,
} from './i18n/locale-controller.js';
export { asOfDate, asOfInstant, isAsOf } from './options/as-of.js';
export {
  OptionsController,
  OptionsError,
  type OptionProblem,
  type OptionsControllerOptions,
} from './options/options-controller.js';
export {
  SUPPORTED_LOCALES,
  formatMessage,
  resolveLocale,
  type Catalogue,
  type LazyCatalogue,
  type WelshTable,
  type Message,
  type MessageParams,
  type PluralMessage,
  type StringTable,
  type SupportedLocale,
  type Translate,
} from './i18n/messages.js';
export { sharedEnglish, sharedStrings, type SharedStrings } from './i18n/shared-strings.js';
export { reviewStrings, type ReviewStrings } from './i18n/review-strings.js';
export { sharedWelsh, privacyWelsh } from './i18n/shared-strings-cy.js';
export { privacyEnglish, privacyStrings, type PrivacyStrings } from './i18n/privacy-strings.js';
export {
  formatDate,
  formatDateTime,
  formatDuration,
  formatMonth,
  formatNumber,
  formatPercent,
  formatTime,
} from './i18n/format.js';
export { wallClockAsCode, zoneOffsetAsCode } from './i18n/rules.js';
export {
  baseStyles,
  SYSTEM_TOKENS,
  systemTokenDeclarations,
  type SystemToken,
  type TokenValues,
} from './styles/tokens.js';
export { THEMES, DARK_TOKENS, type ThemeName } from './styles/themes.js';
export { VERSION } from './version.js';
export {
  hiddenMembers,
  initials,
  privateAssessment,
  privateRecord,
  renderPrivacyNote,
  shownName,
  shownTo,
  syncPrivacy,
  type PrivacyOptions,
} from './privacy.js';
