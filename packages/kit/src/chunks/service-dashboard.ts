// A chunk of the chunked bundle (dist/odkit-service-dashboard.js):
// <od-service-dashboard>'s code, fetched when the tag is first used.
export { OdServiceDashboard as element } from '@odkit/service-dashboard';
