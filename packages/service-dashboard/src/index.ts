/**
 * @odkit/service-dashboard — `<od-service-dashboard>`, a service's measures across many
 * cases. Importing this module registers nothing; import
 * `@odkit/service-dashboard/define.js` to register the tag.
 */
export { OdServiceDashboard } from './service-dashboard.js';
export { OdOpenCasesEvent, type OpenCasesFilter } from './events.js';
export { MEASURES, type MeasureId, type MeasureGoals } from './internal/measures.js';
export type { TrendView } from './internal/trends.js';
export { dashboardStrings } from './catalogue.js';
export type { DashboardStrings } from './strings.js';
