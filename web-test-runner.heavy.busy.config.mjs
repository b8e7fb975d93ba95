// The heavy browser tests beside CPU-bound work: `npm run test:browser:busy` runs this under
// scripts/busy.mjs after the other browser tests. Same files, one at a time, as
// `npm run test:browser:heavy`; its own count line.
import heavy from './web-test-runner.heavy.config.mjs';
import { defaultReporter } from '@web/test-runner';
import { countReporter } from './test/support/count-reporter.mjs';

export default {
  ...heavy,
  reporters: [
    defaultReporter({ reportTestResults: true, reportTestProgress: !process.env.CI }),
    countReporter('heavy browser tests beside CPU-bound work'),
  ],
};
