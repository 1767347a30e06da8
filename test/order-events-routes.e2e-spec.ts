import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import request from 'supertest';
import { startGateway } from './support/gateway-harness.js';
import {
  eventually,
  placeOrder,
  pushBody,
  sendPush,
  startOrdersApp,
  type OrdersApp,
  type OrdersAppVariant,
} from './support/order-events-app.js';
import { PLATFORMS, type Platform } from './support/oauth-app.js';

/*
 * The webhook route on every platform and registration the module supports: Express and Fastify,
 * with and without NestFactory's rawBody, forRoot and forRootAsync, the default and a custom
 * path, behind a global prefix; and left out with `webhook: false`.
 */
describe.each(PLATFORMS)('webhook route on %s', (platform: Platform) => {
  let gateway: MockAliexpressGateway;

  beforeAll(async () => {
    ({ gateway } = await startGateway());
  });
  afterAll(async () => {
    await gateway.stop();
  });

  const variants: Array<[string, OrdersAppVariant, string]> = [
    ['forRoot, default path', { style: 'forRoot' }, '/aliexpress/webhook'],
    ['forRoot, rawBody: true', { style: 'forRoot', rawBody: true }, '/aliexpress/webhook'],
    [
      'forRootAsync, custom path',
      { style: 'forRootAsync', options: { webhookPath: '/hooks/ae-orders/' } },
      '/hooks/ae-orders',
    ],
    [
      'forRootAsync, rawBody: true, global prefix',
      { style: 'forRootAsync', rawBody: true, globalPrefix: 'api' },
      '/api/aliexpress/webhook',
    ],
    [
      'forRoot, custom path behind a global prefix',
      { style: 'forRoot', globalPrefix: 'api/v1', options: { webhookPath: 'in/orders' } },
      '/api/v1/in/orders',
    ],
  ];

  it.each(variants)(
    '%s: signed push once, 401, 400, ignored type, 413; other routes keep their JSON body',
    async (_name, variant, path) => {
      const target: OrdersApp = await startOrdersApp(gateway, { ...variant, platform });
      try {
        const orderId = await placeOrder(target);
        const body = pushBody(orderId, 'OrderShipped');
        expect((await sendPush(target, body, path, 'ab'.repeat(32))).status).toBe(401);
        const ok = await sendPush(target, body, path);
        expect(ok.status).toBe(200);
        expect(ok.body).toEqual({ result: 'stored' });
        await eventually(() => target.recorder.calls.length === 1);
        expect(target.recorder.calls[0]).toMatchObject({ orderId, order: { orderId } });
        expect((await sendPush(target, body, path)).body).toEqual({ result: 'duplicate' });
        const notJson = '{"message_type":53,"data":{';
        expect((await sendPush(target, notJson, path)).status).toBe(400);
        const otherType = await sendPush(
          target,
          pushBody(orderId, 'X', 2, { messageType: 60 }),
          path,
        );
        expect(otherType.status).toBe(200);
        expect(otherType.body).toEqual({ result: 'ignored' });
        const big = `{"message_type":53,"pad":"${'x'.repeat(70_000)}"}`;
        expect((await sendPush(target, big, path)).status).toBe(413);
        const echoPath = `${variant.globalPrefix ? `/${variant.globalPrefix}` : ''}/echo`;
        const echo = await request(target.app.getHttpServer())
          .post(echoPath)
          .set('Content-Type', 'application/json')
          .send('{"a":1}');
        expect(echo.status).toBe(201);
        expect(echo.body).toEqual({ body: { a: 1 }, rawBody: variant.rawBody ? '{"a":1}' : null });
        // the default path is not served when another was configured
        if (path !== '/aliexpress/webhook')
          expect((await sendPush(target, body, '/aliexpress/webhook')).status).toBe(404);
      } finally {
        await target.close();
      }
    },
  );

  it('webhook: false leaves the route out', async () => {
    const target = await startOrdersApp(gateway, { platform, webhook: false });
    try {
      const orderId = await placeOrder(target);
      expect((await sendPush(target, pushBody(orderId, 'OrderShipped'))).status).toBe(404);
    } finally {
      await target.close();
    }
  });
});
