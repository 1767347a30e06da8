import { TokenService } from 'nestjs-aliexpress';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { DEMO_MOCK_APP_KEY } from '../apps/demo/src/demo-settings.js';
import { startDemo } from './support/demo-harness.js';
import { describeWithChromium, openDemoBrowser, type DemoBrowser } from './support/demo-browser.js';

const TOKEN = 'orders-browser-token-4f9c2e7a';

/*
 * The demo's "Orders" panel in a real browser, with DEMO_TOKEN set: an order placed on the page
 * moves through the embedded mock's timed lifecycle, the mock pushes each step to the demo's
 * webhook (signed, not carrying the token), and the page shows each status as it happens through
 * server-sent events, without reloading.
 */
describeWithChromium('demo orders browser test')(
  'demo "Orders" panel in a real browser (Chromium): live order status',
  () => {
    let demo: Awaited<ReturnType<typeof startDemo>>;
    let browser: DemoBrowser;
    let page: Page;
    const navigations: string[] = [];

    beforeAll(async () => {
      demo = await startDemo({ DEMO_TOKEN: TOKEN, DEMO_LIFECYCLE_STEP_MS: '1500' });
      browser = await openDemoBrowser('demo-orders-chromium-');
      page = browser.page;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations.push(frame.url());
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await demo?.close();
    });

    const shot = (name: string) => browser.shot(name);

    it('places an order and shows its status moving live, without reloading', async () => {
      await page.goto(`${demo.url}/?demo_token=${TOKEN}`);
      await page.waitForURL(`${demo.url}/`);
      await page.getByText('Running against the embedded mock AliExpress gateway').waitFor();

      await page.getByRole('link', { name: 'Connect AliExpress account' }).click();
      await page.waitForURL(/\/oauth\/authorize\?/);
      await page.getByLabel(/bob\.dropship@example\.com/).check();
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.waitForURL(`${demo.url}/`);
      await page.locator('#accounts tbody tr', { hasText: 'bob.dropship@example.com' }).waitFor();
      // the EventSource got through helmet's CSP and the DEMO_TOKEN cookie
      await page.locator('#live[data-state="open"]').waitFor();

      await page.getByRole('button', { name: 'Look up' }).click();
      await page
        .locator('#product-title')
        .filter({ hasText: 'Shockproof Silicone Phone Case' })
        .waitFor();
      // from here on the page must not reload: a marker on window survives only if it does not
      await page.evaluate('window.ordersMarker = 42');
      const navigationsBefore = navigations.length;

      await page.getByRole('button', { name: 'Place order for the chosen SKU' }).click();
      await page.getByText(/Order placed: \d+/).waitFor();
      const orders = demo.demo.mockGateway?.orders() ?? [];
      expect(orders).toHaveLength(1);
      const orderId = orders[0].orderId;
      const row = page.locator(`#orders-table tbody tr[data-order="${orderId}"]`);
      await row.waitFor();
      expect(await row.locator('td').first().textContent()).toBe(orderId);

      // paid at once, then shipped and confirmed by the mock's timed lifecycle (1.5 s a step)
      const status = row.locator('.order-status');
      await status.filter({ hasText: 'PaymentAuthorized' }).waitFor({ timeout: 5000 });
      expect(await status.textContent()).toBe('PaymentAuthorized: paid, awaiting shipment');
      await shot('orders-1-paid');
      await status.filter({ hasText: 'OrderShipped' }).waitFor({ timeout: 6000 });
      expect(await status.textContent()).toBe('OrderShipped: shipped');
      await shot('orders-2-shipped');
      await status.filter({ hasText: 'OrderConfirmed' }).waitFor({ timeout: 6000 });
      expect(await status.textContent()).toBe('OrderConfirmed: finished');
      expect(await row.getAttribute('data-status')).toBe('FINISH');
      await shot('orders-3-confirmed');

      // each pushed step appears once, in order, all from the webhook
      const history = (await row.locator('ol li').allTextContents()).map((line) =>
        line.replace(/^\S+(\s[AP]M)?\s/, ''),
      );
      expect(history).toEqual([
        'OrderCreated: paid, awaiting shipment (push)',
        'PaymentAuthorized: paid, awaiting shipment (push)',
        'OrderShipped: shipped (push)',
        'OrderConfirmed: finished (push)',
      ]);
      // the mock's pushes, sent without the demo token, were all accepted by the demo's webhook
      const pushes = (demo.demo.mockGateway?.pushes() ?? []).filter((p) => p.orderId === orderId);
      expect(pushes.map((p) => [p.orderStatus, p.state])).toEqual([
        ['OrderCreated', 'delivered'],
        ['PaymentAuthorized', 'delivered'],
        ['OrderShipped', 'delivered'],
        ['OrderConfirmed', 'delivered'],
      ]);

      expect(await page.evaluate('window.ordersMarker')).toBe(42);
      expect(navigations.length).toBe(navigationsBefore);
    }, 60_000);

    it('made no request off this machine', () => {
      expect(browser.offMachine).toEqual([]);
    });
  },
);

