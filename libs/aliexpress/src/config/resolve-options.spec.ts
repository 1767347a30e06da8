import { AliexpressConfigurationError } from '../errors/aliexpress.errors.js';
import { findExtrasProblems } from './aliexpress-options.schema.js';
import { resolveOptions } from './resolve-options.js';

const valid = { appKey: '500102', appSecret: 's3cr3t-value' };

function configError(options: unknown): AliexpressConfigurationError {
  try {
    resolveOptions(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(AliexpressConfigurationError);
    return error as AliexpressConfigurationError;
  }
  throw new Error('expected a configuration error');
}

describe('resolveOptions', () => {
  it('applies defaults', () => {
    const resolved = resolveOptions(valid);
    expect(resolved).toMatchObject({
      ...valid,
      baseUrl: 'https://api-sg.aliexpress.com',
      timeoutMs: 15_000,
    });
    expect(Math.abs(resolved.clock.now() - Date.now())).toBeLessThan(1_000);
  });

  it.each([
    ['missing', { appKey: '500102' }, 'appSecret', /is missing/],
    ['empty', { ...valid, appKey: '' }, 'appKey', /is empty/],
    ['not a string', { ...valid, appKey: 500102 }, 'appKey', /must be a string/],
    [
      'trailing newline',
      { ...valid, appSecret: 's3cr3t-value\n' },
      'appSecret',
      /ends with a newline/,
    ],
    [
      'leading space',
      { ...valid, appSecret: ' s3cr3t-value' },
      'appSecret',
      /starts with whitespace/,
    ],
    ['inner tab', { ...valid, appSecret: 's3cr3t\tvalue' }, 'appSecret', /a tab/],
    [
      'zero-width space',
      { ...valid, appSecret: 's3cr3t\u200bvalue' },
      'appSecret',
      /invisible Unicode/,
    ],
    ['BOM', { ...valid, appKey: '\ufeff500102' }, 'appKey', /starts with an invisible Unicode/],
    [
      'trailing space',
      { ...valid, appSecret: 's3cr3t-value ' },
      'appSecret',
      /ends with whitespace/,
    ],
    [
      'non-breaking space',
      { ...valid, appSecret: 's3cr3t\u00a0value' },
      'appSecret',
      /non-breaking/,
    ],
    [
      'control character',
      { ...valid, appSecret: 's3cr3t\u0007value' },
      'appSecret',
      /control character/,
    ],
  ])(
    'refuses a credential that is %s, naming the option but never the value',
    (_case, options, option, problem) => {
      const error = configError(options);
      expect(error.option).toBe(option);
      expect(error.message).toMatch(problem);
      expect(error.message).not.toContain('s3cr3t');
    },
  );

  it.each([
    [{ baseUrl: 'api-sg.aliexpress.com' }, 'baseUrl'],
    [{ baseUrl: 'ftp://example.com' }, 'baseUrl'],
    [{ baseUrl: 'https://example.com/?x=1' }, 'baseUrl'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: 1.5 }, 'timeoutMs'],
    [{ clock: {} }, 'clock'],
  ])('refuses %j', (extra, option) => {
    expect(configError({ ...valid, ...extra }).option).toBe(option);
  });

  it('applies the order-events defaults', () => {
    expect(resolveOptions(valid)).toMatchObject({
      webhookPath: 'aliexpress/webhook',
      webhookMaxBodyBytes: 65_536,
      webhookMessageTypes: ['53'],
      orderSync: {
        enabled: true,
        intervalMs: 600_000,
        maxCallsPerSecond: 2,
        finalStatuses: ['FINISH'],
      },
    });
    expect(resolveOptions({ ...valid, webhookPath: '/hooks/ae/' }).webhookPath).toBe('hooks/ae');
  });

  it('strips a trailing slash from baseUrl', () => {
    expect(resolveOptions({ ...valid, baseUrl: 'http://127.0.0.1:8765/' }).baseUrl).toBe(
      'http://127.0.0.1:8765',
    );
  });

  it('refuses no options at all', () => {
    expect(configError(undefined).option).toBe('options');
  });

  it('reports every bad option at once, each with its path, and never a value', () => {
    const secret = 's3cr3t-value\n';
    const key = 'not-a-key-but-secret-material';
    const error = configError({
      appKey: '500102',
      appSecret: secret,
      timeoutMs: 0,
      tokenEncryptionKey: key,
      state: { secret: ` ${key}`, cookieName: 'bad name' },
      retry: { maxRetries: -1 },
    });
    expect(error.problems).toEqual([
      { option: 'appSecret', problem: expect.stringMatching(/ends with a newline/) },
      { option: 'timeoutMs', problem: 'must be a positive whole number' },
      { option: 'tokenEncryptionKey', problem: expect.stringMatching(/must be 32 bytes/) },
      { option: 'state.cookieName', problem: 'is not a valid cookie name' },
      { option: 'state.secret', problem: expect.stringMatching(/starts with whitespace/) },
      { option: 'retry.maxRetries', problem: 'must be a non-negative whole number' },
    ]);
    expect(error.option).toBe('appSecret');
    expect(error.message).toMatch(/^AliexpressModule has 6 invalid options: option "appSecret" /);
    for (const option of [
      'timeoutMs',
      'tokenEncryptionKey',
      'state.cookieName',
      'retry.maxRetries',
    ])
      expect(error.message).toContain(`option "${option}"`);
    expect(error.message).not.toContain('s3cr3t');
    expect(error.message).not.toContain(key);
    expect(error.message).not.toContain('bad name');
  });

  it('reports two bad credentials together without echoing either', () => {
    const error = configError({ appKey: ' 5001xq', appSecret: 'zq7\u200bvk9' });
    expect(error.problems.map((p) => p.option)).toEqual(['appKey', 'appSecret']);
    expect(error.message).not.toMatch(/5001xq|zq7|vk9/);
  });

  it('keeps a single problem in the familiar one-option message', () => {
    expect(configError({ ...valid, qpsLimit: 2.5 }).message).toBe(
      'AliexpressModule option "qpsLimit" must be a positive whole number',
    );
  });

  it.each([
    [{ tokenStore: null }, 'tokenStore', 'must be a TokenStore or an AliexpressStorage instance'],
    [
      { tokenStore: { get: () => undefined } },
      'tokenStore',
      'lacks set, compareAndSet, delete, list',
    ],
    [{ state: 'x' }, 'state', 'must be an object'],
    [{ state: { secureCookie: 'yes' } }, 'state.secureCookie', 'must be true, false or "auto"'],
    [{ retry: [] }, 'retry', 'must be an object'],
    [{ onTokenEvent: 'log' }, 'onTokenEvent', 'must be a function'],
    [{ successRedirect: 'javascript:alert(1)' }, 'successRedirect', 'must use http or https'],
    [{ redirectUri: 'https://app.example/cb#x' }, 'redirectUri', 'must not carry a fragment'],
    [{ callbackPath: 'bad path' }, 'callbackPath', expect.stringMatching(/route path/)],
    [{ webhookPath: 'bad path' }, 'webhookPath', expect.stringMatching(/route path/)],
    [{ webhookMaxBodyBytes: 0 }, 'webhookMaxBodyBytes', 'must be a positive whole number'],
    [{ webhookMessageTypes: [] }, 'webhookMessageTypes', expect.stringMatching(/non-empty list/)],
    [{ orderInbox: { put: () => true } }, 'orderInbox', 'lacks start, stop, counts'],
    [{ orderSync: { intervalMs: -1 } }, 'orderSync.intervalMs', 'must be a positive whole number'],
    [
      { orderSync: { finalStatuses: 'FINISH' } },
      'orderSync.finalStatuses',
      expect.stringMatching(/status codes/),
    ],
  ])('refuses %j with what is wrong', (extra, option, problem) => {
    expect(configError({ ...valid, ...extra }).problems).toEqual([{ option, problem }]);
  });

  it('requires redirectUri only when the OAuth controller is served', () => {
    expect(() => resolveOptions(valid)).not.toThrow();
    try {
      resolveOptions({ ...valid, timeoutMs: -5 }, { oauthController: true });
      throw new Error('expected a configuration error');
    } catch (e) {
      expect((e as AliexpressConfigurationError).problems.map((p) => p.option)).toEqual([
        'redirectUri',
        'timeoutMs',
      ]);
    }
    expect(
      resolveOptions(
        { ...valid, redirectUri: 'https://app.example/aliexpress/callback' },
        { oauthController: true },
      ).redirectUri,
    ).toBe('https://app.example/aliexpress/callback');
  });

  it('null means "use the default" where the default applies, and is refused elsewhere', () => {
    const resolved = resolveOptions({ ...valid, timeoutMs: null, state: null } as never);
    expect(resolved.timeoutMs).toBe(15_000);
    expect(resolved.state.cookieName).toBe('aliexpress_oauth_state');
    expect(configError({ ...valid, qpsLimit: null }).option).toBe('qpsLimit');
  });
});

