import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { inProvider, type ProviderContext } from '../stories/support/provider-decorator.js';

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
    // Every story sits in an <od-provider> (stories/support/provider-decorator.ts, shared with the stories' tests).
    (story, context) => inProvider(story, context as unknown as ProviderContext),
  ],
};

export default preview;
