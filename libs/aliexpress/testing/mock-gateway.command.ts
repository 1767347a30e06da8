import { MockAliexpressGateway } from './mock-gateway.js';
import { MockGatewayConfigError } from './mock-gateway.errors.js';
import {
  MOCK_DEFAULT_PORT,
  MOCK_DEFAULT_REDIRECT_URI,
  MOCK_DEMO_APP_KEY,
  MockGatewayUsageError,
  mockGatewayOptionsOf,
  readMockGatewaySettings,
  type MockGatewaySettings,
} from './mock-gateway.settings.js';

/** The help text of `aliexpress-mock-gateway` (and `npm run mock-gateway -- --help`). */
export const MOCK_GATEWAY_USAGE = `aliexpress-mock-gateway: the strict mock AliExpress Open Platform gateway, standalone

usage: aliexpress-mock-gateway [flags]

Each flag overrides the environment variable beside it.
  --port N               MOCK_GATEWAY_PORT        port to listen on (default ${MOCK_DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS         MOCK_GATEWAY_HOST        address to bind (default 127.0.0.1)
  --app-key KEY          ALIEXPRESS_APP_KEY       the app the mock accepts (default ${MOCK_DEMO_APP_KEY})
  --app-secret SECRET    ALIEXPRESS_APP_SECRET    its secret (default the mock's demo secret; never printed)
  --redirect-uri URL     MOCK_REDIRECT_URIS       a registered callback URL; repeat the flag or separate with commas
                                                  (default ${MOCK_DEFAULT_REDIRECT_URI})
  --webhook-url URL      MOCK_WEBHOOK_URL         where order-status pushes go, e.g. http://localhost:3000/aliexpress/webhook
                                                  (default none)
  --lifecycle-step-ms N  MOCK_LIFECYCLE_STEP_MS   orders move to their next status every N ms (default off)
  --push-retry-ms N      MOCK_PUSH_RETRY_MS       pause between push attempts (default 1800000, 30 minutes)
  --help, -h                                      this text
  --version, -v                                   the package version

Point your app at it: baseUrl = the printed URL, the same app key and secret, and a redirect URI
registered here. Guide: https://github.com/nestjs-aliexpress/nestjs-aliexpress/blob/main/docs/mock-gateway.md

exit codes: 0 stopped (Ctrl-C, SIGTERM) or --help, 1 could not start (port in use, …), 2 bad flag
`;

/** What the command needs from the outside world; tests pass fakes, the bin passes the process. */
export interface MockGatewayCommandIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The package version `--version` prints. */
  version: string;
}

/** What the command left running, or the exit code when it started nothing. */
export type MockGatewayCommandResult =
  { exitCode: number } | { gateway: MockAliexpressGateway; url: string };

/**
 * Reads the settings, starts the mock and prints where it listens (never the secret). Resolves
 * with the running gateway, or with an exit code: 0 for help and version, 2 for a bad flag or
 * variable, 1 when it cannot start. Never throws.
 */
export async function runMockGatewayCommand(
  argv: readonly string[],
  io: MockGatewayCommandIo,
): Promise<MockGatewayCommandResult> {
  let settings: MockGatewaySettings;
  let gateway: MockAliexpressGateway;
  try {
    settings = readMockGatewaySettings(argv, io.env);
    if (settings.help) {
      io.stdout(MOCK_GATEWAY_USAGE);
      return { exitCode: 0 };
    }
    if (settings.version) {
      io.stdout(`${io.version}\n`);
      return { exitCode: 0 };
    }
    gateway = new MockAliexpressGateway(mockGatewayOptionsOf(settings));
  } catch (error) {
    if (error instanceof MockGatewayUsageError || error instanceof MockGatewayConfigError) {
      io.stderr(`aliexpress-mock-gateway: ${error.message} (see --help)\n`);
      return { exitCode: 2 };
    }
    io.stderr(`aliexpress-mock-gateway: unexpected error: ${(error as Error).message}\n`);
    return { exitCode: 1 };
  }
  try {
    const { url } = await gateway.start();
    io.stdout(startBanner(settings, url));
    return { gateway, url };
  } catch (error) {
    await gateway.stop().catch(() => undefined);
    io.stderr(`aliexpress-mock-gateway: could not start: ${startProblem(error, settings)}\n`);
    return { exitCode: 1 };
  }
}

/**
 * Runs the command as this process: exit code on help, version or a bad flag; otherwise serves
 * until SIGINT or SIGTERM, then stops the mock and exits 0.
 */
export async function runMockGatewayProcess(version: string): Promise<void> {
  const result = await runMockGatewayCommand(process.argv.slice(2), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    version,
  });
  if ('exitCode' in result) {
    process.exitCode = result.exitCode;
    return;
  }
  const shutdown = () => void result.gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** What the start prints: where it listens, the app key, the consent page; never the secret. */
function startBanner(settings: MockGatewaySettings, url: string): string {
  const consent = new URL('/oauth/authorize', url);
  consent.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.appKey,
    redirect_uri: settings.redirectUris[0],
  }).toString();
  const secret =
    settings.secretSource === 'default'
      ? "the mock's demo secret (not printed; the guide linked in --help lists it)"
      : `from ${settings.secretSource} (not printed)`;
  const lines = [
    `Mock AliExpress gateway listening on ${url}`,
    `  base URL:       ${url}  (your app's baseUrl)`,
    `  app key:        ${settings.appKey}`,
    `  app secret:     ${secret}`,
    `  redirect URIs:  ${settings.redirectUris.join(', ')}`,
    `  consent page:   ${consent.href}`,
    `  webhook:        ${settings.webhookUrl ?? 'none (--webhook-url, or POST /__mock/webhook)'}`,
    `  lifecycle:      ${settings.lifecycleStepMs === undefined ? 'off (POST /__mock/lifecycle to start)' : `a step every ${settings.lifecycleStepMs} ms`}`,
    `  controls:       ${url}/__mock/requests, /__mock/faults, /__mock/clock, /__mock/pushes, /__mock/reset`,
    'Ctrl-C stops it.',
  ];
  return `${lines.join('\n')}\n`;
}

/** A start failure in one line: the port taken or the address unknown, else the error's message. */
function startProblem(error: unknown, settings: MockGatewaySettings): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return `port ${settings.port} on ${settings.host} is in use (--port 0 picks a free one)`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `cannot bind ${settings.host}: not an address of this machine`;
  if (code === 'EACCES') return `not allowed to listen on port ${settings.port}`;
  return (error as Error).message;
}
