// web-test-runner configuration for the browser benchmarks (*.browser.bench.ts), run by
// test/bench/run.mjs after the node ones. Unlike the test configuration it resolves Lit's
// production build (no dev-mode checks slowing renders), runs one file at a time so
// benchmarks do not compete for the two cores, and prints everything the page logs.
import base from '../../web-test-runner.config.mjs';

export default {
  ...base,
  files: ['test/bench/*.browser.bench.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'production'] },
  concurrency: 1,
  filterBrowserLogs: () => true,
  testFramework: { config: { timeout: 5 * 60 * 1000 } },
  reporters: base.reporters.slice(0, 1),
};
