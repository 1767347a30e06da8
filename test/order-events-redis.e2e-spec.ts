import {
  BullMqOrderInbox,
  UnprocessableMessageError,
  RedisTokenStore,
  webhookSignature,
  type BullMqOrderInboxOptions,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { TEST_APP, startGateway } from './support/gateway-harness.js';
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
import { describeWithRedis, startRedis, type RedisHandle } from './support/redis-server.js';

/*
 * The BullMQ inbox on a real redis-server: two instances sharing it hand a push to the app once;
 * a failing handler is retried until it succeeds; a push acknowledged by an instance that dies
 * before its handler finished is delivered by the next one.
 */
vi.setConfig({ testTimeout: 30_000 });

const CHILD = join(__dirname, 'support', 'order-events-child.ts');

describeWithRedis()('order-status webhook with the BullMQ inbox', () => {
  let redis: RedisHandle;
  let gateway: MockAliexpressGateway;
  const running: OrdersApp[] = [];
  let queue = 0;

  const inboxOptions = (): BullMqOrderInboxOptions => ({
    url: redis.url,
    queueName: `orders-test-${queue}`,
    retry: { initialDelayMs: 50, maxDelayMs: 200 },
    lockDurationMs: 1000,
    stalledIntervalMs: 300,
    closeTimeoutMs: 200,
  });
  const instance = async () => {
    // instances of one app share their token store too: a restarted one knows the accounts at once
    const target = await startOrdersApp(gateway, {
      options: {
        orderSync: { enabled: false },
        orderInbox: new BullMqOrderInbox(inboxOptions()),
        tokenStore: new RedisTokenStore({ url: redis.url, keyPrefix: `orders-${queue}:` }),
      },
    });
    running.push(target);
    return target;
  };
  const calls = () => running.reduce((sum, t) => sum + t.recorder.calls.length, 0);

  beforeAll(async () => {
    redis = await startRedis();
    ({ gateway } = await startGateway());
  });
  beforeEach(() => {
    queue += 1;
    gateway.reset();
  });
  afterEach(async () => {
    for (const target of running.splice(0)) {
      target.recorder.hold = undefined;
      await target.close();
    }
  });
  afterAll(async () => {
    await gateway.stop();
    await redis.close();
  });

  it('the same push sent to two instances reaches the app once', async () => {
    const first = await instance();
    const second = await instance();
    const orderId = await placeOrder(first);
    const body = pushBody(orderId, 'OrderShipped');
    const answers = await Promise.all([
      sendPush(first, body),
      sendPush(second, body),
      sendPush(first, body),
      sendPush(second, body),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.result === 'stored').length).toBeGreaterThanOrEqual(1);
    await eventually(() => calls() === 1, 5000);
    await settle(800);
    expect(calls()).toBe(1);
    const [event] = [...first.recorder.calls, ...second.recorder.calls];
    expect(event).toMatchObject({ orderId, source: 'push', order: { orderId } });
  });

  it('a handler that throws twice then succeeds gets the event three times; the queue is empty after', async () => {
    const target = await instance();
    target.recorder.failuresLeft = 2;
    const orderId = await placeOrder(target);
    expect((await sendPush(target, pushBody(orderId, 'OrderConfirmed'))).status).toBe(200);
    await eventually(() => target.recorder.calls.length === 3, 5000);
    const inbox = new BullMqOrderInbox(inboxOptions()).forApp(TEST_APP.appKey);
    try {
      await eventually(async () => (await inbox.counts()).pending === 0, 3000);
      await settle(300);
      expect(target.recorder.calls).toHaveLength(3);
      expect(await inbox.counts()).toEqual({ pending: 0, parked: 0 });
    } finally {
      await inbox.stop();
    }
  });

  it('an instance that dies between the 200 and the end of its handler: the next one delivers it', async () => {
    const doomed = await instance();
    doomed.recorder.hold = new Promise(() => undefined); // the handler never finishes
    const orderId = await placeOrder(doomed);
    expect((await sendPush(doomed, pushBody(orderId, 'OrderShipped'))).status).toBe(200);
    await eventually(() => doomed.recorder.calls.length === 1, 5000);
    // the process goes away with the message in hand (its worker is abandoned, not finished)
    await doomed.close();
    running.splice(running.indexOf(doomed), 1);

    const next = await instance();
    await eventually(() => next.recorder.calls.length === 1, 8000);
    expect(next.recorder.calls[0]).toMatchObject({ orderId, pushedStatus: 'OrderShipped' });
    await settle(500);
    expect(next.recorder.calls).toHaveLength(1);
  });

  it('a process killed (SIGKILL) between the 200 and the end of its handler: the next one delivers it', async () => {
    const first = await instance();
    const orderId = await placeOrder(first);
    await first.close();
    running.splice(running.indexOf(first), 1);

    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', CHILD],
      {
        cwd: join(__dirname, '..'),
        env: {
          ...process.env,
          GATEWAY_URL: gateway.url,
          REDIS_URL: redis.url,
          QUEUE: `orders-test-${queue}`,
          KEY_PREFIX: `orders-${queue}:`,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      await eventually(() => /LISTENING \d+/.test(output), 60_000);
      const port = Number(/LISTENING (\d+)/.exec(output)?.[1]);
      const body = pushBody(orderId, 'OrderShipped', 77);
      const answer = await request(`http://127.0.0.1:${port}`)
        .post('/aliexpress/webhook')
        .set('Content-Type', 'application/json')
        .set('Authorization', webhookSignature(TEST_APP.appKey, TEST_APP.appSecret, body))
        .send(body);
      expect(answer.status).toBe(200);
      await eventually(() => output.includes('HANDLING'), 10_000);
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }

    const next = await instance();
    await eventually(() => next.recorder.calls.length === 1, 10_000);
    expect(next.recorder.calls[0]).toMatchObject({ orderId, pushedStatus: 'OrderShipped' });
  }, 90_000);

  // REDIS_URL names a server the tests cannot stop: a real skip, which CI=true fails
  (process.env.REDIS_URL ? it.skip : it)(
    'Redis down: 503 within the put timeout (the platform sends it again); back up: stored and delivered',
    async () => {
      const target = await instance();
      const orderId = await placeOrder(target);
      const body = pushBody(orderId, 'OrderShipped', 88);
      await redis.stop();
      try {
        const started = Date.now();
        const refused = await sendPush(target, body);
        expect(refused.status).toBe(503);
        expect(refused.body).toMatchObject({ reason: 'inbox_unavailable' });
        expect(Date.now() - started).toBeLessThan(4000);
      } finally {
        await redis.start();
      }
      await eventually(async () => (await sendPush(target, body)).status === 200, 10_000);
      await eventually(() => target.recorder.calls.length === 1, 10_000);
      await settle(300);
      expect(target.recorder.calls).toHaveLength(1);
    },
  );

  it('a push acknowledged while no worker runs is delivered once a worker starts', async () => {
    // an instance whose worker is stopped right after the 200: the message waits in Redis
    const first = await instance();
    const orderId = await placeOrder(first);
    first.recorder.hold = new Promise(() => undefined);
    await first.close();
    running.splice(running.indexOf(first), 1);
    // the module binds its inbox to its app key; this one must be bound the same way
    const inbox = new BullMqOrderInbox(inboxOptions()).forApp(TEST_APP.appKey);
    try {
      const put = await inbox.put({
        id: `push-${orderId}-OrderClosed-1`,
        source: 'push',
        receivedAt: Date.now(),
        push: { orderId, status: 'OrderClosed', timestamp: '1', buyerId: '4641738246' },
      });
      expect(put).toBe(true);
      expect((await inbox.counts()).pending).toBe(1);
    } finally {
      await inbox.stop();
    }
    const next = await instance();
    await eventually(() => next.recorder.calls.length === 1, 5000);
    expect(next.recorder.calls[0]).toMatchObject({ orderId, pushedStatus: 'OrderClosed' });
  });

  it('a change pushed to one instance is not reported again by polling on another', async () => {
    const first = await instance();
    const orderId = await placeOrder(first);
    gateway.setOrderStatus(orderId, 'SELLER_PART_SEND_GOODS');
    expect((await sendPush(first, pushBody(orderId, 'OrderShipped', 31))).status).toBe(200);
    await eventually(() => first.recorder.calls.length === 1, 5000);
    // the instance that handled the push goes; another, which never saw it, polls the order
    await first.close();
    running.splice(running.indexOf(first), 1);
    const second = await instance();
    second.sync.track(ACCOUNT, orderId);
    await second.sync.syncNow();
    await settle(800);
    expect(second.recorder.calls).toEqual([]);
    expect(second.events.counts()).toMatchObject({ alreadyReported: 1, delivered: 0 });
  });

  it('a push and a poll of one change, racing on two instances, reach the app once', async () => {
    const first = await instance();
    const second = await instance();
    const orderId = await placeOrder(first);
    second.sync.track(ACCOUNT, orderId);
    gateway.setOrderStatus(orderId, 'SELLER_PART_SEND_GOODS');
    await Promise.all([
      sendPush(first, pushBody(orderId, 'OrderShipped', 32)),
      first.sync.syncNow(),
      second.sync.syncNow(),
    ]);
    await eventually(() => calls() >= 1, 5000);
    await settle(800);
    expect(calls()).toBe(1);
  });

  it('apps sharing one Redis and one queue name keep their messages apart', async () => {
    const appA = new BullMqOrderInbox(inboxOptions()).forApp('app-a');
    const appB = new BullMqOrderInbox(inboxOptions()).forApp('app-b');
    const seenA: string[] = [];
    const seenB: string[] = [];
    try {
      await appB.start((d) => Promise.resolve(void seenB.push(d.message.id)));
      await appA.put({
        id: 'push-1-OrderShipped-1',
        source: 'push',
        receivedAt: Date.now(),
        push: { orderId: '1', status: 'OrderShipped', timestamp: '1' },
      });
      await settle(500);
      expect(seenB).toEqual([]);
      await appA.start((d) => Promise.resolve(void seenA.push(d.message.id)));
      await eventually(() => seenA.length === 1, 5000);
      expect(seenA).toEqual(['push-1-OrderShipped-1']);
      expect(seenB).toEqual([]);
      // claims are per app too
      expect(await appA.claim('1:PAID', 'push:x', 60_000)).toBe('push:x');
      expect(await appB.claim('1:PAID', 'poll:y', 60_000)).toBe('poll:y');
      expect(await appA.claim('1:PAID', 'poll:y', 60_000)).toBe('push:x');
    } finally {
      await appA.stop();
      await appB.stop();
    }
  });

  it('a parked message sent again by the platform is retried, not reported as a duplicate', async () => {
    const inbox = new BullMqOrderInbox(inboxOptions()).forApp(TEST_APP.appKey);
    const attempts: number[] = [];
    let park = true;
    const message = {
      id: 'push-2-OrderShipped-2',
      source: 'push' as const,
      receivedAt: Date.now(),
      push: { orderId: '2', status: 'OrderShipped', timestamp: '2' },
    };
    try {
      await inbox.start((d) => {
        attempts.push(d.attempt);
        return park
          ? Promise.reject(new UnprocessableMessageError('account not connected yet'))
          : Promise.resolve();
      });
      expect(await inbox.put(message)).toBe(true);
      await eventually(async () => (await inbox.counts()).parked === 1, 5000);
      park = false;
      expect(await inbox.put(message)).toBe(true);
      await eventually(async () => (await inbox.counts()).parked === 0, 5000);
      await eventually(async () => (await inbox.counts()).pending === 0, 5000);
      expect(attempts).toEqual([1, 1]);
      // handled now: a further copy is a duplicate
      expect(await inbox.put(message)).toBe(false);
    } finally {
      await inbox.stop();
    }
  });
});
