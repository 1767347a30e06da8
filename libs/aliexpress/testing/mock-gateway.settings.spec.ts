import {
  MOCK_DEFAULT_REDIRECT_URI,
  MOCK_DEMO_APP_KEY,
  MOCK_DEMO_APP_SECRET,
  MockGatewayUsageError,
  mockGatewayOptionsOf,
  readMockGatewaySettings,
} from './mock-gateway.settings.js';

function usageError(run: () => unknown): MockGatewayUsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MockGatewayUsageError);
    return error as MockGatewayUsageError;
  }
  throw new Error('expected a usage error');
}

describe('readMockGatewaySettings: flags over environment over defaults', () => {
  it('defaults to the demo app on 127.0.0.1:8765 with the demo callback', () => {
    expect(readMockGatewaySettings([], {})).toEqual({
      port: 8765,
      host: '127.0.0.1',
      appKey: MOCK_DEMO_APP_KEY,
      appSecret: MOCK_DEMO_APP_SECRET,
      secretSource: 'default',
      redirectUris: [MOCK_DEFAULT_REDIRECT_URI],
      help: false,
      version: false,
    });
  });

  it('reads the environment variables npm run mock-gateway has always read', () => {
    const settings = readMockGatewaySettings([], {
      MOCK_GATEWAY_PORT: '9000',
      MOCK_GATEWAY_HOST: '0.0.0.0',
      ALIEXPRESS_APP_KEY: '123',
      ALIEXPRESS_APP_SECRET: 'env-secret',
      MOCK_REDIRECT_URIS: 'http://a.test/cb, http://b.test/cb',
      MOCK_WEBHOOK_URL: 'http://a.test/aliexpress/webhook',
      MOCK_LIFECYCLE_STEP_MS: '2000',
      MOCK_PUSH_RETRY_MS: '50',
    });
    expect(settings).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      appKey: '123',
      appSecret: 'env-secret',
      secretSource: 'ALIEXPRESS_APP_SECRET',
      redirectUris: ['http://a.test/cb', 'http://b.test/cb'],
      webhookUrl: 'http://a.test/aliexpress/webhook',
      lifecycleStepMs: 2000,
      pushRetryMs: 50,
    });
    expect(mockGatewayOptionsOf(settings)).toEqual({
      apps: [
        {
          appKey: '123',
          appSecret: 'env-secret',
          redirectUris: ['http://a.test/cb', 'http://b.test/cb'],
          webhookUrl: 'http://a.test/aliexpress/webhook',
        },
      ],
      port: 9000,
      host: '0.0.0.0',
      lifecycle: { stepMs: 2000 },
      pushes: { retryIntervalMs: 50 },
    });
  });

  it('a flag overrides its variable; --redirect-uri repeats and takes comma lists', () => {
    const settings = readMockGatewaySettings(
      [
        '--port',
        '8787',
        '--app-key=999',
        '--app-secret',
        'flag-secret',
        '--redirect-uri',
        'http://a.test/cb,http://b.test/cb',
        '--redirect-uri=http://c.test/cb',
      ],
      {
        MOCK_GATEWAY_PORT: 'not a port',
        ALIEXPRESS_APP_KEY: '123',
        ALIEXPRESS_APP_SECRET: 'env-secret',
        MOCK_REDIRECT_URIS: 'http://env.test/cb',
      },
    );
    expect(settings).toMatchObject({
      port: 8787,
      appKey: '999',
      appSecret: 'flag-secret',
      secretSource: '--app-secret',
      redirectUris: ['http://a.test/cb', 'http://b.test/cb', 'http://c.test/cb'],
    });
  });

  it('bad flags and variables are one-line usage errors naming the flag or variable', () => {
    expect(usageError(() => readMockGatewaySettings(['--prot', '1'], {})).message).toBe(
      'unknown flag --prot',
    );
    expect(usageError(() => readMockGatewaySettings(['--port'], {})).message).toBe(
      '--port needs a value',
    );
    expect(usageError(() => readMockGatewaySettings(['8787'], {})).message).toMatch(
      /^unexpected argument 8787/,
    );
    expect(usageError(() => readMockGatewaySettings(['--port', '65536'], {})).message).toMatch(
      /^--port must be a port number/,
    );
    expect(
      usageError(() => readMockGatewaySettings([], { MOCK_GATEWAY_PORT: '12ab' })).message,
    ).toMatch(/^MOCK_GATEWAY_PORT must be a port number/);
    expect(
      usageError(() => readMockGatewaySettings(['--redirect-uri', 'localhost:3000/cb'], {}))
        .message,
    ).toMatch(/^--redirect-uri must be an absolute http\(s\) URL/);
    expect(
      usageError(() => readMockGatewaySettings(['--webhook-url', 'ftp://x.test/'], {})).message,
    ).toMatch(/^--webhook-url must be an absolute http\(s\) URL/);
    expect(
      usageError(() => readMockGatewaySettings(['--lifecycle-step-ms', '0'], {})).message,
    ).toMatch(/^--lifecycle-step-ms must be a whole number of ms above 0/);
    for (const message of [
      usageError(() => readMockGatewaySettings(['--app-key', ''], {})).message,
      usageError(() => readMockGatewaySettings(['--app-key', ' 1'], {})).message,
    ])
      expect(message).toMatch(/^--app-key must be an app key/);
  });

  it('a bad secret is refused without being quoted back', () => {
    const error = usageError(() => readMockGatewaySettings(['--app-secret', 'hidden\n'], {}));
    expect(error.message).toMatch(/^--app-secret must be a secret/);
    expect(error.message).not.toContain('hidden');
  });

  it('--help and --version are read (the command acts on them)', () => {
    expect(readMockGatewaySettings(['--help'], {}).help).toBe(true);
    expect(readMockGatewaySettings(['-h'], {}).help).toBe(true);
    expect(readMockGatewaySettings(['--version'], {}).version).toBe(true);
  });
});
