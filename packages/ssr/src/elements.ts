import { LitElementRenderer } from '@lit-labs/ssr/lib/lit-element-renderer.js';
import { OdProvider, provideWelsh } from '@odkit/elements';
import { OdMeetingTimeline, timelineStrings } from '@odkit/meeting-timeline';
import { OdNetworkMap, mapStrings } from '@odkit/network-map';
import { OdPrinciplesChecklist, checklistStrings } from '@odkit/principles-checklist';

/** The tags the server renders, as the browser bundle registers them. */
export const TAGS = {
  provider: 'od-provider',
  map: 'od-network-map',
  timeline: 'od-meeting-timeline',
  checklist: 'od-principles-checklist',
} as const;

/** Checklists rendered as a light-DOM form (see checklist-form.ts): no shadow root from the server. */
export const LIGHT_DOM_CHECKLIST = 'data-od-form';

let ready = false;

/**
 * Registers the kit's elements in Lit's server DOM shim (once per process) and tells Lit's
 * renderer to run their `connectedCallback`: that is what connects each widget to the
 * provider's context (language, time zone), exactly as in the browser.
 */
export function ensureServerElements(): void {
  if (ready) return;
  ready = true;
  LitElementRenderer.renderOptions.push((element) => {
    if (!Object.values(TAGS).includes(element.localName as never)) return undefined;
    // A checklist that posts without script is ordinary form fields in the light DOM.
    if (element.localName === TAGS.checklist && element.hasAttribute(LIGHT_DOM_CHECKLIST)) return { disableSsr: true };
    return { connectedCallback: true };
  });
  // A server cannot wait for the Welsh to be fetched mid-render (the browser does): give it now.
  provideWelsh(mapStrings);
  provideWelsh(timelineStrings);
  provideWelsh(checklistStrings);
  OdProvider.define(TAGS.provider);
  OdNetworkMap.define(TAGS.map);
  OdMeetingTimeline.define(TAGS.timeline);
  OdPrinciplesChecklist.define(TAGS.checklist);
}
