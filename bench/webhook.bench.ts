import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Agent, request, type Server } from 'node:http';
import {
  AliexpressModule,
  DropshippingService,
  MemoryOrderInbox,
  OrderEventsService,
  TokenService,
  webhookSignature,
} from 'nestjs-aliexpress';
import { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { BENCH_APP, type BenchResult } from './bench-harness.js';

const ACCOUNT = '4641738246';
const ORDER = {
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
  items: [{ productId: '1005006154258794', quantity: 1, skuAttr: '14:350853#Black;5:361386' }],
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * The order-status webhook: acknowledgement latency (request sent → 200 received) of signed
 * pushes arriving at a steady 200/s, and the whole pipeline's throughput (200 → fetched from the
 * gateway → handed to the app) for a burst. One process: an Express app with the library, its
 * memory inbox, and the mock gateway it fetches orders from.
 */
export async function webhookBench(ratePerSecond = 200, seconds = 5): Promise<BenchResult> {
  Logger.overrideLogger(['error']);
  const gateway = new MockAliexpressGateway({ apps: [BENCH_APP] });
  const { url } = await gateway.start();
  const app = await NestFactory.create(
    AliexpressModule.forRoot({
      appKey: BENCH_APP.appKey,
      appSecret: BENCH_APP.appSecret,
      baseUrl: url,
      clock: gateway,
      controller: false,
      orderInbox: new MemoryOrderInbox(),
      orderSync: { enabled: false },
    }),
    { logger: ['error'] },
  );
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as { port: number };
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let delivered = 0;
  const subscription = app.get(OrderEventsService).events$.subscribe(() => (delivered += 1));
  try {
    await app.get(TokenService).exchangeCode(gateway.issueCode(BENCH_APP.appKey));
    const ds = app.get(DropshippingService);
    const orders: string[] = [];
    for (let i = 0; i < 20; i++) orders.push(...(await ds.createOrder(ACCOUNT, ORDER)).orderIds);
    let sequence = 0;
    const post = (): Promise<number> => {
      sequence += 1;
      const orderId = orders[sequence % orders.length];
      const body =
        `{"seller_id":"${ACCOUNT}","message_type":53,"data":{"buyerId":${ACCOUNT},` +
        `"orderId":${orderId},"orderStatus":"OrderShipped"},"site":"ae_global","timestamp":${1_764_000_000 + sequence}}`;
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/aliexpress/webhook',
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              authorization: webhookSignature(BENCH_APP.appKey, BENCH_APP.appSecret, body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200
                ? resolve(performance.now() - started)
                : reject(new Error(`HTTP ${res.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    };
    const waitDelivered = async (count: number) => {
      while (delivered < count) await new Promise((resolve) => setTimeout(resolve, 2));
    };

    // warm-up
    await Promise.all(Array.from({ length: 200 }, post));
    await waitDelivered(200);

    // steady rate: one push every 1000/rate ms, whether or not the previous one was answered
    const total = ratePerSecond * seconds;
    const latencies: Array<Promise<number>> = [];
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      latencies.push(post());
    }
    const sorted = (await Promise.all(latencies)).sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    await waitDelivered(200 + total);

    // burst: how fast the whole pipeline empties 1000 pushes sent as fast as they are answered
    const burst = 1000;
    const before = delivered;
    const burstStart = performance.now();
    for (let i = 0; i < burst; i += 50) await Promise.all(Array.from({ length: 50 }, post));
    const acked = performance.now();
    await waitDelivered(before + burst);
    const burstSeconds = (performance.now() - burstStart) / 1000;
    return {
      name: 'webhook',
      figure: `ack p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms at ${ratePerSecond} pushes/s`,
      goal: 'p99 < 50 ms',
      met: p99 < 50,
      detail:
        `${total} signed pushes over ${seconds} s; pipeline (ack, fetch order.get from the in-process mock, hand to the app): ` +
        `${Math.round(burst / burstSeconds)} events/s for a burst of ${burst} (acknowledged at ${Math.round(
          burst / ((acked - burstStart) / 1000),
        )}/s)`,
    };
  } finally {
    subscription.unsubscribe();
    agent.destroy();
    await app.close();
    await gateway.stop();
  }
}
