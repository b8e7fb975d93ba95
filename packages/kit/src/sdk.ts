/**
 * What `@odkit/kit` exports besides the element classes and the registration: the data SDK
 * (`@odkit/core`), opening a host's copy, `<od-provider>` and the kit's events and errors.
 * The package's index adds the classes; the chunked bundle's entry (`dist/odkit.js`)
 * exports this alone, since the classes are what it fetches later.
 */
export * from '@odkit/core';
export {
  openFromHost,
  clearFromDevice,
  UnsentEditsError,
  type HostCopyOptions,
  type SeedResult,
} from '@odkit/core/seeding';
export {
  OdProvider,
  OdChangeEvent,
  OdErrorEvent,
  OdMemberFocusEvent,
  OdSelectEvent,
  OptionsError,
  UnsupportedError,
  type OdSelection,
} from '@odkit/elements';
export { OdOpenCasesEvent, type OpenCasesFilter, type MeasureId, type MeasureGoals } from '@odkit/service-dashboard';
