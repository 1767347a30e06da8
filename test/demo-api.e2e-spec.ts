import type { NestExpressApplication } from '@nestjs/platform-express';
import { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import request from 'supertest';
import { startDemo } from './support/demo-harness.js';
import { consent } from './support/oauth-app.js';

const PHONE_CASE = '1005006154258794';
const BOB = '2208051234567';

async function connect(app: NestExpressApplication, account?: string) {
  const agent = request(app.getHttpServer());
  const res = await agent.get('/aliexpress/authorize').expect(302);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0].split(';')[0];
  const gatewayUrl = new URL(res.headers.location);
  const redirect = await consent(
    {
      cookie,
      setCookie: cookie,
      gatewayUrl,
      state: gatewayUrl.searchParams.get('state') as string,
    },
    'approve',
    account,
  );
  return agent.get(`${redirect.pathname}${redirect.search}`).set('Cookie', cookie);
}

describe('demo JSON API on the embedded mock gateway', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let http: () => ReturnType<typeof request>;

  beforeAll(async () => {
    demo = await startDemo();
    http = () => request(demo.app.getHttpServer());
  });
  afterAll(() => demo.close());

  it('serves the page and says it runs on the mock', async () => {
    const page = await http().get('/').expect(200);
    expect(page.text).toContain('Connect AliExpress account');
    await http().get('/demo.js').expect(200);
    const info = await http().get('/demo/info').expect(200);
    expect(info.body).toMatchObject({ mode: 'mock', ordersEnabled: true });
    expect(info.body.gateway).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('connects an account and lists it without tokens', async () => {
    const done = await connect(demo.app, BOB);
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe('/?connected=1');
    const accounts = await http().get('/accounts').expect(200);
    expect(accounts.body).toEqual([
      expect.objectContaining({
        accountId: BOB,
        account: 'bob.dropship@example.com',
        reauthorizationRequired: false,
      }),
    ]);
    expect(JSON.stringify(accounts.body)).not.toMatch(
      /accessToken|refreshToken|5000\d{3}[0-9a-f]{20}/,
    );
  });

  it('products, freight and orders', async () => {
    const product = await http()
      .get(`/products/${PHONE_CASE}`)
      .query({ account: BOB, shipTo: 'US' })
      .expect(200);
    expect(product.body).toMatchObject({
      productId: PHONE_CASE,
      skus: expect.arrayContaining([expect.objectContaining({ skuId: '12000036032948733' })]),
    });
    const freight = await http()
      .get('/freight')
      .query({ account: BOB, productId: PHONE_CASE, skuId: '12000036032948733', shipTo: 'FR' })
      .expect(200);
    expect(freight.body[0]).toMatchObject({
      company: 'AliExpress Standard Shipping',
      fee: { currency: 'USD' },
    });
    const order = await http()
      .post('/orders')
      .send({
        account: BOB,
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
        items: [{ productId: PHONE_CASE, quantity: 1, skuAttr: '14:173#Blue;5:361386' }],
      })
      .expect(201);
    expect(order.body.orderIds).toEqual([expect.stringMatching(/^\d{19}$/)]);
  });

  it.each([
    ['a missing account', `/products/${PHONE_CASE}`, {}, 400, 'account is required'],
    [
      'a country that is not two letters',
      `/products/${PHONE_CASE}`,
      { account: BOB, shipTo: 'usa' },
      400,
      'two-letter',
    ],
    ['an id that is not numeric', '/products/abc', { account: BOB }, 400, 'productId'],
    [
      'a quantity of zero',
      '/freight',
      { account: BOB, productId: PHONE_CASE, skuId: '1', quantity: '0' },
      400,
      'quantity',
    ],
    ['an unknown account', `/products/${PHONE_CASE}`, { account: '999' }, 404, 'not connected'],
    ['an unknown product', '/products/404', { account: BOB }, 404, 'ITEM_ID_NOT_FOUND'],
  ])('%s → %i with the reason', async (_case, path, query, status, text) => {
    const res = await http().get(path).query(query).expect(status);
    expect(JSON.stringify(res.body)).toContain(text);
  });

  it('a gateway failure answers 502 with the platform code', async () => {
    demo.demo.mockGateway?.injectFault({
      kind: 'isp-error',
      count: 10,
      api: 'aliexpress.ds.product.get',
    });
    const res = await http().get(`/products/${PHONE_CASE}`).query({ account: BOB }).expect(502);
    expect(res.body).toMatchObject({ reason: 'gateway_error', code: '15' });
    demo.demo.mockGateway?.clearFaults();
  });

  it('disconnects, then the account is unknown', async () => {
    await http().delete(`/accounts/${BOB}`).expect(204);
    await http().delete(`/accounts/${BOB}`).expect(404);
    await http().get('/accounts').expect(200, []);
  });
});

describe('demo against a configured gateway', () => {
  let gateway: MockAliexpressGateway;
  const secret = 'live-mode-secret-7d1';

  beforeAll(async () => {
    gateway = new MockAliexpressGateway({
      apps: [
        {
          appKey: '700300',
          appSecret: secret,
          redirectUris: ['http://localhost:9/aliexpress/callback'],
        },
      ],
    });
    await gateway.start();
  });
  afterAll(() => gateway.stop());

  const env = (extra: Record<string, string> = {}) => ({
    ALIEXPRESS_APP_KEY: '700300',
    ALIEXPRESS_APP_SECRET: secret,
    ALIEXPRESS_REDIRECT_URI: 'http://localhost:9/aliexpress/callback',
    ALIEXPRESS_BASE_URL: gateway.url,
    ...extra,
  });
  const order = { account: '1', address: {}, items: [] };

  it('uses it, and refuses orders unless DEMO_ALLOW_ORDERS=true', async () => {
    const live = await startDemo(env());
    try {
      const info = await request(live.app.getHttpServer()).get('/demo/info').expect(200);
      expect(info.body).toEqual({ mode: 'live', gateway: gateway.url, ordersEnabled: false });
      expect(live.demo.mockGateway).toBeUndefined();
      const redirect = await request(live.app.getHttpServer())
        .get('/aliexpress/authorize')
        .expect(302);
      expect(redirect.headers.location).toContain(`${gateway.url}/oauth/authorize?`);
      const refused = await request(live.app.getHttpServer())
        .post('/orders')
        .send(order)
        .expect(403);
      expect(refused.body.message).toContain('DEMO_ALLOW_ORDERS=true');
    } finally {
      await live.close();
    }
    const allowed = await startDemo(env({ DEMO_ALLOW_ORDERS: 'true' }));
    try {
      // allowed: it gets as far as validating the order
      await request(allowed.app.getHttpServer()).post('/orders').send(order).expect(400);
    } finally {
      await allowed.close();
    }
  });
});
