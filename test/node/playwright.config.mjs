// Node-side tests that need no browser: the research export loaded into DuckDB
// (@duckdb/node-api, a native module) and checked against summariseService.
// Run with `npm run test:node`; `npm test` runs it after the browser tests.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/node/output',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  reporter: [['list'], ['../hosts/support/count-reporter.mjs', { label: 'node tests' }]],
});
