import { MemoryOrderInbox, webhookSignature } from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { TEST_APP, startGateway } from './support/gateway-harness.js';
import { LogCapture } from './support/log-capture.js';
import { ACCOUNT } from './support/mock-catalogue.js';
import {
  eventually,
  placeOrder,
  pushBody,
  sendPush,
  settle,
  startOrdersApp,
  type OrdersApp,
} from './support/order-events-app.js';

/*
 * Order-status pushes over real HTTP: a signed push reaches an @OnOrderStatus() handler and
 * events$ once, verified by fetching the order from the mock gateway; bad pushes are refused
 * before anything is stored; a failing handler is retried until it succeeds.
 */
describe('order-status webhook', () => {
  let gateway: MockAliexpressGateway;
  let target: OrdersApp;
  let logs: LogCapture;
  let inbox: MemoryOrderInbox;

  beforeAll(async () => {
    ({ gateway } = await startGateway());
  });
  beforeEach(async () => {
    gateway.reset();
    logs = new LogCapture();
    inbox = new MemoryOrderInbox({ retry: { initialDelayMs: 20, maxDelayMs: 100 } });
    target = await startOrdersApp(gateway, { logger: logs, options: { orderInbox: inbox } });
  });
  afterEach(async () => {
    await target.close();
  });
  afterAll(async () => {
    await gateway.stop();
  });

  it('a signed push reaches the handler and events$ once, with the fetched order, within a second', async () => {
    const orderId = await placeOrder(target);
    expect(BigInt(orderId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    gateway.setOrderStatus(orderId, 'WAIT_BUYER_ACCEPT_GOODS');
    const streamed: string[] = [];
    const subscription = target.events.events$.subscribe((e) => streamed.push(e.eventId));
    // the app's first request pays for loading code; the second is timed
    expect((await sendPush(target, '{}', undefined, null)).status).toBe(401);
    const started = Date.now();
    const response = await sendPush(target, pushBody(orderId, 'OrderShipped'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ result: 'stored' });
    await eventually(() => target.recorder.calls.length > 0, 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    await settle();
    subscription.unsubscribe();
    expect(target.recorder.calls).toHaveLength(1);
    const [event] = target.recorder.calls;
    expect(event).toMatchObject({
      orderId,
      pushedStatus: 'OrderShipped',
      accountId: ACCOUNT,
      source: 'push',
      order: { orderId, status: 'WAIT_BUYER_ACCEPT_GOODS' },
    });
    expect(typeof event.receivedAt).toBe('number');
    expect(streamed).toEqual([event.eventId]);
    const fetches = gateway.requests().filter((r) => r.api === 'aliexpress.trade.ds.order.get');
    expect(fetches).toHaveLength(1);
    expect(await inbox.counts()).toEqual({ pending: 0, parked: 0 });
  });

  it('the same push twice (and the same order, status and timestamp in another body) reaches the app once', async () => {
    const orderId = await placeOrder(target);
    const body = pushBody(orderId, 'PaymentAuthorized', 1_764_000_100);
    expect((await sendPush(target, body)).body).toEqual({ result: 'stored' });
    expect((await sendPush(target, body)).body).toEqual({ result: 'duplicate' });
    const reordered = body.replace('"site":"ae_global",', '');
    expect((await sendPush(target, reordered)).body).toEqual({ result: 'duplicate' });
    await eventually(() => target.recorder.calls.length > 0);
    await settle();
    expect(target.recorder.calls).toHaveLength(1);
    // a new status of the same order is a new event
    expect((await sendPush(target, pushBody(orderId, 'OrderShipped', 1_764_000_200))).status).toBe(
      200,
    );
    await eventually(() => target.recorder.calls.length === 2);
    expect(target.events.counts()).toMatchObject({ received: 2, duplicates: 2, delivered: 2 });
  });

  it('a handler that throws twice then succeeds gets the event three times; the inbox is empty after', async () => {
    const orderId = await placeOrder(target);
    target.recorder.failuresLeft = 2;
    const streamed: string[] = [];
    const subscription = target.events.events$.subscribe((e) => streamed.push(e.eventId));
    expect((await sendPush(target, pushBody(orderId, 'OrderConfirmed'))).status).toBe(200);
    await eventually(() => target.recorder.calls.length === 3);
    await eventually(async () => (await inbox.counts()).pending === 0);
    await settle();
    subscription.unsubscribe();
    expect(target.recorder.calls).toHaveLength(3);
    expect(new Set(target.recorder.calls.map((e) => e.eventId)).size).toBe(1);
    // the Observable got it once, not once per attempt
    expect(streamed).toHaveLength(1);
    expect(await inbox.counts()).toEqual({ pending: 0, parked: 0 });
    expect(target.events.counts()).toMatchObject({ delivered: 1, failedAttempts: 2 });
  });

  describe('bad pushes: 4xx, nothing stored, nothing handed over', () => {
    const expectNothingStored = async () => {
      await settle(100);
      expect(target.recorder.calls).toHaveLength(0);
      expect(await inbox.counts()).toEqual({ pending: 0, parked: 0 });
      expect(target.events.counts()).toMatchObject({ received: 0, duplicates: 0 });
      expect(
        gateway.requests().filter((r) => r.api === 'aliexpress.trade.ds.order.get'),
      ).toHaveLength(0);
    };
    let orderId: string;
    beforeEach(async () => {
      orderId = await placeOrder(target);
      gateway.clearRequests();
    });

    it('unsigned: 401 signature_missing', async () => {
      const response = await sendPush(target, pushBody(orderId, 'OrderShipped'), undefined, null);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ reason: 'signature_missing' });
      await expectNothingStored();
    });

    it.each([
      [
        'signed with another secret',
        () => webhookSignature(TEST_APP.appKey, 'not-the-secret', 'x'),
      ],
      [
        'signed over another body',
        () => webhookSignature(TEST_APP.appKey, TEST_APP.appSecret, '{}'),
      ],
      ['not hex', () => 'z'.repeat(64)],
      ['truncated', () => webhookSignature(TEST_APP.appKey, TEST_APP.appSecret, '{}').slice(2)],
    ])('%s: 401 signature_invalid', async (_case, signature) => {
      const response = await sendPush(
        target,
        pushBody(orderId, 'OrderShipped'),
        undefined,
        signature(),
      );
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ reason: 'signature_invalid' });
      expect(JSON.stringify(response.body)).not.toContain(TEST_APP.appSecret);
      await expectNothingStored();
    });

    it('upper-case hex is the same signature', async () => {
      const body = pushBody(orderId, 'OrderShipped');
      const upper = webhookSignature(TEST_APP.appKey, TEST_APP.appSecret, body).toUpperCase();
      expect((await sendPush(target, body, undefined, upper)).status).toBe(200);
      await eventually(() => target.recorder.calls.length === 1);
    });

    it('oversized: 413, even when signed', async () => {
      const body = `{"message_type":53,"pad":"${'x'.repeat(70_000)}"}`;
      const response = await sendPush(target, body);
      expect(response.status).toBe(413);
      await expectNothingStored();
    });

    it.each([
      ['not JSON', 'message_type=53&orderId=1', 'application/x-www-form-urlencoded'],
      ['truncated JSON', '{"message_type":53,"data":{', 'application/json'],
      [
        'JSON without an order id',
        '{"message_type":53,"data":{},"timestamp":1}',
        'application/json',
      ],
    ])('%s, signed: 400', async (_case, body, contentType) => {
      const response = await sendPush(target, body, undefined, undefined, contentType);
      expect(response.status).toBe(400);
      await expectNothingStored();
    });

    it('unknown message_type: 200, logged and ignored', async () => {
      const response = await sendPush(
        target,
        pushBody(orderId, 'OrderShipped', 1, { messageType: 77 }),
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ result: 'ignored' });
      expect(logs.lines.some((l) => l.includes('message_type 77 ignored'))).toBe(true);
      expect(target.events.counts()).toMatchObject({ ignored: 1 });
      await expectNothingStored();
    });

    it('never logs the app secret or a signature', async () => {
      const body = pushBody(orderId, 'OrderShipped');
      const signature = webhookSignature(TEST_APP.appKey, TEST_APP.appSecret, body);
      await sendPush(target, body, undefined, signature.replace(/^./, '0'));
      await sendPush(target, body);
      await eventually(() => target.recorder.calls.length === 1);
      expect(logs.leaks([TEST_APP.appSecret, signature])).toEqual([]);
    });
  });

  it('a message_type added with webhookMessageTypes is read as an order-status push', async () => {
    const other = await startOrdersApp(gateway, { options: { webhookMessageTypes: [53, 60] } });
    try {
      const orderId = await placeOrder(other);
      const response = await sendPush(
        other,
        pushBody(orderId, 'OrderShipped', 9, { messageType: 60 }),
      );
      expect(response.body).toEqual({ result: 'stored' });
      await eventually(() => other.recorder.calls.length === 1);
    } finally {
      await other.close();
    }
  });

  describe('verify by fetch', () => {
    it('a push for no connected account is kept, logged and counted, never handed over', async () => {
      const orderId = await placeOrder(target);
      const body = pushBody(orderId, 'OrderShipped', 5, { buyerId: '999' }).replace(
        `"seller_id":"${ACCOUNT}"`,
        '"seller_id":"998"',
      );
      expect((await sendPush(target, body)).status).toBe(200);
      await eventually(async () => (await inbox.counts()).parked === 1);
      expect(target.recorder.calls).toHaveLength(0);
      expect(target.events.counts()).toMatchObject({ unprocessable: 1, delivered: 0 });
      expect(logs.lines.some((l) => l.includes('no connected account'))).toBe(true);
      expect(inbox.parkedMessages()).toHaveLength(1);
    });

    it('a push for an order the gateway does not know is kept, logged and counted', async () => {
      expect((await sendPush(target, pushBody('3000000000000099999', 'OrderShipped'))).status).toBe(
        200,
      );
      await eventually(async () => (await inbox.counts()).parked === 1);
      expect(target.recorder.calls).toHaveLength(0);
      expect(target.events.counts()).toMatchObject({ unprocessable: 1 });
    });

    it('the account is found by seller_id when buyerId matches none', async () => {
      const orderId = await placeOrder(target);
      const body = pushBody(orderId, 'OrderShipped', 6, { buyerId: '999' });
      expect((await sendPush(target, body)).status).toBe(200);
      await eventually(() => target.recorder.calls.length === 1);
      expect(target.recorder.calls[0].accountId).toBe(ACCOUNT);
    });
  });
});
