import type { TestingModule } from '@nestjs/testing';
import {
  AliexpressBusinessError,
  AliexpressSignatureError,
  AliexpressTransportError,
  AmbiguousOrderStateError,
  DropshippingService,
  MemoryTokenStore,
  TokenService,
  type AliexpressModuleOptions,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway, MockFault } from 'nestjs-aliexpress/testing';
import { TEST_APP, clientFor, startGateway } from './support/gateway-harness.js';
import { sampleOrder } from './support/order-fixtures.js';
import { expectValidationError } from './support/validation-error.expect.js';
import { ACCOUNT, BOTTLE, KEYBOARD, PHONE_CASE } from './support/mock-catalogue.js';

const ORDER = sampleOrder(PHONE_CASE, '14:350853#Black;5:361386');

describe('DropshippingService against the mock gateway', () => {
  let gateway: MockAliexpressGateway;
  const modules: TestingModule[] = [];
  const store = new MemoryTokenStore();
  let ds: DropshippingService;

  async function moduleWith(options: Partial<AliexpressModuleOptions> = {}) {
    const { moduleRef } = await clientFor(gateway, {
      tokenStore: store,
      timeoutMs: 400,
      retry: { initialDelayMs: 10, maxDelayMs: 50, maxRetries: 3 },
      ...options,
    });
    modules.push(moduleRef);
    return moduleRef;
  }

  const apiCalls = (api: string) => gateway.requests().filter((r) => r.api === api);

  beforeAll(async () => {
    ({ gateway } = await startGateway());
    const ref = await moduleWith();
    ds = ref.get(DropshippingService);
  });
  beforeEach(async () => {
    gateway.reset();
    await modules[0].get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey));
    gateway.clearRequests();
  });
  afterAll(async () => {
    await Promise.all(modules.map((m) => m.close()));
    await gateway.stop();
  });

  describe('getProduct', () => {
    it('normalises ids, prices, SKUs, properties and images', async () => {
      const product = await ds.getProduct(ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'US' });
      expect(product).toMatchObject({
        productId: PHONE_CASE,
        title: 'Shockproof Silicone Phone Case with Camera Protection',
        categoryId: '380230',
        currency: 'USD',
        salesCount: 15321,
        store: { storeId: '1102345678', name: 'Case Factory Official Store', countryCode: 'CN' },
        deliveryDays: 7,
      });
      expect(product.images).toHaveLength(3);
      expect(product.images[0]).toBe(`${gateway.url}/__mock/images/phone-case-black.svg`);
      expect(product.skus.map((s) => s.skuId)).toEqual([
        '12000036032948733',
        '12000036032948734',
        '12000036032948735',
      ]);
      expect(product.skus[0]).toEqual({
        skuId: '12000036032948733',
        skuAttr: '14:350853#Black;5:361386',
        price: { amount: '12.99', currency: 'USD' },
        offerPrice: { amount: '9.99', currency: 'USD' },
        stock: 120,
        available: true,
        priceIncludesTax: false,
        minQuantity: 1,
        promotionLimit: { maxQuantity: 5, strategy: 'back_to_normal_price' },
        properties: [
          {
            propertyId: '14',
            name: 'Color',
            valueId: '350853',
            value: 'Black',
            definitionName: 'Black',
            image: `${gateway.url}/__mock/images/phone-case-black.svg`,
          },
          {
            propertyId: '5',
            name: 'Size',
            valueId: '361386',
            value: 'iPhone 15',
            definitionName: 'iPhone 15',
          },
        ],
      });
      expect(product.skus[2]).toMatchObject({ stock: 0, available: false });
    });

    it('a lone SKU object becomes a list; an id beyond 2^53 stays exact', async () => {
      const bottle = await ds.getProduct(ACCOUNT, { productId: BOTTLE, shipToCountry: 'FR' });
      expect(bottle.skus).toHaveLength(1);
      expect(bottle.images).toEqual([`${gateway.url}/__mock/images/bottle.svg`]);
      const keyboard = await ds.getProduct(ACCOUNT, { productId: KEYBOARD, shipToCountry: 'US' });
      expect(keyboard.productId).toBe(KEYBOARD);
      expect(keyboard.skus[0].skuId).toBe('12000099999999999');
    });

    it('ITEM_ID_NOT_FOUND is a business error, tried once', async () => {
      const error = await ds
        .getProduct(ACCOUNT, { productId: '404', shipToCountry: 'US' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressBusinessError);
      expect(error).toMatchObject({ code: 'ITEM_ID_NOT_FOUND' });
      expect(apiCalls('aliexpress.ds.product.get')).toHaveLength(1);
    });
  });

  it('searchProducts: a normalised page, UTF-8 keywords, camelCase parameters', async () => {
    const page = await ds.searchProducts(ACCOUNT, {
      keyword: 'phone case',
      countryCode: 'US',
      pageSize: 10,
    });
    expect(page).toMatchObject({ totalCount: 1, pageIndex: 1, pageSize: 10 });
    expect(page.products[0]).toMatchObject({
      productId: PHONE_CASE,
      salePrice: { amount: '8.99', currency: 'USD' },
      originalPrice: { amount: '11.99', currency: 'USD' },
    });
    const accents = await ds.searchProducts(ACCOUNT, {
      keyword: 'bouteille ñ é water',
      countryCode: 'FR',
      currency: 'EUR',
      locale: 'fr_FR',
    });
    expect(accents.products.map((p) => p.productId)).toEqual([BOTTLE]);
    expect(apiCalls('aliexpress.ds.text.search')[1].params).toMatchObject({
      keyWord: 'bouteille ñ é water',
      local: 'fr_FR',
      countryCode: 'FR',
    });
  });

  describe('queryFreight', () => {
    it('sends queryDeliveryReq as camelCase JSON and normalises fees from cents', async () => {
      const options = await ds.queryFreight(ACCOUNT, {
        productId: PHONE_CASE,
        skuId: '12000036032948733',
        quantity: 1,
        shipToCountry: 'US',
      });
      expect(options).toEqual([
        expect.objectContaining({
          code: 'CAINIAO_STANDARD',
          fee: { amount: '1.74', currency: 'USD' },
          freeShipping: true,
          minDeliveryDays: 7,
        }),
        expect.objectContaining({
          code: 'CAINIAO_PREMIUM',
          fee: { amount: '5.22', currency: 'USD' },
          freeShipping: false,
        }),
      ]);
      const sent = JSON.parse(
        apiCalls('aliexpress.ds.freight.query')[0].params.queryDeliveryReq,
      ) as Record<string, unknown>;
      expect(sent).toEqual({
        quantity: 1,
        shipToCountry: 'US',
        productId: PHONE_CASE,
        selectedSkuId: '12000036032948733',
        language: 'en_US',
        locale: 'en_US',
        currency: 'USD',
      });
    });

    it.each([
      [{ shipToCountry: 'KP' }, 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS'],
      [{ skuId: '1' }, 'SKU_NOT_EXIST'],
    ])('%j → %s', async (change, code) => {
      const input = {
        productId: PHONE_CASE,
        skuId: '12000036032948733',
        quantity: 1,
        shipToCountry: 'US',
        ...change,
      };
      await expect(ds.queryFreight(ACCOUNT, input)).rejects.toMatchObject({ code });
    });
  });

  describe('orders', () => {
    it('createOrder sends snake_case JSON with an out_order_id; ids beyond 2^53 come back exact', async () => {
      const created = await ds.createOrder(ACCOUNT, ORDER);
      expect(created.outOrderId).toMatch(/^ae[0-9a-f]{30}$/);
      expect(created.orderIds).toEqual(['3000000000000000001']);
      const [order] = gateway.orders();
      expect(order).toMatchObject({
        orderId: '3000000000000000001',
        outOrderId: created.outOrderId,
        country: 'GB',
        amountCents: 1998,
      });
      const sent = JSON.parse(
        apiCalls('aliexpress.ds.order.create')[0].params.param_place_order_request4_open_api_d_t_o,
      ) as Record<string, any>;
      expect(sent.logistics_address).toMatchObject({
        full_name: 'Ada Lovelace',
        mobile_no: '7700900123',
        phone_country: '+44',
      });
      expect(sent.product_items).toEqual([
        { product_id: PHONE_CASE, product_count: 2, sku_attr: '14:350853#Black;5:361386' },
      ]);

      const details = await ds.getOrder(ACCOUNT, { orderId: created.orderIds[0] });
      expect(details).toMatchObject({
        orderId: '3000000000000000001',
        status: 'WAIT_SELLER_SEND_GOODS',
        amount: { amount: '19.98', currency: 'USD' },
        items: [
          {
            // the documented child order carries sku_id (no sku_attr, no child order id)
            productId: PHONE_CASE,
            quantity: 2,
            skuId: '12000036032948733',
            actualFee: { amount: '19.98', currency: 'USD' },
          },
        ],
      });
      const tracking = await ds.getOrderTracking(ACCOUNT, { orderId: created.orderIds[0] });
      expect(tracking.parcels[0].events.map((e) => e.name)).toEqual([
        'Order received',
        'Dispatched',
      ]);
      expect(tracking.parcels[0].trackingNumber).toBe('LP000000000001');
    });

    it.each([
      ['a repeated outOrderId', { ...ORDER, outOrderId: 'shop-1001' }, 'REPEATED_ORDER_ERROR'],
      [
        'a SKU out of stock',
        {
          ...ORDER,
          items: [{ productId: PHONE_CASE, quantity: 1, skuAttr: '14:350853#Black;5:361385' }],
        },
        'INVENTORY_HOLD_ERROR',
      ],
      [
        'an address the product does not ship to',
        { ...ORDER, address: { ...ORDER.address, country: 'KP' } },
        'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS',
      ],
    ])('business failures: %s', async (_case, input, code) => {
      if (code === 'REPEATED_ORDER_ERROR') await ds.createOrder(ACCOUNT, input);
      await expect(ds.createOrder(ACCOUNT, input)).rejects.toMatchObject({ code });
    });

    it('getOrder and tracking of an unknown order: ORDER_NOT_FOUND', async () => {
      await expect(ds.getOrder(ACCOUNT, { orderId: '123' })).rejects.toMatchObject({
        code: 'ORDER_NOT_FOUND',
      });
      await expect(ds.getOrderTracking(ACCOUNT, { orderId: '123' })).rejects.toMatchObject({
        code: 'ORDER_NOT_FOUND',
      });
    });

    it.each<[string, MockFault, number]>([
      [
        'a timeout after the order reached the gateway',
        { kind: 'delay', delayMs: 1_000, api: 'aliexpress.ds.order.create' },
        1,
      ],
      [
        'a reset after the order was processed',
        { kind: 'reset', processed: true, api: 'aliexpress.ds.order.create' },
        1,
      ],
      ['a reset before processing', { kind: 'reset', api: 'aliexpress.ds.order.create' }, 0],
      ['a 502 page', { kind: 'html-error', api: 'aliexpress.ds.order.create' }, 0],
    ])(
      '%s: AmbiguousOrderStateError, never re-sent, never two orders',
      async (_case, fault, ordersAtMock) => {
        gateway.injectFault(fault);
        const error = await ds
          .createOrder(ACCOUNT, { ...ORDER, outOrderId: 'shop-42' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AmbiguousOrderStateError);
        expect(error).toMatchObject({ outOrderId: 'shop-42', accountId: ACCOUNT });
        expect(apiCalls('aliexpress.ds.order.create')).toHaveLength(1);
        expect(gateway.orders()).toHaveLength(ordersAtMock);
        // the caller retrying with the same outOrderId cannot buy twice
        if (ordersAtMock === 1) {
          await expect(
            ds.createOrder(ACCOUNT, { ...ORDER, outOrderId: 'shop-42' }),
          ).rejects.toMatchObject({ code: 'REPEATED_ORDER_ERROR' });
          expect(gateway.orders()).toHaveLength(1);
        }
      },
    );

    it('an answer it cannot read after the order was processed: AmbiguousOrderStateError, sent once', async () => {
      gateway.injectFault({
        kind: 'json-body',
        processed: true,
        body: { aliexpress_ds_order_create_response: { result: { is_success: true } } },
        api: 'aliexpress.ds.order.create',
      });
      const error = await ds
        .createOrder(ACCOUNT, { ...ORDER, outOrderId: 'shop-43' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AmbiguousOrderStateError);
      expect(error).toMatchObject({ outOrderId: 'shop-43', failure: 'unexpected-shape' });
      expect(apiCalls('aliexpress.ds.order.create')).toHaveLength(1);
      expect(gateway.orders()).toHaveLength(1);
    });

    it('ApiCallLimit was refused before processing: the order is sent again and placed once', async () => {
      gateway.injectFault({
        kind: 'api-call-limit',
        banSeconds: 1,
        api: 'aliexpress.ds.order.create',
      });
      const created = await ds.createOrder(ACCOUNT, ORDER);
      expect(created.orderIds).toHaveLength(1);
      expect(apiCalls('aliexpress.ds.order.create')).toHaveLength(2);
      expect(gateway.orders()).toHaveLength(1);
    });
  });

  describe('validation before any request', () => {
    it.each<[string, () => Promise<unknown>, string[]]>([
      [
        'missing productId',
        () => ds.getProduct(ACCOUNT, { shipToCountry: 'US' } as never),
        ['productId'],
      ],
      [
        'a country that is not two letters',
        () => ds.getProduct(ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'usa' }),
        ['shipToCountry'],
      ],
      [
        'a number where an id string belongs',
        () => ds.getProduct(ACCOUNT, { productId: 1 as never, shipToCountry: 'US' }),
        ['productId'],
      ],
      [
        'a quantity below 1',
        () =>
          ds.queryFreight(ACCOUNT, {
            productId: PHONE_CASE,
            skuId: '1',
            quantity: 0,
            shipToCountry: 'US',
          }),
        ['quantity'],
      ],
      [
        'an address without a city',
        () => ds.createOrder(ACCOUNT, { ...ORDER, address: { ...ORDER.address, city: '' } }),
        ['address.city'],
      ],
      ['an order without items', () => ds.createOrder(ACCOUNT, { ...ORDER, items: [] }), ['items']],
      [
        'an unknown field',
        () => ds.getOrder(ACCOUNT, { orderId: '1', extra: true } as never),
        ['extra'],
      ],
      ['no input at all', () => ds.searchProducts(ACCOUNT, undefined as never), ['input']],
    ])('%s', async (_case, run, fields) => {
      await expectValidationError(run, fields);
      expect(gateway.requests()).toHaveLength(0);
    });
  });

  describe('resilience', () => {
    const product = () => ds.getProduct(ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'US' });

    it.each<[string, MockFault]>([
      ['HTTP 5xx twice', { kind: 'http-error', count: 2 }],
      ['an HTML 502 page', { kind: 'html-error' }],
      ['a non-JSON 200 body', { kind: 'html-error', status: 200 }],
      ['a timeout', { kind: 'delay', delayMs: 1_000 }],
      ['a connection reset', { kind: 'reset' }],
      ['an ISP error', { kind: 'isp-error', count: 2 }],
      ['ApiCallLimit, waiting out the ban', { kind: 'api-call-limit', banSeconds: 1 }],
    ])('recovers from %s within the retry budget', async (_case, fault) => {
      gateway.injectFault({ ...fault, api: 'aliexpress.ds.product.get' });
      await expect(product()).resolves.toMatchObject({ productId: PHONE_CASE });
      const calls = apiCalls('aliexpress.ds.product.get');
      expect(calls).toHaveLength((fault.count ?? 1) + 1);
      expect(calls.at(-1)?.verdict).toBe('ok');
    });

    it('a non-JSON body is invalid-body and retried; well-formed JSON of the wrong shape is unexpected-shape, sent once', async () => {
      const api = 'aliexpress.ds.product.get';
      gateway.injectFault({ kind: 'html-error', status: 200, count: 10, api });
      await expect(product()).rejects.toMatchObject({ kind: 'invalid-body', status: 200 });
      expect(apiCalls(api)).toHaveLength(4);

      for (const body of [
        { unexpected: true },
        { aliexpress_ds_product_get_response: { result: { ae_item_sku_info_dtos: {} } } },
        [1, 2, 3],
      ]) {
        gateway.clearFaults();
        gateway.clearRequests();
        gateway.injectFault({ kind: 'json-body', body, count: 10, api });
        const error = await product().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AliexpressTransportError);
        expect(error).toMatchObject({ kind: 'unexpected-shape', apiName: api });
        expect(apiCalls(api)).toHaveLength(1);
      }
    });

    it('gives up after maxRetries with the last transient error', async () => {
      gateway.injectFault({ kind: 'http-error', count: 10, api: 'aliexpress.ds.product.get' });
      await expect(product()).rejects.toBeInstanceOf(AliexpressTransportError);
      expect(apiCalls('aliexpress.ds.product.get')).toHaveLength(4);
    });

    it('a signature error fails fast, once', async () => {
      const wrong = (await moduleWith({ appSecret: `${TEST_APP.appSecret}-wrong` })).get(
        DropshippingService,
      );
      await expect(
        wrong.getProduct(ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'US' }),
      ).rejects.toBeInstanceOf(AliexpressSignatureError);
      expect(apiCalls('aliexpress.ds.product.get')).toHaveLength(1);
    });

    it('call(): any API raw, retried only when idempotent; createOrder cannot be bypassed', async () => {
      const raw = await ds.call(ACCOUNT, 'aliexpress.ds.product.get', {
        product_id: KEYBOARD,
        ship_to_country: 'US',
      });
      expect(raw).toHaveProperty('result.ae_item_base_info_dto.product_id', KEYBOARD);
      gateway.injectFault({ kind: 'http-error', api: 'aliexpress.ds.product.get' });
      await expect(
        ds.call(ACCOUNT, 'aliexpress.ds.product.get', {
          product_id: PHONE_CASE,
          ship_to_country: 'US',
        }),
      ).rejects.toBeInstanceOf(AliexpressTransportError);
      gateway.injectFault({ kind: 'http-error', api: 'aliexpress.ds.product.get' });
      await expect(
        ds.call(
          ACCOUNT,
          'aliexpress.ds.product.get',
          { product_id: PHONE_CASE, ship_to_country: 'US' },
          { idempotent: true },
        ),
      ).resolves.toHaveProperty('result');
      await expect(ds.call(ACCOUNT, 'aliexpress.ds.order.create', {})).rejects.toThrow(
        /createOrder/,
      );
    });
  });

  it('pacing: a burst of three times the QPS limit queues instead of earning ApiCallLimit', async () => {
    const paced = (await moduleWith({ qpsLimit: 5, retry: { maxRetries: 0 } })).get(
      DropshippingService,
    );
    gateway.setQpsLimit(TEST_APP.appKey, 5);
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, () =>
        paced.getProduct(ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'US' }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(gateway.requests().filter((r) => r.verdict === 'ApiCallLimit')).toEqual([]);
    expect(apiCalls('aliexpress.ds.product.get')).toHaveLength(15);
  });
});
