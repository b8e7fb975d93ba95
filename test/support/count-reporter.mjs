// wtr prints its summary on the same line as its progress bar; CI needs a plain
// closing line of its own, "N passed, N failed". It is written at process exit,
// after wtr's terminal has drawn its last dynamic frame.
/** `label` prefixes the line ("heavy browser tests: N passed, N failed") for a second run's count. */
export function countReporter(label) {
  return {
    stop({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load or errored outside a test counts as a failure.
        if (!session.passed && (!session.testResults || session.errors?.length)) failed++;
      }
      const line = `${label ? `${label}: ` : ''}${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
      process.once('exit', () => process.stdout.write(`\n${line}\n`));
    },
  };
}