/** Reads server-sent events from a streaming response until `done` holds; their `data`, parsed. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  done: (events: Array<{ type: string; data: Record<string, unknown> }>) => boolean,
) {
  const events: Array<{ type: string; data: Record<string, unknown> }> = [];
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  while (!done(events)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        frame.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trim());
      const data = field('data').join('\n');
      if (data) events.push({ type: field('event')[0] ?? 'message', data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

describe('demo order-status stream and webhook behind DEMO_TOKEN (HTTP)', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  const http = () => request(demo.app.getHttpServer());

  beforeAll(async () => {
    demo = await startDemo({ DEMO_TOKEN: TOKEN, DEMO_LIFECYCLE_STEP_MS: '300' });
  });
  afterAll(() => demo.close());

  it('GET /orders/events needs the token like any route', async () => {
    const res = await http().get('/orders/events').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, reason: 'unauthorized' });
  });

  it('the webhook is reachable without the token, and still refuses an unsigned push', async () => {
    const res = await http()
      .post('/aliexpress/webhook')
      .set('Content-Type', 'application/json')
      .send('{}')
      .expect(401);
    // the library's refusal (in the demo's error shape), not the demo's token guard
    expect(res.body).toMatchObject({
      statusCode: 401,
      reason: 'unauthorized',
      message: 'the Authorization header is missing',
    });
    expect(res.headers['www-authenticate']).toBeUndefined();
    // only POST to that exact path passes without the token
    await http()
      .get('/aliexpress/webhook')
      .expect(401, /this demo requires DEMO_TOKEN/);
    await http()
      .post('/aliexpress/webhook/x')
      .send('{}')
      .expect(401, /this demo requires DEMO_TOKEN/);
  });

  it('streams each status change of a placed order as an order-status event', async () => {
    await demo.app
      .get(TokenService)
      .exchangeCode(demo.demo.mockGateway!.issueCode(DEMO_MOCK_APP_KEY));
    const stream = await fetch(`${demo.url}/orders/events`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const placed = await http()
      .post('/orders')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({
        account: (await demo.app.get(TokenService).listAccounts())[0].accountId,
        address: {
          fullName: 'Bob',
          address: '1 Main St',
          city: 'Austin',
          province: 'TX',
          country: 'US',
          zip: '73301',
          mobileNo: '5125550100',
          phoneCountry: '+1',
        },
        items: [{ productId: '1005006154258794', quantity: 1, skuAttr: '14:173#Blue;5:361386' }],
      })
      .expect(201);
    const [orderId] = placed.body.orderIds as string[];
    const events = await readEvents(stream.body!, (seen) =>
      seen.some((e) => e.data.pushedStatus === 'OrderConfirmed'),
    );
    expect(events.map((e) => [e.type, e.data.orderId, e.data.pushedStatus, e.data.status])).toEqual(
      [
        ['order-status', orderId, 'OrderCreated', expect.any(String)],
        ['order-status', orderId, 'PaymentAuthorized', 'WAIT_SELLER_SEND_GOODS'],
        ['order-status', orderId, 'OrderShipped', 'WAIT_BUYER_ACCEPT_GOODS'],
        ['order-status', orderId, 'OrderConfirmed', 'FINISH'],
      ],
    );
    for (const event of events) {
      expect(Object.keys(event.data).sort()).toEqual(
        [
          'accountId',
          'eventId',
          'logisticsStatus',
          'orderId',
          'pushedStatus',
          'receivedAt',
          'source',
          'status',
        ].filter((key) => key !== 'logisticsStatus' || event.data.logisticsStatus !== undefined),
      );
      expect(event.data.source).toBe('push');
    }
  }, 30_000);
});
