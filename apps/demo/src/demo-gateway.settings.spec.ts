import { readDemoGatewaySettings } from './demo-gateway.settings.js';
import { DemoSettingsError, checkDemoSettings } from './demo-settings.error.js';

const read = (env: Record<string, string>) => readDemoGatewaySettings({ get: (key) => env[key] });

/** The problems a configuration is refused with, or `[]` when it is accepted. */
function problems(env: Record<string, string>): readonly string[] {
  try {
    read(env);
    return [];
  } catch (error) {
    if (error instanceof DemoSettingsError) return error.problems;
    throw error;
  }
}

const LIVE = {
  ALIEXPRESS_APP_KEY: '12345678',
  ALIEXPRESS_APP_SECRET: 's3cr3t-value',
  ALIEXPRESS_REDIRECT_URI: 'https://demo.example/aliexpress/callback',
};

describe('readDemoGatewaySettings', () => {
  it('no app key: the embedded mock, even with .env.example copied as is', () => {
    expect(read({})).toBeUndefined();
    expect(
      read({
        ALIEXPRESS_APP_KEY: '',
        ALIEXPRESS_APP_SECRET: '',
        ALIEXPRESS_REDIRECT_URI: 'http://localhost:3000/aliexpress/callback',
        ALIEXPRESS_BASE_URL: '',
        DEMO_ALLOW_ORDERS: 'false',
        ALIEXPRESS_TRACKING_ID: '',
      }),
    ).toBeUndefined();
  });

  it('a complete live configuration', () => {
    expect(read(LIVE)).toEqual({
      appKey: '12345678',
      appSecret: 's3cr3t-value',
      redirectUri: 'https://demo.example/aliexpress/callback',
      baseUrl: undefined,
      ordersEnabled: false,
      trackingId: undefined,
    });
    expect(
      read({
        ...LIVE,
        ALIEXPRESS_BASE_URL: 'http://127.0.0.1:8765',
        DEMO_ALLOW_ORDERS: 'true',
        ALIEXPRESS_TRACKING_ID: 'my_site',
      }),
    ).toMatchObject({
      baseUrl: 'http://127.0.0.1:8765',
      ordersEnabled: true,
      trackingId: 'my_site',
    });
  });

  it('an app key alone: the secret and the redirect URI, both named in one error', () => {
    const error = (() => {
      try {
        read({ ALIEXPRESS_APP_KEY: '12345678', ALIEXPRESS_APP_SECRET: '   ' });
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error).toBeInstanceOf(DemoSettingsError);
    expect(error?.message).toBe(
      '2 settings need fixing (in .env, see .env.example, or the environment):\n' +
        '  - ALIEXPRESS_APP_SECRET is missing: set it in .env (see .env.example) or unset ALIEXPRESS_APP_KEY to use the embedded mock gateway\n' +
        '  - ALIEXPRESS_REDIRECT_URI is missing: set it in .env to the callback URL registered for your app ' +
        '(e.g. https://demo.example/aliexpress/callback), or unset ALIEXPRESS_APP_KEY to use the embedded mock gateway',
    );
  });

  it('one missing setting: one line', () => {
    expect(() => read({ ...LIVE, ALIEXPRESS_APP_SECRET: '' })).toThrow(
      /^ALIEXPRESS_APP_SECRET is missing: set it in \.env \(see \.env\.example\) or unset ALIEXPRESS_APP_KEY to use the embedded mock gateway$/,
    );
    expect(() => read({ ...LIVE, ALIEXPRESS_REDIRECT_URI: '' })).toThrow(
      /^ALIEXPRESS_REDIRECT_URI is missing/,
    );
  });

  it('malformed values, each named, never quoted', () => {
    const found = problems({
      ALIEXPRESS_APP_KEY: '12345678',
      ALIEXPRESS_APP_SECRET: ' s3cr3t-value',
      ALIEXPRESS_REDIRECT_URI: 'demo.example/aliexpress/callback',
      ALIEXPRESS_BASE_URL: 'https://api-sg.aliexpress.com/sync?x=1',
      DEMO_ALLOW_ORDERS: 'yes',
    });
    expect(found).toEqual([
      'ALIEXPRESS_APP_SECRET starts with whitespace: remove it (and any quotes around it), it would be signed',
      'ALIEXPRESS_REDIRECT_URI must be an absolute http(s) URL, exactly as registered for your app (e.g. https://demo.example/aliexpress/callback)',
      'ALIEXPRESS_BASE_URL must not carry a query string, e.g. https://api-sg.aliexpress.com (or leave it empty for that default)',
      'DEMO_ALLOW_ORDERS must be true or false (false unless set)',
    ]);
    expect(found.join('\n')).not.toContain('s3cr3t');
    expect(problems({ ...LIVE, ALIEXPRESS_REDIRECT_URI: 'https://demo.example/cb#x' })).toEqual([
      expect.stringMatching(/^ALIEXPRESS_REDIRECT_URI must not carry a fragment/),
    ]);
    expect(problems({ ...LIVE, ALIEXPRESS_BASE_URL: 'ftp://gateway.example' })).toEqual([
      expect.stringMatching(/^ALIEXPRESS_BASE_URL must be an absolute http\(s\) URL/),
    ]);
  });

  it('a secret or base URL without an app key is refused, not silently ignored for the mock', () => {
    expect(problems({ ALIEXPRESS_APP_SECRET: 's3cr3t-value' })).toEqual([
      'ALIEXPRESS_APP_KEY is missing while ALIEXPRESS_APP_SECRET is set: set the app key in .env (see .env.example) ' +
        'to use that gateway, or unset ALIEXPRESS_APP_SECRET to use the embedded mock gateway',
    ]);
    expect(
      problems({ ALIEXPRESS_APP_SECRET: 's3cr3t-value', ALIEXPRESS_BASE_URL: 'http://x.example' }),
    ).toEqual([
      expect.stringMatching(
        /^ALIEXPRESS_APP_KEY is missing while ALIEXPRESS_APP_SECRET and ALIEXPRESS_BASE_URL are set: .* or unset them to use the embedded mock gateway$/,
      ),
    ]);
  });
});

describe('checkDemoSettings', () => {
  it('gathers the problems of every reader into one error', () => {
    expect(() =>
      checkDemoSettings([
        () => {
          throw new Error('PORT must be a port number (1-65535), got "x"');
        },
        () => 'fine',
        () => {
          throw new DemoSettingsError(['A is missing', 'B is missing']);
        },
      ]),
    ).toThrow(
      '3 settings need fixing (in .env, see .env.example, or the environment):\n' +
        '  - PORT must be a port number (1-65535), got "x"\n  - A is missing\n  - B is missing',
    );
    expect(() => checkDemoSettings([() => 1, () => 2])).not.toThrow();
  });
});
