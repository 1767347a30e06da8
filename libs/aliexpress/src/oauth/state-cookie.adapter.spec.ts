import { Controller, Get, Req, Res, type INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { OAuthHttpAdapter, OAuthHttpRequest, OAuthHttpResponse } from './oauth-http.types.js';
import { MAX_STATE_COOKIES, StateCookie, stateCookiePath } from './state-cookie.adapter.js';

const STATE = 'abcdefghijklmnopqrstuvwxyz.x.y';
const OTHER = 'ZYXWVUTSRQPONMLKJIHGF.x.y';
const cookie = new StateCookie({
  cookieName: 'st',
  ttlSeconds: 600,
  secureCookie: 'auto',
  path: stateCookiePath('https://shop.example/public/oauth/callback'),
});

@Controller('oauth')
class CookieController {
  constructor(private readonly host: HttpAdapterHost) {}

  /** Like a route behind a guard that already set a cookie of its own. */
  @Get('authorize')
  write(@Req() req: OAuthHttpRequest, @Res({ passthrough: true }) res: OAuthHttpResponse) {
    this.host.httpAdapter.appendHeader(res, 'Set-Cookie', 'session=abc; Path=/');
    cookie.write(this.host.httpAdapter, req, res, STATE);
    return { read: cookie.read(req, STATE) ?? null };
  }

  @Get('callback')
  clear(@Req() req: OAuthHttpRequest, @Res({ passthrough: true }) res: OAuthHttpResponse) {
    cookie.clear(this.host.httpAdapter, req, res, STATE);
    return { read: cookie.read(req, STATE) ?? null };
  }
}

describe('stateCookiePath', () => {
  it.each([
    ['http://localhost:3000/aliexpress/callback', '/aliexpress'],
    ['https://shop.example/shop/integrations/ae/callback', '/shop/integrations/ae'],
    ['https://shop.example/ae/callback/', '/ae'],
    ['https://shop.example/callback', '/'],
    ['https://shop.example/oauth/return', '/oauth/return'],
  ])('%s → %s (where the browser comes back to)', (uri, path) => {
    expect(stateCookiePath(uri)).toBe(path);
  });
});

describe('StateCookie names', () => {
  it('one cookie per authorization, named after the state it holds', () => {
    expect(cookie.nameFor(STATE)).toBe('st.abcdefghijklmnop');
    expect(cookie.nameFor(OTHER)).not.toBe(cookie.nameFor(STATE));
  });

  it("reads this flow's cookie; another flow's value when only others are there", () => {
    const req = (header?: string): OAuthHttpRequest => ({
      headers: header === undefined ? {} : { cookie: header },
      protocol: 'http',
      url: '/x',
    });
    const both = `a=1; ${cookie.nameFor(OTHER)}=${OTHER}; ${cookie.nameFor(STATE)}=${STATE}`;
    expect(cookie.read(req(both), STATE)).toBe(STATE);
    expect(cookie.read(req(both), OTHER)).toBe(OTHER);
    // a browser holding only other authorizations' cookies: their value, so the check says mismatch
    expect(cookie.read(req(`${cookie.nameFor(OTHER)}=${OTHER}`), STATE)).toBe(OTHER);
    expect(cookie.read(req('a=1; stx=2'), STATE)).toBeUndefined();
    // the one cookie of earlier versions, for a flow started before the upgrade
    expect(cookie.read(req(`a=1; st=${STATE}`), STATE)).toBe(STATE);
    expect(cookie.read(req(), STATE)).toBeUndefined();
    expect(cookie.read(req(both), undefined)).toBeUndefined();
  });
});

describe.each(['express', 'fastify'] as const)('StateCookie on %s', (platform) => {
  const apps: INestApplication[] = [];
  async function start(options: { trustProxy?: boolean; prefix?: string } = {}) {
    const ref = await Test.createTestingModule({ controllers: [CookieController] }).compile();
    const app =
      platform === 'fastify'
        ? ref.createNestApplication(new FastifyAdapter({ trustProxy: options.trustProxy }), {
            logger: false,
          })
        : ref.createNestApplication({ logger: false });
    if (platform === 'express' && options.trustProxy)
      (app.getHttpAdapter().getInstance() as { set(k: string, v: unknown): void }).set(
        'trust proxy',
        true,
      );
    if (options.prefix) app.setGlobalPrefix(options.prefix);
    await app.listen(0, '127.0.0.1');
    if (platform === 'fastify')
      await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
    expect(app.getHttpAdapter().getType()).toBe(platform);
    apps.push(app);
    return request(app.getHttpServer());
  }
  const setCookies = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie']);

  afterAll(() => Promise.all(apps.map((app) => app.close())));

  it('writes the cookie next to a cookie set earlier, on the configured path, and reads it back', async () => {
    const http = await start();
    const res = await http
      .get('/oauth/authorize?x=1')
      .set('Cookie', `a=1; st.abcdefghijklmnop=prev; b=2`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ read: 'prev' });
    expect(setCookies(res)).toEqual([
      'session=abc; Path=/',
      `st.abcdefghijklmnop=${STATE}; Max-Age=600; Path=/public/oauth; HttpOnly; SameSite=Lax`,
    ]);
    const none = await http.get('/oauth/authorize');
    expect(none.body).toEqual({ read: null });
  });

  it('clears only its own cookie with Max-Age=0, whatever prefix the app runs under', async () => {
    const http = await start({ prefix: 'api/v1' });
    const res = await http
      .get('/api/v1/oauth/callback?state=s')
      .set('Cookie', `st.abcdefghijklmnop=${STATE}; st.ZYXWVUTSRQPONMLK=${OTHER}`);
    expect(res.body).toEqual({ read: STATE });
    expect(setCookies(res)).toEqual([
      'st.abcdefghijklmnop=; Max-Age=0; Path=/public/oauth; HttpOnly; SameSite=Lax',
    ]);
  });

  it('is Secure when https reached a trusted proxy, and only then', async () => {
    const trusted = await start({ trustProxy: true });
    const viaProxy = await trusted.get('/oauth/authorize').set('X-Forwarded-Proto', 'https');
    expect(setCookies(viaProxy)[1]).toMatch(/; Secure; SameSite=Lax$/);
    expect(setCookies(await trusted.get('/oauth/authorize'))[1]).not.toMatch(/Secure/);
    const untrusted = await start();
    const spoofed = await untrusted.get('/oauth/authorize').set('X-Forwarded-Proto', 'https');
    expect(setCookies(spoofed)[1]).not.toMatch(/Secure/);
  });
});