describe('resolveOptions: affiliate', () => {
  it('keeps the default tracking id, and none at all is fine', () => {
    expect(resolveOptions({ ...valid, affiliate: { trackingId: 'my_site-1' } }).affiliate).toEqual({
      trackingId: 'my_site-1',
    });
    expect(resolveOptions(valid).affiliate).toEqual({ trackingId: undefined });
  });

  it.each([
    ['not an object', 'default', 'affiliate', /must be an object/],
    ['blank tracking id', { trackingId: '' }, 'affiliate.trackingId', /must be a tracking id/],
    ['spaces', { trackingId: 'my site' }, 'affiliate.trackingId', /must be a tracking id/],
    ['a number', { trackingId: 42 }, 'affiliate.trackingId', /must be a tracking id/],
  ])('refuses %s', (_what, affiliate, option, problem) => {
    const error = configError({ ...valid, affiliate });
    expect(error.option).toBe(option);
    expect(error.message).toMatch(problem);
  });
});

describe('findExtrasProblems', () => {
  it('reports every bad registration extra at once', () => {
    expect(
      findExtrasProblems({ isGlobal: 'yes', controller: true, controllerDecorators: [42] }),
    ).toEqual([
      { option: 'isGlobal', problem: 'must be true or false' },
      { option: 'controllerDecorators', problem: 'must be class decorators' },
    ]);
    expect(findExtrasProblems({ controllerDecorators: [() => undefined] })).toEqual([]);
    expect(findExtrasProblems({ webhook: 'no' })).toEqual([
      { option: 'webhook', problem: 'must be true or false' },
    ]);
  });
});

