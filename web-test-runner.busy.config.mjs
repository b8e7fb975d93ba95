// The browser tests beside CPU-bound work, to prove they hold on a busy machine:
// `npm run test:browser:busy` runs this under scripts/busy.mjs (one spinning thread a core).
// Same files, server, browser and FHIR engine as `npm run test:browser`; its own count line.
import base from './web-test-runner.config.mjs';
import { defaultReporter } from '@web/test-runner';
import { countReporter } from './test/support/count-reporter.mjs';

export default {
  ...base,
  reporters: [
    defaultReporter({ reportTestResults: true, reportTestProgress: !process.env.CI }),
    countReporter('browser tests beside CPU-bound work'),
  ],
};
