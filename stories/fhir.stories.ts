import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { demoCase } from '@odkit/core/demo';
import { FhirStore } from '@odkit/fhir';
import { html } from 'lit';
import { createInBrowserEngine } from '../packages/fhir/test/browser-engine.js';
import './support/case-overview.js';

/**
 * `FhirStore` backing widgets: the demo case is written to a FHIR R4 engine
 * (Medplum's FhirRouter over a MemoryRepository, running in this page: no
 * network), then read back as a host page would read an EHR's FHIR server.
 * Every panel inside the provider reads and writes the FHIR resources: add a
 * neighbour and the change goes to the engine as one transaction Bundle.
 * The three widgets will sit here in place of the overview panels.
 */
const meta: Meta = {
  title: 'FHIR/FhirStore',
  component: 'od-provider',
  parameters: { odkit: { store: false } },
};
export default meta;

type Story = StoryObj;

export const ThreePanelsOnOneFhirStore: Story = {
  name: 'Panels on one FhirStore',
  loaders: [
    async () => {
      const engine = await createInBrowserEngine();
      const store = await FhirStore.open({ baseUrl: engine.baseUrl, patientId: demoCase.person.id, http: engine.http, initial: demoCase });
      return { store };
    },
  ],
  render: (_args, { loaded, globals }) => html`<od-provider
    .store=${loaded.store as FhirStore}
    theme=${globals.theme ?? 'default'}
    color-scheme=${globals.scheme ?? 'light'}
    locale=${globals.locale ?? 'en-GB'}
  >
    <od-story-case-overview></od-story-case-overview>
    <hr />
    <od-story-case-overview></od-story-case-overview>
  </od-provider>`,
};
