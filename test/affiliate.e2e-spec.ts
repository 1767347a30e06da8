import type { TestingModule } from '@nestjs/testing';
import {
  AliexpressApiError,
  AliexpressBusinessError,
  GatewayClient,
  type AffiliateService,
} from 'nestjs-aliexpress';
import { MOCK_TRACKING_IDS, type MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { TRACKING_ID, affiliateApp } from './support/affiliate-app.js';
import { startGateway } from './support/gateway-harness.js';
import { BOTTLE, KEYBOARD, PHONE_CASE } from './support/mock-catalogue.js';
import { expectValidationError } from './support/validation-error.expect.js';

/** Every affiliate request the mock saw carried no account token. */
function expectNoSession(gateway: MockAliexpressGateway): void {
  const requests = gateway.requests().filter((r) => r.api?.startsWith('aliexpress.affiliate.'));
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    expect(request.params).not.toHaveProperty('session');
    expect(request.params).not.toHaveProperty('access_token');
  }
}

describe('AffiliateService against the mock gateway (app-level calls, no account)', () => {
  let gateway: MockAliexpressGateway;
  let moduleRef: TestingModule;
  let affiliate: AffiliateService;

  beforeAll(async () => {
    ({ gateway } = await startGateway());
    ({ moduleRef, affiliate } = await affiliateApp(gateway, {
      affiliate: { trackingId: TRACKING_ID },
    }));
  });
  beforeEach(() => {
    gateway.reset();
    gateway.clearRequests();
  });
  afterAll(async () => {
    await moduleRef?.close();
    await gateway?.stop();
  });

  const calls = (api: string) => gateway.requests().filter((r) => r.api === api);

  describe('an app with only appKey and appSecret (no redirectUri, controller: false)', () => {
    it('searches products and generates a promotion link; no request carries session', async () => {
      const { moduleRef: bare, affiliate: service } = await affiliateApp(gateway);
      try {
        const page = await service.queryProducts({ keywords: 'phone case' });
        expect(page.products.map((p) => p.productId)).toEqual([PHONE_CASE]);
        const { links, trackingId } = await service.generateLinks({
          sourceValues: [page.products[0].detailUrl as string],
          trackingId: 'demo_site',
        });
        expect(trackingId).toBe('demo_site');
        expect(links[0].promotionLink).toMatch(
          /^https:\/\/s\.click\.aliexpress\.com\/e\/.+tracking_id=demo_site$/,
        );
        expectNoSession(gateway);
        expect(gateway.requests().every((r) => r.verdict === 'ok')).toBe(true);
      } finally {
        await bare.close();
      }
    });

    it('a call that wrongly sends a session is refused by the (strict) mock', async () => {
      const client = moduleRef.get(GatewayClient);
      const error = await client
        .callBusiness('aliexpress.affiliate.category.get', {}, 'some-account-token')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressApiError);
      expect(error).toMatchObject({
        code: 'InvalidParameter',
        subCode: 'isv.session-not-expected',
      });
    });
  });

  describe("the mock's strict refusals, seen through GatewayClient.callApp", () => {
    it('link.generate without tracking_id is MissingParameter; a malformed one is 402 on every call', async () => {
      const client = moduleRef.get(GatewayClient);
      const missing = await client
        .callApp('aliexpress.affiliate.link.generate', {
          source_values: 'https://www.aliexpress.com/item/1.html',
          promotion_link_type: 0,
        })
        .catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(AliexpressApiError);
      expect(missing).toMatchObject({ code: 'MissingParameter' });
      for (const method of [
        'aliexpress.affiliate.product.query',
        'aliexpress.affiliate.hotproduct.query',
        'aliexpress.affiliate.productdetail.get',
        'aliexpress.affiliate.featuredpromo.products.get',
      ]) {
        const unknown = await client
          .callApp(method, { tracking_id: 'not a tracking id', product_ids: PHONE_CASE })
          .catch((e: unknown) => e);
        expect(unknown).toMatchObject({ code: 'INVALID_TRACKING_ID', platformCode: '402' });
      }
      expect(gateway.requests().every((r) => !('session' in r.params))).toBe(true);
    });
  });

  describe('products', () => {
    it('queryProducts: one page, ids exact (beyond 2^53 too), money as decimal strings, links with the tracking id', async () => {
      const page = await affiliate.queryProducts({ pageSize: 2, sort: 'SALE_PRICE_DESC' });
      expect(page).toMatchObject({ pageNo: 1, recordCount: 2, totalRecords: 5, totalPages: 3 });
      const [first] = page.products;
      expect(first).toMatchObject({
        productId: '1005007283645190',
        salePrice: { amount: '110.99', currency: 'USD' },
        commissionRate: '7.0%',
        volume: 6420,
      });
      expect(first.promotionLink).toContain(`tracking_id=${TRACKING_ID}`);
      const keyboard = await affiliate.queryProducts({
        keywords: 'keyboard',
        targetCurrency: 'EUR',
      });
      expect(keyboard.products[0]).toMatchObject({
        productId: KEYBOARD,
        skuId: '12000099999999999',
        targetSalePrice: { amount: '51.51', currency: 'EUR' },
        firstLevelCategory: { categoryId: '7', name: 'Computer & Office' },
      });
      expect(calls('aliexpress.affiliate.product.query')[0].params).toMatchObject({
        page_size: '2',
        sort: 'SALE_PRICE_DESC',
        tracking_id: TRACKING_ID,
      });
      expectNoSession(gateway);
    });

    it('queryProducts sends the price filters in hundredths and filters by category and country', async () => {
      const page = await affiliate.queryProducts({
        minSalePrice: '10',
        maxSalePrice: '19.5',
        categoryIds: ['15'],
        shipToCountry: 'US',
      });
      expect(page.products.map((p) => p.productId)).toEqual([BOTTLE]);
      expect(calls('aliexpress.affiliate.product.query')[0].params).toMatchObject({
        min_sale_price: '1000',
        max_sale_price: '1950',
        category_ids: '15',
      });
    });

    it('queryAllProducts follows the pages to the end, fetching as it goes', async () => {
      const ids: string[] = [];
      for await (const product of affiliate.queryAllProducts({ pageSize: 2 }))
        ids.push(product.productId);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
      expect(calls('aliexpress.affiliate.product.query').map((r) => r.params.page_no)).toEqual([
        '1',
        '2',
        '3',
      ]);
    });

    it('queryHotProducts and queryAllHotProducts list the hot products only', async () => {
      const page = await affiliate.queryHotProducts({ sort: 'LAST_VOLUME_DESC' });
      expect(page.products.map((p) => p.productId)).toEqual([
        PHONE_CASE,
        '1005007283645190',
        BOTTLE,
      ]);
      expect(page.products[0].hotProductCommissionRate).toBe('12.0%');
      const all: string[] = [];
      for await (const p of affiliate.queryAllHotProducts({ pageSize: 1 })) all.push(p.productId);
      expect(all.sort()).toEqual([PHONE_CASE, BOTTLE, '1005007283645190'].sort());
    });

    it('getProductDetails: the products asked for, unknown ids left out, exact ids', async () => {
      const products = await affiliate.getProductDetails({
        productIds: [KEYBOARD, '1000000000000001', PHONE_CASE],
        targetLanguage: 'EN',
      });
      expect(products.map((p) => p.productId)).toEqual([KEYBOARD, PHONE_CASE]);
      expect(products[0]).toMatchObject({
        productId: KEYBOARD,
        imageUrls: expect.arrayContaining([expect.stringContaining('/__mock/images/keyboard.svg')]),
      });
      expect(calls('aliexpress.affiliate.productdetail.get')[0].params.product_ids).toBe(
        `${KEYBOARD},1000000000000001,${PHONE_CASE}`,
      );
    });

    it('smartMatchProducts: products like another one, for a device', async () => {
      const page = await affiliate.smartMatchProducts({ deviceId: 'device-1', keywords: 'bottle' });
      expect(page.products.map((p) => p.productId)).toEqual([BOTTLE]);
      expect(page.totalPages).toBeUndefined();
    });

    it('getFeaturedPromos, getFeaturedPromoProducts and getAllFeaturedPromoProducts', async () => {
      const promos = await affiliate.getFeaturedPromos();
      expect(promos).toEqual([
        {
          name: 'Hot Product',
          description: 'Products with the highest commissions',
          productCount: 3,
        },
        {
          name: 'Mock Catalogue',
          description: 'Every product of the mock catalogue',
          productCount: 5,
        },
      ]);
      const page = await affiliate.getFeaturedPromoProducts({ promotionName: 'Hot Product' });
      expect(page).toMatchObject({ recordCount: 3, finished: false });
      const all: string[] = [];
      for await (const p of affiliate.getAllFeaturedPromoProducts({
        promotionName: 'Mock Catalogue',
        pageSize: 2,
      }))
        all.push(p.productId);
      expect(all).toHaveLength(5);
      const unknown = await affiliate
        .getFeaturedPromoProducts({ promotionName: 'Nope' })
        .catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(AliexpressBusinessError);
      expect(unknown).toMatchObject({ code: 'NO_QUERY_RESULTS', platformCode: '405' });
    });

    it('getCategories: the tree with parents, ids as strings', async () => {
      const { totalCount, categories } = await affiliate.getCategories();
      expect(totalCount).toBe(categories.length);
      expect(categories).toContainEqual({ categoryId: '509', name: 'Phones & Telecommunications' });
      expect(categories).toContainEqual({
        categoryId: '70803003',
        name: 'Keyboards',
        parentCategoryId: '708',
      });
    });
  });

  describe('shipping and SKUs', () => {
    it('getShippingInfo: fee in the target currency and delivery days; 405 for a SKU of another product', async () => {
      const info = await affiliate.getShippingInfo({
        productId: KEYBOARD,
        skuId: '12000099999999999',
        shipToCountry: 'FR',
        targetCurrency: 'USD',
        targetLanguage: 'EN',
        targetSalePrice: '55.99',
        taxRate: '0',
      });
      expect(info).toEqual({
        shippingFee: { amount: '3.49', currency: 'USD' },
        shipFromCountry: 'CN',
        minDeliveryDays: 7,
        maxDeliveryDays: 15,
        deliveryDays: '7-15',
      });
      const error = await affiliate
        .getShippingInfo({
          productId: KEYBOARD,
          skuId: '12000031234567890',
          shipToCountry: 'FR',
          targetCurrency: 'USD',
          targetLanguage: 'EN',
          targetSalePrice: '55.99',
          taxRate: '0',
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'NO_QUERY_RESULTS', platformCode: '405' });
    });

    it('getSkuDetails: SKUs with exact ids and tax-inclusive prices; its own failure field read right', async () => {
      const details = await affiliate.getSkuDetails({
        productId: PHONE_CASE,
        shipToCountry: 'US',
        targetCurrency: 'USD',
        targetLanguage: 'EN',
        withDelivery: true,
        skuIds: ['12000036032948733', '12000036032948735'],
      });
      expect(details.item).toMatchObject({
        productId: PHONE_CASE,
        storeName: 'Case Factory Official Store',
      });
      expect(details.skus.map((s) => s.skuId)).toEqual(['12000036032948733', '12000036032948735']);
      expect(details.skus[0]).toMatchObject({
        color: 'Black',
        priceWithTax: { amount: '12.99', currency: 'USD' },
        salePriceWithTax: { amount: '9.99', currency: 'USD' },
        shippingFee: { amount: '0.00', currency: 'USD' },
      });
      expect(calls('aliexpress.affiliate.product.sku.detail.get')[0].params).toMatchObject({
        need_deliver_info: 'Yes',
        sku_ids: '12000036032948733,12000036032948735',
      });
      const missing = await affiliate
        .getSkuDetails({
          productId: '1000000000000001',
          shipToCountry: 'US',
          targetCurrency: 'USD',
          targetLanguage: 'EN',
        })
        .catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(AliexpressBusinessError);
      expect(missing).toMatchObject({ code: 'NO_QUERY_RESULTS', platformCode: '405' });
    });
  });

  describe('promotion links and tracking ids', () => {
    it('generateLinks: one link per AliExpress URL, carrying the tracking id; a reason for other URLs', async () => {
      const result = await affiliate.generateLinks({
        sourceValues: [
          `https://www.aliexpress.com/item/${PHONE_CASE}.html`,
          'https://example.com/x',
        ],
      });
      expect(result.trackingId).toBe(TRACKING_ID);
      expect(result.links[0]).toEqual({
        sourceValue: `https://www.aliexpress.com/item/${PHONE_CASE}.html`,
        promotionLink: expect.stringMatching(new RegExp(`tracking_id=${TRACKING_ID}$`)),
      });
      expect(result.links[1]).toEqual({
        sourceValue: 'https://example.com/x',
        message: 'The source value is not an AliExpress link',
      });
      expect(calls('aliexpress.affiliate.link.generate')[0].params).toMatchObject({
        promotion_link_type: '0',
        tracking_id: TRACKING_ID,
      });
    });

    it('a per-call tracking id overrides the module one', async () => {
      const other = await affiliate.generateLinks({
        sourceValues: ['https://www.aliexpress.com/item/1.html'],
        trackingId: MOCK_TRACKING_IDS[0],
      });
      expect(other.links[0].promotionLink).toContain(`tracking_id=${MOCK_TRACKING_IDS[0]}`);
      expect(calls('aliexpress.affiliate.link.generate')[0].params).toMatchObject({
        tracking_id: MOCK_TRACKING_IDS[0],
      });
    });

    it('without any tracking id, generateLinks fails before the network; searches still work, without links', async () => {
      const { moduleRef: bare, affiliate: service } = await affiliateApp(gateway);
      try {
        await expectValidationError(
          () => service.generateLinks({ sourceValues: ['https://www.aliexpress.com/item/1.html'] }),
          ['trackingId'],
        );
        expect(calls('aliexpress.affiliate.link.generate')).toHaveLength(0);
        const page = await service.queryProducts({ keywords: 'bottle' });
        expect(page.products[0].promotionLink).toBeUndefined();
        expect(calls('aliexpress.affiliate.product.query')[0].params).not.toHaveProperty(
          'tracking_id',
        );
      } finally {
        await bare.close();
      }
    });
  });

  describe('commission orders', () => {
    const window = { startTime: '2026-01-01 00:00:00', endTime: '2026-01-31 23:59:59' };

    it('listOrders: a page of a window, ids exact (one beyond 2^53), amounts as decimal strings', async () => {
      const page = await affiliate.listOrders({
        ...window,
        status: 'Payment Completed',
        pageSize: 2,
      });
      expect(page).toMatchObject({ pageNo: 1, recordCount: 2, totalRecords: 5, totalPages: 3 });
      expect(page.orders[1]).toMatchObject({
        orderId: '9007199254740993',
        trackingId: 'e2e_tracking',
        productId: KEYBOARD,
        paidAmount: { amount: '55.99', currency: 'USD' },
        estimatedPaidCommission: { amount: expect.stringMatching(/^2\.80?$/), currency: 'USD' },
        isNewBuyer: false,
      });
    });

    it('listAllOrders follows the pages', async () => {
      const ids: string[] = [];
      for await (const order of affiliate.listAllOrders({
        ...window,
        status: 'Payment Completed',
        pageSize: 2,
      }))
        ids.push(order.orderId);
      expect(ids).toEqual([
        '8200000000000101',
        '9007199254740993',
        '8200000000000104',
        '8200000000000106',
        '8200000000000107',
      ]);
    });

    it('getOrders: the orders asked for', async () => {
      const orders = await affiliate.getOrders({
        orderIds: ['9007199254740993', '8200000000000105'],
      });
      expect(orders.map((o) => [o.orderId, o.status])).toEqual([
        ['9007199254740993', 'Payment Completed'],
        ['8200000000000105', 'Buyer Confirmed Receipt'],
      ]);
      // a decimal string either way: "47.70" as written, or "47.7" (see docs/affiliate.md)
      expect(orders[1].finishedAmount).toEqual({
        amount: expect.stringMatching(/^47\.70?$/),
        currency: 'USD',
      });
    });

    it('listOrdersByIndex and listAllOrdersByIndex follow the cursor', async () => {
      const first = await affiliate.listOrdersByIndex({
        ...window,
        status: 'Payment Completed',
        pageSize: 3,
      });
      expect(first.orders).toHaveLength(3);
      expect(first.nextIndexId).toBeDefined();
      const next = await affiliate.listOrdersByIndex({
        ...window,
        status: 'Payment Completed',
        pageSize: 3,
        startQueryIndexId: first.nextIndexId,
      });
      expect(next.orders.map((o) => o.orderId)).toEqual(['8200000000000106', '8200000000000107']);
      const all: string[] = [];
      for await (const o of affiliate.listAllOrdersByIndex({
        ...window,
        status: 'Buyer Confirmed Receipt',
        pageSize: 1,
      }))
        all.push(o.orderId);
      expect(all).toEqual(['8200000000000102', '8200000000000105']);
    });
  });

  describe('a platform that pages oddly (answers replayed with json-body faults)', () => {
    const window = { startTime: '2026-01-01 00:00:00', endTime: '2026-01-31 23:59:59' };
    /** The documented envelope of an affiliate answer, with `result` as given. */
    const answer = (api: string, result: Record<string, unknown>) => ({
      [`${api.replace(/\./g, '_')}_response`]: {
        resp_result: { resp_code: 200, resp_msg: 'Call succeeds', result },
        request_id: 'e2e',
      },
    });
    const replay = (api: string, result: Record<string, unknown>) =>
      gateway.injectFault({ kind: 'json-body', api, body: answer(api, result) });

    it('pages without total_page_no: queryAllProducts goes on until a short page', async () => {
      const api = 'aliexpress.affiliate.product.query';
      const products = (...ids: string[]) => ({
        current_record_count: ids.length,
        products: { product: ids.map((id) => ({ product_id: id, product_title: `p${id}` })) },
      });
      replay(api, products('1001', '1002'));
      replay(api, products('1003', '1004'));
      replay(api, products('1005'));
      const ids: string[] = [];
      for await (const product of affiliate.queryAllProducts({ pageSize: 2 }))
        ids.push(product.productId);
      expect(ids).toEqual(['1001', '1002', '1003', '1004', '1005']);
      expect(calls(api).map((r) => r.params.page_no)).toEqual(['1', '2', '3']);
    });

    it('pages without total_page_no: listAllOrders goes on until a short page', async () => {
      const api = 'aliexpress.affiliate.order.list';
      const orders = (...ids: string[]) => ({
        current_record_count: ids.length,
        orders: { order: ids.map((id) => ({ order_id: id })) },
      });
      replay(api, orders('7001', '7002'));
      replay(api, orders('7003'));
      const ids: string[] = [];
      for await (const order of affiliate.listAllOrders({
        ...window,
        status: 'Payment Completed',
        pageSize: 2,
      }))
        ids.push(order.orderId);
      expect(ids).toEqual(['7001', '7002', '7003']);
      expect(calls(api)).toHaveLength(2);
    });

    it('a cursor that comes back to one already followed ends listAllOrdersByIndex', async () => {
      const api = 'aliexpress.affiliate.order.listbyindex';
      const page = (id: string, next: string) => ({
        current_record_count: 1,
        orders: { order: [{ order_id: id }] },
        max_query_index_id: next,
      });
      replay(api, page('7101', 'p'));
      replay(api, page('7102', 'q'));
      replay(api, page('7103', 'p')); // back to p: following it again would repeat p's page
      replay(api, page('7102', 'q'));
      const ids: string[] = [];
      for await (const order of affiliate.listAllOrdersByIndex({
        ...window,
        status: 'Payment Completed',
      }))
        ids.push(order.orderId);
      expect(ids).toEqual(['7101', '7102', '7103']);
      expect(calls(api).map((r) => r.params.start_query_index_id)).toEqual([undefined, 'p', 'q']);
    });
  });

  describe('bad input never reaches the network', () => {
    it.each<[string, (s: AffiliateService) => Promise<unknown>, string[]]>([
      ['a page size over 50', (s) => s.queryProducts({ pageSize: 51 }), ['pageSize']],
      [
        'a price with three decimals',
        (s) => s.queryProducts({ minSalePrice: '1.234' }),
        ['minSalePrice'],
      ],
      ['an unknown sort', (s) => s.queryHotProducts({ sort: 'CHEAPEST' }), ['sort']],
      [
        'a numeric product id',
        (s) => s.getProductDetails({ productIds: [1005006154258794 as unknown as string] }),
        ['productIds'],
      ],
      ['no source values', (s) => s.generateLinks({ sourceValues: [] }), ['sourceValues']],
      [
        'a tracking id with spaces',
        (s) => s.generateLinks({ sourceValues: ['https://a.aliexpress.com'], trackingId: 'a b' }),
        ['trackingId'],
      ],
      [
        'a missing SKU id',
        (s) =>
          s.getShippingInfo({
            productId: '1',
            shipToCountry: 'US',
            targetCurrency: 'USD',
            targetLanguage: 'EN',
            targetSalePrice: '1',
            taxRate: '0',
          } as never),
        ['skuId'],
      ],
      [
        'a lower-case language',
        (s) =>
          s.getSkuDetails({
            productId: '1',
            shipToCountry: 'US',
            targetCurrency: 'USD',
            targetLanguage: 'en',
          }),
        ['targetLanguage'],
      ],
      ['no device id', (s) => s.smartMatchProducts({} as never), ['deviceId']],
      [
        'an ISO time',
        (s) =>
          s.listOrders({
            startTime: '2026-01-01T00:00:00Z',
            endTime: '2026-01-02 00:00:00',
            status: 'Payment Completed',
          }),
        ['startTime'],
      ],
      ['no order ids', (s) => s.getOrders({ orderIds: [] }), ['orderIds']],
      ['an unknown field', (s) => s.getFeaturedPromoProducts({ promo: 'x' } as never), ['promo']],
    ])('%s', async (_case, call, fields) => {
      await expectValidationError(() => call(affiliate), fields);
      expect(gateway.requests()).toHaveLength(0);
    });

    it('the async iterators check their input before the first request', () => {
      expect(() => affiliate.queryAllProducts({ pageSize: 0 })).toThrow(/pageSize/);
      expect(() => affiliate.listAllOrders({} as never)).toThrow(/startTime/);
      expect(gateway.requests()).toHaveLength(0);
    });
  });

  it("transient failures are retried like every read (pacing and retries are the gateway client's)", async () => {
    gateway.injectFault({ kind: 'isp-error', count: 1, api: 'aliexpress.affiliate.category.get' });
    await expect(affiliate.getCategories()).resolves.toMatchObject({ totalCount: 9 });
    expect(calls('aliexpress.affiliate.category.get').map((r) => r.verdict)).toEqual([
      'fault:isp-error',
      'ok',
    ]);
  });
});
