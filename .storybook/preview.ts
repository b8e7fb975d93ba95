import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { MemoryStore, type CaseStore } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { html } from 'lit';
import '@odkit/elements/define.js';

/**
 * One store per story, kept across re-renders (a toolbar switch must not undo
 * what a designer just did in the story). `parameters.odkit.store` chooses it:
 * a factory, or `false` for a story that brings its own data. Default: the demo case.
 */
const stores = new Map<string, CaseStore | undefined>();
type StoreParameter = false | (() => CaseStore | undefined) | undefined;
function storeFor(id: string, parameter: StoreParameter): CaseStore | undefined {
  if (!stores.has(id)) stores.set(id, parameter === false ? undefined : (parameter ?? (() => new MemoryStore(demoCase)))());
  return stores.get(id);
}

// Controls and docs come from the packages' custom-elements.json (written by
// scripts/manifest.mjs before Storybook starts), merged into one manifest. The kit's
// manifest combines the others' (for its consumers), so it is left out here.
const manifests = import.meta.glob<{ default: { modules?: unknown[] } }>(
  ['../packages/*/custom-elements.json', '!../packages/kit/custom-elements.json'],
  { eager: true },
);
setCustomElementsManifest({
  schemaVersion: '1.0.0',
  modules: Object.values(manifests).flatMap((m) => m.default.modules ?? []),
});

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
    // The demo case comes first, so `npm start` opens on all three widgets.
    options: { storySort: { order: ['Demo case', 'Widgets', 'Foundation', '*'] } },
  },
  globalTypes: {
    theme: {
      description: 'Visual preset',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'default', title: 'Default' },
          { value: 'govuk', title: 'GOV.UK' },
          { value: 'nhs', title: 'NHS.UK' },
        ],
        dynamicTitle: true,
      },
    },
    scheme: {
      description: 'Colour scheme',
      toolbar: {
        title: 'Scheme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en-GB', title: 'English (en-GB)' },
          { value: 'cy', title: 'Cymraeg (cy)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'default', scheme: 'light', locale: 'en-GB' },
  decorators: [
    // Every story sits in an <od-provider> carrying the toolbar's theme, scheme and
    // language, and the story's store (the demo case unless the story says otherwise).
    (story, { globals, id, parameters }) => html`<od-provider
      .store=${storeFor(id, (parameters.odkit as { store?: StoreParameter } | undefined)?.store)}
      theme=${globals.theme ?? 'default'}
      color-scheme=${globals.scheme ?? 'light'}
      locale=${globals.locale ?? 'en-GB'}
      time-zone="Europe/London"
      ><div class="od-story">${story()}</div></od-provider
    >`,
  ],
};

export default preview;
