// The real-prototype test: a new GOV.UK Prototype Kit project made with the kit's own `create`
// command from the npm registry, with @odkit/govuk-prototype-kit installed from its packed
// tarball, served on loopback and loaded in Chromium with JavaScript on and off. Slow (it
// installs the Prototype Kit and its dependencies from the registry): run it on its own with
// `npm run test:prototype-kit`. PROTOTYPE_PORT picks the port (default 8390).
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.mjs',
  outputDir: '../../test-results/prototype-kit/output',
  globalSetup: './setup.mjs',
  // The setup makes and installs the prototype (minutes); each of its steps has its own bound.
  globalTimeout: 30 * 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 3 * 60_000,
  reporter: [['list'], ['../hosts/support/count-reporter.mjs', { label: 'prototype kit' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
  },
});
