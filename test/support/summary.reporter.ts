import type { Reporter } from 'vitest/node';

/** What the summary reads of one test file (a subset of Vitest's `TestModule`). */
export interface TestFileLike {
  moduleId: string;
  state(): string;
  children: { allTests(): Iterable<{ result(): { state: string } }> };
}

/** Counts of one run, and the files that skipped tests. */
export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  skippedFiles: string[];
}

/** Sums a run's tests per state, and names each file with a skipped or todo test. */
export function summarise(files: Iterable<TestFileLike>): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, skipped: 0, skippedFiles: [] };
  for (const file of files) {
    let skippedHere = 0;
    let tests = 0;
    for (const test of file.children.allTests()) {
      tests += 1;
      const state = test.result().state;
      if (state === 'passed') summary.passed += 1;
      else if (state === 'failed') summary.failed += 1;
      else if (state === 'skipped') skippedHere += 1;
    }
    // a file that failed to load has no tests: it counts as one failure
    if (tests === 0 && file.state() === 'failed') summary.failed += 1;
    if (skippedHere > 0) summary.skippedFiles.push(`${file.moduleId} (${skippedHere})`);
    summary.skipped += skippedHere;
  }
  return summary;
}

/**
 * The closing text of a run: one `SKIPPED:` line per file that skipped tests, then the plain line
 * "tests: N passed, N failed, N skipped" that any CI can read. Under CI a skipped test fails the
 * run (a suite that needs a tool must not pass by skipping), said in a last line.
 */
export function closingText(summary: RunSummary, ci: boolean): { text: string; fail: boolean } {
  const lines = summary.skippedFiles.map((file) => `SKIPPED: ${file}`);
  lines.push(
    '',
    `tests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`,
  );
  const fail = ci && summary.skipped > 0;
  if (fail) {
    lines.push(
      `${summary.skipped} test(s) skipped under CI=true; CI must run every test (install what the SKIPPED suites need)`,
    );
  }
  return { text: `${lines.join('\n')}\n`, fail };
}

/** Vitest reporter printing {@link closingText} after the run; under `CI=true` a skip sets exit code 1. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(files: ReadonlyArray<TestFileLike>): void {
    const ci = process.env.CI === 'true' || process.env.CI === '1';
    const { text, fail } = closingText(summarise(files), ci);
    process.stdout.write(text);
    if (fail) process.exitCode = 1;
  }
}
