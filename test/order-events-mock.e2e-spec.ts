import { MemoryOrderInbox, type OrderStatusEvent } from 'nestjs-aliexpress';
import type { MockAliexpressGateway, MockPushRecord } from 'nestjs-aliexpress/testing';
import type { Subscription } from 'rxjs';
import { TEST_APP, startGateway } from './support/gateway-harness.js';
import { ACCOUNT } from './support/mock-catalogue.js';
import {
  eventually,
  placeOrder,
  settle,
  startOrdersApp,
  type OrdersApp,
  type OrdersAppVariant,
} from './support/order-events-app.js';

/*
 * Both halves together, over real HTTP: the mock gateway's order lifecycle pushes signed messages
 * to the library's webhook route of a running app. Each status change reaches an @OnOrderStatus()
 * handler once, with the order as fetched from the gateway, within a second of its push; the
 * mock's duplicate fault changes nothing; with every push dropped, OrderSyncService still reports
 * each change, from polling.
 */
describe('order events: the mock gateway pushing to the library webhook', () => {
  let gateway: MockAliexpressGateway;
  let target: OrdersApp | undefined;
  let subscription: Subscription | undefined;
  /** When each event reached events$ (real time, epoch ms), by event id. */
  let arrivals: Map<string, number>;

  beforeAll(async () => {
    // retries fast, so a missed push would show up within the test rather than in 30 minutes
    ({ gateway } = await startGateway({ pushes: { retryIntervalMs: 100, maxRetries: 3 } }));
  });
  afterEach(async () => {
    subscription?.unsubscribe();
    await target?.close();
    target = undefined;
    gateway.setWebhook(TEST_APP.appKey, undefined);
    gateway.reset();
  });
  afterAll(async () => {
    await gateway.stop();
  });

  /** Starts the app, registers its webhook with the mock and times every event's arrival. */
  async function start(options: OrdersAppVariant['options']): Promise<OrdersApp> {
    target = await startOrdersApp(gateway, { options });
    const url = (await target.app.getUrl()).replace('[::1]', '127.0.0.1');
    gateway.setWebhook(TEST_APP.appKey, `${url}/aliexpress/webhook`);
    arrivals = new Map();
    subscription = target.events.events$.subscribe((event) =>
      arrivals.set(event.eventId, Date.now()),
    );
    return target;
  }

  const ofOrder = (orderId: string) => gateway.pushes().filter((p) => p.orderId === orderId);
  const firstAttemptAt = (push: MockPushRecord) => push.attempts[0]?.at ?? NaN;

  /** Every delivered push reached the handler within a second of being sent. */
  function expectEachWithinASecond(calls: OrderStatusEvent[], pushes: MockPushRecord[]) {
    for (const event of calls) {
      const push = pushes.find((p) => p.orderStatus === event.pushedStatus && !p.duplicateOf);
      expect(push).toBeDefined();
      const latency = (arrivals.get(event.eventId) ?? Infinity) - firstAttemptAt(push!);
      expect(latency).toBeGreaterThanOrEqual(0);
      expect(latency).toBeLessThan(1000);
    }
  }

  it('a placed order walking the timed lifecycle reaches the handler once per status change, with the fetched order, within a second of each push', async () => {
    const app = await start({ orderInbox: new MemoryOrderInbox(), orderSync: { enabled: false } });
    gateway.startLifecycle({ stepMs: 800 });
    const orderId = await placeOrder(app);
    await eventually(() => app.recorder.calls.length >= 4, 6000);
    await settle(600);

    const calls = app.recorder.calls;
    expect(calls.map((e) => e.pushedStatus)).toEqual([
      'OrderCreated',
      'PaymentAuthorized',
      'OrderShipped',
      'OrderConfirmed',
    ]);
    for (const event of calls) {
      expect(event).toMatchObject({ orderId, accountId: ACCOUNT, source: 'push' });
      expect(event.order.orderId).toBe(orderId);
    }
    // the order as the gateway answered while the event was processed
    expect(['PLACE_ORDER_SUCCESS', 'WAIT_SELLER_SEND_GOODS']).toContain(calls[0].order.status);
    expect(calls.slice(1).map((e) => e.order.status)).toEqual([
      'WAIT_SELLER_SEND_GOODS',
      'WAIT_BUYER_ACCEPT_GOODS',
      'FINISH',
    ]);
    expect(new Set(calls.map((e) => e.eventId)).size).toBe(4);

    const pushes = ofOrder(orderId);
    expect(pushes.map((p) => [p.orderStatus, p.state, p.attempts.length])).toEqual([
      ['OrderCreated', 'delivered', 1],
      ['PaymentAuthorized', 'delivered', 1],
      ['OrderShipped', 'delivered', 1],
      ['OrderConfirmed', 'delivered', 1],
    ]);
    expectEachWithinASecond(calls, pushes);
    expect(app.events.counts()).toMatchObject({ received: 4, duplicates: 0, delivered: 4 });
  });

  it("with the mock's duplicate fault, each status change still reaches the handler once", async () => {
    const app = await start({ orderInbox: new MemoryOrderInbox(), orderSync: { enabled: false } });
    gateway.injectPushFault({ kind: 'duplicate', count: 'all' });
    const orderId = await placeOrder(app);
    await eventually(() => app.recorder.calls.length >= 2);
    gateway.advanceOrder(orderId);
    await eventually(() => app.recorder.calls.length >= 3);
    gateway.advanceOrder(orderId);
    await eventually(() => app.recorder.calls.length >= 4);
    await gateway.pushesSettled();
    await settle(400);

    const pushes = ofOrder(orderId);
    // every push was sent twice and both copies were answered 200
    expect(pushes).toHaveLength(8);
    expect(pushes.filter((p) => p.duplicateOf !== undefined)).toHaveLength(4);
    expect(pushes.every((p) => p.state === 'delivered')).toBe(true);

    expect(app.recorder.calls.map((e) => [e.pushedStatus, e.order.status])).toEqual([
      ['OrderCreated', expect.any(String)],
      ['PaymentAuthorized', 'WAIT_SELLER_SEND_GOODS'],
      ['OrderShipped', 'WAIT_BUYER_ACCEPT_GOODS'],
      ['OrderConfirmed', 'FINISH'],
    ]);
    expect(arrivals.size).toBe(4);
    expectEachWithinASecond(app.recorder.calls, pushes);
    expect(app.events.counts()).toMatchObject({ received: 4, duplicates: 4, delivered: 4 });
  });

  it('with every push dropped, order sync still reports each status change (source "poll")', async () => {
    const app = await start({
      orderInbox: new MemoryOrderInbox(),
      orderSync: { intervalMs: 100, maxCallsPerSecond: 20 },
    });
    gateway.injectPushFault({ kind: 'drop', count: 'all' });
    gateway.startLifecycle({ stepMs: 1000 });
    const orderId = await placeOrder(app);
    await eventually(() => app.recorder.calls.some((e) => e.order.status === 'FINISH'), 8000);
    await settle(400);

    // nothing came over the webhook
    const pushes = ofOrder(orderId);
    expect(pushes.map((p) => [p.orderStatus, p.state])).toEqual([
      ['OrderCreated', 'dropped'],
      ['PaymentAuthorized', 'dropped'],
      ['OrderShipped', 'dropped'],
      ['OrderConfirmed', 'dropped'],
    ]);
    expect(app.events.counts().received).toBe(0);

    // yet each change was reported once, found by polling
    const calls = app.recorder.calls;
    expect(calls.map((e) => e.order.status)).toEqual([
      'WAIT_SELLER_SEND_GOODS',
      'WAIT_BUYER_ACCEPT_GOODS',
      'FINISH',
    ]);
    for (const event of calls) {
      expect(event).toMatchObject({ orderId, accountId: ACCOUNT, source: 'poll' });
      expect(event.pushedStatus).toBeUndefined();
    }
    // a final order is no longer polled
    expect(app.sync.tracked()).toEqual([]);
  });

  it('with every push dropped, syncNow() reports each change at once', async () => {
    const app = await start({ orderInbox: new MemoryOrderInbox(), orderSync: { enabled: false } });
    gateway.injectPushFault({ kind: 'drop', count: 'all' });
    const orderId = await placeOrder(app);
    expect(await app.sync.syncNow()).toBe(1);
    for (const status of ['WAIT_BUYER_ACCEPT_GOODS', 'FINISH']) {
      expect(await app.sync.syncNow()).toBe(0); // nothing new yet
      expect(gateway.advanceOrder(orderId).status).toBe(status);
      expect(await app.sync.syncNow()).toBe(1);
    }
    await eventually(() => app.recorder.calls.length >= 3);
    await settle(300);
    expect(app.recorder.calls.map((e) => [e.source, e.order.status])).toEqual([
      ['poll', 'WAIT_SELLER_SEND_GOODS'],
      ['poll', 'WAIT_BUYER_ACCEPT_GOODS'],
      ['poll', 'FINISH'],
    ]);
    expect(ofOrder(orderId).every((p) => p.state === 'dropped')).toBe(true);
  });
});
