import { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { signParams } from '../signing/gateway-request.builder.js';
import type { DoctorIo } from './doctor-io.js';
import { runDoctor } from './doctor.cli.js';

const SECRET = 'helloworld';
const V1_SIGN = '35607762342831B6A417A0DED84B79C05FEFBF116969C48AD6DC00279A9F4D81';
const CODE = '3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26';

function io(env: Record<string, string | undefined> = {}, extra: Partial<DoctorIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const files: Record<string, string> = {
    'secret.txt': `${SECRET}\n`,
    'params.json': '{"code":"from-file","n":3}',
    'bad.json': '{',
  };
  const value: DoctorIo = {
    env: { ALIEXPRESS_APP_SECRET: SECRET, ALIEXPRESS_APP_KEY: '12345678', ...env },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    color: false,
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return files[path];
    },
    now: () => 1517820392000,
    fetch: () => Promise.reject(new TypeError('fetch failed')),
    ...extra,
  };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

describe('aliexpress-doctor sign', () => {
  it('reproduces the official system vector and prints the exact request, code masked', async () => {
    const t = io();
    expect(await runDoctor(['sign', '/auth/token/create', `code=${CODE}`], t.value)).toBe(0);
    expect(t.out()).toContain(V1_SIGN);
    expect(t.out()).toContain(
      '/auth/token/createapp_key12345678code***sign_methodsha256timestamp1517820392000',
    );
    expect(t.out()).toContain('POST https://api-sg.aliexpress.com/rest/auth/token/create');
    expect(t.out()).not.toContain(CODE);
    expect(t.out()).not.toContain(SECRET);
  });

  it('shows values on request, signs business calls with method and no prefix, JSON for machines', async () => {
    const shown = io();
    await runDoctor(['sign', '/auth/token/create', `code=${CODE}`, '--show-values'], shown.value);
    expect(shown.out()).toContain(`code=${CODE}`);

    const t = io();
    expect(
      await runDoctor(
        ['sign', 'aliexpress.ds.product.get', 'product_id=1', 'session=tok', '--json'],
        t.value,
      ),
    ).toBe(0);
    const json = JSON.parse(t.out()) as {
      sign: string;
      canonical: string;
      request: { url: string; body: string };
    };
    const expected = signParams(
      {
        app_key: '12345678',
        format: 'json',
        method: 'aliexpress.ds.product.get',
        product_id: '1',
        session: 'tok',
        sign_method: 'sha256',
        timestamp: '1517820392000',
      },
      SECRET,
    );
    expect(json.sign).toBe(expected);
    expect(json.canonical).toBe(
      'app_key12345678formatjsonmethodaliexpress.ds.product.getproduct_id1session***sign_methodsha256timestamp1517820392000',
    );
    expect(json.request.url).toBe('https://api-sg.aliexpress.com/sync');
  });

  it('reads parameters from a JSON file and the secret from a file', async () => {
    const t = io({ ALIEXPRESS_APP_SECRET: undefined });
    expect(
      await runDoctor(
        [
          'sign',
          '/auth/token/create',
          '--params',
          'params.json',
          '--secret-file',
          'secret.txt',
          '--json',
          '--show-values',
        ],
        t.value,
      ),
    ).toBe(0);
    const json = JSON.parse(t.out()) as { canonical: string };
    expect(json.canonical).toBe(
      '/auth/token/createapp_key12345678codefrom-filen3sign_methodsha256timestamp1517820392000',
    );
  });

  it.each([
    [['sign'], /needs an API path or name/],
    [['sign', 'not an api'], /neither an API path/],
    [['sign', '/x', 'novalue'], /not key=value/],
    [['sign', '/x', '--params', 'bad.json'], /not valid JSON/],
    [['sign', '/x', '--params', 'missing.json'], /ENOENT/],
    [['sign', '/x', '--timestamp', '1517820392'], /milliseconds/],
    [['sign', '/x', '--secret', SECRET], /never a command-line argument/],
    [['sign', '/x', '--bogus'], /Unknown option/],
    [['frobnicate'], /unknown command/],
  ])('%j is a clear usage error (exit 2)', async (argv, message) => {
    const t = io();
    expect(await runDoctor(argv, t.value)).toBe(2);
    expect(t.err()).toMatch(message);
    expect(t.err() + t.out()).not.toContain(SECRET);
  });

  it('refuses a secret with whitespace around it, naming the problem, not the secret', async () => {
    const t = io({ ALIEXPRESS_APP_SECRET: ` ${SECRET}` });
    expect(await runDoctor(['sign', '/x'], t.value)).toBe(2);
    expect(t.err()).toMatch(/ALIEXPRESS_APP_SECRET: the secret starts with whitespace/);
    expect(t.err()).not.toContain(SECRET);
    const none = io({ ALIEXPRESS_APP_SECRET: undefined });
    expect(await runDoctor(['sign', '/x'], none.value)).toBe(2);
    expect(none.err()).toMatch(/no app secret/);
  });
});

describe('aliexpress-doctor diagnose', () => {
  const bugReport =
    `https://api-sg.aliexpress.com/sync?method=/auth/token/create&app_key=12345678&code=${CODE}` +
    `&sign_method=sha256&timestamp=1517820392000&sign=${V1_SIGN}`;

  it('names both mistakes of the original bug report, with the fix, and exits 1', async () => {
    const t = io();
    expect(await runDoctor(['diagnose', bugReport], t.value)).toBe(1);
    expect(t.out()).toContain('`method` sent but not signed');
    expect(t.out()).toContain('system interface sent to /sync');
    expect(t.out()).toContain(
      'fix: POST https://api-sg.aliexpress.com/rest/auth/token/create without `method`',
    );
    expect(t.out()).not.toContain(CODE);
  });

  it('says a right request is right and exits 0; POST bodies count', async () => {
    const t = io();
    const body = `app_key=12345678&code=${CODE}&sign_method=sha256&timestamp=1517820392000&sign=${V1_SIGN}`;
    expect(
      await runDoctor(
        ['diagnose', 'https://api-sg.aliexpress.com/rest/auth/token/create', '--body', body],
        t.value,
      ),
    ).toBe(0);
    expect(t.out()).toContain('The request is right.');
  });

  it('reports missing parameters, seconds, unexplained signs and conflicts, as JSON too', async () => {
    const t = io();
    const url =
      'https://gw.example/rest/auth/token/create?app_key=12345678&code=x&timestamp=1517820392&sign=ABC&code=y';
    expect(await runDoctor(['diagnose', url, '--json'], t.value)).toBe(1);
    const json = JSON.parse(t.out()) as { ok: boolean; mistakes: Array<{ id: string }> };
    expect(json.ok).toBe(false);
    expect(json.mistakes.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        'conflicting-parameter',
        'missing-parameter',
        'timestamp-seconds',
        'unexplained',
      ]),
    );
  });

  it.each([
    [['diagnose'], /exactly one full request URL/],
    [['diagnose', '/sync?x=1'], /not a full URL/],
    [['diagnose', 'https://gw.example/api'], /not a gateway path/],
  ])('%j is a usage error', async (argv, message) => {
    const t = io();
    expect(await runDoctor(argv, t.value)).toBe(2);
    expect(t.err()).toMatch(message);
  });
});

