// Ends the host-page run with a plain "N passed, N failed" line, like the browser tests'
// own reporter, so CI output closes with a count it can read.
export default class CountReporter {
  /** @param {{ label?: string }} options the run's name in the count line ("host pages" by default) */
  constructor({ label = 'host pages' } = {}) {
    this.label = label;
  }
  passed = 0;
  failed = 0;
  skipped = 0;
  onTestEnd(test, result) {
    if (result.status === 'skipped') this.skipped++;
    else if (result.status === 'passed' && test.outcome() !== 'unexpected') this.passed++;
    else if (test.outcome() === 'unexpected' && result.retry === test.retries) this.failed++;
  }
  onEnd(result) {
    if (result.status === 'failed' && this.passed + this.failed === 0) this.failed++;
    const skipped = this.skipped ? `, ${this.skipped} skipped` : '';
    process.stdout.write(`\n${this.label}: ${this.passed} passed, ${this.failed} failed${skipped}\n`);
  }
  printsToStdio() {
    return false;
  }
}