describe('resolveOptions: previousTokenEncryptionKeys', () => {
  const current = 'c'.repeat(64);
  const old = Buffer.alloc(32, 5);

  it('decodes each previous key (hex or base64) beside the current one', () => {
    const resolved = resolveOptions({
      ...valid,
      tokenEncryptionKey: current,
      previousTokenEncryptionKeys: [old.toString('hex'), old.toString('base64')],
    });
    expect(resolved.tokenEncryptionKey).toEqual(Buffer.from(current, 'hex'));
    expect(resolved.previousTokenEncryptionKeys).toEqual([old, old]);
    expect(resolveOptions(valid).previousTokenEncryptionKeys).toEqual([]);
  });

  it('reads alone (no current key): records are then read under them and written in clear', () => {
    const resolved = resolveOptions({
      ...valid,
      previousTokenEncryptionKeys: [old.toString('hex')],
    });
    expect(resolved.tokenEncryptionKey).toBeUndefined();
    expect(resolved.previousTokenEncryptionKeys).toEqual([old]);
  });

  it.each<[string, unknown, RegExp]>([
    ['not a list', old.toString('hex'), /must be a list of keys/],
    ['a key that is not a string', [42], /\[0\] must be a string/],
    ['a short key', [old.toString('hex'), 'secret-material-too-short'], /\[1\] must be 32 bytes/],
  ])('refuses %s, naming the option and never the value', (_, previous, problem) => {
    const error = configError({ ...valid, previousTokenEncryptionKeys: previous });
    expect(error.option).toBe('previousTokenEncryptionKeys');
    expect(error.message).toMatch(problem);
    expect(error.message).not.toContain('secret-material');
    expect(error.message).not.toContain(old.toString('hex'));
  });
});
