import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestingModule } from '@nestjs/testing';
import { LosslessNumber, parse } from 'lossless-json';
import {
  DropshippingService,
  MemoryTokenStore,
  TokenService,
  type CreateOrderInput,
} from 'nestjs-aliexpress';
import {
  MockAliexpressGateway,
  MockGatewayConfigError,
  type MockPushRecord,
} from 'nestjs-aliexpress/testing';
import { verifyWebhookSignature } from '../libs/aliexpress/src/orders/webhook.signature.js';
import { freePort } from './support/free-port.js';
import { OTHER_APP, TEST_APP, clientFor, startGateway } from './support/gateway-harness.js';
import { ACCOUNT, PHONE_CASE } from './support/mock-catalogue.js';

/*
 * The mock gateway's order-status pushes, over real HTTP to a small receiver in this file: the
 * documented body (ids exact beyond 2^53) signed in `Authorization`, the platform's delivery rules
 * (200 within 500 ms, else retried, then given up), the drop / duplicate / delay faults, the order
 * lifecycle controls and the timed lifecycle, and order.get agreeing with every push.
 */

const ORDER: CreateOrderInput = {
  address: {
    fullName: 'Ada Lovelace',
    address: '12 Analytical Engine St',
    city: 'Vineland',
    province: 'New Jersey',
    country: 'US',
    zip: '08360',
    mobileNo: '5593600000',
    phoneCountry: '+1',
  },
  items: [{ productId: PHONE_CASE, quantity: 1, skuAttr: '14:350853#Black;5:361386' }],
};
const RETRY_MS = 50;
const MAX_RETRIES = 3;

interface Received {
  authorization?: string;
  contentType?: string;
  body: string;
  /** Real time of arrival. */
  at: number;
}

/** How the receiver answers the n-th push it gets (from 1). */
type Answer = (n: number) => { status: number; delayMs?: number };

