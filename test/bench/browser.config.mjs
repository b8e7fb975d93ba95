// web-test-runner configuration for the browser benchmarks (*.browser.bench.ts), run by
// test/bench/run.mjs after the node ones. Unlike the test configuration it resolves Lit's
// production build (no dev-mode checks slowing renders), runs one file at a time so
// benchmarks do not compete for the two cores, and prints everything the page logs. Its page is
// the runner's own: the tests' id check (test/support/unique-ids.js) would be timed with each render.
import base from '../../web-test-runner.config.mjs';

const { testRunnerHtml: _checkedPage, ...tests } = base;

export default {
  ...tests,
  files: ['test/bench/*.browser.bench.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'production'] },
  concurrency: 1,
  filterBrowserLogs: () => true,
  testFramework: { config: { timeout: 5 * 60 * 1000 } },
  reporters: tests.reporters.slice(0, 1),
};
