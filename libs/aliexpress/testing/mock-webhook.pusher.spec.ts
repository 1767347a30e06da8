import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../src/orders/webhook.signature.js';
import { MockGatewayConfigError } from './mock-gateway.errors.js';
import { MockWebhookPusher } from './mock-webhook.pusher.js';

describe('MockWebhookPusher', () => {
  const host = { secretOf: () => 'app-secret-1', now: () => 1_700_000_000_000 };
  const message = {
    sellerId: '1234',
    buyerId: '1861703697',
    orderId: '3000000000000000001',
    orderStatus: 'OrderShipped' as const,
    timestamp: 1_700_000_000,
  };
  let server: Server;
  let url: string;
  const seen: Array<{ auth?: string; body: string }> = [];

  beforeAll(async () => {
    // answers nothing: every request hangs until the client gives up
    server = createServer((req) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => seen.push({ auth: req.headers.authorization, body }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('stop() aborts a running attempt without recording it or retrying; clear() settles', async () => {
    const pusher = new MockWebhookPusher(host, { ackTimeoutMs: 5_000, retryIntervalMs: 0 });
    pusher.setWebhook('500102', url);
    pusher.push('500102', message);
    for (let i = 0; i < 200 && seen.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(verifyWebhookSignature('500102', 'app-secret-1', seen[0].body, seen[0].auth)).toBe(true);
    pusher.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pusher.records()).toEqual([expect.objectContaining({ state: 'pending', attempts: [] })]);
    expect(seen).toHaveLength(1);
    const settled = pusher.settled();
    pusher.clear();
    await expect(settled).resolves.toEqual([]);
  });

  it('refuses a webhook URL that is not absolute http(s), and bad delivery options', () => {
    const pusher = new MockWebhookPusher(host);
    for (const bad of ['/hook', 'ftp://example.com/hook', 'not a url'])
      expect(() => pusher.setWebhook('500102', bad)).toThrow(MockGatewayConfigError);
    pusher.setWebhook('500102', 'https://example.com/hook');
    expect(pusher.webhooks()).toEqual({ '500102': 'https://example.com/hook' });
    pusher.setWebhook('500102', undefined);
    expect(pusher.webhooks()).toEqual({});
    for (const bad of [{ ackTimeoutMs: 0 }, { retryIntervalMs: 1.5 }, { maxRetries: -1 }])
      expect(() => new MockWebhookPusher(host, bad)).toThrow(MockGatewayConfigError);
  });
});
