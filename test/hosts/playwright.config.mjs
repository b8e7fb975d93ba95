// The host-page tests: real pages a host would write (GOV.UK, NHS.UK, React, a bare page,
// a strict-CSP page) served from loopback and driven by Playwright in Debian's Chromium.
// Run with `npm run test:hosts`; screenshots and failure traces go to test-results/hosts/.
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const port = Number(process.env.HOSTS_PORT ?? 8300);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.mjs',
  outputDir: '../../test-results/hosts/output',
  globalSetup: './build.mjs',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['./support/count-reporter.mjs']],
  webServer: {
    command: `node test/hosts/server.mjs`,
    cwd: '../..',
    url: `http://127.0.0.1:${port}/test/hosts/bare/`,
    env: { HOSTS_PORT: String(port) },
    reuseExistingServer: false,
    stdout: 'ignore',
  },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
  },
});
