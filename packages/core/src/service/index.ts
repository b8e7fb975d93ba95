/**
 * @odkit/core/service — measures across a service's many case records, and the
 * pseudonymised research export. Kept out of the main entry so that widget bundles
 * never carry it. Definitions: docs/metrics.md, "Service measures".
 */
export { ServiceAccumulator, summariseService, summariseServiceSync } from './summarise.js';
export { exportResearch, RESEARCH_DICTIONARY } from './export.js';
export type * from './types.js';