describe('StateCookie on a Nest adapter without appendHeader (Nest < 10.3)', () => {
  it('falls back to setHeader', () => {
    const calls: Array<[string, string]> = [];
    const adapter: OAuthHttpAdapter = {
      setHeader: (_res, name, value) => calls.push([name, value]),
      redirect: () => undefined,
      reply: () => undefined,
    };
    const forced = new StateCookie({
      cookieName: 'st',
      ttlSeconds: 60,
      secureCookie: true,
      path: '/ae',
    });
    forced.write(adapter, { headers: {}, protocol: 'http', url: '/ae/authorize' }, {}, 'v.1.m');
    expect(calls).toEqual([
      ['Set-Cookie', 'st.v=v.1.m; Max-Age=60; Path=/ae; HttpOnly; Secure; SameSite=Lax'],
    ]);
  });
});

describe('StateCookie cap on authorizations per browser', () => {
  it('clears the cookies with the earliest expiry so that, with the new one, at most MAX_STATE_COOKIES remain', () => {
    const calls: string[] = [];
    const adapter: OAuthHttpAdapter = {
      setHeader: () => undefined,
      appendHeader: (_res, _name, value) => calls.push(value),
      redirect: () => undefined,
      reply: () => undefined,
    };
    const capped = new StateCookie({
      cookieName: 'st',
      ttlSeconds: 60,
      secureCookie: false,
      path: '/ae',
    });
    // five flows, sent in an order unlike their age (one value carries no expiry): keep the
    // newest three, b, c and d, next to the new one
    const held = [
      ['st.c', 'c.300.m'],
      ['st.a', 'a.100.m'],
      ['st.x', 'x'],
      ['st.d', 'd.400.m'],
      ['st.b', 'b.200.m'],
      ['other', 'o.1.m'],
    ];
    const header = held.map(([name, value]) => `${name}=${value}`).join('; ');
    capped.write(
      adapter,
      { headers: { cookie: header }, protocol: 'http', url: '/ae/authorize' },
      {},
      'n.500.m',
    );
    expect(MAX_STATE_COOKIES).toBe(4);
    expect(calls).toEqual([
      'st.x=; Max-Age=0; Path=/ae; HttpOnly; SameSite=Lax',
      'st.a=; Max-Age=0; Path=/ae; HttpOnly; SameSite=Lax',
      'st.n=n.500.m; Max-Age=60; Path=/ae; HttpOnly; SameSite=Lax',
    ]);
    calls.length = 0;
    // fewer than the cap: nothing is cleared
    capped.write(
      adapter,
      { headers: { cookie: 'st.a=a.1.m; st.b=b.2.m' }, protocol: 'http', url: '/' },
      {},
      'n.3.m',
    );
    expect(calls).toHaveLength(1);
  });
});
