import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { demoCase } from '@odkit/core/demo';
import { FhirStore } from '@odkit/fhir';
import { html } from 'lit';
import { createInBrowserEngine } from '../packages/fhir/test/browser-engine.js';
import { threeWidgets } from './support/three-widgets.js';

/**
 * `FhirStore` backing widgets: the demo case is written to a FHIR R4 engine
 * (Medplum's FhirRouter over a MemoryRepository, running in this page: no
 * network), then read back as a host page would read an EHR's FHIR server.
 * The three widgets inside the provider read and write the FHIR resources: add a
 * neighbour on the map or record a meeting and the change goes to the engine as one
 * transaction Bundle (with its Provenance: who made the change, and when), then
 * every widget shows it.
 */
const meta: Meta = {
  title: 'FHIR/FhirStore',
  component: 'od-provider',
  parameters: { odkit: { store: false } },
};
export default meta;

type Story = StoryObj;

export const ThreeWidgetsOnOneFhirStore: Story = {
  name: 'Three widgets on one FhirStore',
  loaders: [
    async () => {
      const engine = await createInBrowserEngine();
      // Every FHIR write records who made it (its Provenance): the story's signed-in practitioner.
      const author = { id: 'Practitioner/nia-roberts', name: 'Nia Roberts', role: 'Open Dialogue practitioner' };
      const store = await FhirStore.open({
        baseUrl: engine.baseUrl,
        patientId: demoCase.person.id,
        http: engine.http,
        initial: demoCase,
        author,
      });
      return { store };
    },
  ],
  render: (_args, { loaded, globals }) => html`<od-provider
    .store=${loaded.store as FhirStore}
    theme=${globals.theme ?? 'default'}
    color-scheme=${globals.scheme ?? 'light'}
    locale=${globals.locale ?? 'en-GB'}
  >
    ${threeWidgets()}
  </od-provider>`,
};
