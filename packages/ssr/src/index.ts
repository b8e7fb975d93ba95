/**
 * @odkit/ssr — server rendering for Node hosts: `<od-provider>` and the three widgets for a
 * case as HTML with declarative shadow DOM (Lit SSR), readable before any script runs and
 * hydrated in place by the kit's `odkit-hydrate.js`. A checklist given a `name` is rendered
 * as ordinary form fields that the host's form posts without script (read the POST with
 * `assessmentFromForm` from @odkit/core/assessment-form).
 */
export { renderCase, renderCaseStream, caseTemplate } from './render-case.js';
export type { RenderCaseOptions, NetworkMapOptions, MeetingTimelineOptions, ChecklistOptions } from './options.js';
