import { Logger } from '@nestjs/common';
import { sampleOrder } from '../../../../test/support/order-fixtures.js';
import { expectValidationError } from '../../../../test/support/validation-error.expect.js';
import { resolveOptions } from '../config/resolve-options.js';
import {
  AccountNotConnectedError,
  AliexpressAccessTokenError,
  AliexpressArgumentError,
  AliexpressBusinessError,
  AliexpressSignatureError,
  AliexpressTransportError,
  AmbiguousOrderStateError,
  ReauthorizationRequiredError,
  TokenStoreError,
  createApiError,
} from '../errors/aliexpress.errors.js';
import { readBusinessEnvelope, responseKey } from '../gateway/gateway-envelope.reader.js';
import type { GatewayClient } from '../gateway/gateway.client.js';
import { parseGatewayJson, type GatewayObject } from '../gateway/gateway-json.parser.js';
import type { ParamRecord } from '../signing/sign-params.js';
import type { TokenService } from '../tokens/token.service.js';
import { DropshippingService } from './dropshipping.service.js';

const ACCOUNT = '4641738246';
const ORDER_CREATE = 'aliexpress.ds.order.create';

/** What the gateway does on one call: answer a raw body (read by the real envelope reader) or fail. */
type Step = { body: string } | { error: Error };

/**
 * A `GatewayClient` as the service sees it (`callBusiness` only), answering from a script. Bodies
 * go through the real envelope reader, so business failures are raised exactly as in production.
 */
class ScriptedGateway implements Pick<GatewayClient, 'callBusiness'> {
  readonly calls: Array<{ method: string; params: ParamRecord; accessToken: string }> = [];
  private readonly steps: Step[] = [];

  script(...steps: Step[]): this {
    this.steps.push(...steps);
    return this;
  }

  async callBusiness(
    method: string,
    params: ParamRecord,
    accessToken: string,
  ): Promise<GatewayObject> {
    this.calls.push({ method, params, accessToken });
    const step = this.steps.shift();
    if (!step) throw new Error(`unscripted call of ${method}`);
    if ('error' in step) throw step.error;
    // a network answer arrives on a later tick, as over HTTP
    const body = await Promise.resolve(step.body);
    return readBusinessEnvelope(parseGatewayJson(body), method);
  }
}

/** A `TokenService` as the service sees it (`withAccessToken` only), for one connected account. */
class OneAccountTokens implements Pick<TokenService, 'withAccessToken'> {
  used = 0;
  /** Errors the token phase raises, one per call, before the call is made (a failed refresh). */
  readonly refreshFailures: Error[] = [];
  /** Errors a refresh raises after the gateway refused the access token (`IllegalAccessToken`). */
  readonly retryRefreshFailures: Error[] = [];

  async withAccessToken<T>(accountId: string, call: (accessToken: string) => Promise<T>) {
    if (accountId !== ACCOUNT) throw new AccountNotConnectedError({ accountId });
    this.used++;
    const before = this.refreshFailures.shift();
    if (before) throw before;
    try {
      return await call(`access-${accountId}`);
    } catch (error) {
      if (!(error instanceof AliexpressAccessTokenError)) throw error;
      const after = this.retryRefreshFailures.shift();
      if (after) throw after;
      return call(`access-${accountId}-refreshed`);
    }
  }
}

const success = (method: string, inner: string) => ({
  body: `{"${responseKey(method)}":${inner.slice(0, -1)},"request_id":"r1"}}`,
});
const transport = (kind: 'timeout' | 'connection' | 'http-status', reached = true) => ({
  error: new AliexpressTransportError({
    kind,
    apiName: 'api',
    message: kind,
    status: kind === 'http-status' ? 503 : undefined,
    mayHaveReachedGateway: reached,
  }),
});
const gatewayError = (code: string, type = 'ISV', subCode?: string) => ({
  error: createApiError({ type, code, message: 'm', subCode, apiName: 'api' }),
});

const ORDER = sampleOrder('1005006154258794', '14:350853#Black');
const PLACED = success(
  ORDER_CREATE,
  '{"result":{"is_success":true,"order_list":{"number":[8198352049851315000]}}}',
);

