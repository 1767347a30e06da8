/**
 * `npm run mock-gateway`: the strict mock gateway as a standalone process.
 * MOCK_GATEWAY_PORT (default 8765), ALIEXPRESS_APP_KEY / ALIEXPRESS_APP_SECRET (default demo
 * credentials), MOCK_REDIRECT_URIS (comma-separated; default the demo's callback).
 */
import { MockAliexpressGateway } from './mock-gateway';

/** Demo credentials of the standalone mock; they only ever work against the mock. */
export const DEMO_APP_KEY = '500102';
export const DEMO_APP_SECRET = 'mock-demo-secret-not-for-production';

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
  const gateway = new MockAliexpressGateway({ apps: [{ appKey, appSecret, redirectUris }], port });
  const { url } = await gateway.start();
  const lines = [
    `Mock AliExpress gateway listening on ${url}`,
    `  app key:        ${appKey}`,
    usingDemo
      ? `  app secret:     ${appSecret}  (demo credentials: they only work against this mock)`
      : '  app secret:     from ALIEXPRESS_APP_SECRET (not printed)',
    `  redirect URIs:  ${redirectUris.join(', ')}`,
    `  consent page:   ${url}/oauth/authorize?response_type=code&client_id=${appKey}&redirect_uri=...`,
    `  controls:       ${url}/__mock/requests, /__mock/faults, /__mock/clock, /__mock/reset`,
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