describe('aliexpress-doctor check', () => {
  let gateway: MockAliexpressGateway;
  let url: string;
  beforeAll(async () => {
    gateway = new MockAliexpressGateway({
      apps: [{ appKey: '12345678', appSecret: SECRET, redirectUris: [] }],
    });
    ({ url } = await gateway.start());
  });
  afterAll(() => gateway.stop());

  const env = (extra: Record<string, string | undefined> = {}) => ({
    ALIEXPRESS_REDIRECT_URI: 'https://shop.example/aliexpress/callback',
    ALIEXPRESS_BASE_URL: url,
    ...extra,
  });
  const real = { now: () => Date.now(), fetch };

  it('a good configuration and a synchronised clock pass', async () => {
    const t = io(env(), real);
    expect(await runDoctor(['check'], t.value)).toBe(0);
    expect(t.out()).toMatch(/✓ clock skew\s+[+-]?\d+ s against 127\.0\.0\.1/);
    expect(t.out()).not.toContain(SECRET);
  });

  it('a clock three hours off fails with the fix', async () => {
    gateway.advanceClock(3 * 3_600_000);
    const t = io(env(), real);
    expect(await runDoctor(['check', '--json'], t.value)).toBe(1);
    const json = JSON.parse(t.out()) as {
      results: Array<{ check: string; status: string; message: string }>;
    };
    expect(json.results.find((r) => r.check === 'clock skew')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/^-10(800|799) s.*NTP/),
    });
    gateway.reset();
  });

  it.each([
    [{ ALIEXPRESS_APP_SECRET: `${SECRET}\n` }, 'ALIEXPRESS_APP_SECRET', /ends with a newline/],
    [{ ALIEXPRESS_APP_KEY: undefined }, 'ALIEXPRESS_APP_KEY', /not set/],
    [
      { ALIEXPRESS_REDIRECT_URI: 'http://shop.example/aliexpress/callback' },
      'ALIEXPRESS_REDIRECT_URI',
      /https/,
    ],
    [{ ALIEXPRESS_REDIRECT_URI: '/aliexpress/callback' }, 'ALIEXPRESS_REDIRECT_URI', /absolute/],
  ])('%j fails naming the variable', async (extra, variable, message) => {
    const t = io(env(extra), real);
    expect(await runDoctor(['check', '--json'], t.value)).toBe(1);
    const json = JSON.parse(t.out()) as {
      results: Array<{ check: string; status: string; message: string }>;
    };
    expect(json.results.find((r) => r.check === variable)).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(message),
    });
    expect(t.out()).not.toContain(SECRET);
  });

  it('http://localhost is fine; an unreachable gateway is a warning, not a failure; colours only on a terminal', async () => {
    const t = io(env({ ALIEXPRESS_REDIRECT_URI: 'http://localhost:3000/aliexpress/callback' }), {
      color: true,
    });
    expect(await runDoctor(['check'], t.value)).toBe(0);
    expect(t.out()).toContain('\u001b[33m!\u001b[0m clock skew');
    expect(t.out()).toContain('did not answer');
    const plain = io(env());
    await runDoctor(['check'], plain.value);
    expect(plain.out()).not.toContain('\u001b[');
  });
});
