import { createHmac } from 'node:crypto';
import { canonicalString, signParams } from 'nestjs-aliexpress';
import { MockAliexpressGateway, MockGatewayConfigError } from 'nestjs-aliexpress/testing';
import { OTHER_APP, TEST_APP, startGateway } from './support/gateway-harness.js';

type Json = Record<string, any>;

describe('MockAliexpressGateway over raw HTTP', () => {
  let gateway: MockAliexpressGateway;
  let url: string;

  beforeAll(async () => {
    ({ gateway, url } = await startGateway());
  });
  afterEach(() => gateway.reset());
  afterAll(() => gateway.stop());

  const base = () => ({
    app_key: TEST_APP.appKey,
    sign_method: 'sha256',
    timestamp: String(gateway.now()),
  });
  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const post = async (path: string, body: string, type = 'application/x-www-form-urlencoded') => {
    const res = await fetch(url + path, {
      method: 'POST',
      body,
      headers: { 'content-type': type },
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const connect = async () => {
    const params = { ...base(), code: gateway.issueCode(TEST_APP.appKey) };
    const sign = signParams(params, TEST_APP.appSecret, { apiPath: '/auth/token/create' });
    return (await post('/rest/auth/token/create', form({ ...params, sign }))).body;
  };

  describe('request forms real SDKs send', () => {
    it('GET /rest{path} with everything in the query', async () => {
      const params = { ...base(), code: gateway.issueCode(TEST_APP.appKey) };
      const sign = signParams(params, TEST_APP.appSecret, { apiPath: '/auth/token/create' });
      const res = await fetch(`${url}/rest/auth/token/create?${form({ ...params, sign })}`);
      expect(((await res.json()) as Json).code).toBe('0');
    });

    it('POST /rest with method=/auth/token/create: path prefix and method both signed', async () => {
      const params = {
        ...base(),
        method: '/auth/token/create',
        code: gateway.issueCode(TEST_APP.appKey),
      };
      const sign = signParams(params, TEST_APP.appSecret, { apiPath: '/auth/token/create' });
      expect((await post('/rest', form({ ...params, sign }))).body.code).toBe('0');
      const unsignedMethod = { ...base(), code: gateway.issueCode(TEST_APP.appKey) };
      const badSign = signParams(unsignedMethod, TEST_APP.appSecret, {
        apiPath: '/auth/token/create',
      });
      const refused = await post(
        '/rest',
        form({ ...unsignedMethod, method: '/auth/token/create', sign: badSign }),
      );
      expect(refused.body).toMatchObject({ code: 'IncompleteSignature' });
      expect(refused.body._mock_diagnosis.mistakes.map((m: Json) => m.id)).toEqual([
        'method-not-signed',
      ]);
    });

    it('parameters split between query and body, the Java SDK repeating method, multipart bodies', async () => {
      const { access_token } = await connect();
      const params = {
        ...base(),
        method: 'aliexpress.ds.product.get',
        session: access_token,
        format: 'json',
        product_id: '1005006154258794',
        ship_to_country: 'US',
      };
      const sign = signParams(params, TEST_APP.appSecret);
      const query = form({
        method: params.method,
        app_key: params.app_key,
        sign_method: 'sha256',
        timestamp: params.timestamp,
        sign,
      });
      const body = form({
        method: params.method,
        session: access_token,
        format: 'json',
        product_id: params.product_id,
        ship_to_country: 'US',
      });
      const split = await post(`/sync?${query}&method=${params.method}`, body);
      // product.get answers bare, as the guide's captured sample prints it
      expect(split.body.rsp_code).toBe('200');

      const multipart = new FormData();
      for (const [k, v] of Object.entries({ ...params, sign })) multipart.append(k, v);
      const res = await fetch(`${url}/sync`, { method: 'POST', body: multipart });
      expect(((await res.json()) as Json).rsp_code).toBe('200');
    });

    it('a parameter repeated with different values is refused', async () => {
      const params = { ...base(), code: 'c' };
      const sign = signParams(params, TEST_APP.appSecret, { apiPath: '/auth/token/create' });
      const res = await post(`/rest/auth/token/create?code=other`, form({ ...params, sign }));
      expect(res.body).toMatchObject({ code: 'InvalidParameter' });
      expect(res.body.message).toContain('\u201ccode\u201d');
    });

    it('md5 is accepted on /sync, refused on /rest', async () => {
      const { access_token } = await connect();
      const params = {
        ...base(),
        sign_method: 'md5',
        method: 'aliexpress.ds.product.get',
        session: access_token,
        product_id: '1005006154258794',
        ship_to_country: 'US',
      };
      const sign = signParams(params, TEST_APP.appSecret, { signMethod: 'md5' });
      expect((await post('/sync', form({ ...params, sign }))).body).toHaveProperty('result');

      const sys = { ...base(), sign_method: 'md5', code: gateway.issueCode(TEST_APP.appKey) };
      const md5 = signParams(sys, TEST_APP.appSecret, {
        apiPath: '/auth/token/create',
        signMethod: 'md5',
      });
      const refused = await post('/rest/auth/token/create', form({ ...sys, sign: md5 }));
      expect(refused.body.code).toBe('IncompleteSignature');
      expect(refused.body._mock_diagnosis.mistakes.map((m: Json) => m.id)).toContain('md5-on-rest');
    });
  });

  describe('the original bug report', () => {
    it('/sync?method=/auth/token/create with the prefix signed and method unsigned gets IncompleteSignature, explained', async () => {
      const params = { ...base(), code: gateway.issueCode(TEST_APP.appKey) };
      const sign = createHashHmac(`/auth/token/create${canonicalString(params)}`);
      const res = await post(`/sync?method=/auth/token/create`, form({ ...params, sign }));
      expect(res.status).toBe(200);
      expect(res.body.error_response).toMatchObject({
        type: 'ISV',
        code: 'IncompleteSignature',
        msg: 'The request signature does not conform to platform standards',
      });
      const diagnosis = res.body.error_response._mock_diagnosis;
      expect(diagnosis.mistakes.map((m: Json) => m.title)).toEqual([
        '`method` sent but not signed',
        'system interface sent to /sync',
      ]);
      expect(diagnosis.mistakes[1].fix).toBe(
        'POST https://api-sg.aliexpress.com/rest/auth/token/create without `method`',
      );
      expect(JSON.stringify(res.body)).not.toContain(params.code);
      expect(gateway.tokenStats().created).toBe(0);
    });
  });

  describe('checks in the real order', () => {
    const refusal = async (path: string, params: Record<string, string>) => {
      const res = await post(path, form(params));
      return res.body.error_response ?? res.body;
    };

    it('InvalidApiPath, then MissingParameter app_key, InvalidAppKey, sign, timestamp, signature', async () => {
      expect(await refusal('/rest/nope', { app_key: 'unknown' })).toMatchObject({
        code: 'InvalidApiPath',
      });
      expect(await refusal('/sync', { app_key: TEST_APP.appKey })).toMatchObject({
        code: 'MissingParameter',
        msg: expect.stringContaining('\u201cmethod\u201d'),
      });
      expect(await refusal('/rest/auth/token/create', { code: 'x' })).toMatchObject({
        code: 'MissingParameter',
        message: expect.stringContaining('\u201capp_key\u201d'),
      });
      expect(await refusal('/rest/auth/token/create', { app_key: '1', sign: 'x' })).toMatchObject({
        code: 'InvalidAppKey',
      });
      expect(await refusal('/rest/auth/token/create', { app_key: TEST_APP.appKey })).toMatchObject({
        message: expect.stringContaining('\u201csign\u201d'),
      });
      expect(
        await refusal('/rest/auth/token/create', { ...base(), sign: 'X', timestamp: '' }),
      ).toMatchObject({ message: expect.stringContaining('\u201ctimestamp\u201d') });
      expect(await refusal('/rest/auth/token/create', { ...base(), sign: 'X' })).toMatchObject({
        code: 'IncompleteSignature',
      });
    });

    it.each(['[null,5]', '{"searchKey":"x"}', 'not json'])(
      'a searchExtend of %s is InvalidParameter, not a 500 nor silently ignored',
      async (searchExtend) => {
        const { access_token } = await connect();
        const params = {
          ...base(),
          method: 'aliexpress.ds.text.search',
          session: access_token,
          keyWord: 'case',
          local: 'en_US',
          countryCode: 'US',
          currency: 'USD',
          searchExtend,
        };
        const res = await post(
          '/sync',
          form({ ...params, sign: signParams(params, TEST_APP.appSecret) }),
        );
        expect(res.status).toBe(200);
        expect(res.body.error_response).toMatchObject({ code: 'InvalidParameter' });
      },
    );

    it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
      'a correctly signed call of the prototype name %s is an unknown API, not a leak or a 500',
      async (method) => {
        const { access_token } = await connect();
        const params = { ...base(), method, session: access_token };
        const res = await post(
          '/sync',
          form({ ...params, sign: signParams(params, TEST_APP.appSecret) }),
        );
        expect(res.status).toBe(200);
        expect(res.body.error_response).toMatchObject({ code: 'InvalidApiPath' });
        expect(JSON.stringify(res.body)).not.toContain(access_token);
      },
    );

    it('IllegalTimestamp for seconds, a zoneless time and a skew past 7200 s; ISO 8601 with a zone passes', async () => {
      const seconds = await refusal('/rest/auth/token/create', {
        ...base(),
        sign: 'X',
        timestamp: String(Math.floor(gateway.now() / 1000)),
      });
      expect(seconds).toMatchObject({ code: 'IllegalTimestamp' });
      expect(seconds._mock_diagnosis.mistakes[0].id).toBe('timestamp-seconds');
      expect(
        await refusal('/rest/auth/token/create', {
          ...base(),
          sign: 'X',
          timestamp: '2026-11-30T12:00:00',
        }),
      ).toMatchObject({ code: 'IllegalTimestamp' });
      expect(
        await refusal('/rest/auth/token/create', {
          ...base(),
          sign: 'X',
          timestamp: String(gateway.now() - 7300_000),
        }),
      ).toMatchObject({ code: 'IllegalTimestamp' });
      const iso = new Date(gateway.now()).toISOString().replace(/\.\d+Z$/, '+00:00');
      const params = { ...base(), timestamp: iso, code: gateway.issueCode(TEST_APP.appKey) };
      const sign = signParams(params, TEST_APP.appSecret, { apiPath: '/auth/token/create' });
      expect((await post('/rest/auth/token/create', form({ ...params, sign }))).body.code).toBe(
        '0',
      );
    });

    it('access token: missing, of another app, or sent twice with different values', async () => {
      const { access_token } = await connect();
      const call = async (
        extra: Record<string, string>,
        appKey = TEST_APP.appKey,
        secret = TEST_APP.appSecret,
      ) => {
        const params = {
          ...base(),
          app_key: appKey,
          method: 'aliexpress.ds.product.get',
          product_id: '1005006154258794',
          ship_to_country: 'US',
          ...extra,
        };
        return refusal('/sync', { ...params, sign: signParams(params, secret) });
      };
      expect(await call({})).toMatchObject({ code: 'MissingParameter' });
      expect(
        await call({ session: access_token }, OTHER_APP.appKey, OTHER_APP.appSecret),
      ).toMatchObject({ code: 'IllegalAccessToken' });
      expect(await call({ session: access_token, access_token: 'other' })).toMatchObject({
        code: 'InvalidParameter',
      });
      expect(await call({ access_token })).toHaveProperty('result.ae_item_base_info_dto');
    });
  });

  describe('OAuth consent', () => {
    const authorize = (query: Record<string, string>) =>
      fetch(`${url}/oauth/authorize?${form(query)}`, { redirect: 'manual' });
    const good = {
      response_type: 'code',
      force_auth: 'true',
      client_id: TEST_APP.appKey,
      redirect_uri: TEST_APP.redirectUris[0],
      state: 'st4te',
    };

    it('shows a consent page with the test buyers, Approve and Deny', async () => {
      const res = await authorize(good);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('alice.buyer@example.com');
      expect(html).toMatch(/value="approve"/);
      expect(html).toMatch(/value="deny"/);
      expect(html).toContain('value="st4te"');
    });

    it('approve redirects with a code of this app and the state; deny with access_denied', async () => {
      const approved = await authorize({ ...good, mock_decision: 'approve' });
      expect(approved.status).toBe(302);
      const location = new URL(approved.headers.get('location') as string);
      expect(`${location.origin}${location.pathname}`).toBe(TEST_APP.redirectUris[0]);
      expect(location.searchParams.get('code')).toMatch(/^3_500102_[\w-]+$/);
      expect(location.searchParams.get('state')).toBe('st4te');

      const decided = await fetch(`${url}/oauth/authorize/decide`, {
        method: 'POST',
        redirect: 'manual',
        body: form({
          client_id: TEST_APP.appKey,
          redirect_uri: TEST_APP.redirectUris[0],
          state: 'st4te',
          decision: 'deny',
        }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const denied = new URL(decided.headers.get('location') as string);
      expect(denied.searchParams.get('error')).toBe('access_denied');
      expect(denied.searchParams.get('state')).toBe('st4te');
      expect(denied.searchParams.has('code')).toBe(false);
    });

    it('refuses an unknown client, a wrong response_type and an unregistered redirect_uri without redirecting', async () => {
      for (const query of [
        { ...good, client_id: '42' },
        { ...good, response_type: 'token' },
        { ...good, redirect_uri: 'https://evil.example/cb' },
        { ...good, redirect_uri: OTHER_APP.redirectUris[0] },
      ]) {
        const res = await authorize({ ...query, mock_decision: 'approve' });
        expect(res.status).toBe(400);
        expect(res.headers.get('location')).toBeNull();
      }
    });

    it('auto-approves when configured', async () => {
      const auto = new MockAliexpressGateway({ apps: [TEST_APP], autoApprove: true });
      const started = await auto.start();
      try {
        const res = await fetch(`${started.url}/oauth/authorize?${form(good)}`, {
          redirect: 'manual',
        });
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toContain('code=3_500102_');
      } finally {
        await auto.stop();
      }
    });
  });

  describe('controls over HTTP', () => {
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${url}/__mock/${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    it('faults, clock, request log, stats and reset', async () => {
      expect(
        (
          await control('POST', 'faults', {
            kind: 'http-error',
            status: 503,
            api: '/auth/token/create',
          })
        ).status,
      ).toBe(201);
      const params = { ...base(), code: gateway.issueCode(TEST_APP.appKey) };
      const sign = signParams(params, TEST_APP.appSecret, { apiPath: '/auth/token/create' });
      expect(
        (
          await fetch(`${url}/rest/auth/token/create`, {
            method: 'POST',
            body: form({ ...params, sign }),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
        ).status,
      ).toBe(503);

      const before = gateway.now();
      const clock = (await (await control('POST', 'clock', { advanceMs: 60_000 })).json()) as Json;
      expect(clock.now).toBeGreaterThanOrEqual(before + 60_000);

      const log = (await (await control('GET', 'requests')).json()) as Json;
      expect(log.requests[0]).toMatchObject({
        verdict: 'fault:http-error',
        params: { code: '***', sign: '***' },
      });
      expect(((await (await control('GET', 'stats')).json()) as Json).tokens).toEqual({
        created: 0,
        refreshed: 0,
      });
      await control('POST', 'reset');
      expect(gateway.requests()).toHaveLength(0);
      expect(gateway.now()).toBeLessThan(before + 60_000);
    });

    it('answers 400 for an unreadable body, 405 for other verbs, never a crash', async () => {
      const noBoundary = await fetch(`${url}/sync`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data' },
        body: 'x',
      });
      expect(noBoundary.status).toBe(400);
      expect(((await noBoundary.json()) as Json).message).toMatch(/multipart/);
      const huge = await fetch(`${url}/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a='.padEnd(1_100_000, 'x'),
      }).catch((e: unknown) => e);
      // the mock refuses past 1 MiB: a 400, or the connection closed while sending
      if (huge instanceof Response) expect(huge.status).toBe(400);
      expect((await fetch(`${url}/sync`, { method: 'PUT' })).status).toBe(405);
      expect((await fetch(`${url}/__mock/clock`)).status).toBe(200);
    });

    it('answers 400 with a reason for bad control input, 404 for unknown routes', async () => {
      const bad = await control('POST', 'faults', { kind: 'explode' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as Json).message).toContain('fault.kind');
      expect((await control('POST', 'clock', 'not json')).status).toBe(400);
      expect((await control('POST', 'qps', { appKey: 'nope', limit: 1 })).status).toBe(400);
      expect((await control('GET', 'nothing')).status).toBe(404);
      expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
    });
  });

  describe('configuration', () => {
    it('refuses bad apps with a clear error', () => {
      expect(() => new MockAliexpressGateway({ apps: [] })).toThrow(MockGatewayConfigError);
      expect(
        () => new MockAliexpressGateway({ apps: [{ ...TEST_APP, appSecret: ' s ' }] }),
      ).toThrow(/apps\[0\].*appSecret.*whitespace/);
      expect(
        () => new MockAliexpressGateway({ apps: [{ ...TEST_APP, redirectUris: ['/relative'] }] }),
      ).toThrow(/not an absolute URL/);
      expect(() => gateway.injectFault({ kind: 'delay', count: 0 })).toThrow(/count/);
    });
  });
});

function createHashHmac(text: string): string {
  return createHmac('sha256', TEST_APP.appSecret).update(text).digest('hex').toUpperCase();
}
