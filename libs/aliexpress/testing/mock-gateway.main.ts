/**
 * `npm run mock-gateway`: the strict mock gateway as a standalone process.
 * MOCK_GATEWAY_PORT (default 8765), ALIEXPRESS_APP_KEY / ALIEXPRESS_APP_SECRET (default demo
 * credentials), MOCK_REDIRECT_URIS (comma-separated; default the demo's callback),
 * MOCK_WEBHOOK_URL (where order-status pushes go; default none), MOCK_LIFECYCLE_STEP_MS (run the
 * timed order lifecycle), MOCK_PUSH_RETRY_MS (pause between push attempts; default 30 minutes).
 */
import { MockAliexpressGateway } from './mock-gateway.js';

/** Demo credentials of the standalone mock; they only ever work against the mock. */
export const DEMO_APP_KEY = '500102';
export const DEMO_APP_SECRET = 'mock-demo-secret-not-for-production';

/** A whole number of ms from the environment, or undefined when unset. */
function msSetting(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of ms above 0, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const port = Number(process.env.MOCK_GATEWAY_PORT ?? 8765);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `MOCK_GATEWAY_PORT must be a port number, got "${process.env.MOCK_GATEWAY_PORT}"`,
    );
  }
  const usingDemo = !process.env.ALIEXPRESS_APP_KEY;
  const appKey = process.env.ALIEXPRESS_APP_KEY ?? DEMO_APP_KEY;
  const appSecret = process.env.ALIEXPRESS_APP_SECRET ?? DEMO_APP_SECRET;
  const redirectUris = (
    process.env.MOCK_REDIRECT_URIS ?? 'http://localhost:3000/aliexpress/callback'
  )
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const webhookUrl = process.env.MOCK_WEBHOOK_URL || undefined;
  const stepMs = msSetting('MOCK_LIFECYCLE_STEP_MS');
  const retryIntervalMs = msSetting('MOCK_PUSH_RETRY_MS');
  const gateway = new MockAliexpressGateway({
    apps: [{ appKey, appSecret, redirectUris, webhookUrl }],
    port,
    ...(stepMs === undefined ? {} : { lifecycle: { stepMs } }),
    ...(retryIntervalMs === undefined ? {} : { pushes: { retryIntervalMs } }),
  });
  const { url } = await gateway.start();
  const lines = [
    `Mock AliExpress gateway listening on ${url}`,
    `  app key:        ${appKey}`,
    usingDemo
      ? `  app secret:     ${appSecret}  (demo credentials: they only work against this mock)`
      : '  app secret:     from ALIEXPRESS_APP_SECRET (not printed)',
    `  redirect URIs:  ${redirectUris.join(', ')}`,
    `  webhook:        ${webhookUrl ?? 'none (POST /__mock/webhook to set one)'}`,
    `  lifecycle:      ${stepMs === undefined ? 'off (POST /__mock/lifecycle to start)' : `a step every ${stepMs} ms`}`,
    `  consent page:   ${url}/oauth/authorize?response_type=code&client_id=${appKey}&redirect_uri=...`,
    `  controls:       ${url}/__mock/requests, /__mock/faults, /__mock/clock, /__mock/pushes, /__mock/reset`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const shutdown = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`mock gateway failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
