import type { INestApplication } from '@nestjs/common';
import { MOCK_BUYERS, type MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import request from 'supertest';
import { CookieJar, pathMatches } from './support/cookie-jar.js';
import { TEST_APP, startGateway } from './support/gateway-harness.js';
import {
  PLATFORMS,
  consent,
  createOAuthApp,
  type OAuthApp,
  type Platform,
} from './support/oauth-app.js';

/** A session cookie set by the platform's own middleware (Express) or hook (Fastify). */
function sessionMiddleware(platform: Platform) {
  return (app: INestApplication) => {
    if (platform === 'express') {
      app.use((_req: unknown, res: { setHeader(n: string, v: string): void }, next: () => void) => {
        res.setHeader('Set-Cookie', 'session=abc; Path=/');
        next();
      });
      return;
    }
    const fastify = app.getHttpAdapter().getInstance() as {
      addHook(
        name: 'onRequest',
        hook: (
          req: unknown,
          reply: { header(n: string, v: string): void },
          done: () => void,
        ) => void,
      ): void;
    };
    fastify.addHook('onRequest', (_req, reply, done) => {
      reply.header('set-cookie', 'session=abc; Path=/');
      done();
    });
  };
}

describe.each(PLATFORMS)('OAuth cookies on %s', (platform: Platform) => {
  let gateway: MockAliexpressGateway;
  const apps: OAuthApp[] = [];
  const setCookies = (res: request.Response) =>
    ([] as string[]).concat(res.headers['set-cookie'] ?? []);

  beforeAll(async () => {
    ({ gateway } = await startGateway());
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await gateway.stop();
  });

  /** GET authorize as one tab of the browser whose jar is given; the gateway URL it went to. */
  async function authorize(target: OAuthApp, jar: CookieJar, returnTo: string) {
    const path = `${target.base}/authorize`;
    const req = request(target.app.getHttpServer()).get(path).query({ returnTo });
    const cookies = jar.header(path);
    const res = await (cookies ? req.set('Cookie', cookies) : req).expect(302);
    jar.apply(res.headers['set-cookie']);
    return { res, gatewayUrl: new URL(res.headers.location) };
  }

  /** Delivers the gateway's redirect as the browser would, through a proxy stripping `strip`. */
  async function deliver(target: OAuthApp, jar: CookieJar, redirect: URL, strip = '') {
    const cookies = jar.header(redirect.pathname);
    const path = redirect.pathname.slice(strip.length);
    const req = request(target.app.getHttpServer()).get(`${path}${redirect.search}`);
    const res = await (cookies ? req.set('Cookie', cookies) : req);
    jar.apply(res.headers['set-cookie']);
    return res;
  }

  it('a cookie set by an earlier middleware survives on both routes', async () => {
    const target = await createOAuthApp(gateway, {
      style: 'forRoot',
      platform,
      callbackPath: 'with-session',
      configure: sessionMiddleware(platform),
    });
    apps.push(target);
    const jar = new CookieJar();
    const { res, gatewayUrl } = await authorize(target, jar, '/done');
    expect(setCookies(res)).toEqual([
      'session=abc; Path=/',
      expect.stringMatching(
        /^aliexpress_oauth_state\.[\w-]{16}=[\w.-]+; Max-Age=600; Path=\/with-session; HttpOnly; SameSite=Lax$/,
      ),
    ]);
    const done = await deliver(target, jar, await consent(stateOf(gatewayUrl), 'approve'));
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe('/done');
    expect(setCookies(done)).toEqual([
      'session=abc; Path=/',
      expect.stringMatching(
        /^aliexpress_oauth_state\.[\w-]{16}=[\w.-]+; Max-Age=600; Path=\/with-session;/,
      ),
    ]);
  });

  it('two tabs authorizing in parallel both complete; each callback marks only its own cookie completed', async () => {
    const target = await createOAuthApp(gateway, { style: 'forRootAsync', platform });
    apps.push(target);
    const jar = new CookieJar();
    const first = await authorize(target, jar, '/tab-one');
    const second = await authorize(target, jar, '/tab-two');
    expect(jar.names()).toHaveLength(2);
    const firstBack = await consent(stateOf(first.gatewayUrl), 'approve', MOCK_BUYERS[0].userId);
    const secondBack = await consent(stateOf(second.gatewayUrl), 'approve', MOCK_BUYERS[1].userId);

    const secondDone = await deliver(target, jar, secondBack);
    expect(secondDone.status).toBe(302);
    expect(secondDone.headers.location).toBe('/tab-two');
    const marked = setCookies(secondDone);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(/Max-Age=600/);
    expect(marked[0].split('=')[0]).toBe(
      `aliexpress_oauth_state.${stateOf(second.gatewayUrl).state.slice(0, 16)}`,
    );
    expect(jar.names()).toHaveLength(2);

    const firstDone = await deliver(target, jar, firstBack);
    expect(firstDone.status).toBe(302);
    expect(firstDone.headers.location).toBe('/tab-one');
    // reloading either tab's callback lands on that tab's page again, exchanging nothing
    const requests = gateway.requests().length;
    expect((await deliver(target, jar, secondBack)).headers.location).toBe('/tab-two');
    expect((await deliver(target, jar, firstBack)).headers.location).toBe('/tab-one');
    expect(gateway.requests()).toHaveLength(requests);
    expect((await target.tokens.listAccounts()).map((a) => a.accountId).sort()).toEqual(
      [MOCK_BUYERS[0].userId, MOCK_BUYERS[1].userId].sort(),
    );
  });

  it('repeated authorizations in one browser keep at most 4 state cookies; the newest flows still complete', async () => {
    const target = await createOAuthApp(gateway, {
      style: 'forRoot',
      platform,
      callbackPath: 'many-clicks',
    });
    apps.push(target);
    const jar = new CookieJar();
    const started: URL[] = [];
    for (let i = 0; i < 10; i++) {
      const { gatewayUrl } = await authorize(target, jar, `/click-${i}`);
      started.push(gatewayUrl);
      expect(jar.names().length).toBeLessThanOrEqual(4);
    }
    expect(jar.names()).toHaveLength(4);
    // the Cookie header stays bounded however often the user clicks
    expect((jar.header(`${target.base}/authorize`) ?? '').length).toBeLessThan(4 * 400);

    const lastDone = await deliver(target, jar, await consent(stateOf(started[9]), 'approve'));
    expect(lastDone.status).toBe(302);
    expect(lastDone.headers.location).toBe('/click-9');
    const keptDone = await deliver(target, jar, await consent(stateOf(started[6]), 'approve'));
    expect(keptDone.status).toBe(302);
    expect(keptDone.headers.location).toBe('/click-6');
    // the oldest flow's cookie was cleared: its callback is refused, not completed
    const oldest = await deliver(target, jar, await consent(stateOf(started[0]), 'approve'));
    expect(oldest.status).toBe(400);
  });

  it('behind a proxy that strips a prefix, the cookie is scoped to the public callback path', async () => {
    // the browser sees https://shop.example/shop/aliexpress/…; the proxy forwards /aliexpress/…
    const redirectUri = 'http://localhost:3000/shop/aliexpress/callback';
    gateway.addRedirectUri(TEST_APP.appKey, redirectUri);
    const target = await createOAuthApp(
      gateway,
      { style: 'forRoot', platform, callbackPath: 'aliexpress' },
      { redirectUri },
    );
    apps.push(target);
    const jar = new CookieJar();
    const { res, gatewayUrl } = await authorize(target, jar, '/proxied');
    expect(setCookies(res)[0]).toContain('; Path=/shop/aliexpress;');
    const back = await consent(stateOf(gatewayUrl), 'approve');
    expect(back.pathname).toBe('/shop/aliexpress/callback');
    expect(pathMatches(back.pathname, '/shop/aliexpress')).toBe(true);
    const done = await deliver(target, jar, back, '/shop');
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe('/proxied');
  });
});

/** What `consent` needs of a started authorization: the gateway URL it was sent to. */
function stateOf(gatewayUrl: URL) {
  const state = gatewayUrl.searchParams.get('state') as string;
  return { gatewayUrl, state, cookie: '', setCookie: '' };
}
