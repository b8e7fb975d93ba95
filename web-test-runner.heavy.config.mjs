// The heavy browser tests (HEAVY_FILES in web-test-runner.config.mjs), one file at a time,
// after the rest: `npm run test:browser:heavy`. Same server, browser and FHIR engine.
import base, { HEAVY_FILES } from './web-test-runner.config.mjs';
import { countedReporters } from './test/support/count-reporter.mjs';

export default {
  ...base,
  files: HEAVY_FILES,
  concurrency: 1,
  reporters: countedReporters('heavy browser tests'),
};
