// The packed-package test: every workspace package packed with pnpm (as it would be
// published), installed from its tarball into a temporary project with npm, then used
// as a consumer would — Node imports, TypeScript, an esbuild bundle and the kit's single
// file in Debian's Chromium. Needs a build first; `npm run build` runs it last.
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.mjs',
  outputDir: '../../test-results/packages/output',
  globalSetup: './setup.mjs',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  reporter: [['list'], ['../hosts/support/count-reporter.mjs', { label: 'packed packages' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
  },
});
