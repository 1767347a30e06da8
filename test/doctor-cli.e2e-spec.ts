import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const SECRET = 'helloworld';
const CODE = '3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26';

function doctor(args: string[]) {
  const run = spawnSync('npm', ['run', '-s', 'doctor', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      ALIEXPRESS_APP_SECRET: SECRET,
      ALIEXPRESS_APP_KEY: '12345678',
      NO_COLOR: '',
    },
    timeout: 60_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run doctor (the real bin, piped)', () => {
  it('diagnoses the bug report: exit 1, plain text, both mistakes, no secret or code', () => {
    const url =
      `https://api-sg.aliexpress.com/sync?method=/auth/token/create&app_key=12345678&code=${CODE}` +
      '&sign_method=sha256&timestamp=1517820392000&sign=35607762342831B6A417A0DED84B79C05FEFBF116969C48AD6DC00279A9F4D81';
    const run = doctor(['diagnose', url]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('`method` sent but not signed');
    expect(run.out).toContain('system interface sent to /sync');
    expect(run.out).not.toContain('\u001b[');
    expect(run.out + run.err).not.toContain(SECRET);
    expect(run.out + run.err).not.toContain(CODE);
  }, 60_000);

  it('exit 0 for sign, 2 for a bad argument', () => {
    expect(
      doctor(['sign', '/auth/token/create', `code=${CODE}`, '--timestamp', '1517820392000']).code,
    ).toBe(0);
    const bad = doctor(['sign']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('sign needs an API path or name');
  }, 60_000);
});
