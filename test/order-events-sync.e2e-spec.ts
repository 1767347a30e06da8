import { MemoryOrderInbox, type OrderStatusEvent } from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { startGateway } from './support/gateway-harness.js';
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
 * Order sync with no pushes at all: the orders the app placed are re-read on a timer, and each
 * status change reaches the app once (source "poll"); a change a push already reported is not
 * reported again, and a final order is no longer polled.
 */
describe('order sync', () => {
  let gateway: MockAliexpressGateway;
  let target: OrdersApp;

  beforeAll(async () => {
    ({ gateway } = await startGateway());
  });
  beforeEach(() => {
    gateway.reset();
  });
  afterEach(async () => {
    await target.close();
  });
  afterAll(async () => {
    await gateway.stop();
  });

  const statuses = (calls: OrderStatusEvent[]) => calls.map((e) => e.order.status);

  it('with every push lost, reports each status change of an order the app placed, on its timer', async () => {
    target = await startOrdersApp(gateway, {
      options: {
        orderInbox: new MemoryOrderInbox(),
        orderSync: { intervalMs: 150, maxCallsPerSecond: 20 },
      },
    });
    const orderId = await placeOrder(target);
    expect(target.sync.tracked()).toEqual([{ accountId: ACCOUNT, orderId }]);
    await eventually(() => target.recorder.calls.length === 1);
    for (const status of ['RISK_CONTROL', 'WAIT_BUYER_ACCEPT_GOODS', 'FINISH']) {
      gateway.setOrderStatus(orderId, status);
      await eventually(() => statuses(target.recorder.calls).includes(status));
    }
    await settle(500);
    // the mock pays a new order at once: its first status is WAIT_SELLER_SEND_GOODS
    expect(statuses(target.recorder.calls)).toEqual([
      'WAIT_SELLER_SEND_GOODS',
      'RISK_CONTROL',
      'WAIT_BUYER_ACCEPT_GOODS',
      'FINISH',
    ]);
    for (const event of target.recorder.calls)
      expect(event).toMatchObject({ orderId, accountId: ACCOUNT, source: 'poll' });
    expect(event0(target.recorder.calls).pushedStatus).toBeUndefined();
    // final: no longer polled
    expect(target.sync.tracked()).toEqual([]);
    gateway.clearRequests();
    await settle(400);
    expect(gateway.requests().filter((r) => r.api === 'aliexpress.trade.ds.order.get')).toEqual([]);
  });

  it('a change a push already reported is not reported again by polling, and the reverse', async () => {
    target = await startOrdersApp(gateway, {
      options: { orderInbox: new MemoryOrderInbox(), orderSync: { enabled: false } },
    });
    const orderId = await placeOrder(target);
    expect(await target.sync.syncNow()).toBe(1);
    await eventually(() => target.recorder.calls.length === 1);

    // push first: polling stays quiet
    gateway.setOrderStatus(orderId, 'SELLER_PART_SEND_GOODS');
    expect((await sendPush(target, pushBody(orderId, 'OrderShipped', 10))).status).toBe(200);
    await eventually(() => target.recorder.calls.length === 2);
    expect(await target.sync.syncNow()).toBe(0);

    // polling first: the late push stays quiet
    gateway.setOrderStatus(orderId, 'WAIT_BUYER_ACCEPT_GOODS');
    expect(await target.sync.syncNow()).toBe(1);
    await eventually(() => target.recorder.calls.length === 3);
    expect((await sendPush(target, pushBody(orderId, 'OrderShipped', 20))).status).toBe(200);
    await settle(300);
    expect(target.recorder.calls.map((e) => [e.source, e.order.status])).toEqual([
      ['poll', 'WAIT_SELLER_SEND_GOODS'],
      ['push', 'SELLER_PART_SEND_GOODS'],
      ['poll', 'WAIT_BUYER_ACCEPT_GOODS'],
    ]);
    expect(target.events.counts()).toMatchObject({ alreadyReported: 1 });
  });

  it('a push and a poll of one change racing in one process reach the app once', async () => {
    target = await startOrdersApp(gateway, {
      options: { orderInbox: new MemoryOrderInbox(), orderSync: { enabled: false } },
    });
    const orderId = await placeOrder(target);
    gateway.setOrderStatus(orderId, 'SELLER_PART_SEND_GOODS');
    // a slow handler: the first delivery is still running when the other message is processed
    let release = () => undefined as void;
    target.recorder.hold = new Promise<void>((resolve) => (release = resolve));
    const polled = target.sync.syncNow();
    expect((await sendPush(target, pushBody(orderId, 'OrderShipped', 40))).status).toBe(200);
    expect(await polled).toBe(1);
    await eventually(() => target.recorder.calls.length >= 1);
    await settle(300);
    release();
    await settle(300);
    expect(target.recorder.calls.map((e) => e.order.status)).toEqual(['SELLER_PART_SEND_GOODS']);
    expect(target.events.counts()).toMatchObject({ delivered: 1, alreadyReported: 1 });
  });

  it('tracks orders added by hand, and forgets one the gateway does not know', async () => {
    target = await startOrdersApp(gateway, {
      options: { orderInbox: new MemoryOrderInbox(), orderSync: { enabled: false } },
    });
    const orderId = await placeOrder(target);
    target.sync.untrack(orderId);
    target.sync.track(ACCOUNT, '3000000000000099999');
    target.sync.track(ACCOUNT, orderId);
    expect(await target.sync.syncNow()).toBe(1);
    expect(target.sync.tracked().map((o) => o.orderId)).toEqual([orderId]);
    await eventually(() => target.recorder.calls.length === 1);
  });
});

const event0 = (calls: OrderStatusEvent[]) => calls[0];
