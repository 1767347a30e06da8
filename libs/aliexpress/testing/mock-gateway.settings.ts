import { parseArgs } from 'node:util';
import type { MockGatewayOptions } from './mock-gateway.options.js';

/*
 * The one reader of the standalone mock's settings: command-line flags over the environment
 * variables of the same meaning, over the defaults. `aliexpress-mock-gateway` and
 * `npm run mock-gateway` both read their settings here.
 */

/** The app key the standalone mock registers when none is given; it only works against the mock. */
export const MOCK_DEMO_APP_KEY = '500102';
/** The app secret the standalone mock registers when none is given; it only works against the mock. */
export const MOCK_DEMO_APP_SECRET = 'mock-demo-secret-not-for-production';
/** The callback URL the standalone mock registers when none is given (the demo's). */
export const MOCK_DEFAULT_REDIRECT_URI = 'http://localhost:3000/aliexpress/callback';
/** The port of the standalone mock when none is given. */
export const MOCK_DEFAULT_PORT = 8765;
/** The address the standalone mock binds when none is given: this machine only. */
export const MOCK_DEFAULT_HOST = '127.0.0.1';

/** What the standalone mock runs with, once flags and environment are read and checked. */
export interface MockGatewaySettings {
  port: number;
  host: string;
  appKey: string;
  appSecret: string;
  /** Where the app secret came from: the demo default, a flag or the environment. */
  secretSource: 'default' | '--app-secret' | 'ALIEXPRESS_APP_SECRET';
  redirectUris: string[];
  webhookUrl?: string;
  lifecycleStepMs?: number;
  pushRetryMs?: number;
  help: boolean;
  version: boolean;
}

/** A bad flag or environment variable: reported as one line, exit code 2. */
export class MockGatewayUsageError extends Error {}

/** Each setting: its flag and the environment variable it overrides. */
export const MOCK_GATEWAY_SETTINGS = {
  port: { flag: '--port', env: 'MOCK_GATEWAY_PORT' },
  host: { flag: '--host', env: 'MOCK_GATEWAY_HOST' },
  appKey: { flag: '--app-key', env: 'ALIEXPRESS_APP_KEY' },
  appSecret: { flag: '--app-secret', env: 'ALIEXPRESS_APP_SECRET' },
  redirectUris: { flag: '--redirect-uri', env: 'MOCK_REDIRECT_URIS' },
  webhookUrl: { flag: '--webhook-url', env: 'MOCK_WEBHOOK_URL' },
  lifecycleStepMs: { flag: '--lifecycle-step-ms', env: 'MOCK_LIFECYCLE_STEP_MS' },
  pushRetryMs: { flag: '--push-retry-ms', env: 'MOCK_PUSH_RETRY_MS' },
} as const;

type SettingName = keyof typeof MOCK_GATEWAY_SETTINGS;

/** A value and where it came from (`--flag` or `ENV_NAME`), or undefined when neither is set. */
interface Given {
  value: string;
  from: string;
}

/** Reads flags over environment variables over defaults; throws MockGatewayUsageError. */
export function readMockGatewaySettings(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): MockGatewaySettings {
  const flags = parseFlags(argv);
  const given = (name: SettingName): Given | undefined => {
    const { flag, env: variable } = MOCK_GATEWAY_SETTINGS[name];
    const fromFlag = flags[flag.slice(2)];
    if (typeof fromFlag === 'string') return { value: fromFlag, from: flag };
    const fromEnv = env[variable];
    return fromEnv === undefined || fromEnv === '' ? undefined : { value: fromEnv, from: variable };
  };

  const port = given('port');
  const host = given('host');
  const appKey = given('appKey');
  const appSecret = given('appSecret');
  const webhookUrl = given('webhookUrl');
  return {
    port: port === undefined ? MOCK_DEFAULT_PORT : portOf(port),
    host: host === undefined ? MOCK_DEFAULT_HOST : textOf(host, 'an address to bind'),
    appKey: appKey === undefined ? MOCK_DEMO_APP_KEY : textOf(appKey, 'an app key'),
    appSecret: appSecret === undefined ? MOCK_DEMO_APP_SECRET : secretOf(appSecret),
    secretSource:
      appSecret === undefined ? 'default' : (appSecret.from as MockGatewaySettings['secretSource']),
    redirectUris: redirectUrisOf(flags['redirect-uri'], env),
    ...(webhookUrl === undefined ? {} : { webhookUrl: httpUrlOf(webhookUrl) }),
    ...msSetting('lifecycleStepMs', given('lifecycleStepMs')),
    ...msSetting('pushRetryMs', given('pushRetryMs')),
    help: flags.help === true,
    version: flags.version === true,
  };
}

