// The heavy browser tests beside CPU-bound work: `npm run test:browser:busy` runs this under
// scripts/busy.mjs after the other browser tests. Same files, one at a time, as
// `npm run test:browser:heavy`; its own count line.
import heavy from './web-test-runner.heavy.config.mjs';
import { countedReporters } from './test/support/count-reporter.mjs';

export default {
  ...heavy,
  reporters: countedReporters('heavy browser tests beside CPU-bound work'),
};
