// The od-* tags for TypeScript (document.querySelector('od-network-map') is an OdNetworkMap),
// declared once for every module that registers them (define.ts, bundle.ts).
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import type { OdNetworkMap } from '@odkit/network-map';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import type { OdServiceDashboard } from '@odkit/service-dashboard';
import type { OdProvider } from '@odkit/elements';

declare global {
  interface HTMLElementTagNameMap {
    'od-provider': OdProvider;
    'od-network-map': OdNetworkMap;
    'od-meeting-timeline': OdMeetingTimeline;
    'od-principles-checklist': OdPrinciplesChecklist;
    'od-service-dashboard': OdServiceDashboard;
  }
}
