import { describeSkipped, describeWhenAvailable } from './required-tool.js';
import { closingText, summarise, type TestFileLike } from './summary.reporter.js';

describe('suites that need a tool from outside npm', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    vi.restoreAllMocks();
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
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(
      describeWhenAvailable('Redis suites', 'no redis-server (apt-get install -y redis-server)'),
    ).toBe(describeSkipped);
    expect(warn).toHaveBeenCalledWith(
      'SKIPPED: Redis suites: no redis-server (apt-get install -y redis-server)',
    );
  });
});

describe('the summary reporter', () => {
  const file = (moduleId: string, states: string[], state = 'passed'): TestFileLike => ({
    moduleId,
    state: () => state,
    children: { allTests: () => states.map((s) => ({ result: () => ({ state: s }) })) },
  });
  const run = [
    file('/repo/test/a.e2e-spec.ts', ['passed', 'skipped', 'skipped', 'passed']),
    file('/repo/test/b.e2e-spec.ts', ['passed']),
  ];

  it('fails a CI run that skipped a test, listing the file that skipped', () => {
    const { text, fail } = closingText(summarise(run), true);
    expect(text).toContain('SKIPPED: /repo/test/a.e2e-spec.ts (2)');
    expect(text).not.toContain('b.e2e-spec.ts');
    expect(text).toContain('\ntests: 3 passed, 0 failed, 2 skipped\n');
    expect(text).toMatch(/2 test\(s\) skipped under CI=true/);
    expect(fail).toBe(true);
  });

  it('lets a developer run skip, and a CI run with nothing skipped pass', () => {
    expect(closingText(summarise(run), false).fail).toBe(false);
    expect(closingText(summarise([file('/repo/x.spec.ts', ['passed'])]), true).fail).toBe(false);
  });

  it('counts a file that failed to load as a failure', () => {
    const summary = summarise([file('/repo/broken.spec.ts', [], 'failed')]);
    expect(closingText(summary, true).text).toContain('tests: 0 passed, 1 failed, 0 skipped');
  });
});
