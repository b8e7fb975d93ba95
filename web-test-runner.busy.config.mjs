// The browser tests beside CPU-bound work, to prove they hold on a busy machine:
// `npm run test:browser:busy` runs this under scripts/busy.mjs (one spinning thread a core).
// Same files, server, browser and FHIR engine as `npm run test:browser`; its own count line.
import base from './web-test-runner.config.mjs';
import { countedReporters } from './test/support/count-reporter.mjs';

export default {
  ...base,
  reporters: countedReporters('browser tests beside CPU-bound work'),
};
