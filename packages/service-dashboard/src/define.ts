import { OdServiceDashboard } from './service-dashboard.js';

OdServiceDashboard.define('od-service-dashboard');

declare global {
  interface HTMLElementTagNameMap {
    'od-service-dashboard': OdServiceDashboard;
  }
}
