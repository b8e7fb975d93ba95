/**
 * @odkit/core/service — measures across a service's many case records, and the
 * pseudonymised research export. Kept out of the main entry so that widget bundles
 * never carry it. Definitions: docs/metrics.md, "Service measures".
 */
export { ServiceAccumulator, summariseService, summariseServiceSync } from './summarise.js';
export { exportResearch, streamResearchExport, ageBand } from './export.js';
export { RESEARCH_DICTIONARY } from './research-columns.js';
export { csvField } from './table-writer.js';
export { quantileOfSorted, distributionOf } from './distribution.js';
export type * from './types.js';
