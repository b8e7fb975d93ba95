import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions } from 'vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(config) {
    // Sibling packages resolve to their TypeScript source: no build before `npm start`.
    config.resolve ??= {};
    config.resolve.conditions = ['source', ...defaultClientConditions];
    return config;
  },
};

export default config;
