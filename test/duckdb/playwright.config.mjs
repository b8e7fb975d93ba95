// The research export's cross-check in Node, no browser: the export loaded into DuckDB
// (@duckdb/node-api, a native module) and the docs' SQL checked against summariseService.
// Run with `npm run test:duckdb`; `npm test` runs it after the browser tests.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/duckdb/output',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  reporter: [['list'], ['../hosts/support/count-reporter.mjs', { label: 'DuckDB cross-check' }]],
});
