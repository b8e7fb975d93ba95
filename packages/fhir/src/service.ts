/**
 * @odkit/fhir/service — many case records from FHIR, for the service measures and the
 * research export (`@odkit/core/service`): a FHIR server searched across patients, and
 * FHIR Bulk Data NDJSON files read as streams. Each is an async iterable of case records
 * (mapped with `fromFhir`) that reports what it could not read and goes on.
 */
export { fhirServerSource, type FhirServerSourceOptions } from './service/fhir-server.js';
export { bulkDataSource, type BulkDataFile, type BulkDataSourceOptions } from './service/bulk-data.js';
export type { CaseSource, SourceOptions, SourcePosition, SourceProblem } from './service/cases.js';
export type { NdjsonInput } from './internal/ndjson.js';
