/**
 * The chunked bundle's entry (`dist/odkit.js`), the one script a page without a bundler
 * loads: the data SDK (`@odkit/core`), `<od-provider>` and the kit's events and errors, with
 * Lit and every dependency inlined, and the `od-*` tags registered on load. Each widget's
 * code is a sibling file in the same folder, fetched when its tag is first used (see
 * lazy-define.ts). The element classes are not exported here (they are what is fetched
 * later): take them from `customElements.get(tag)`, or use `odkit-classes.js`, the whole kit
 * in one file.
 */
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import type { OdNetworkMap } from '@odkit/network-map';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import type { OdServiceDashboard } from '@odkit/service-dashboard';
import type { OdProvider } from '@odkit/elements';
import { defineOdkit } from './lazy-define.js';

export * from '@odkit/core';
export {
  openFromHost,
  clearFromDevice,
  UnsentEditsError,
  type HostCopyOptions,
  type SeedResult,
} from '@odkit/core/seeding';
export {
  OdProvider,
  OdChangeEvent,
  OdErrorEvent,
  OdMemberFocusEvent,
  OdSelectEvent,
  OptionsError,
  UnsupportedError,
  type OdSelection,
} from '@odkit/elements';
export { OdOpenCasesEvent, type OpenCasesFilter, type MeasureId, type MeasureGoals } from '@odkit/service-dashboard';
export { defineOdkit, loadOdkit } from './lazy-define.js';
export type { DefineOdkitOptions, OdkitElementName } from './define-odkit.js';

defineOdkit();

declare global {
  interface HTMLElementTagNameMap {
    'od-provider': OdProvider;
    'od-network-map': OdNetworkMap;
    'od-meeting-timeline': OdMeetingTimeline;
    'od-principles-checklist': OdPrinciplesChecklist;
    'od-service-dashboard': OdServiceDashboard;
  }
}
