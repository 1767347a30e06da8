import { Controller, Get, Req, Res, type INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { OAuthHttpAdapter, OAuthHttpRequest, OAuthHttpResponse } from './oauth-http.types';
import { StateCookie } from './state-cookie.adapter';

const cookie = new StateCookie({ cookieName: 'st', ttlSeconds: 600, secureCookie: 'auto' });

@Controller('oauth')
class CookieController {
  constructor(private readonly host: HttpAdapterHost) {}

  /** Like a route behind a guard that already set a cookie of its own. */
  @Get('authorize')
  write(@Req() req: OAuthHttpRequest, @Res({ passthrough: true }) res: OAuthHttpResponse) {
    this.host.httpAdapter.appendHeader(res, 'Set-Cookie', 'session=abc; Path=/');
    cookie.write(this.host.httpAdapter, req, res, 'v1.x.y');
    return { read: cookie.read(req) ?? null };
  }

  @Get('callback')
  clear(@Req() req: OAuthHttpRequest, @Res({ passthrough: true }) res: OAuthHttpResponse) {
    cookie.clear(this.host.httpAdapter, req, res);
    return { read: cookie.read(req) ?? null };
  }
}

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

  it('writes the cookie next to a cookie set earlier, scoped to the routes, and reads it back', async () => {
    const http = await start();
    const res = await http.get('/oauth/authorize?x=1').set('Cookie', 'a=1; st=prev; b=2');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ read: 'prev' });
    expect(setCookies(res)).toEqual([
      'session=abc; Path=/',
      'st=v1.x.y; Max-Age=600; Path=/oauth; HttpOnly; SameSite=Lax',
    ]);
    const none = await http.get('/oauth/authorize');
    expect(none.body).toEqual({ read: null });
  });

  it('clears it with Max-Age=0 under the global prefix', async () => {
    const http = await start({ prefix: 'api/v1' });
    const res = await http.get('/api/v1/oauth/callback?state=s').set('Cookie', 'st=v1.x.y');
    expect(res.body).toEqual({ read: 'v1.x.y' });
    expect(setCookies(res)).toEqual(['st=; Max-Age=0; Path=/api/v1/oauth; HttpOnly; SameSite=Lax']);
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
    const forced = new StateCookie({ cookieName: 'st', ttlSeconds: 60, secureCookie: true });
    forced.write(adapter, { headers: {}, protocol: 'http', url: '/ae/authorize' }, {}, 'v');
    expect(calls).toEqual([
      ['Set-Cookie', 'st=v; Max-Age=60; Path=/ae; HttpOnly; Secure; SameSite=Lax'],
    ]);
  });
});
