import { html } from 'lit';
import '@odkit/meeting-timeline/define.js';
import '@odkit/network-map/define.js';
import '@odkit/principles-checklist/define.js';
import { DEMO_NOW } from '../../test/fixtures/index.js';

/**
 * The three widgets as a service embeds them on one page, for the store of the
 * `<od-provider>` around them: the map and the timeline editable, the checklist on
 * the demo case's 1 April meeting.
 */
export const threeWidgets = () => html`<od-network-map sectors editable></od-network-map>
  <od-meeting-timeline as-of=${DEMO_NOW} editable></od-meeting-timeline>
  <od-principles-checklist meeting-id="mt-13" instrument-id="od-seven-principles"></od-principles-checklist>`;
