import {
  AliexpressApiError,
  AliexpressGrantError,
  AliexpressRateLimitError,
  AliexpressTransportError,
  DropshippingService,
  GatewayClient,
  MemoryTokenStore,
  TokenService,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import {
  CONFORMANCE_ACCOUNT,
  startConformanceHarness,
  type ConformanceHarness,
} from '../support/conformance-harness.js';
import { TEST_APP, clientFor, startGateway } from '../support/gateway-harness.js';
import { compareShapes, shapeOf } from '../support/json-shape.js';
import { expectSameShape } from '../support/json-shape.expect.js';
import { loadPlatformFixture } from '../support/platform-fixtures.js';

const DAY_S = 86_400;
const PHONE_CASE = '1005006154258794';

describe('conformance: system answers (token create/refresh) and the gateway error envelope', () => {
  let harness: ConformanceHarness;
  let client: GatewayClient;
  beforeAll(async () => {
    harness = await startConformanceHarness();
    client = harness.moduleRef.get(GatewayClient);
  });
  afterAll(() => harness.close());

  describe('documented token samples', () => {
    it.each([
      ['/auth/token/create', 'success'],
      ['/auth/token/create', 'demo'],
      ['/auth/token/refresh', 'success'],
      ['/auth/token/refresh', 'success-authorize-page'],
      ['/auth/token/refresh', 'demo'],
    ])('%s %s: the flat body with code "0" is read as a success, values kept', async (api, c) => {
      const fixture = harness.replay(api, c);
      const grant = api === '/auth/token/create' ? { code: 'c' } : { refresh_token: 'r' };
      await expect(client.callSystem(api, grant)).resolves.toEqual(fixture.body);
    });

    it('the token body inside the SDK wrapper (gopResponseBody) is what TokenService reads', async () => {
      const wrapper = loadPlatformFixture('/auth/token/create', 'sdk-wrapper');
      const inner = (wrapper.body as { gopResponseBody: string }).gopResponseBody;
      harness.gateway.injectFault({ kind: 'json-body', api: '/auth/token/create', text: inner });
      const token = await harness.moduleRef.get(TokenService).exchangeCode('3_500102_sample');
      // an app in test status: 1 day and 2 days, absolute times in epoch ms as sent
      expect(token).toMatchObject({
        accountId: 'Your-UserID',
        accessToken: 'Your-accesstoken',
        refreshToken: 'Your-refreshtoken',
        accessExpiresAt: 1711693026000,
        refreshExpiresAt: 1711779426000,
      });
    });

    it('the SDK wrapper itself is not an HTTP body: refused as an unexpected shape, nothing leaked', async () => {
      // the Java/PHP SDK prints it around the body; the gateway never sends it, so it is not read
      harness.replay('/auth/token/create', 'sdk-wrapper');
      const error = await harness.moduleRef
        .get(TokenService)
        .exchangeCode('3_500102_wrapped')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressTransportError);
      expect(error).toMatchObject({ kind: 'unexpected-shape', apiName: '/auth/token/create' });
      expect((error as Error).message).not.toContain('Your-accesstoken');
    });
  });

  describe('shapes: the mock answers as the pages document', () => {
    it("the mock's token answer has the captured body's paths and types", async () => {
      const mine = await client.callSystem('/auth/token/create', {
        code: harness.gateway.issueCode(TEST_APP.appKey),
      });
      const wrapper = loadPlatformFixture('/auth/token/create', 'sdk-wrapper');
      const documented = (wrapper.body as { gopResponseBody: string }).gopResponseBody;
      expectSameShape(shapeOf(documented), JSON.stringify(mine));
      const refreshed = await client.callSystem('/auth/token/refresh', {
        refresh_token: mine.refresh_token as string,
      });
      const captured = loadPlatformFixture('/auth/token/refresh', 'success').text;
      const difference = compareShapes(shapeOf(captured), shapeOf(JSON.stringify(refreshed)));
      expect(difference.missing).toEqual([]);
      expect(difference.extra).toEqual([]);
      // the page redacts both tokens as null; the mock sends them as strings
      expect(difference.mismatched).toEqual([
        'access_token: null ≠ string',
        'refresh_token: null ≠ string',
      ]);
    });

    it("the mock's error_response has the documented paths, types and values", async () => {
      harness.gateway.injectFault({
        kind: 'isp-error',
        api: 'aliexpress.trade.ds.order.get',
        subCode: 'isv.insufficient-permission',
      });
      const response = await fetch(`${harness.gateway.url}/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'aliexpress.trade.ds.order.get' }).toString(),
      });
      const text = await response.text();
      const documented = loadPlatformFixture(
        'aliexpress.trade.ds.order.get',
        'failure-insufficient-permission',
      );
      expectSameShape(shapeOf(documented.text), text);
      const body = JSON.parse(text) as { error_response: Record<string, string> };
      expect(body.error_response).toMatchObject({
        code: '15',
        type: 'ISP',
        sub_code: 'isv.insufficient-permission',
        sub_msg: 'Insufficient permission.',
        msg: 'Remote service error',
      });
      expect(body.error_response.request_id).toMatch(/^[0-9a-f]{8}\d{17}$/);
    });
  });

  it('isv.insufficient-permission over HTTP: raised once with its sub-code, never retried', async () => {
    const { gateway } = harness;
    gateway.clearRequests();
    gateway.injectFault({
      kind: 'isp-error',
      api: 'aliexpress.trade.ds.order.get',
      subCode: 'isv.insufficient-permission',
      count: 5,
    });
    const retrying = await clientFor(gateway, {
      tokenStore: new MemoryTokenStore(),
      retry: { maxRetries: 3, initialDelayMs: 1 },
    });
    try {
      await retrying.moduleRef.get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey));
      gateway.clearRequests();
      const error = await retrying.moduleRef
        .get(DropshippingService)
        .getOrder(CONFORMANCE_ACCOUNT, { orderId: '8198352049851315' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressApiError);
      expect(error).toMatchObject({ code: '15', subCode: 'isv.insufficient-permission' });
      expect(
        gateway.requests().filter((r) => r.api === 'aliexpress.trade.ds.order.get'),
      ).toHaveLength(1);
    } finally {
      gateway.clearFaults();
      await retrying.moduleRef.close();
    }
  });
});

describe('limits as documented, on the mock', () => {
  let gateway: MockAliexpressGateway;
  let client: GatewayClient;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ gateway } = await startGateway());
    const made = await clientFor(gateway, { tokenStore: new MemoryTokenStore() });
    client = made.client;
    close = () => made.moduleRef.close();
  });
  afterAll(async () => {
    await close();
    await gateway.stop();
  });
  beforeEach(() => gateway.reset());

  it('an OAuth code lives 3 minutes: good at 2:59, InvalidCode at 3:01', async () => {
    const fresh = gateway.issueCode(TEST_APP.appKey);
    gateway.advanceClock(179_000);
    await expect(client.callSystem('/auth/token/create', { code: fresh })).resolves.toMatchObject({
      code: '0',
    });
    const stale = gateway.issueCode(TEST_APP.appKey);
    gateway.advanceClock(181_000);
    const error = await client
      .callSystem('/auth/token/create', { code: stale })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AliexpressGrantError);
    expect(error).toMatchObject({ code: 'InvalidCode' });
  });

  it('a code is good once', async () => {
    const code = gateway.issueCode(TEST_APP.appKey);
    await client.callSystem('/auth/token/create', { code });
    await expect(client.callSystem('/auth/token/create', { code })).rejects.toMatchObject({
      code: 'InvalidCode',
    });
  });

  it('the mock refuses a uuid with InvalidCode, and TokenService never sends one', async () => {
    const code = gateway.issueCode(TEST_APP.appKey);
    await expect(
      client.callSystem('/auth/token/create', { code, uuid: 'a-uuid' }),
    ).rejects.toMatchObject({ code: 'InvalidCode' });

    const { moduleRef } = await clientFor(gateway, { tokenStore: new MemoryTokenStore() });
    try {
      gateway.clearRequests();
      await moduleRef.get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey));
      const [create] = gateway.requests().filter((r) => r.api === '/auth/token/create');
      expect(create.verdict).toBe('ok');
      expect(Object.keys(create.params)).not.toContain('uuid');
    } finally {
      await moduleRef.close();
    }
  });

  it('a launched app gets 30 / 60 days, an app in test status 1 / 2 days', async () => {
    const launched = await client.callSystem('/auth/token/create', {
      code: gateway.issueCode(TEST_APP.appKey),
    });
    expect(launched).toMatchObject({ expires_in: 30 * DAY_S, refresh_expires_in: 60 * DAY_S });

    const test = await startGateway({ apps: [{ ...TEST_APP, status: 'test' }] });
    const other = await clientFor(test.gateway, { tokenStore: new MemoryTokenStore() });
    try {
      const answer = await other.client.callSystem('/auth/token/create', {
        code: test.gateway.issueCode(TEST_APP.appKey),
      });
      expect(answer).toMatchObject({ expires_in: DAY_S, refresh_expires_in: 2 * DAY_S });
    } finally {
      await other.moduleRef.close();
      await test.gateway.stop();
    }
  });

  it('per-method QPS: past the limit the mock answers ApiCallLimit with the documented message; the default pacing keeps under it', async () => {
    gateway.setMethodQpsLimit('aliexpress.ds.product.get', 2);
    const burst = async (options: object) => {
      const made = await clientFor(gateway, {
        tokenStore: new MemoryTokenStore(),
        retry: { maxRetries: 0 },
        ...options,
      });
      try {
        await made.moduleRef.get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey));
        const ds = made.moduleRef.get(DropshippingService);
        return await Promise.all(
          Array.from({ length: 3 }, () =>
            ds.getProduct(CONFORMANCE_ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'US' }).then(
              () => 'ok',
              (e: unknown) => e,
            ),
          ),
        );
      } finally {
        await made.moduleRef.close();
      }
    };

    const unpaced = await burst({ qpsLimits: false });
    const refused = unpaced.filter((r) => r instanceof AliexpressRateLimitError);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: 'ApiCallLimit', retryAfterMs: 1000 });
    expect((refused[0] as Error).message).toContain(
      'Api access frequency exceeds the limit. this ban will last 1 seconds',
    );

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const paced = await burst({ qpsLimits: { 'aliexpress.ds.product.get': 2 } });
    expect(paced).toEqual(['ok', 'ok', 'ok']);
  });
});
