/**
 * Prints one plain closing line, "tests: N passed, N failed, N skipped", that any CI can read,
 * after Jest's own summary, preceded by one `SKIPPED:` line per test file that skipped tests.
 * Under `CI=true` a skipped test fails the run (a suite that needs a tool must not pass by
 * skipping): `getLastError` is how a Jest reporter fails a run.
 */
class SummaryReporter {
  constructor() {
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const files = results.testResults
      .filter((file) => file.numPendingTests + file.numTodoTests > 0)
      .map((file) => `${file.testFilePath} (${file.numPendingTests + file.numTodoTests})`);
    for (const file of files) process.stdout.write(`SKIPPED: ${file}\n`);
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
    );
    const ci = process.env.CI === 'true' || process.env.CI === '1';
    if (ci && skipped > 0) {
      this.error = new Error(
        `${skipped} test(s) skipped under CI=true; CI must run every test (install what the SKIPPED suites need)`,
      );
      process.stdout.write(`${this.error.message}\n`);
    }
  }

  getLastError() {
    return this.error;
  }
}

module.exports = SummaryReporter;