describe('DropshippingService', () => {
  let gateway: ScriptedGateway;
  let tokens: OneAccountTokens;
  let service: DropshippingService;

  afterEach(() => vi.restoreAllMocks());
  beforeEach(() => {
    gateway = new ScriptedGateway();
    tokens = new OneAccountTokens();
    service = new DropshippingService(
      tokens as unknown as TokenService,
      gateway as unknown as GatewayClient,
      resolveOptions({
        appKey: '500102',
        appSecret: 'test-secret',
        retry: { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 2 },
      }),
    );
  });

  describe('validation before any request', () => {
    it.each<[string, () => Promise<unknown>, string[]]>([
      [
        'a product id that is a number',
        () => service.getProduct(ACCOUNT, { productId: 1 as never, shipToCountry: 'US' }),
        ['productId'],
      ],
      [
        'a search without keyword',
        () => service.searchProducts(ACCOUNT, { countryCode: 'US' } as never),
        ['keyword'],
      ],
      [
        'freight for zero items in a three-letter country',
        () =>
          service.queryFreight(ACCOUNT, {
            productId: '1',
            skuId: '2',
            quantity: 0,
            shipToCountry: 'USA',
          }),
        ['quantity', 'shipToCountry'],
      ],
      [
        'an order without items',
        () => service.createOrder(ACCOUNT, { ...ORDER, items: [] }),
        ['items'],
      ],
      [
        'an order id with letters',
        () => service.getOrder(ACCOUNT, { orderId: 'abc' }),
        ['orderId'],
      ],
      ['no input', () => service.getOrderTracking(ACCOUNT, null as never), ['input']],
    ])('%s: a validation error, no token taken, nothing sent', async (_case, run, fields) => {
      await expectValidationError(run, fields);
      expect(tokens.used).toBe(0);
      expect(gateway.calls).toEqual([]);
    });

    describe('hostile inputs: the library error before any token or request, never a crash', () => {
      /** `{ x: { x: … } }`, `levels` deep. */
      const nested = (levels: number) => {
        const root: Record<string, unknown> = {};
        let current = root;
        for (let i = 0; i < levels; i++) current = current.x = {};
        return root;
      };
      const deep = nested(5000);
      const methods: Array<[string, (input: never) => Promise<unknown>]> = [
        ['getProduct', (input) => service.getProduct(ACCOUNT, input)],
        ['searchProducts', (input) => service.searchProducts(ACCOUNT, input)],
        ['queryFreight', (input) => service.queryFreight(ACCOUNT, input)],
        ['createOrder', (input) => service.createOrder(ACCOUNT, input)],
        ['getOrder', (input) => service.getOrder(ACCOUNT, input)],
        ['getOrderTracking', (input) => service.getOrderTracking(ACCOUNT, input)],
        ['getCategories', (input) => service.getCategories(ACCOUNT, input)],
        ['getFeedItemIds', (input) => service.getFeedItemIds(ACCOUNT, input)],
        ['feedItemIds', (input) => service.feedItemIds(ACCOUNT, input).next()],
        ['searchByImage', (input) => service.searchByImage(ACCOUNT, input)],
        ['getAddressTree', (input) => service.getAddressTree(ACCOUNT, input)],
        ['calculateFreight', (input) => service.calculateFreight(ACCOUNT, input)],
        ['getWholesaleProduct', (input) => service.getWholesaleProduct(ACCOUNT, input)],
      ];
      const hostile: Array<[string, unknown, string[]]> = [
        ['null', null, ['input']],
        ['an array', [{ orderId: '1' }], ['input']],
        ['a string', 'x', ['input']],
        [
          'a body nested 5,000 levels deep',
          { deep },
          [expect.stringMatching(/^deep(\.x)+$/) as never],
        ],
        ['an array nested in an array', { items: [[{ productId: '1' }]] }, ['items']],
      ];
      it.each(
        methods.flatMap(([name, run]) =>
          hostile.map(([what, input, fields]) => [name, what, run, input, fields] as const),
        ),
      )('%s with %s', async (_name, _what, run, input, fields) => {
        await expectValidationError(async () => run(input as never), fields);
        expect(tokens.used).toBe(0);
        expect(gateway.calls).toEqual([]);
      });

      it('createOrder without address, or with items nested in an array, names the field', async () => {
        const { address: _address, ...withoutAddress } = ORDER;
        await expectValidationError(
          () => service.createOrder(ACCOUNT, withoutAddress as never),
          ['address'],
        );
        await expectValidationError(
          () => service.createOrder(ACCOUNT, { ...ORDER, items: [ORDER.items] as never }),
          ['items'],
        );
        expect(gateway.calls).toEqual([]);
      });

      it('call() refuses parameters nested 5,000 levels deep', async () => {
        await expectValidationError(
          () => service.call(ACCOUNT, 'aliexpress.ds.product.get', { deep }),
          [expect.stringMatching(/^deep(\.x)+$/) as never],
        );
        expect(gateway.calls).toEqual([]);
      });
    });

    it('call() refuses order creation, which must go through createOrder()', async () => {
      await expect(service.call(ACCOUNT, ORDER_CREATE, {})).rejects.toBeInstanceOf(
        AliexpressArgumentError,
      );
      expect(gateway.calls).toEqual([]);
    });

    it('an account that is not connected fails before the gateway', async () => {
      await expect(service.getOrder('999', { orderId: '1' })).rejects.toBeInstanceOf(
        AccountNotConnectedError,
      );
      expect(gateway.calls).toEqual([]);
    });
  });

  describe('requests and normalised results', () => {
    it('getProduct: parameters in the platform names, the account token, exact ids and money', async () => {
      gateway.script(
        success(
          'aliexpress.ds.product.get',
          `{"result":{"ae_item_base_info_dto":{"product_id":10050061542587941,"subject":"Case","currency_code":"EUR"},
            "ae_item_sku_info_dtos":{"ae_item_sku_info_d_t_o":{"sku_id":12000036032948733,"sku_price":"12.90","sku_available_stock":"3"}},
            "ae_multimedia_info_dto":{"image_urls":"https://a/1.jpg; https://a/2.jpg"}}}`,
        ),
      );
      const product = await service.getProduct(ACCOUNT, {
        productId: '10050061542587941',
        shipToCountry: 'FR',
        targetCurrency: 'EUR',
      });
      expect(gateway.calls).toEqual([
        {
          method: 'aliexpress.ds.product.get',
          params: {
            product_id: '10050061542587941',
            ship_to_country: 'FR',
            target_currency: 'EUR',
            target_language: undefined,
            remove_personal_benefit: undefined,
          },
          accessToken: `access-${ACCOUNT}`,
        },
      ]);
      expect(product).toMatchObject({
        productId: '10050061542587941',
        title: 'Case',
        images: ['https://a/1.jpg', 'https://a/2.jpg'],
        skus: [
          {
            skuId: '12000036032948733',
            price: { amount: '12.90', currency: 'EUR' },
            stock: 3,
            available: true,
          },
        ],
      });
    });

    it('searchProducts and queryFreight: defaults sent, lists unwrapped, fees in currency units', async () => {
      gateway.script(
        success(
          'aliexpress.ds.text.search',
          '{"data":{"totalCount":1,"products":{"selection_search_product":{"itemId":"1","title":"T","salePrice":"8.99","salePriceCurrency":"USD"}}}}',
        ),
        success(
          'aliexpress.ds.freight.query',
          '{"result":{"success":true,"delivery_options":{"delivery_option_d_t_o":[{"code":"STD","shipping_fee_cent":"1.74","shipping_fee_currency":"USD","free_shipping":"true"}]}}}',
        ),
      );
      const page = await service.searchProducts(ACCOUNT, { keyword: 'case', countryCode: 'US' });
      expect(page).toEqual({
        totalCount: 1,
        pageIndex: 1,
        pageSize: 1,
        products: [
          expect.objectContaining({
            productId: '1',
            salePrice: { amount: '8.99', currency: 'USD' },
          }),
        ],
      });
      expect(gateway.calls[0].params).toMatchObject({
        keyWord: 'case',
        local: 'en_US',
        currency: 'USD',
      });

      const options = await service.queryFreight(ACCOUNT, {
        productId: '1',
        skuId: '2',
        quantity: 1,
        shipToCountry: 'US',
        provinceCode: 'CA',
      });
      expect(options).toEqual([
        expect.objectContaining({
          code: 'STD',
          fee: { amount: '1.74', currency: 'USD' },
          freeShipping: true,
        }),
      ]);
      expect(gateway.calls[1].params).toEqual({
        queryDeliveryReq: {
          quantity: 1,
          shipToCountry: 'US',
          productId: '1',
          selectedSkuId: '2',
          language: 'en_US',
          locale: 'en_US',
          currency: 'USD',
          provinceCode: 'CA',
        },
      });
    });

    it('createOrder: snake_case request with a generated out_order_id; order ids beyond 2^53 stay exact', async () => {
      gateway.script(PLACED);
      const created = await service.createOrder(ACCOUNT, { ...ORDER, tryToPay: false });
      expect(created.outOrderId).toMatch(/^ae[0-9a-f]{30}$/);
      expect(created.orderIds).toEqual(['8198352049851315000']);
      const sent = gateway.calls[0].params;
      expect(sent.param_place_order_request4_open_api_d_t_o).toEqual({
        out_order_id: created.outOrderId,
        logistics_address: {
          address: '12 Analytical Engine St',
          city: 'London',
          province: 'Greater London',
          country: 'GB',
          zip: 'N1 9GU',
          full_name: 'Ada Lovelace',
          mobile_no: '7700900123',
          phone_country: '+44',
        },
        product_items: [
          { product_id: '1005006154258794', product_count: 2, sku_attr: '14:350853#Black' },
        ],
      });
      expect(sent.ds_extend_request).toEqual({
        payment: { pay_currency: undefined, try_to_pay: false },
      });
    });

    it('getOrder and getOrderTracking: the requested id, lines and parcels', async () => {
      gateway.script(
        success(
          'aliexpress.trade.ds.order.get',
          '{"result":{"order_status":"PLACE_ORDER_SUCCESS","order_amount":{"amount":"19.98","currency_code":"USD"},"child_order_list":{"aeop_child_order_info":[{"product_id":1,"product_count":2}]}}}',
        ),
        success(
          'aliexpress.ds.order.tracking.get',
          '{"result":{"ret":true,"data":{"tracking_detail_line_list":{"tracking_detail":{"mail_no":"LP1","detail_node_list":{"detail_node":[{"tracking_name":"Dispatched","time_stamp":1}]}}}}}}',
        ),
      );
      await expect(
        service.getOrder(ACCOUNT, { orderId: '3000000000000000001' }),
      ).resolves.toMatchObject({
        orderId: '3000000000000000001',
        status: 'PLACE_ORDER_SUCCESS',
        amount: { amount: '19.98', currency: 'USD' },
        items: [{ productId: '1', quantity: 2 }],
      });
      await expect(
        service.getOrderTracking(ACCOUNT, { orderId: '3000000000000000001' }),
      ).resolves.toEqual({
        orderId: '3000000000000000001',
        found: true,
        parcels: [
          expect.objectContaining({
            trackingNumber: 'LP1',
            events: [expect.objectContaining({ name: 'Dispatched', at: 1 })],
          }),
        ],
      });
      expect(gateway.calls.map((c) => c.params)).toEqual([
        { single_order_query: { order_id: '3000000000000000001' } },
        { ae_order_id: '3000000000000000001', language: 'en_US' },
      ]);
    });
  });

  describe('reads: retried on transient failures only', () => {
    const product = () => service.getProduct(ACCOUNT, { productId: '1', shipToCountry: 'US' });
    const FOUND = success(
      'aliexpress.ds.product.get',
      '{"result":{"ae_item_base_info_dto":{"product_id":1}}}',
    );

    it.each<[string, Step]>([
      ['a timeout', transport('timeout')],
      ['a 503', transport('http-status')],
      ['an ISP error', gatewayError('15', 'ISP', 'isp.service-unavailable')],
      [
        'a non-JSON body',
        {
          error: new AliexpressTransportError({
            kind: 'invalid-body',
            apiName: 'api',
            message: 'not JSON',
            status: 200,
          }),
        },
      ],
    ])('%s is retried', async (_case, step) => {
      gateway.script(step, FOUND);
      await expect(product()).resolves.toMatchObject({ productId: '1' });
      expect(gateway.calls).toHaveLength(2);
    });

    it.each<[string, Step, new (...args: never[]) => Error]>([
      [
        'a business failure',
        success('aliexpress.ds.product.get', '{"rsp_code":"404","rsp_msg":"ITEM_ID_NOT_FOUND"}'),
        AliexpressBusinessError,
      ],
      ['a signature error', gatewayError('IncompleteSignature'), AliexpressSignatureError],
      ['an answer without the envelope', { body: '{"unexpected":true}' }, AliexpressTransportError],
      [
        'an envelope without the product',
        success('aliexpress.ds.product.get', '{"result":{}}'),
        AliexpressTransportError,
      ],
    ])('%s fails at once, sent once', async (_case, step, type) => {
      gateway.script(step, FOUND);
      await expect(product()).rejects.toBeInstanceOf(type);
      expect(gateway.calls).toHaveLength(1);
    });

    it('a business failure carries its code and request id', async () => {
      gateway.script(
        success(
          'aliexpress.ds.freight.query',
          '{"result":{"success":false,"code":505,"msg":"DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS"}}',
        ),
      );
      const error = await service
        .queryFreight(ACCOUNT, { productId: '1', skuId: '2', quantity: 1, shipToCountry: 'KP' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressBusinessError);
      // the symbolic reason is the code; the numeric one stays as platformCode
      expect(error).toMatchObject({
        code: 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS',
        platformCode: '505',
        requestId: 'r1',
        apiName: 'aliexpress.ds.freight.query',
      });
    });

    it('gives up after maxRetries with the last error', async () => {
      gateway.script(
        transport('timeout'),
        transport('timeout'),
        transport('timeout'),
        transport('timeout'),
        FOUND,
      );
      await expect(product()).rejects.toMatchObject({ kind: 'timeout' });
      expect(gateway.calls).toHaveLength(4);
    });

    it('call(): raw answer; retried only when declared idempotent', async () => {
      gateway.script(transport('timeout'));
      await expect(
        service.call(ACCOUNT, 'aliexpress.ds.product.get', { product_id: '1' }),
      ).rejects.toMatchObject({
        kind: 'timeout',
      });
      expect(gateway.calls).toHaveLength(1);
      gateway.script(transport('timeout'), FOUND);
      await expect(
        service.call(
          ACCOUNT,
          'aliexpress.ds.product.get',
          { product_id: '1' },
          { idempotent: true },
        ),
      ).resolves.toMatchObject({ result: { ae_item_base_info_dto: { product_id: 1 } } });
      expect(gateway.calls).toHaveLength(3);
    });
  });

  describe('createOrder: re-sent only when certainly not processed', () => {
    const place = () => service.createOrder(ACCOUNT, { ...ORDER, outOrderId: 'shop-7' });
    const outOrderIds = () =>
      gateway.calls.map(
        (c) =>
          (c.params.param_place_order_request4_open_api_d_t_o as { out_order_id: string })
            .out_order_id,
      );

    it('a connection that never reached the gateway is re-sent with the same out_order_id', async () => {
      gateway.script(transport('connection', false), PLACED);
      await expect(place()).resolves.toEqual({
        outOrderId: 'shop-7',
        orderIds: ['8198352049851315000'],
        payment: { status: 'not-requested' },
      });
      expect(outOrderIds()).toEqual(['shop-7', 'shop-7']);
    });

    it('ApiCallLimit (refused before processing) is re-sent after the ban', async () => {
      gateway.script(
        {
          error: createApiError({
            code: 'ApiCallLimit',
            message: 'this ban will last 1 seconds',
            apiName: ORDER_CREATE,
          }),
        },
        PLACED,
      );
      await expect(place()).resolves.toMatchObject({ orderIds: ['8198352049851315000'] });
      expect(outOrderIds()).toEqual(['shop-7', 'shop-7']);
    });

    it.each<[string, Step, string]>([
      ['a timeout', transport('timeout'), 'timeout'],
      ['a reset after sending', transport('connection'), 'connection'],
      ['a 503', transport('http-status'), 'http-status'],
      ['an ISP error', gatewayError('15', 'ISP', 'isp.timeout'), 'AliexpressApiError'],
      [
        'a success without order ids',
        success(ORDER_CREATE, '{"result":{"is_success":true}}'),
        'unexpected-shape',
      ],
      ['an answer without the envelope', { body: '{"unexpected":true}' }, 'unexpected-shape'],
    ])('%s: AmbiguousOrderStateError, never re-sent', async (_case, step, failure) => {
      const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      gateway.script(step, PLACED);
      const error = await place().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AmbiguousOrderStateError);
      expect(error).toMatchObject({ accountId: ACCOUNT, outOrderId: 'shop-7', failure });
      expect((error as Error).message).toMatch(/may or may not have been placed/);
      expect(gateway.calls).toHaveLength(1);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining(`order shop-7 of account ${ACCOUNT}`),
      );
      expect(JSON.stringify(warn.mock.calls)).not.toContain('access-');
    });

    it.each<[string, Step, new (...args: never[]) => Error]>([
      [
        'a business failure',
        success(
          ORDER_CREATE,
          '{"result":{"is_success":false,"error_code":"REPEATED_ORDER_ERROR","error_msg":"repeated"}}',
        ),
        AliexpressBusinessError,
      ],
      ['a signature error', gatewayError('IncompleteSignature'), AliexpressSignatureError],
    ])(
      '%s is raised as is, sent once: the order was certainly not placed',
      async (_case, step, type) => {
        gateway.script(step, PLACED);
        const error = await place().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(type);
        expect(error).not.toBeInstanceOf(AmbiguousOrderStateError);
        expect(gateway.calls).toHaveLength(1);
      },
    );

    describe('classified by phase: token, send, answer', () => {
      const refreshTimeout = () =>
        new AliexpressTransportError({
          kind: 'timeout',
          apiName: '/auth/token/refresh',
          message: 'no answer within 15000 ms',
        });

      it.each<[string, () => Error]>([
        ['a refresh that timed out', refreshTimeout],
        ['a dead refresh token', () => new ReauthorizationRequiredError({ accountId: ACCOUNT })],
        [
          'a token store that is down',
          () => new TokenStoreError({ operation: 'get', detail: 'down' }),
        ],
      ])(
        'token phase, %s before the order was sent: that error, not AmbiguousOrderStateError',
        async (_case, make) => {
          const failure = make();
          tokens.refreshFailures.push(failure);
          const error = await place().catch((e: unknown) => e);
          expect(error).toBe(failure);
          expect(gateway.calls).toEqual([]);
        },
      );

      it('token phase after the gateway refused the access token: the refresh error, sent once', async () => {
        const failure = refreshTimeout();
        tokens.retryRefreshFailures.push(failure);
        gateway.script(gatewayError('IllegalAccessToken'), PLACED);
        const error = await place().catch((e: unknown) => e);
        expect(error).toBe(failure);
        expect(gateway.calls).toHaveLength(1);
      });

      it('send phase after a refresh: the re-sent order timing out is ambiguous', async () => {
        vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
        gateway.script(gatewayError('IllegalAccessToken'), transport('timeout'));
        const error = await place().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AmbiguousOrderStateError);
        expect(error).toMatchObject({ phase: 'send', failure: 'timeout' });
      });

      it('an order that may have reached the gateway stays ambiguous, even if the token side wraps the error', async () => {
        vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
        const wrapping = {
          withAccessToken: (_id: string, call: (t: string) => Promise<unknown>) =>
            call('access').catch(() => {
              throw new Error('wrapped');
            }),
        };
        const wrapped = new DropshippingService(
          wrapping as unknown as TokenService,
          gateway as unknown as GatewayClient,
          resolveOptions({ appKey: '500102', appSecret: 'test-secret' }),
        );
        gateway.script(transport('timeout'));
        const error = await wrapped
          .createOrder(ACCOUNT, { ...ORDER, outOrderId: 'shop-7' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AmbiguousOrderStateError);
        expect(error).toMatchObject({ phase: 'send', failure: 'timeout' });
      });

      it('answer phase: an answer that cannot be read is ambiguous, phase answer', async () => {
        vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
        gateway.script(success(ORDER_CREATE, '{"result":{"is_success":true}}'));
        const error = await place().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AmbiguousOrderStateError);
        expect(error).toMatchObject({ phase: 'answer', failure: 'unexpected-shape' });
      });
    });
  });
});
