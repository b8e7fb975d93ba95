/**
 * @odkit/fhir — Open Dialogue Kit on FHIR R4 / UK Core: the mapping between case
 * records and FHIR resources, a CaseStore over any FHIR REST server, and (from
 * `@odkit/fhir/smart`) a SMART on FHIR launch helper. Depends on @odkit/core only.
 */
export { toFhir, caseResources, instrumentToQuestionnaire, questionnaireUrl, type ToFhirOptions } from './to-fhir.js';
export { fromFhir, type FromFhirOptions, type FromFhirResult } from './from-fhir.js';
export {
  FHIR_BASE,
  EXT,
  CODE_SYSTEM,
  IDENTIFIER,
  KIT_RELATIONSHIPS,
  NHS_NUMBER_SYSTEM,
  UK_CORE_PROFILE,
  V3_RELATIONSHIPS,
  V3_ROLE_CODE,
} from './vocabulary.js';
export type { Bundle, BundleEntry, FhirResource, FhirWarning, Coding, Extension, Reference } from './types.js';
export {
  FhirStore,
  type FhirStoreOptions,
  type FhirHttp,
  type FhirHttpRequest,
  type FhirHttpResponse,
  type FhirReadFailure,
} from './fhir-store.js';