/** The mock's constructor options for these settings: one app, as registered on the console. */
export function mockGatewayOptionsOf(settings: MockGatewaySettings): MockGatewayOptions {
  const { appKey, appSecret, redirectUris, webhookUrl } = settings;
  return {
    apps: [{ appKey, appSecret, redirectUris, ...(webhookUrl ? { webhookUrl } : {}) }],
    port: settings.port,
    host: settings.host,
    ...(settings.lifecycleStepMs === undefined
      ? {}
      : { lifecycle: { stepMs: settings.lifecycleStepMs } }),
    ...(settings.pushRetryMs === undefined
      ? {}
      : { pushes: { retryIntervalMs: settings.pushRetryMs } }),
  };
}

type Flags = Record<string, string | string[] | boolean | undefined>;

function parseFlags(argv: readonly string[]): Flags {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'app-key': { type: 'string' },
        'app-secret': { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        'webhook-url': { type: 'string' },
        'lifecycle-step-ms': { type: 'string' },
        'push-retry-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    return values;
  } catch (error) {
    throw new MockGatewayUsageError(flagProblem(error as Error & { code?: string }));
  }
}

/** parseArgs' message, shortened to the one line a user needs. */
function flagProblem(error: Error & { code?: string }): string {
  const option = /'(-{1,2}[^'\s]*)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag ${option ?? ''}`.trimEnd();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return option && /argument missing/.test(error.message)
        ? `${option.split(/[ <]/)[0]} needs a value`
        : error.message.split('\n')[0];
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(error.message)?.[1] ?? ''}: every setting is a --flag`;
    default:
      return error.message.split('\n')[0];
  }
}

function portOf({ value, from }: Given): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port > 65535)
    throw new MockGatewayUsageError(
      `${from} must be a port number from 0 to 65535 (0 picks a free one), got "${value}"`,
    );
  return port;
}

function textOf({ value, from }: Given, what: string): string {
  if (value.trim() === '' || value !== value.trim())
    throw new MockGatewayUsageError(`${from} must be ${what} without surrounding spaces`);
  return value;
}

/** The secret is checked without ever being quoted back. */
function secretOf({ value, from }: Given): string {
  if (value.trim() === '' || value !== value.trim())
    throw new MockGatewayUsageError(
      `${from} must be a secret without surrounding spaces or newlines (its value is not shown)`,
    );
  return value;
}

function httpUrlOf({ value, from }: Given): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new MockGatewayUsageError(`${from} must be an absolute http(s) URL, got "${value}"`);
  return value;
}

/** The repeated `--redirect-uri` flags (each may be a comma list), else MOCK_REDIRECT_URIS. */
function redirectUrisOf(
  flags: string | string[] | boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const { flag, env: variable } = MOCK_GATEWAY_SETTINGS.redirectUris;
  const fromFlags = Array.isArray(flags) ? flags : [];
  const [lists, from] = fromFlags.length
    ? [fromFlags, flag]
    : env[variable]
      ? [[env[variable]], variable]
      : [[MOCK_DEFAULT_REDIRECT_URI], 'default'];
  const uris = lists
    .flatMap((list) => list.split(','))
    .map((uri) => uri.trim())
    .filter(Boolean);
  if (uris.length === 0)
    throw new MockGatewayUsageError(`${from} must name at least one callback URL`);
  return uris.map((value) => httpUrlOf({ value, from }));
}

function msSetting(
  name: 'lifecycleStepMs' | 'pushRetryMs',
  given: Given | undefined,
): Partial<Record<typeof name, number>> {
  if (given === undefined) return {};
  const ms = Number(given.value);
  if (!/^\d+$/.test(given.value.trim()) || !Number.isSafeInteger(ms) || ms < 1)
    throw new MockGatewayUsageError(
      `${given.from} must be a whole number of ms above 0, got "${given.value}"`,
    );
  return { [name]: ms };
}
