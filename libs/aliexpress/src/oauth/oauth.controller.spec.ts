import type { MockInstance } from 'vitest';
import { HttpException, Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import { AliexpressModule } from '../aliexpress.module.js';
import type { AliexpressModuleOptions } from '../config/aliexpress-options.interface.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import {
  AliexpressApiError,
  AliexpressGrantError,
  AliexpressTransportError,
  TokenStoreError,
} from '../errors/aliexpress.errors.js';
import type { AliexpressToken } from '../tokens/aliexpress-token.interface.js';
import { TokenService } from '../tokens/token.service.js';
import type { OAuthHttpAdapter, OAuthHttpRequest } from './oauth-http.types.js';
import { OAuthStateService } from './oauth-state.service.js';
import { OAuthStateStore } from './oauth-state.store.js';
import { OAuthController } from './oauth.controller.js';

const APP_SECRET = 'unit-app-secret-value';
const CODE = '3_500102_code_never_echoed';
const TOKEN: AliexpressToken = {
  accountId: '4641738246',
  userNick: 'buyer-nick',
  accountPlatform: 'buyerApp',
  accessToken: '50000access-token-never-echoed',
  refreshToken: '50001refresh-token-never-echoed',
  accessExpiresAt: 2_000_000_000_000,
  refreshExpiresAt: 2_100_000_000_000,
  issuedAt: 1_700_000_000_000,
};

/** What the controller sent through Nest's HTTP adapter for one request. */
interface Sent {
  headers: Array<[string, string]>;
  redirect?: { status: number; url: string };
  reply?: { status?: number; body: unknown };
}

/** An HTTP adapter that records what the controller sends instead of writing a socket. */
function recordingAdapter(): { adapter: OAuthHttpAdapter; sent: Map<object, Sent> } {
  const sent = new Map<object, Sent>();
  const of = (res: object) => {
    if (!sent.has(res)) sent.set(res, { headers: [] });
    return sent.get(res) as Sent;
  };
  const adapter: OAuthHttpAdapter = {
    setHeader: (res, name, value) => of(res).headers.push([name, value]),
    appendHeader: (res, name, value) => of(res).headers.push([name, value]),
    redirect: (res, status, url) => (of(res).redirect = { status, url }),
    reply: (res, body, status) => (of(res).reply = { status, body }),
  };
  return { adapter, sent };
}

