// wtr prints its summary on the same line as its progress bar; CI needs a plain
// closing line of its own, "N passed, N failed".
export function countReporter() {
  let line = '';
  return {
    onTestRunFinished({ sessions }) {
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
        // A file that failed to load has no results: count it as a failure.
        else if (!session.passed) failed++;
      }
      const skippedText = skipped ? `, ${skipped} skipped` : '';
      line = `${passed} passed, ${failed} failed${skippedText}`;
    },
    // Printed last, after the default reporter's summary.
    stop() {
      if (line) process.stdout.write(`\n${line}\n`);
    },
  };
}
