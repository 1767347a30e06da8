import { Test, type TestingModule } from '@nestjs/testing';
import axios, { type InternalAxiosRequestConfig } from 'axios';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import {
  AliexpressAccessTokenError,
  AliexpressApiError,
  AliexpressArgumentError,
  AliexpressBusinessError,
  AliexpressGrantError,
  AliexpressRateLimitError,
  AliexpressSignatureError,
  AliexpressTimestampError,
  AliexpressModule,
  AliexpressTransportError,
  GatewayClient,
  type GatewayObject,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { LogCapture } from './support/log-capture.js';
import { isolateProxyEnvironment } from './support/proxy-environment.js';
import {
  OTHER_APP,
  TEST_APP,
  clientFor,
  mockGatewayOptions,
  startGateway,
} from './support/gateway-harness.js';

const DAY_MS = 86_400_000;

/**
 * A tunnelling proxy on 127.0.0.1, as corporate networks run them: it records every CONNECT,
 * refuses `.invalid` hosts with 502 and pipes the rest to the target.
 */
async function startConnectProxy() {
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(405);
    res.end('this proxy only tunnels');
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client);
    const target = req.url ?? '';
    connects.push(target);
    const colon = target.lastIndexOf(':');
    const host = target.slice(0, colon);
    if (host.endsWith('.invalid')) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = netConnect(Number(target.slice(colon + 1)), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('GatewayClient against the mock gateway (real HTTP)', () => {
  let gateway: MockAliexpressGateway;
  let moduleRef: TestingModule;
  let client: GatewayClient;
  const logs = new LogCapture();
  const modules: TestingModule[] = [];

  beforeAll(async () => {
    ({ gateway } = await startGateway());
    ({ moduleRef, client } = await clientFor(gateway, { timeoutMs: 500 }, logs));
  });
  afterEach(() => {
    gateway.reset();
  });
  afterAll(async () => {
    await Promise.all([moduleRef, ...modules].map((m) => m.close()));
    await gateway.stop();
  });

  async function otherClient(options: Parameters<typeof clientFor>[1]) {
    const created = await clientFor(gateway, options, logs);
    modules.push(created.moduleRef);
    return created.client;
  }

  async function connect(): Promise<GatewayObject> {
    return client.callSystem('/auth/token/create', { code: gateway.issueCode(TEST_APP.appKey) });
  }

  async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the call to fail');
  }

  describe('token create / refresh', () => {
    it('exchanges a code for the documented flat token body', async () => {
      const token = await connect();
      expect(token).toMatchObject({
        code: '0',
        user_id: '4641738246',
        expires_in: 30 * 86_400,
        refresh_expires_in: 60 * 86_400,
        account_platform: 'buyerApp',
      });
      expect(token.access_token).toMatch(/^50000\d{3}[0-9a-f]{48}$/);
      expect(typeof token.expire_time).toBe('number');
      const [entry] = gateway.requests();
      expect(entry).toMatchObject({
        endpoint: 'rest',
        path: '/rest/auth/token/create',
        verdict: 'ok',
      });
      expect(entry.params).not.toHaveProperty('method');
      expect(entry.params.timestamp).toMatch(/^\d{13}$/);
    });

    it('refuses a code used twice', async () => {
      const code = gateway.issueCode(TEST_APP.appKey);
      await client.callSystem('/auth/token/create', { code });
      const error = await rejection(client.callSystem('/auth/token/create', { code }));
      expect(error).toBeInstanceOf(AliexpressGrantError);
      expect(error).toMatchObject({ code: 'InvalidCode', apiName: '/auth/token/create' });
      expect(error.message).not.toContain(code);
    });

    it('refuses a code of another app and an expired code', async () => {
      const foreign = gateway.issueCode(OTHER_APP.appKey);
      await expect(
        client.callSystem('/auth/token/create', { code: foreign }),
      ).rejects.toMatchObject({ code: 'InvalidCode' });
      const stale = gateway.issueCode(TEST_APP.appKey);
      gateway.advanceClock(31 * 60_000);
      await expect(client.callSystem('/auth/token/create', { code: stale })).rejects.toMatchObject({
        code: 'InvalidCode',
      });
    });

    it('rotates both tokens on refresh, kills the old refresh token, keeps the refresh expiry', async () => {
      const first = await connect();
      gateway.advanceClock(DAY_MS);
      const second = await client.callSystem('/auth/token/refresh', {
        refresh_token: first.refresh_token as string,
      });
      expect(second.access_token).not.toBe(first.access_token);
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.refresh_token_valid_time).toBe(first.refresh_token_valid_time);
      expect(second.expires_in).toBe(30 * 86_400);
      // one day of the refresh token's life is spent: refreshing does not reset it
      expect(second.refresh_expires_in).toBeLessThanOrEqual(59 * 86_400);
      expect(second.refresh_expires_in).toBeGreaterThan(59 * 86_400 - 5);
      const reused = await rejection(
        client.callSystem('/auth/token/refresh', { refresh_token: first.refresh_token as string }),
      );
      expect(reused).toBeInstanceOf(AliexpressGrantError);
      expect(reused).toMatchObject({ code: 'IllegalRefreshToken' });
      expect(gateway.tokenStats()).toEqual({ created: 1, refreshed: 1 });
    });

    it('refuses a refresh token past its lifetime', async () => {
      const token = await connect();
      gateway.advanceClock(61 * DAY_MS);
      await expect(
        client.callSystem('/auth/token/refresh', { refresh_token: token.refresh_token as string }),
      ).rejects.toMatchObject({ code: 'IllegalRefreshToken' });
    });
  });

  describe('business calls', () => {
    it('keeps ids beyond 2^53 exact', async () => {
      const { access_token } = await connect();
      const response = await client.callBusiness(
        'aliexpress.ds.product.get',
        { product_id: '10050061542587941', ship_to_country: 'US' },
        access_token as string,
      );
      const result = response.result as GatewayObject;
      expect((result.ae_item_base_info_dto as GatewayObject).product_id).toBe('10050061542587941');
      const [sku] = result.ae_item_sku_info_dtos as GatewayObject[];
      expect(sku.sku_id).toBe('12000099999999999');
      // the US sub product id is a JSON number on the wire (as documented), beyond 2^53
      const converter = result.product_id_converter_result as GatewayObject;
      expect((converter.sub_product_id as GatewayObject).US).toBe('32560061542587941');
      expect(response.request_id).toMatch(/^[0-9a-f]{8}\d{17}$/);
      const [, entry] = gateway.requests();
      expect(entry).toMatchObject({
        endpoint: 'sync',
        api: 'aliexpress.ds.product.get',
        verdict: 'ok',
      });
      expect(entry.params).toMatchObject({
        method: 'aliexpress.ds.product.get',
        format: 'json',
        session: '***',
      });
    });

    it('signs and sends UTF-8 values correctly', async () => {
      const { access_token } = await connect();
      const response = await client.callBusiness(
        'aliexpress.ds.text.search',
        {
          keyWord: 'coque téléphone & étui — phone',
          local: 'fr_FR',
          countryCode: 'FR',
          currency: 'EUR',
          pageSize: 10,
        },
        access_token as string,
      );
      // text.search writes its counts as strings, as documented
      expect((response.data as GatewayObject).totalCount).toBe('1');
    });

    it('raises business failures inside a success envelope', async () => {
      const { access_token } = await connect();
      const error = await rejection(
        client.callBusiness(
          'aliexpress.ds.product.get',
          { product_id: '1', ship_to_country: 'US' },
          access_token as string,
        ),
      );
      expect(error).toBeInstanceOf(AliexpressBusinessError);
      expect(error).toMatchObject({
        code: 'ITEM_ID_NOT_FOUND',
        apiName: 'aliexpress.ds.product.get',
      });
    });

    it('refuses an unknown and an expired access token', async () => {
      await expect(
        client.callBusiness(
          'aliexpress.ds.product.get',
          { product_id: '1', ship_to_country: 'US' },
          'not-a-token',
        ),
      ).rejects.toBeInstanceOf(AliexpressAccessTokenError);
      const { access_token } = await connect();
      gateway.advanceClock(31 * DAY_MS);
      const error = await rejection(
        client.callBusiness(
          'aliexpress.ds.product.get',
          { product_id: '1005006154258794', ship_to_country: 'US' },
          access_token as string,
        ),
      );
      expect(error).toMatchObject({ code: 'IllegalAccessToken', type: 'ISV' });
    });

    it('reports MissingParameter and InvalidApiPath', async () => {
      const { access_token } = await connect();
      await expect(
        client.callBusiness(
          'aliexpress.ds.product.get',
          { ship_to_country: 'US' },
          access_token as string,
        ),
      ).rejects.toMatchObject({
        code: 'MissingParameter',
        message: expect.stringContaining('\u201cproduct_id\u201d'),
      });
      await expect(
        client.callBusiness('aliexpress.ds.nothing.here', {}, access_token as string),
      ).rejects.toMatchObject({
        code: 'InvalidApiPath',
      });
      await expect(client.callSystem('/auth/nothing')).rejects.toMatchObject({
        code: 'InvalidApiPath',
      });
    });
  });

  describe('gateway refusals before the business', () => {
    it('IncompleteSignature with the mock diagnosis, never the secret', async () => {
      const wrong = await otherClient({ appSecret: `${TEST_APP.appSecret}x` });
      const error = await rejection(wrong.callSystem('/auth/token/create', { code: 'whatever' }));
      expect(error).toBeInstanceOf(AliexpressSignatureError);
      const diagnosis = (error as AliexpressSignatureError).diagnosis;
      expect(diagnosis?.expectedCanonical).toMatch(
        /^\/auth\/token\/createapp_key500102code\*\*\*sign_methodsha256timestamp\d{13}$/,
      );
      expect(error.message).not.toContain(TEST_APP.appSecret);
    });

    it('InvalidAppKey for an unregistered key', async () => {
      const stranger = await otherClient({ appKey: '999999' });
      await expect(stranger.callSystem('/auth/token/create', { code: 'x' })).rejects.toMatchObject({
        code: 'InvalidAppKey',
      });
    });

    it('IllegalTimestamp for a clock more than 7200 s off', async () => {
      const skewed = await otherClient({ clock: { now: () => gateway.now() + 7201_000 } });
      await expect(skewed.callSystem('/auth/token/create', { code: 'x' })).rejects.toBeInstanceOf(
        AliexpressTimestampError,
      );
      const fine = await otherClient({ clock: { now: () => gateway.now() - 7100_000 } });
      await expect(fine.callSystem('/auth/token/create', { code: 'x' })).rejects.toMatchObject({
        code: 'InvalidCode',
      });
    });

    it('ApiCallLimit past the per-app QPS limit', async () => {
      gateway.setQpsLimit(TEST_APP.appKey, 2);
      const results = await Promise.allSettled(
        [1, 2, 3].map(() => client.callSystem('/auth/token/create', { code: 'x' })),
      );
      const limited = results.filter(
        (r) => r.status === 'rejected' && r.reason instanceof AliexpressRateLimitError,
      );
      expect(limited).toHaveLength(1);
    });
  });

  describe('faults', () => {
    const call = () => client.callSystem('/auth/token/create', { code: 'x' });

    it('HTTP 5xx is a transport error with its status', async () => {
      gateway.injectFault({ kind: 'http-error', status: 503 });
      await expect(call()).rejects.toMatchObject({ kind: 'http-status', status: 503 });
    });

    it('an HTML error page is a transport error, as is a non-JSON 200', async () => {
      gateway.injectFault({ kind: 'html-error' });
      await expect(call()).rejects.toMatchObject({ kind: 'http-status', status: 502 });
      gateway.injectFault({ kind: 'html-error', status: 200 });
      const error = await rejection(call());
      expect(error).toBeInstanceOf(AliexpressTransportError);
      expect(error).toMatchObject({ kind: 'invalid-body', status: 200 });
    });

    it('a delay beyond the timeout is a timeout; the request was processed', async () => {
      gateway.injectFault({ kind: 'delay', delayMs: 2_000, api: '/auth/token/create' });
      const code = gateway.issueCode(TEST_APP.appKey);
      await expect(client.callSystem('/auth/token/create', { code })).rejects.toMatchObject({
        kind: 'timeout',
      });
      expect(gateway.tokenStats().created).toBe(1);
    });

    it('a connection reset is a connection error that may have reached the gateway', async () => {
      gateway.injectFault({ kind: 'reset' });
      await expect(call()).rejects.toMatchObject({
        kind: 'connection',
        mayHaveReachedGateway: true,
      });
    });

    it('ApiCallLimit announces its ban; an ISP error keeps its sub code', async () => {
      gateway.injectFault({ kind: 'api-call-limit', banSeconds: 3 });
      const limited = await rejection(call());
      expect(limited).toBeInstanceOf(AliexpressRateLimitError);
      expect((limited as AliexpressRateLimitError).retryAfterMs).toBe(3_000);
      gateway.injectFault({ kind: 'isp-error' });
      const isp = await rejection(call());
      expect(isp).toBeInstanceOf(AliexpressApiError);
      expect(isp).toMatchObject({ type: 'ISP', code: '15', subCode: 'isp.service-unavailable' });
    });

    it('faults target one API and run out after count', async () => {
      const { access_token } = await connect();
      gateway.injectFault({ kind: 'http-error', api: 'aliexpress.ds.product.get', count: 2 });
      await expect(connect()).resolves.toBeDefined();
      const product = () =>
        client.callBusiness(
          'aliexpress.ds.product.get',
          { product_id: '1005006154258794', ship_to_country: 'US' },
          access_token as string,
        );
      await expect(product()).rejects.toMatchObject({ kind: 'http-status' });
      await expect(product()).rejects.toMatchObject({ kind: 'http-status' });
      await expect(product()).resolves.toHaveProperty('result');
    });

    it('a refused connection never reached the gateway', async () => {
      const closed = await otherClient({ baseUrl: 'http://127.0.0.1:1' });
      await expect(closed.callSystem('/auth/token/create', { code: 'x' })).rejects.toMatchObject({
        kind: 'connection',
        mayHaveReachedGateway: false,
      });
    });
  });

  describe('bad arguments', () => {
    it('refuses a system path on /sync, reserved parameters and an empty token before any request', async () => {
      await expect(client.callBusiness('/auth/token/create', {}, 'tok')).rejects.toThrow(
        /callSystem\(\)/,
      );
      await expect(
        client.callBusiness('aliexpress.ds.product.get', { sign: 'x' }, 'tok'),
      ).rejects.toBeInstanceOf(AliexpressArgumentError);
      await expect(client.callBusiness('aliexpress.ds.product.get', {}, '')).rejects.toMatchObject({
        argument: 'accessToken',
      });
      await expect(client.callSystem('auth/token/create')).rejects.toMatchObject({
        argument: 'apiPath',
      });
      expect(gateway.requests()).toHaveLength(0);
    });
  });

  it('writes one verbose line per gateway call and none at debug, so Nest log levels turn them on or off', async () => {
    logs.lines.length = 0;
    const code = gateway.issueCode(TEST_APP.appKey);
    const token = await client.callSystem('/auth/token/create', { code });
    gateway.injectFault({ kind: 'http-error', status: 503, api: 'aliexpress.ds.product.get' });
    await client
      .callBusiness('aliexpress.ds.product.get', { product_id: '1' }, token.access_token as string)
      .catch(() => undefined);
    const gatewayLines = logs.lines.filter(
      (l) => l.endsWith('"AliexpressGateway"') || l.endsWith(' AliexpressGateway'),
    );
    expect(gatewayLines.filter((l) => l.startsWith('[debug]'))).toEqual([]);
    const verbose = gatewayLines.filter((l) => l.startsWith('[verbose]'));
    expect(verbose).toEqual([
      expect.stringMatching(
        /^\[verbose\] POST \/rest\/auth\/token\/create params=\[[^\]]*\] → HTTP 200 in \d+ ms/,
      ),
      expect.stringMatching(
        /^\[verbose\] POST \/sync aliexpress\.ds\.product\.get params=\[[^\]]*\] → HTTP 503 in \d+ ms/,
      ),
    ]);
    expect(logs.leaks([code, token.access_token as string, TEST_APP.appSecret])).toEqual([]);
  });

  it('logs no secret, token, code, sign or parameter value', async () => {
    const code = gateway.issueCode(TEST_APP.appKey);
    const token = await client.callSystem('/auth/token/create', { code });
    const refreshed = await client.callSystem('/auth/token/refresh', {
      refresh_token: token.refresh_token as string,
    });
    await client.callBusiness(
      'aliexpress.ds.product.get',
      { product_id: '1005006154258794', ship_to_country: 'US' },
      refreshed.access_token as string,
    );
    const debugLines = logs.lines.filter((l) => l.startsWith('[verbose]') && l.includes('POST /'));
    expect(debugLines.length).toBeGreaterThanOrEqual(3);
    // the parameters are named, their values never written (personal data and secrets alike)
    expect(debugLines.some((l) => /params=\[[^\]]*\bcode\b/.test(l))).toBe(true);
    expect(debugLines.some((l) => l.includes('1005006154258794'))).toBe(false);
    const signs = gateway.requests().map((r) => r.params.sign);
    expect(signs.every((s) => s === '***')).toBe(true);
    expect(
      logs.leaks([
        TEST_APP.appSecret,
        code,
        token.access_token as string,
        token.refresh_token as string,
        refreshed.access_token as string,
        refreshed.refresh_token as string,
      ]),
    ).toEqual([]);
    expect(JSON.stringify(gateway.requests())).not.toContain(code);
  });

  describe("transport: the module's own axios instance, proxies from the environment", () => {
    isolateProxyEnvironment();
    let proxy: Awaited<ReturnType<typeof startConnectProxy>>;
    beforeAll(async () => {
      proxy = await startConnectProxy();
    });
    beforeEach(() => {
      proxy.connects.length = 0;
    });
    afterAll(async () => {
      await proxy.close();
    });

    it("an application's global axios interceptors never see the gateway's requests", async () => {
      const calls: unknown[] = [];
      const interceptor = axios.interceptors.request.use((config) => {
        calls.push(config.url);
        return config;
      });
      try {
        const moduleRef = await Test.createTestingModule({
          imports: [
            AliexpressModule.forRoot({ ...mockGatewayOptions(gateway), controller: false }),
          ],
        }).compile();
        modules.push(moduleRef);
        await moduleRef.init();
        const token = await moduleRef
          .get(GatewayClient)
          .callSystem('/auth/token/create', { code: gateway.issueCode(TEST_APP.appKey) });
        expect(token.access_token).toEqual(expect.any(String));
        expect(calls).toEqual([]);
        expect(gateway.requests()).toHaveLength(1);
      } finally {
        axios.interceptors.request.eject(interceptor);
      }
    });

    it('HTTP_PROXY: the request goes through the proxy (CONNECT) and still succeeds', async () => {
      process.env.HTTP_PROXY = proxy.url;
      const proxied = await otherClient({});
      const token = await proxied.callSystem('/auth/token/create', {
        code: gateway.issueCode(TEST_APP.appKey),
      });
      expect(token.code).toBe('0');
      expect(proxy.connects).toEqual([new URL(gateway.url).host]);
      expect(gateway.requests()).toHaveLength(1);
    });

    it('https_proxy (lower case): an HTTPS gateway is reached by a CONNECT tunnel, host name unresolved locally', async () => {
      process.env.https_proxy = proxy.url;
      const proxied = await otherClient({ baseUrl: 'https://api-sg.aliexpress.invalid' });
      const error = await rejection(proxied.callSystem('/auth/token/create', { code: 'x' }));
      // without the proxy this would be a local DNS failure (ENOTFOUND) before any CONNECT
      expect(proxy.connects).toEqual(['api-sg.aliexpress.invalid:443']);
      expect(error).toBeInstanceOf(AliexpressTransportError);
      expect(error).toMatchObject({ kind: 'connection' });
    });

    it('NO_PROXY bypasses the proxy for the gateway host', async () => {
      process.env.HTTP_PROXY = proxy.url;
      process.env.NO_PROXY = 'example.com,127.0.0.1';
      const direct = await otherClient({});
      await direct.callSystem('/auth/token/create', { code: gateway.issueCode(TEST_APP.appKey) });
      expect(proxy.connects).toEqual([]);
      expect(gateway.requests()).toHaveLength(1);
    });

    it('a redirect is answered as it is, never followed', async () => {
      const server = createServer((req, res) => {
        req.resume();
        res.writeHead(302, { Location: `${gateway.url}/rest/auth/token/create` });
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const redirected = await otherClient({ baseUrl: `http://127.0.0.1:${port}` });
        const error = await rejection(
          redirected.callSystem('/auth/token/create', { code: gateway.issueCode(TEST_APP.appKey) }),
        );
        expect(error).toMatchObject({ kind: 'http-status', status: 302 });
        expect(gateway.requests()).toHaveLength(0);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe("isolation from the application's global axios", () => {
    it('app-wide axios interceptors and default headers never see or reach gateway requests', async () => {
      // what an application may do for its own APIs: log every request, add a bearer token
      const seen: InternalAxiosRequestConfig[] = [];
      const interceptor = axios.interceptors.request.use((config) => {
        seen.push(config);
        return config;
      });
      axios.defaults.headers.common.Authorization = 'Bearer app-wide-token';
      const received: IncomingHttpHeaders[] = [];
      const server = createServer((req, res) => {
        received.push(req.headers);
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end('{"code":"0","access_token":"x"}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const isolated = await otherClient({ baseUrl: `http://127.0.0.1:${port}` });
        await isolated.callSystem('/auth/token/create', { code: '3_500102_isolation' });
        expect(received).toHaveLength(1);
        expect(received[0].authorization).toBeUndefined();
        expect(received[0]['content-type']).toBe('application/x-www-form-urlencoded;charset=utf-8');
        expect(seen).toEqual([]);
      } finally {
        axios.interceptors.request.eject(interceptor);
        delete axios.defaults.headers.common.Authorization;
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
