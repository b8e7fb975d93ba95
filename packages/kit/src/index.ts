/**
 * @odkit/kit — the whole kit in one import: the element classes, `defineOdkit()` to
 * register them (under `od-*` or a prefix of the host's choosing) and the data SDK
 * (`@odkit/core`). Importing this module registers nothing; import
 * `@odkit/kit/define.js` to register the `od-*` tags.
 */
export * from './sdk.js';
export { OdNetworkMap } from '@odkit/network-map';
export { OdMeetingTimeline } from '@odkit/meeting-timeline';
export { OdPrinciplesChecklist } from '@odkit/principles-checklist';
export { OdServiceDashboard } from '@odkit/service-dashboard';
export { defineOdkit, type DefineOdkitOptions, type OdkitElementName } from './define-odkit.js';
