import { describeWhenAvailable } from './required-tool';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const SummaryReporter = require('./summary-reporter.js') as new () => {
  onRunComplete(contexts: unknown, results: unknown): void;
  getLastError(): Error | undefined;
};

describe('suites that need a tool from outside npm', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    jest.restoreAllMocks();
  });

  it('run when the tool is there', () => {
    expect(describeWhenAvailable('Redis suites', undefined)).toBe(describe);
  });

  it('fail under CI=true when the tool is missing, naming what is missing', () => {
    process.env.CI = 'true';
    expect(() =>
      describeWhenAvailable('browser suites', 'no Chromium (apt-get install -y chromium)'),
    ).toThrow(
      'the browser suites must run under CI, but no Chromium (apt-get install -y chromium)',
    );
  });

  it('skip on a developer machine with a SKIPPED line saying how to install the tool', () => {
    delete process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(
      describeWhenAvailable('Redis suites', 'no redis-server (apt-get install -y redis-server)'),
    ).toBe(describe.skip);
    expect(warn).toHaveBeenCalledWith(
      'SKIPPED: Redis suites: no redis-server (apt-get install -y redis-server)',
    );
  });
});

describe('the summary reporter', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    jest.restoreAllMocks();
  });
  const results = (pending: number) => ({
    numPassedTests: 3,
    numFailedTests: 0,
    numPendingTests: pending,
    numTodoTests: 0,
    testResults: [
      { testFilePath: '/repo/test/a.e2e-spec.ts', numPendingTests: pending, numTodoTests: 0 },
      { testFilePath: '/repo/test/b.e2e-spec.ts', numPendingTests: 0, numTodoTests: 0 },
    ],
  });

  function run(pending: number): { out: string; error: Error | undefined } {
    const writes: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    const reporter = new SummaryReporter();
    reporter.onRunComplete(new Set(), results(pending));
    jest.restoreAllMocks();
    return { out: writes.join(''), error: reporter.getLastError() };
  }

  it('fails a CI run that skipped a test, listing the file that skipped', () => {
    process.env.CI = 'true';
    const { out, error } = run(2);
    expect(out).toContain('SKIPPED: /repo/test/a.e2e-spec.ts (2)');
    expect(out).not.toContain('b.e2e-spec.ts');
    expect(out).toContain('tests: 3 passed, 0 failed, 2 skipped');
    expect(error?.message).toMatch(/2 test\(s\) skipped under CI=true/);
  });

  it('lets a developer run skip, and a CI run with nothing skipped pass', () => {
    delete process.env.CI;
    expect(run(2).error).toBeUndefined();
    process.env.CI = 'true';
    expect(run(0).error).toBeUndefined();
  });
});
