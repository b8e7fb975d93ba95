// Every browser test runs here, in Debian's Chromium (see scripts/ensure-chromium.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { countedReporters } from './test/support/count-reporter.mjs';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { fhirMiddleware } from './packages/fhir/test/server/fhir-server.mjs';
import { reactEsm } from './test/support/react-esm.mjs';
import { readFileSync } from 'node:fs';

/** Run in every test page before its tests: see the file. */
const uniqueIds = readFileSync(new URL('./test/support/unique-ids.js', import.meta.url), 'utf8');

/**
 * Tests that load the whole machine (500 cases through the FHIR engine that this same server
 * runs; 10,000 cases summarised in a Worker). They run after the others, one file at a time
 * (web-test-runner.heavy.config.mjs), so they do not starve other files' requests to the engine
 * or other files' timeouts.
 */
export const HEAVY_FILES = [
  'packages/fhir/test/fhir-server-source.test.ts',
  'packages/core/test/summary-worker.test.ts',
  // Print emulation needs the page to itself: it times out in a background tab beside another file.
  'test/print.test.ts',
  // Sets the window's width and measures what is painted: the map fits its text and scale to the size its
  // ResizeObserver reports, which a background tab never does.
  'packages/network-map/test/legibility.test.ts',
  // The map's first picture waits for that report too (a background tab draws it at once, without one).
  'packages/network-map/test/first-picture.test.ts',
];

export default {
  // *.node.test.ts run in node (scripts/node-test.mjs), not in the browser.
  files: [
    'packages/*/test/**/*.test.ts',
    'test/**/*.test.ts',
    '!**/*.node.test.ts',
    ...HEAVY_FILES.map((f) => `!${f}`),
  ],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  // A real FHIR R4 engine (Medplum's FhirRouter + MemoryRepository) at /fhir/ on this same
  // loopback server, for @odkit/fhir's FhirStore tests (same origin: no CORS).
  middleware: [fhirMiddleware()],
  // The runner's own page, with the id check (test/support/unique-ids.js) before anything else runs.
  testRunnerHtml: (testFramework) =>
    `<!DOCTYPE html><html><head><script>${uniqueIds}</script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
  // reactEsm: @odkit/react's tests render with React, which ships CommonJS only.
  plugins: [reactEsm(), esbuildPlugin({ ts: true, tsconfig: 'tsconfig.base.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
  // Lit's one-time dev-mode notice is expected in tests; everything else the browser logs is shown.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  // WTR_PORT lets two runs (two checkouts) share a machine.
  ...(process.env.WTR_PORT ? { port: Number(process.env.WTR_PORT) } : {}),
  concurrency: 2,
  // A bound on a stuck test, not a speed check: generous so a busy machine (see scripts/busy.mjs) passes too.
  testFramework: { config: { timeout: 30000 } },
  // A bound on a stuck run: the suite takes about 4 minutes quiet, 10 beside scripts/busy.mjs on two cores.
  testsFinishTimeout: 30 * 60 * 1000,
  reporters: countedReporters(),
};
