import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createDemoApp } from '../apps/demo/src/demo.bootstrap.js';
import { startDemo } from './support/demo-harness.js';

const TOKEN = 'demo-token-3f9a1c7e5b2d4f60';
const ERROR_SHAPE = {
  statusCode: expect.any(Number),
  error: expect.any(String),
  reason: expect.any(String),
  message: expect.any(String),
};

describe('demo: where it listens and who may use it', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', async () => {
    const demo = await startDemo();
    try {
      expect((demo.app.getHttpServer().address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await demo.close();
    }
    const open = await startDemo({ HOST: '0.0.0.0', DEMO_TOKEN: TOKEN });
    try {
      expect((open.app.getHttpServer().address() as AddressInfo).address).toBe('0.0.0.0');
    } finally {
      await open.close();
    }
  });

  it('refuses a non-loopback HOST without DEMO_TOKEN, with a clear message', async () => {
    await expect(
      createDemoApp({ env: { PORT: '3999', HOST: '0.0.0.0' }, logger: false }),
    ).rejects.toThrow(/HOST=0\.0\.0\.0 .*set DEMO_TOKEN/);
  });

  it('reports PORT=abc as a port problem, not a redirect URI error', async () => {
    const failure = createDemoApp({ env: { PORT: 'abc' }, logger: false });
    await expect(failure).rejects.toThrow('PORT must be a port number (1-65535), got "abc"');
    await expect(failure).rejects.not.toThrow(/redirect/i);
  });

  describe('with DEMO_TOKEN', () => {
    let demo: Awaited<ReturnType<typeof startDemo>>;
    const http = () => request(demo.app.getHttpServer());

    beforeAll(async () => {
      demo = await startDemo({ DEMO_TOKEN: TOKEN });
    });
    afterAll(() => demo.close());

    it.each(['/', '/demo.js', '/accounts', '/aliexpress/authorize', '/nowhere'])(
      'refuses %s without the token, in the JSON error shape',
      async (path) => {
        const res = await http().get(path).expect(401);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="demo"');
        expect(res.body).toEqual({ ...ERROR_SHAPE, statusCode: 401, reason: 'unauthorized' });
      },
    );

    it('refuses a wrong token, of any length', async () => {
      for (const wrong of ['x', TOKEN.slice(0, -1), `${TOKEN}0`, TOKEN.toUpperCase()]) {
        await http().get('/accounts').set('Authorization', `Bearer ${wrong}`).expect(401);
        await http().get('/accounts').set('Cookie', `demo_token=${wrong}`).expect(401);
      }
      await http().get(`/?demo_token=${TOKEN}x`).expect(401);
    });

    it('accepts the bearer token', async () => {
      await http().get('/accounts').set('Authorization', `Bearer ${TOKEN}`).expect(200, []);
    });

    it('?demo_token= sets an HttpOnly cookie the page then uses, and drops the token from the URL', async () => {
      const res = await http().get(`/?connected=1&demo_token=${TOKEN}`).expect(303);
      expect(res.headers.location).toBe('/?connected=1');
      const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(setCookie).toEqual([`demo_token=${TOKEN}; Path=/; HttpOnly; SameSite=Lax`]);
      const cookie = setCookie[0].split(';')[0];
      const page = await http().get('/').set('Cookie', `other=1; ${cookie}`).expect(200);
      expect(page.text).toContain('Connect AliExpress account');
      await http().get('/demo/info').set('Cookie', cookie).expect(200);
      await http().get('/aliexpress/authorize').set('Cookie', cookie).expect(302);
    });
  });
});

describe('demo: headers and errors', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  const http = () => request(demo.app.getHttpServer());

  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(() => demo.close());

  it.each(['/', '/demo.js', '/demo/info', '/nowhere'])(
    'sends security headers on %s: no framing, no X-Powered-By',
    async (path) => {
      const res = await http().get(path);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeUndefined();
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
    },
  );

  it('answers an unknown route with the error shape', async () => {
    const res = await http().get('/nowhere').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      reason: 'not_found',
      message: 'Cannot GET /nowhere',
    });
  });

  it('answers a validation failure of the demo DTOs with the error shape', async () => {
    const res = await http().get('/products/1005006154258794').expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      reason: 'invalid_input',
      message: expect.stringContaining('account is required'),
      fields: ['account'],
    });
  });

  it('answers a library error with the same shape', async () => {
    const res = await http()
      .get('/products/1005006154258794')
      .query({ account: '999' })
      .expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      reason: 'account_not_connected',
      message: 'account 999 is not connected',
    });
  });

  it('answers a malformed JSON body with the same shape', async () => {
    const res = await http()
      .post('/orders')
      .set('Content-Type', 'application/json')
      .send('{"account":')
      .expect(400);
    expect(res.body).toEqual({ ...ERROR_SHAPE, statusCode: 400, error: 'Bad Request' });
  });

  it('names each invalid nested field once', async () => {
    const res = await http()
      .post('/orders')
      .send({
        account: '1',
        address: {
          fullName: 'Bob',
          address: '1 Main St',
          city: 'Austin',
          province: 'TX',
          country: 'usa',
          zip: '73301',
          mobileNo: '5125550100',
          phoneCountry: '+1',
        },
        items: [{ productId: 'abc', quantity: 1 }],
      })
      .expect(400);
    expect(res.body).toMatchObject({ ...ERROR_SHAPE, reason: 'invalid_input' });
    expect(res.body.fields).toEqual(
      expect.arrayContaining(['address.country', 'items.0.productId']),
    );
    expect(res.body.message).toMatch(/address\.country /);
    expect(res.body.message).toMatch(/items\.0\.productId /);
    expect(res.body.message).not.toMatch(/address\.address\.|items\.0\.items\.|\.0\.0\./);
  });

  it.each([
    ['DELETE', '/accounts', 'GET, HEAD'],
    ['POST', '/demo/info', 'GET, HEAD'],
    ['GET', '/orders', 'POST'],
    ['PUT', '/accounts/42', 'DELETE'],
    ['POST', '/aliexpress/authorize', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const res = await request(demo.app.getHttpServer())
      [method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path)
      .expect(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body).toEqual({
      statusCode: 405,
      error: 'Method Not Allowed',
      reason: 'method_not_allowed',
      message: `${method} is not allowed on ${path}`,
    });
  });
});