describe('OAuthController', () => {
  let moduleRef: TestingModule;
  let controller: OAuthController;
  let tokens: TokenService;
  let states: OAuthStateService;
  let sent: Map<object, Sent>;
  let now: number;
  let exchange: MockInstance;
  /** Every body, header and redirect the controller produced, for the no-secret check. */
  const produced: string[] = [];
  /** Every line the controller logged. */
  const logged: string[] = [];

  async function build(extra: Partial<AliexpressModuleOptions> = {}) {
    now = 1_750_000_000_000;
    for (const level of ['log', 'warn', 'error'] as const) {
      vi.spyOn(Logger.prototype, level).mockImplementation(
        (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
      );
    }
    moduleRef = await Test.createTestingModule({
      imports: [
        AliexpressModule.forRoot({
          appKey: '500102',
          appSecret: APP_SECRET,
          redirectUri: 'https://shop.example/aliexpress/callback',
          baseUrl: 'http://127.0.0.1:9',
          clock: { now: () => now },
          ...extra,
        }),
      ],
    }).compile();
    tokens = moduleRef.get(TokenService, { strict: false });
    states = moduleRef.get(OAuthStateService, { strict: false });
    const options = moduleRef.get<ResolvedAliexpressOptions>(ALIEXPRESS_OPTIONS, {
      strict: false,
    });
    const recorder = recordingAdapter();
    sent = recorder.sent;
    const host = { httpAdapter: recorder.adapter } as unknown as HttpAdapterHost;
    controller = new OAuthController(tokens, states, options, host);
    exchange = vi.spyOn(tokens, 'exchangeCode').mockResolvedValue(TOKEN);
    vi.spyOn(tokens, 'getAccount').mockResolvedValue(undefined);
  }

  const request = (path: string, cookie?: string): OAuthHttpRequest => ({
    headers: cookie === undefined ? {} : { cookie },
    protocol: 'http',
    url: path,
  });

  function record(res: object) {
    const out = sent.get(res);
    if (out) produced.push(JSON.stringify(out));
    return out;
  }

  /** GET /aliexpress/authorize: the state and the cookie a browser would send back. */
  function authorize(returnTo?: string) {
    const res = {};
    const redirect = controller.authorize(returnTo, request('/aliexpress/authorize'), res);
    produced.push(JSON.stringify(redirect));
    const setCookie = record(res)?.headers.find(([n]) => n === 'Set-Cookie')?.[1] as string;
    const state = new URL(redirect.url).searchParams.get('state') as string;
    return { state, cookie: setCookie.split(';')[0], setCookie, redirect };
  }

  /** GET /aliexpress/callback: what was sent, or the HttpException the platform would answer. */
  async function callback(query: Record<string, unknown>, cookie?: string) {
    const res = {};
    const error = await controller
      .callback(query, request('/aliexpress/callback', cookie), res)
      .then(() => undefined)
      .catch((e: unknown) => e);
    const out = record(res);
    if (error instanceof HttpException) produced.push(JSON.stringify(error.getResponse()));
    return { error, sent: out };
  }

  /** A refused callback: its HTTP status and JSON body, as the exception filter answers them. */
  function refusal(error: unknown) {
    expect(error).toBeInstanceOf(HttpException);
    const http = error as HttpException;
    return { status: http.getStatus(), body: http.getResponse() as Record<string, unknown> };
  }

  beforeEach(() => build());
  afterEach(async () => {
    vi.restoreAllMocks();
    await moduleRef.close();
  });

  it('authorize: redirects to the consent page and sets an HttpOnly, path-scoped state cookie', () => {
    const { state, cookie, setCookie, redirect } = authorize();
    expect(redirect.statusCode).toBe(302);
    expect(redirect.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/oauth\/authorize\?/);
    expect(new URL(redirect.url).searchParams.get('client_id')).toBe('500102');
    expect(cookie).toBe(`aliexpress_oauth_state.${state.slice(0, 16)}=${state}`);
    expect(setCookie).toMatch(/Max-Age=600; Path=\/aliexpress; HttpOnly; SameSite=Lax$/);
  });

  it('authorize: the cookie path is where redirectUri brings the browser back, not the request path', async () => {
    await moduleRef.close();
    // behind a proxy that strips /shop: the app serves /aliexpress, the browser sees /shop/aliexpress
    await build({ redirectUri: 'https://shop.example/shop/aliexpress/callback' });
    const { setCookie } = authorize();
    expect(setCookie).toMatch(/; Path=\/shop\/aliexpress; /);
  });

  it('authorize: two authorizations in one browser get two cookies, and both complete', async () => {
    const first = authorize('/one');
    const second = authorize('/two');
    expect(first.cookie.split('=')[0]).not.toBe(second.cookie.split('=')[0]);
    const jar = `${first.cookie}; ${second.cookie}`;
    const done = await callback({ code: CODE, state: second.state }, jar);
    expect(done.error).toBeUndefined();
    expect(done.sent?.redirect?.url).toBe('/two');
    expect(done.sent?.headers).toEqual([
      [
        'Set-Cookie',
        // the flow's own cookie only, now holding its completion marker
        expect.stringMatching(new RegExp(`^${second.cookie.split('=')[0]}=[\\w.-]+; Max-Age=600`)),
      ],
    ]);
    const other = await callback({ code: CODE, state: first.state }, first.cookie);
    expect(other.error).toBeUndefined();
    expect(other.sent?.redirect?.url).toBe('/one');
  });

  it('authorize: the longest returnTo accepted travels in the state and comes back', async () => {
    const longest = `/${'a'.repeat(511)}`;
    const { state, cookie } = authorize(longest);
    const { error, sent: out } = await callback({ code: CODE, state }, cookie);
    expect(error).toBeUndefined();
    expect(out?.redirect?.url).toBe(longest);
  });

  it('callback: a flow started before the upgrade (one unnamed cookie) still completes', async () => {
    const { state } = authorize();
    const { error, sent: out } = await callback(
      { code: CODE, state },
      `aliexpress_oauth_state=${state}`,
    );
    expect(error).toBeUndefined();
    expect(out?.reply?.status).toBe(200);
  });

  it('authorize: an unsafe returnTo is refused with return_to_invalid', () => {
    let error: unknown;
    try {
      controller.authorize('//evil.example', request('/aliexpress/authorize'), {});
    } catch (thrown) {
      error = thrown;
    }
    expect(refusal(error)).toMatchObject({ status: 400, body: { reason: 'return_to_invalid' } });
  });

  it('authorize stores nothing: it answers with the state store down; the callback answers 503', async () => {
    const store = moduleRef.get<OAuthStateStore>(OAuthStateStore, { strict: false });
    const redeem = vi
      .spyOn(store, 'redeem')
      .mockRejectedValue(new TokenStoreError({ operation: 'redeemState', detail: 'refused' }));
    const { state, cookie, redirect } = authorize();
    expect(redirect.statusCode).toBe(302);
    expect(redeem).not.toHaveBeenCalled();
    const { error } = await callback({ code: CODE, state }, cookie);
    expect(refusal(error)).toMatchObject({ status: 503, body: { reason: 'store_unavailable' } });
    expect(exchange).not.toHaveBeenCalled();
  });

  it('callback: a valid state exchanges the code once and answers the account, never a token', async () => {
    const { state, cookie } = authorize();
    const { error, sent: out } = await callback({ code: CODE, state }, cookie);
    expect(error).toBeUndefined();
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(exchange).toHaveBeenCalledWith(CODE);
    expect(out?.reply).toEqual({
      status: 200,
      body: {
        accountId: TOKEN.accountId,
        userNick: TOKEN.userNick,
        accountPlatform: TOKEN.accountPlatform,
        expiresAt: TOKEN.accessExpiresAt,
        refreshExpiresAt: TOKEN.refreshExpiresAt,
      },
    });
    expect(out?.headers).toEqual([
      [
        'Set-Cookie',
        expect.stringMatching(
          new RegExp(
            `^aliexpress_oauth_state\\.${state.slice(0, 16)}=[\\w.-]+; Max-Age=600; Path=/aliexpress;`,
          ),
        ),
      ],
    ]);
  });

  it('callback: a store that fails the account read after the exchange still answers the account', async () => {
    vi.spyOn(tokens, 'getAccount').mockRejectedValue(
      new TokenStoreError({ operation: 'get', detail: 'ECONNREFUSED' }),
    );
    const { state, cookie } = authorize();
    const { error, sent: out } = await callback({ code: CODE, state }, cookie);
    expect(error).toBeUndefined();
    expect(out?.reply).toMatchObject({ status: 200, body: { accountId: TOKEN.accountId } });
  });

  describe('state checks fail before the code reaches the token exchange', () => {
    const forge = (state: string) => {
      const [nonce, expiry, mac] = state.split('.');
      return `${nonce}.${(parseInt(expiry, 36) + 3_600_000).toString(36)}.${mac}`;
    };

    type Attempt = { query: Record<string, unknown>; cookie?: string };
    it.each<[string, () => Attempt | Promise<Attempt>]>([
      ['state_missing', () => ({ query: { code: CODE }, cookie: authorize().cookie })],
      [
        'state_invalid',
        () => {
          const forged = forge(authorize().state);
          return {
            query: { code: CODE, state: forged },
            cookie: `aliexpress_oauth_state=${forged}`,
          };
        },
      ],
      [
        'state_expired',
        () => {
          const { state, cookie } = authorize();
          now += 601_000;
          return { query: { code: CODE, state }, cookie };
        },
      ],
      ['cookie_missing', () => ({ query: { code: CODE, state: authorize().state } })],
      [
        'cookie_mismatch',
        () => {
          const { state } = authorize();
          return { query: { code: CODE, state }, cookie: authorize().cookie };
        },
      ],
      [
        'state_replayed',
        async () => {
          const { state, cookie } = authorize();
          expect((await callback({ code: CODE, state }, cookie)).error).toBeUndefined();
          exchange.mockClear();
          return { query: { code: CODE, state }, cookie };
        },
      ],
      [
        'query_invalid',
        () => {
          const { state, cookie } = authorize();
          return { query: { code: [CODE, 'second'], state }, cookie };
        },
      ],
    ])('%s: 400 with that reason', async (reason, setup) => {
      const { query, cookie } = await setup();
      const { error, sent: out } = await callback(query, cookie);
      expect(refusal(error)).toMatchObject({ status: 400, body: { statusCode: 400, reason } });
      expect(exchange).not.toHaveBeenCalled();
      expect(out?.reply).toBeUndefined();
      expect(out?.redirect).toBeUndefined();
    });
  });

  it('denied consent: 403 access_denied, the state is consumed and nothing is exchanged', async () => {
    const { state, cookie } = authorize();
    const { error } = await callback({ error: 'access_denied', state }, cookie);
    expect(refusal(error)).toMatchObject({
      status: 403,
      body: { reason: 'access_denied', message: 'the AliExpress user denied access to the app' },
    });
    expect(exchange).not.toHaveBeenCalled();
    const again = await callback({ code: CODE, state }, cookie);
    expect(refusal(again.error).body.reason).toBe('state_replayed');
  });

  it.each([
    [
      'gateway_unreachable',
      502,
      new AliexpressTransportError({
        kind: 'http-status',
        apiName: '/auth/token/create',
        message: 'HTTP 503',
        status: 503,
      }),
    ],
    [
      'gateway_error',
      502,
      new AliexpressApiError({ code: 'ServiceUnavailable', message: 'busy', apiName: 'x' }),
    ],
    [
      'code_refused',
      400,
      new AliexpressGrantError({ code: 'InvalidCode', message: 'no', apiName: 'x' }),
    ],
    ['store_unavailable', 503, new TokenStoreError({ operation: 'set', detail: 'ECONNREFUSED' })],
  ])('exchange failure → %s (%i)', async (reason, status, failure) => {
    exchange.mockRejectedValue(failure);
    const { state, cookie } = authorize();
    const { error, sent: out } = await callback({ code: CODE, state }, cookie);
    expect(refusal(error)).toMatchObject({ status, body: { statusCode: status, reason } });
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(out?.reply).toBeUndefined();
  });

  it('failureRedirect: a refusal redirects with the reason, never the code', async () => {
    await moduleRef.close();
    await build({ failureRedirect: 'https://shop.example/failed?from=ae' });
    const { state, cookie } = authorize();
    const { error, sent: out } = await callback({ code: CODE, state: `${state}x` }, cookie);
    expect(error).toBeUndefined();
    expect(out?.redirect?.status).toBe(302);
    const location = new URL(out?.redirect?.url as string);
    expect(location.searchParams.get('from')).toBe('ae');
    expect(location.searchParams.get('error')).toBe('state_invalid');
    expect(exchange).not.toHaveBeenCalled();
  });

  // declared last: every response of the cases above was recorded
  it('no secret, token or code appears in any response or log line', () => {
    expect(produced.length).toBeGreaterThan(20);
    expect(logged.some((line) => line.includes('callback refused: state_invalid'))).toBe(true);
    for (const secret of [APP_SECRET, CODE, TOKEN.accessToken, TOKEN.refreshToken]) {
      expect(produced.filter((text) => text.includes(secret))).toEqual([]);
      expect(logged.filter((text) => text.includes(secret))).toEqual([]);
    }
  });
});
