// wtr prints its summary on the same line as its progress bar; CI needs a plain
// closing line of its own, "N passed, N failed". It is written at process exit,
// after wtr's terminal has drawn its last dynamic frame.
// Beside it, the five slowest files (summed test durations) and any file that never
// finished, so a run that hits testsFinishTimeout names what it was waiting on.
import { defaultReporter } from '@web/test-runner';

/** wtr's own reporter (no progress bar on CI) and the count line, as every run's config uses them. */
export const countedReporters = (label) => [
  defaultReporter({ reportTestResults: true, reportTestProgress: !process.env.CI }),
  countReporter(label),
];

/** `label` prefixes the line ("heavy browser tests: N passed, N failed") for a second run's count. */
export function countReporter(label) {
  return {
    stop({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const durations = new Map();
      const unfinished = [];
      const walk = (suite, file) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
          durations.set(file, (durations.get(file) ?? 0) + (test.duration ?? 0));
        }
        for (const child of suite.suites) walk(child, file);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults, session.testFile);
        if (session.status !== 'FINISHED') unfinished.push(session.testFile);
        // A file that failed to load or errored outside a test counts as a failure.
        if (!session.passed && (!session.testResults || session.errors?.length)) failed++;
      }
      const cwd = `${process.cwd()}/`;
      const name = (file) => file.replace(cwd, '');
      const slowest = [...durations]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([file, ms]) => `  ${(ms / 1000).toFixed(1)} s  ${name(file)}`);
      const lines = [
        `slowest files (summed test time):`,
        ...slowest,
        ...(unfinished.length ? ['did not finish:', ...unfinished.map((f) => `  ${name(f)}`)] : []),
        `${label ? `${label}: ` : ''}${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
      ];
      process.once('exit', () => process.stdout.write(`\n${lines.join('\n')}\n`));
    },
  };
}
