/**
 * @odkit/core/demo — a fictional case record for stories, documentation, tests and
 * demos. Kept out of the main entry so that production bundles never carry it.
 */
export { demoCase } from './demo-case.js';