/** A webhook receiver on 127.0.0.1 that records every push and answers as told. */
class Receiver {
  received: Received[] = [];
  answer: Answer = () => ({ status: 200 });
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        });
        const { status, delayMs = 0 } = this.answer(this.received.length);
        setTimeout(() => {
          if (!res.destroyed) res.writeHead(status).end();
        }, delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/aliexpress/webhook`;
    return this;
  }

  reset(): void {
    this.received = [];
    this.answer = () => ({ status: 200 });
  }

  /** The statuses received, in order of arrival. */
  statuses(): string[] {
    return this.received.map(
      (r) => (JSON.parse(r.body) as { data: { orderStatus: string } }).data.orderStatus,
    );
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** Polls until `check` holds (or fails the test after `timeoutMs`). */
async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the mock gateway pushes order-status messages', () => {
  let gateway: MockAliexpressGateway;
  let moduleRef: TestingModule;
  let ds: DropshippingService;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    ({ gateway } = await startGateway({
      pushes: { retryIntervalMs: RETRY_MS, maxRetries: MAX_RETRIES },
    }));
    ({ moduleRef } = await clientFor(gateway, { tokenStore: new MemoryTokenStore() }));
    ds = moduleRef.get(DropshippingService);
  });
  beforeEach(async () => {
    gateway.reset();
    gateway.setWebhook(TEST_APP.appKey, receiver.url);
    await moduleRef.get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey));
    receiver.reset();
  });
  afterAll(async () => {
    await moduleRef?.close();
    await gateway?.stop();
    await receiver.close();
  });

  /** Creates an order (paid at once) and waits for its two pushes; its id. */
  const paidOrder = async (): Promise<string> => {
    receiver.reset();
    const { orderIds } = await ds.createOrder(ACCOUNT, ORDER);
    await until(() => receiver.received.length === 2);
    receiver.reset();
    await gateway.pushesSettled();
    gateway.clearPushes();
    return orderIds[0];
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${gateway.url}/__mock/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  describe('what a push is', () => {
    it('an order placed: OrderCreated then PaymentAuthorized, in the documented body, ids exact, signed for the app', async () => {
      const { orderIds } = await ds.createOrder(ACCOUNT, ORDER);
      const orderId = orderIds[0];
      expect(BigInt(orderId)).toBeGreaterThan(2n ** 53n);
      await until(() => receiver.received.length === 2);
      await sleep(50);
      expect(receiver.received).toHaveLength(2);
      const statuses = new Set(receiver.statuses());
      expect(statuses).toEqual(new Set(['OrderCreated', 'PaymentAuthorized']));
      const nowSeconds = Math.floor(gateway.now() / 1000);
      for (const push of receiver.received) {
        // the documented field order and JSON types, written as the platform writes them
        expect(push.body).toMatch(
          /^\{"seller_id":"\d+","message_type":53,"data":\{"buyerId":\d+,"orderId":\d+,"orderStatus":"[A-Za-z]+"\},"site":"ae_global","timestamp":\d{10}\}$/,
        );
        expect(push.body).toContain(`"orderId":${orderId},`);
        const parsed = parse(push.body) as {
          seller_id: string;
          data: { buyerId: LosslessNumber; orderId: LosslessNumber };
          timestamp: LosslessNumber;
        };
        expect(parsed.data.orderId.toString()).toBe(orderId);
        expect(parsed.data.buyerId.toString()).toBe(ACCOUNT);
        expect(parsed.seller_id).toBe(ACCOUNT);
        expect(Math.abs(Number(parsed.timestamp.toString()) - nowSeconds)).toBeLessThanOrEqual(2);
        expect(push.contentType).toBe('application/json');
        expect(
          verifyWebhookSignature(
            TEST_APP.appKey,
            TEST_APP.appSecret,
            push.body,
            push.authorization,
          ),
        ).toBe(true);
        expect(
          verifyWebhookSignature(
            OTHER_APP.appKey,
            OTHER_APP.appSecret,
            push.body,
            push.authorization,
          ),
        ).toBe(false);
        expect(
          verifyWebhookSignature(
            TEST_APP.appKey,
            TEST_APP.appSecret,
            push.body + ' ',
            push.authorization,
          ),
        ).toBe(false);
      }
      const pushes = await gateway.pushesSettled();
      expect(pushes.map((p) => [p.orderId, p.state, p.attempts.length])).toEqual([
        [orderId, 'delivered', 1],
        [orderId, 'delivered', 1],
      ]);
      // the log never shows the signature
      expect(JSON.stringify(pushes)).not.toContain(receiver.received[0].authorization);
    });

    it('an order whose auto-pay fails: OrderCreated then paymentFailedEvent; order.get says PLACE_ORDER_SUCCESS', async () => {
      gateway.setAutoPay(TEST_APP.appKey, 'fail');
      const { orderIds } = await ds.createOrder(ACCOUNT, {
        ...ORDER,
        payCurrency: 'USD',
        tryToPay: true,
      });
      await until(() => receiver.received.length === 2);
      expect(new Set(receiver.statuses())).toEqual(new Set(['OrderCreated', 'paymentFailedEvent']));
      await expect(ds.getOrder(ACCOUNT, { orderId: orderIds[0] })).resolves.toMatchObject({
        status: 'PLACE_ORDER_SUCCESS',
      });
    });

    it('each push agrees with order.get fetched on arrival, through shipped, confirmed, and a closed order', async () => {
      const orderId = await paidOrder();
      const seen: Array<[string, string | undefined, string | undefined]> = [];
      const fetchOnArrival = async () => {
        const details = await ds.getOrder(ACCOUNT, { orderId });
        seen.push([receiver.statuses().slice(-1)[0], details.status, details.items[0].endReason]);
      };
      expect(gateway.advanceOrder(orderId)).toEqual({
        orderStatus: 'OrderShipped',
        status: 'WAIT_BUYER_ACCEPT_GOODS',
      });
      await until(() => receiver.received.length === 1);
      await fetchOnArrival();
      gateway.advanceOrder(orderId);
      await until(() => receiver.received.length === 2);
      await fetchOnArrival();
      expect(seen).toEqual([
        ['OrderShipped', 'WAIT_BUYER_ACCEPT_GOODS', undefined],
        ['OrderConfirmed', 'FINISH', undefined],
      ]);
      await expect(ds.getOrder(ACCOUNT, { orderId })).resolves.toMatchObject({
        logisticsStatus: 'BUYER_ACCEPT_GOODS',
      });

      const closed = await paidOrder();
      gateway.setNextOrderStatus(closed, 'OrderClosed');
      gateway.advanceOrder(closed);
      await until(() => receiver.received.length === 1);
      expect(receiver.statuses()).toEqual(['OrderClosed']);
      const details = await ds.getOrder(ACCOUNT, { orderId: closed });
      expect(details).toMatchObject({ status: 'FINISH', logisticsStatus: 'NO_LOGISTICS' });
      expect(details.items.map((i) => i.endReason)).toEqual(['CANCELED']);
    });

    it('setOrderStatus: a push name sets the matching order_status; a code no push names pushes nothing; no change, no push', async () => {
      const orderId = await paidOrder();
      gateway.setOrderStatus(orderId, 'RISK_CONTROL');
      gateway.setOrderStatus(orderId, 'WAIT_SELLER_SEND_GOODS'); // still PaymentAuthorized
      gateway.setOrderStatus(orderId, 'OrderShipped');
      gateway.setOrderStatus(orderId, 'SELLER_PART_SEND_GOODS'); // still shipped
      gateway.setOrderStatus(orderId, 'FINISH', { endReason: 'CANCELED' });
      await until(() => receiver.received.length === 2);
      await sleep(100);
      expect(receiver.statuses()).toEqual(['OrderShipped', 'OrderClosed']);
      expect(gateway.orders()[0]).toMatchObject({ status: 'FINISH', pushStatus: 'OrderClosed' });
    });

    it('a final order does not move unless told where; pushes go only where an app registered a webhook', async () => {
      const orderId = await paidOrder();
      gateway.setOrderStatus(orderId, 'OrderConfirmed');
      expect(() => gateway.advanceOrder(orderId)).toThrow(MockGatewayConfigError);
      gateway.setNextOrderStatus(orderId, 'OrderClosed');
      expect(gateway.advanceOrder(orderId).orderStatus).toBe('OrderClosed');
      await until(() => receiver.received.length === 2);

      gateway.setWebhook(TEST_APP.appKey, undefined);
      const silent = (await ds.createOrder(ACCOUNT, ORDER)).orderIds[0];
      gateway.advanceOrder(silent);
      await sleep(100);
      expect(receiver.received).toHaveLength(2);
      expect(gateway.pushes().some((p) => p.orderId === silent)).toBe(false);
    });
  });

  describe('delivery like the platform', () => {
    it('a 500 is retried after the interval, with the same body and signature, until a 200', async () => {
      const orderId = await paidOrder();
      receiver.answer = (n) => ({ status: n <= 2 ? 500 : 200 });
      gateway.advanceOrder(orderId);
      const [push] = await gateway.pushesSettled();
      expect(push.state).toBe('delivered');
      expect(push.attempts.map((a) => [a.status, a.delivered])).toEqual([
        [500, false],
        [500, false],
        [200, true],
      ]);
      expect(push.attempts[0].error).toBe('HTTP 500');
      expect(receiver.received).toHaveLength(3);
      expect(new Set(receiver.received.map((r) => r.body + r.authorization)).size).toBe(1);
      for (let i = 1; i < 3; i++)
        expect(receiver.received[i].at - receiver.received[i - 1].at).toBeGreaterThanOrEqual(
          RETRY_MS - 5,
        );
    });

    it('a 200 later than 500 ms is not delivered: retried', async () => {
      const orderId = await paidOrder();
      receiver.answer = (n) => ({ status: 200, delayMs: n === 1 ? 800 : 0 });
      gateway.advanceOrder(orderId);
      const [push] = await gateway.pushesSettled();
      expect(push.attempts.map((a) => a.error ?? 'ok')).toEqual(['timeout', 'ok']);
      expect(push.attempts[0].durationMs).toBeGreaterThanOrEqual(490);
      expect(push.state).toBe('delivered');
      expect(receiver.received).toHaveLength(2);
    });

    it('any other status than 200 counts as not answered', async () => {
      const orderId = await paidOrder();
      receiver.answer = (n) => ({ status: n === 1 ? 204 : 200 });
      gateway.advanceOrder(orderId);
      const [push] = await gateway.pushesSettled();
      expect(push.attempts.map((a) => a.status)).toEqual([204, 200]);
    });

    it(`gives up after ${MAX_RETRIES} retries: ${MAX_RETRIES + 1} attempts, then nothing more`, async () => {
      const orderId = await paidOrder();
      receiver.answer = () => ({ status: 500 });
      gateway.advanceOrder(orderId);
      const [push] = await gateway.pushesSettled();
      expect(push.state).toBe('failed');
      expect(push.attempts).toHaveLength(MAX_RETRIES + 1);
      await sleep(RETRY_MS * 3);
      expect(receiver.received).toHaveLength(MAX_RETRIES + 1);
    });

    it('a receiver that is down: connection refused, retried, given up', async () => {
      const orderId = await paidOrder();
      gateway.setWebhook(TEST_APP.appKey, `http://127.0.0.1:${await freePort()}/hook`);
      gateway.advanceOrder(orderId);
      const [push] = await gateway.pushesSettled();
      expect(push.state).toBe('failed');
      expect(push.attempts.map((a) => a.error)).toEqual(
        Array(MAX_RETRIES + 1).fill('ECONNREFUSED'),
      );
    });

    it('the platform defaults: 500 ms to answer, 30 minutes between attempts, 12 retries', async () => {
      const defaults = new MockAliexpressGateway({ apps: [TEST_APP] });
      await defaults.start();
      try {
        defaults.setWebhook(TEST_APP.appKey, receiver.url);
        receiver.answer = () => ({ status: 500 });
        const code = defaults.issueCode(TEST_APP.appKey);
        expect(code).toBeDefined();
        // a push that fails once waits for its retry: still pending well after the first attempt
        const { moduleRef: other } = await clientFor(defaults, {
          tokenStore: new MemoryTokenStore(),
        });
        try {
          await other.get(TokenService).exchangeCode(code);
          await other.get(DropshippingService).createOrder(ACCOUNT, ORDER);
          await until(() => receiver.received.length === 2);
          await sleep(200);
          expect(defaults.pushes().map((p) => [p.state, p.attempts.length])).toEqual([
            ['pending', 1],
            ['pending', 1],
          ]);
        } finally {
          await other.close();
        }
      } finally {
        await defaults.stop();
      }
    });
  });

  describe('faults', () => {
    it('duplicate: the same push arrives twice, byte for byte, each copy delivered on its own', async () => {
      const orderId = await paidOrder();
      gateway.injectPushFault({ kind: 'duplicate' });
      gateway.advanceOrder(orderId);
      const pushes = await gateway.pushesSettled();
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[0].body).toBe(receiver.received[1].body);
      expect(receiver.received[0].authorization).toBe(receiver.received[1].authorization);
      expect(pushes).toEqual([
        expect.objectContaining({ fault: 'duplicate', state: 'delivered' }),
        expect.objectContaining({ duplicateOf: pushes[0].id, state: 'delivered' }),
      ]);
      // the fault is used up: the next step is sent once
      gateway.advanceOrder(orderId);
      await gateway.pushesSettled();
      expect(receiver.statuses()).toEqual(['OrderShipped', 'OrderShipped', 'OrderConfirmed']);
    });

    it('drop all: nothing arrives, the log shows each push dropped, order.get still tells the truth', async () => {
      gateway.injectPushFault({ kind: 'drop', count: 'all' });
      const { orderIds } = await ds.createOrder(ACCOUNT, ORDER);
      gateway.advanceOrder(orderIds[0]);
      gateway.advanceOrder(orderIds[0]);
      const pushes = await gateway.pushesSettled();
      await sleep(100);
      expect(receiver.received).toEqual([]);
      expect(pushes.map((p) => [p.orderStatus, p.state, p.attempts.length])).toEqual([
        ['OrderCreated', 'dropped', 0],
        ['PaymentAuthorized', 'dropped', 0],
        ['OrderShipped', 'dropped', 0],
        ['OrderConfirmed', 'dropped', 0],
      ]);
      await expect(ds.getOrder(ACCOUNT, { orderId: orderIds[0] })).resolves.toMatchObject({
        status: 'FINISH',
      });
    });

    it('drop only one status, for the next N pushes matching it', async () => {
      const orderId = await paidOrder();
      const second = await paidOrder();
      gateway.injectPushFault({ kind: 'drop', orderStatus: 'OrderShipped', count: 1 });
      gateway.advanceOrder(orderId); // shipped: dropped
      gateway.advanceOrder(orderId); // confirmed: sent
      gateway.advanceOrder(second); // shipped: sent (the fault is used up)
      await gateway.pushesSettled();
      expect(
        receiver.received
          .map((r) => {
            const { data } = parse(r.body) as {
              data: { orderId: LosslessNumber; orderStatus: string };
            };
            return `${data.orderId.toString() === orderId ? 'first' : 'second'} ${data.orderStatus}`;
          })
          .sort(),
      ).toEqual(['first OrderConfirmed', 'second OrderShipped']);
    });

    it('delay: a held-back push is overtaken by the next one', async () => {
      const orderId = await paidOrder();
      gateway.injectPushFault({ kind: 'delay', delayMs: 500, orderId });
      gateway.advanceOrder(orderId);
      gateway.advanceOrder(orderId);
      await until(() => receiver.received.length === 2);
      expect(receiver.statuses()).toEqual(['OrderConfirmed', 'OrderShipped']);
      expect(receiver.received[1].at - receiver.received[0].at).toBeGreaterThanOrEqual(300);
    });

    it('clearPushFaults removes pending faults; bad faults are refused', async () => {
      const orderId = await paidOrder();
      gateway.injectPushFault({ kind: 'drop', count: 'all' });
      gateway.clearPushFaults();
      gateway.advanceOrder(orderId);
      await until(() => receiver.received.length === 1);
      for (const bad of [
        { kind: 'lose' },
        { kind: 'drop', count: 0 },
        { kind: 'drop', count: 'some' },
        { kind: 'delay', delayMs: -1 },
        { kind: 'drop', orderStatus: 'ORDER_SHIPPED' },
      ])
        expect(() => gateway.injectPushFault(bad as never)).toThrow(MockGatewayConfigError);
    });
  });

  describe('the timed lifecycle', () => {
    afterEach(() => gateway.stopLifecycle());

    it('startLifecycle({ stepMs }): a new order walks created, paid, shipped, confirmed, one step per stepMs', async () => {
      gateway.startLifecycle({ stepMs: 150 });
      const { orderIds } = await ds.createOrder(ACCOUNT, ORDER);
      await until(() => receiver.received.length === 4);
      expect(receiver.statuses().slice(2)).toEqual(['OrderShipped', 'OrderConfirmed']);
      // each step is sent a step after the one before (mock-clock send times, from the push log)
      const sentAt = (await gateway.pushesSettled()).map((p) => p.attempts[0].at);
      expect(sentAt[2] - sentAt[1]).toBeGreaterThanOrEqual(100);
      expect(sentAt[3] - sentAt[2]).toBeGreaterThanOrEqual(100);
      await sleep(300);
      expect(receiver.received).toHaveLength(4);
      await expect(ds.getOrder(ACCOUNT, { orderId: orderIds[0] })).resolves.toMatchObject({
        status: 'FINISH',
      });
    });

    it('a failed payment is closed at the next step; an order told its next status takes it', async () => {
      gateway.setAutoPay(TEST_APP.appKey, 'fail');
      const unpaid = (
        await ds.createOrder(ACCOUNT, { ...ORDER, payCurrency: 'USD', tryToPay: true })
      ).orderIds[0];
      gateway.setAutoPay(TEST_APP.appKey, 'ok');
      const paid = (await ds.createOrder(ACCOUNT, ORDER)).orderIds[0];
      gateway.setNextOrderStatus(paid, 'OrderClosed');
      gateway.startLifecycle({ stepMs: 100 });
      await until(() => receiver.received.length === 6);
      await sleep(250);
      const byOrder = (id: string) =>
        gateway
          .pushes()
          .filter((p) => p.orderId === id)
          .map((p) => p.orderStatus);
      expect(byOrder(unpaid)).toEqual(['OrderCreated', 'paymentFailedEvent', 'OrderClosed']);
      expect(byOrder(paid)).toEqual(['OrderCreated', 'PaymentAuthorized', 'OrderClosed']);
    });

    it('stopLifecycle: the order stays where it is', async () => {
      gateway.startLifecycle({ stepMs: 1000 });
      const { orderIds } = await ds.createOrder(ACCOUNT, ORDER);
      gateway.stopLifecycle();
      await sleep(1300);
      expect(receiver.received).toHaveLength(2);
      expect(gateway.orders()[0]).toMatchObject({
        orderId: orderIds[0],
        pushStatus: 'PaymentAuthorized',
      });
      expect(() => gateway.startLifecycle({ stepMs: 0 })).toThrow(MockGatewayConfigError);
    });

    it('the lifecycle option runs it from the start; reset() keeps it and the webhooks, forgets the pushes', async () => {
      const timed = new MockAliexpressGateway({
        apps: [{ ...TEST_APP, webhookUrl: receiver.url }],
        lifecycle: { stepMs: 100 },
      });
      await timed.start();
      const { moduleRef: other } = await clientFor(timed, { tokenStore: new MemoryTokenStore() });
      try {
        await other.get(TokenService).exchangeCode(timed.issueCode(TEST_APP.appKey));
        await other.get(DropshippingService).createOrder(ACCOUNT, ORDER);
        await until(() => receiver.received.length === 4);
        timed.reset();
        expect(timed.pushes()).toEqual([]);
        expect(timed.lifecycleStepMs()).toBe(100);
        expect(timed.webhooks()).toEqual({ [TEST_APP.appKey]: receiver.url });
      } finally {
        await other.close();
        await timed.stop();
      }
    });
  });

  describe('over HTTP (/__mock controls)', () => {
    it('webhook, next status, advance, push faults, push log and lifecycle', async () => {
      gateway.setWebhook(TEST_APP.appKey, undefined);
      expect(
        await control('POST', 'webhook', { appKey: TEST_APP.appKey, url: receiver.url }),
      ).toEqual({
        status: 200,
        body: { ok: true },
      });
      expect((await control('GET', 'webhook')).body).toEqual({
        webhooks: { [TEST_APP.appKey]: receiver.url },
      });
      const orderId = (await ds.createOrder(ACCOUNT, ORDER)).orderIds[0];
      await until(() => receiver.received.length === 2);

      expect((await control('POST', 'push-faults', { kind: 'duplicate' })).status).toBe(201);
      expect(
        (await control('POST', 'order-next-status', { orderId, status: 'OrderClosed' })).status,
      ).toBe(200);
      expect(await control('POST', 'order-advance', { orderId })).toEqual({
        status: 200,
        body: { orderId, orderStatus: 'OrderClosed', status: 'FINISH' },
      });
      await until(() => receiver.received.length === 4);
      const { body } = await control('GET', 'pushes');
      const pushes = body.pushes as MockPushRecord[];
      expect(pushes.map((p) => p.orderStatus)).toEqual([
        'OrderCreated',
        'PaymentAuthorized',
        'OrderClosed',
        'OrderClosed',
      ]);
      expect(pushes[3]).toMatchObject({ duplicateOf: pushes[2].id });
      expect(JSON.stringify(body)).not.toContain(TEST_APP.appSecret);

      expect((await control('POST', 'push-faults', { kind: 'drop', count: 'all' })).status).toBe(
        201,
      );
      expect((await control('DELETE', 'push-faults')).status).toBe(200);
      expect((await control('DELETE', 'pushes')).status).toBe(200);
      expect(gateway.pushes()).toEqual([]);

      expect((await control('POST', 'lifecycle', { stepMs: 100 })).status).toBe(200);
      expect((await control('GET', 'lifecycle')).body).toEqual({ stepMs: 100 });
      const next = (await ds.createOrder(ACCOUNT, ORDER)).orderIds[0];
      await until(() => gateway.pushes().filter((p) => p.orderId === next).length === 4);
      expect((await control('DELETE', 'lifecycle')).status).toBe(200);
      expect((await control('GET', 'lifecycle')).body).toEqual({ stepMs: null });

      expect(
        (await control('POST', 'webhook', { appKey: TEST_APP.appKey, url: null })).status,
      ).toBe(200);
      expect(gateway.webhooks()).toEqual({});
    });

    it('bad requests are 400 with a message, never a crash', async () => {
      const orderId = await paidOrder();
      for (const [path, body] of [
        ['webhook', { appKey: TEST_APP.appKey }],
        ['webhook', { appKey: TEST_APP.appKey, url: 'ftp://example.com/x' }],
        ['webhook', { appKey: 'nope', url: receiver.url }],
        ['push-faults', { kind: 'explode' }],
        ['lifecycle', { stepMs: 'fast' }],
        ['order-advance', {}],
        ['order-advance', { orderId: '1' }],
        ['order-next-status', { orderId, status: 'SHIPPED' }],
        ['order-status', { orderId, status: 'shipped' }],
      ] as const) {
        const res = await control('POST', path, body);
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.body).toMatchObject({ error: 'bad_request', message: expect.any(String) });
      }
    });
  });

  it('construction refuses a bad webhook URL or delivery option', () => {
    expect(
      () => new MockAliexpressGateway({ apps: [{ ...TEST_APP, webhookUrl: 'not a url' }] }),
    ).toThrow(MockGatewayConfigError);
    for (const pushes of [{ retryIntervalMs: -1 }, { maxRetries: 1.5 }, { ackTimeoutMs: 0 }])
      expect(() => new MockAliexpressGateway({ apps: [TEST_APP], pushes })).toThrow(
        MockGatewayConfigError,
      );
    expect(() => gateway.setWebhook('999999', receiver.url)).toThrow(MockGatewayConfigError);
  });
});
