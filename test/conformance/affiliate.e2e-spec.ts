import type { TestingModule } from '@nestjs/testing';
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { AliexpressBusinessError, signParams, type AffiliateService } from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { affiliateApp } from '../support/affiliate-app.js';
import { TEST_APP, startGateway } from '../support/gateway-harness.js';
import { compareShapes, shapeOf } from '../support/json-shape.js';
import { loadPlatformFixture, type PlatformFixture } from '../support/platform-fixtures.js';

/**
 * Conformance of the affiliate APIs. Their pages carry no sample, so each fixture is built from the
 * page's Response Parameters table (`table` cases, see test/fixtures/platform/README.md):
 * 1. every fixture, replayed verbatim by the mock after the request passed its checks (signature,
 *    no session), is read into the expected result, or the expected typed error;
 * 2. the mock's own answers hold the tables' shapes (same paths, same JSON types, lists unwrapped).
 */
describe('conformance: affiliate APIs (bodies built from the reference tables)', () => {
  let gateway: MockAliexpressGateway;
  let moduleRef: TestingModule;
  let affiliate: AffiliateService;

  beforeAll(async () => {
    ({ gateway } = await startGateway());
    ({ moduleRef, affiliate } = await affiliateApp(gateway, {
      affiliate: { trackingId: 'mock_tracking' },
      retry: { maxRetries: 0 },
    }));
  });
  afterAll(async () => {
    await moduleRef?.close();
    await gateway?.stop();
  });

  /** The next call of `api` gets the fixture's text, after the mock checked the request. */
  function replay(api: string, fixtureCase: string): PlatformFixture {
    const fixture = loadPlatformFixture(api, fixtureCase);
    gateway.injectFault({ kind: 'json-body', api, text: fixture.text, processed: true });
    return fixture;
  }

  const product = {
    productId: '1005006154258794',
    skuId: '12000036032948733',
    title: 'Shockproof Silicone Phone Case',
    detailUrl: 'https://www.aliexpress.com/item/1005006154258794.html',
    promotionLink: 'https://s.click.aliexpress.com/e/_DmtkKBl',
    mainImageUrl: 'https://ae01.alicdn.com/kf/S1.jpg',
    imageUrls: ['https://ae01.alicdn.com/kf/S1.jpg', 'https://ae01.alicdn.com/kf/S2.jpg'],
    videoUrl: 'https://video.aliexpress-media.com/play/u/1.mp4',
    shopId: '1102345678',
    shopName: 'Case Factory Official Store',
    shopUrl: 'https://www.aliexpress.com/store/1102345678',
    firstLevelCategory: { categoryId: '509', name: 'Phones & Telecommunications' },
    secondLevelCategory: { categoryId: '380230', name: 'Phone Bags & Cases' },
    salePrice: { amount: '9.99', currency: 'USD' },
    originalPrice: { amount: '12.99', currency: 'USD' },
    appSalePrice: { amount: '9.99', currency: 'USD' },
    targetSalePrice: { amount: '9.18', currency: 'EUR' },
    targetOriginalPrice: { amount: '11.95', currency: 'EUR' },
    targetAppSalePrice: { amount: '9.18', currency: 'EUR' },
    discount: '23%',
    commissionRate: '7.0%',
    hotProductCommissionRate: '12.0%',
    relevantMarketCommissionRate: '7.0%',
    evaluateRate: '96.0%',
    volume: 15321,
    taxRate: '0.1',
    platformProductType: 'PLAZA',
    promoCode: {
      code: 'AFF2',
      campaignType: 'Code',
      value: 'US $2.00',
      availableFrom: '2026-01-01 00:00:00',
      availableUntil: '2026-01-31 23:59:59',
      minimumSpend: 'US $20.00',
      quantity: '1000',
      promotionUrl: 'https://s.click.aliexpress.com/e/_DcodeAFF2',
    },
  };
  const page = { pageNo: 1, recordCount: 1, totalPages: 4, totalRecords: 77 };

  describe('the table-built bodies, replayed', () => {
    it('product.query: every field read, the SKU id beyond 2^53 exact', async () => {
      const fixture = replay('aliexpress.affiliate.product.query', 'table');
      expect(fixture.text).toContain('"sku_id": 12000036032948733');
      await expect(affiliate.queryProducts({ keywords: 'case' })).resolves.toEqual({
        ...page,
        products: [{ ...product, shipToDays: '7' }],
      });
    });

    it('hotproduct.query', async () => {
      replay('aliexpress.affiliate.hotproduct.query', 'table');
      await expect(affiliate.queryHotProducts()).resolves.toEqual({
        ...page,
        products: [{ ...product, shipToDays: '7' }],
      });
    });

    it('productdetail.get (with ean_code)', async () => {
      replay('aliexpress.affiliate.productdetail.get', 'table');
      await expect(
        affiliate.getProductDetails({ productIds: ['1005006154258794'] }),
      ).resolves.toEqual([{ ...product, eanCode: '6900036032948' }]);
    });

    it('product.smartmatch: a page without totals', async () => {
      replay('aliexpress.affiliate.product.smartmatch', 'table');
      await expect(affiliate.smartMatchProducts({ deviceId: 'd1' })).resolves.toEqual({
        pageNo: 1,
        recordCount: 1,
        products: [product],
      });
    });

    it('featuredpromo.products.get: is_finished read', async () => {
      replay('aliexpress.affiliate.featuredpromo.products.get', 'table');
      await expect(affiliate.getFeaturedPromoProducts()).resolves.toEqual({
        ...page,
        finished: false,
        products: [{ ...product, eanCode: '6900036032948' }],
      });
    });

    it('featuredpromo.get', async () => {
      replay('aliexpress.affiliate.featuredpromo.get', 'table');
      await expect(affiliate.getFeaturedPromos()).resolves.toEqual([
        {
          name: 'Hot Product',
          description: 'Products with the highest commissions',
          productCount: 3000,
        },
        { name: 'New Arrival', description: 'New arrivals this week', productCount: 1200 },
      ]);
    });

    it('category.get: ids typed Number come back as strings', async () => {
      replay('aliexpress.affiliate.category.get', 'table');
      await expect(affiliate.getCategories()).resolves.toEqual({
        totalCount: 2,
        categories: [
          { categoryId: '509', name: 'Phones & Telecommunications' },
          { categoryId: '380230', name: 'Phone Bags & Cases', parentCategoryId: '509' },
        ],
      });
    });

    it('link.generate: an empty message is no message', async () => {
      replay('aliexpress.affiliate.link.generate', 'table');
      await expect(
        affiliate.generateLinks({
          sourceValues: ['https://www.aliexpress.com/item/1005006154258794.html'],
        }),
      ).resolves.toEqual({
        trackingId: 'my_site',
        links: [
          {
            sourceValue: 'https://www.aliexpress.com/item/1005006154258794.html',
            promotionLink: 'https://s.click.aliexpress.com/e/_DmtkKBl',
          },
        ],
      });
    });

    it('product.shipping.get: the fee in the asked currency', async () => {
      replay('aliexpress.affiliate.product.shipping.get', 'table');
      await expect(
        affiliate.getShippingInfo({
          productId: '1005006154258794',
          skuId: '12000036032948733',
          shipToCountry: 'US',
          targetCurrency: 'USD',
          targetLanguage: 'EN',
          targetSalePrice: '9.99',
          taxRate: '0.1',
        }),
      ).resolves.toEqual({
        shippingFee: { amount: '1.99', currency: 'USD' },
        shipFromCountry: 'CN',
        minDeliveryDays: 7,
        maxDeliveryDays: 15,
        deliveryDays: '7-15',
      });
    });

    const skuInput = {
      productId: '1005006154258794',
      shipToCountry: 'US',
      targetCurrency: 'USD',
      targetLanguage: 'EN',
    };

    it('product.sku.detail.get: result.result read, SKU ids exact, the level-4 placeholder dropped', async () => {
      replay('aliexpress.affiliate.product.sku.detail.get', 'table');
      const details = await affiliate.getSkuDetails(skuInput);
      expect(details.item).toEqual({
        productId: '1005006154258794',
        title: 'Shockproof Silicone Phone Case',
        enTitle: 'Shockproof Silicone Phone Case',
        originalLink: 'https://www.aliexpress.com/item/1005006154258794.html',
        imageLink: 'https://ae01.alicdn.com/kf/S1.jpg',
        whiteImageLink: 'https://ae01.alicdn.com/kf/W1.jpg',
        additionalImageLinks: ['https://ae01.alicdn.com/kf/S2.jpg'],
        storeName: 'Case Factory Official Store',
        brand: 'CaseFactory',
        categories: [
          { level: 1, categoryId: '509', name: 'Phones & Telecommunications' },
          { level: 2, categoryId: '380230', name: 'Phone Bags & Cases' },
          { level: 3, categoryId: '100001204', name: 'Fitted Cases' },
        ],
        orders: 15321,
        reviews: 1532,
        score: '4.8',
        condition: 'New',
      });
      expect(details.skus).toEqual([
        {
          skuId: '12000036032948733',
          link: 'https://s.click.aliexpress.com/e/_DskuBlack',
          color: 'Black',
          size: 'iPhone 15',
          properties: 'Color:Black;Size:iPhone 15',
          imageLink: 'https://ae01.alicdn.com/kf/S1.jpg',
          priceWithTax: { amount: '14.29', currency: 'USD' },
          salePriceWithTax: { amount: '10.99', currency: 'USD' },
          discountRate: '23%',
          taxRate: '0.1',
          shippingFee: { amount: '1.99', currency: 'USD' },
          shipFromCountry: 'CN',
          minDeliveryDays: 7,
          maxDeliveryDays: 15,
          deliveryDays: '7-15',
          eanCode: '6900036032948',
        },
      ]);
    });

    it('product.sku.detail.get 405 (its Error Codes table): a typed business error', async () => {
      replay('aliexpress.affiliate.product.sku.detail.get', 'failure-no-query-results');
      const error = await affiliate.getSkuDetails(skuInput).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressBusinessError);
      expect(error).toMatchObject({
        apiName: 'aliexpress.affiliate.product.sku.detail.get',
        code: 'NO_QUERY_RESULTS',
        platformCode: '405',
        requestId: '2101e4a617358123456784321',
      });
    });

    const order = {
      orderId: '8198352049851315',
      subOrderId: '8198352049861315',
      trackingId: 'my_site',
      status: 'Buyer Confirmed Receipt',
      orderType: 'global',
      orderPlatform: 'affiliate_platform',
      effectDetailStatus: 'Buyer Confirmed Receipt',
      createdTime: '2026-01-05 09:15:00',
      paidTime: '2026-01-05 09:16:02',
      finishedTime: '2026-01-20 12:00:00',
      completedSettlementTime: '2026-02-20 10:00:00',
      productId: '1005006154258794',
      productTitle: 'Shockproof Silicone Phone Case',
      productCount: 2,
      productDetailUrl: 'https://www.aliexpress.com/item/1005006154258794.html',
      productMainImageUrl: 'https://ae01.alicdn.com/kf/S1.jpg',
      categoryId: '380230',
      shipToCountry: 'US',
      commissionRate: '7.0%',
      incentiveCommissionRate: '0.0%',
      paidAmount: { amount: '19.98', currency: 'USD' },
      finishedAmount: { amount: '19.98', currency: 'USD' },
      estimatedPaidCommission: { amount: '1.4', currency: 'USD' },
      estimatedFinishedCommission: { amount: '1.4', currency: 'USD' },
      estimatedIncentivePaidCommission: { amount: '0', currency: 'USD' },
      estimatedIncentiveFinishedCommission: { amount: '0', currency: 'USD' },
      newBuyerBonusCommission: { amount: '0', currency: 'USD' },
      isNewBuyer: false,
      isHotProduct: true,
      isAffiliateProduct: true,
      customParameters: '{"campaign":"winter"}',
    };
    const numbers = { orderNumber: '8198352049841315', parentOrderNumber: '8198352049841315' };
    const window = {
      startTime: '2026-01-01 00:00:00',
      endTime: '2026-01-31 23:59:59',
      status: 'Buyer Confirmed Receipt',
    };

    it('order.list: amounts typed Number read as decimal strings in the settled currency', async () => {
      replay('aliexpress.affiliate.order.list', 'table');
      const result = await affiliate.listOrders(window);
      expect(result).toEqual({
        pageNo: 1,
        recordCount: 1,
        totalPages: 1,
        totalRecords: 1,
        orders: [{ ...order, ...numbers }],
      });
    });

    it('order.get: customer_parameters read as customParameters', async () => {
      replay('aliexpress.affiliate.order.get', 'table');
      await expect(affiliate.getOrders({ orderIds: ['8198352049851315'] })).resolves.toEqual([
        { ...order, ...numbers },
      ]);
    });

    it('order.listbyindex: max_query_index_id is the next cursor', async () => {
      replay('aliexpress.affiliate.order.listbyindex', 'table');
      await expect(affiliate.listOrdersByIndex(window)).resolves.toEqual({
        orders: [order],
        nextIndexId: '2aXd8kQ0',
      });
    });

    it('every replayed request was signed by the app alone', () => {
      const requests = gateway.requests().filter((r) => r.api?.startsWith('aliexpress.affiliate.'));
      expect(requests.length).toBeGreaterThanOrEqual(14);
      for (const request of requests) expect(request.params).not.toHaveProperty('session');
    });
  });

  describe("the mock's own answers hold the tables' shapes", () => {
    /** The mock's raw answer text to an app-signed call of `api`. */
    async function mockAnswer(api: string, params: Record<string, string>): Promise<string> {
      const signed: Record<string, string> = {
        method: api,
        app_key: TEST_APP.appKey,
        sign_method: 'sha256',
        timestamp: String(gateway.now()),
        format: 'json',
        ...params,
      };
      const sign = signParams(signed, TEST_APP.appSecret);
      const res = await fetch(`${gateway.url}/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...signed, sign }).toString(),
      });
      return res.text();
    }

    /**
     * The tables show lists as plain arrays, the mock wraps them as the captures of other APIs do
     * (`{"product": [...]}`): an object whose one member is an array is read as that array.
     */
    function unwrapLists(value: unknown): unknown {
      if (Array.isArray(value)) return value.map(unwrapLists);
      if (typeof value !== 'object' || value === null || isLosslessNumber(value)) return value;
      const entries = Object.entries(value);
      if (entries.length === 1 && Array.isArray(entries[0][1])) return unwrapLists(entries[0][1]);
      return Object.fromEntries(entries.map(([k, v]) => [k, unwrapLists(v)]));
    }

    async function expectShape(
      api: string,
      params: Record<string, string>,
      allowedMissing: string[],
    ): Promise<void> {
      const fixture = loadPlatformFixture(api, 'table');
      const answer = parse(await mockAnswer(api, params)) as Record<string, unknown>;
      const wrapper = `${api.replace(/\./g, '_')}_response`;
      expect(Object.keys(answer)).toEqual([wrapper]);
      const difference = compareShapes(
        shapeOf(fixture.text),
        shapeOf(stringify(unwrapLists(answer)) ?? ''),
      );
      expect(difference.extra).toEqual([]);
      expect(difference.mismatched).toEqual([]);
      expect(difference.missing).toEqual(allowedMissing.sort());
    }

    const w = (api: string, path: string) => `${api.replace(/\./g, '_')}_response.${path}`;
    /** Product fields the mock catalogue does not hold, where the API's table has them. */
    const productGaps = (api: string): string[] => {
      const documented = shapeOf(loadPlatformFixture(api, 'table').text);
      return [
        'ean_code',
        'promo_code_info',
        ...[
          'code_availabletime_end',
          'code_availabletime_start',
          'code_campaigntype',
          'code_mini_spend',
          'code_promotionurl',
          'code_quantity',
          'code_value',
          'promo_code',
        ].map((f) => `promo_code_info.${f}`),
      ]
        .map((field) => w(api, `resp_result.result.products[].${field}`))
        .filter((path) => documented.has(path));
    };

    it.each([
      ['aliexpress.affiliate.product.query', { keywords: 'case', tracking_id: 'mock_tracking' }],
      ['aliexpress.affiliate.hotproduct.query', { tracking_id: 'mock_tracking' }],
      [
        'aliexpress.affiliate.productdetail.get',
        { product_ids: '1005006154258794', tracking_id: 'mock_tracking' },
      ],
      [
        'aliexpress.affiliate.product.smartmatch',
        { device_id: 'd1', tracking_id: 'mock_tracking' },
      ],
      [
        'aliexpress.affiliate.featuredpromo.products.get',
        { promotion_name: 'Hot Product', tracking_id: 'mock_tracking' },
      ],
    ])('%s', async (api, params) => {
      await expectShape(api, params, productGaps(api));
    });

    it.each([
      ['aliexpress.affiliate.category.get', {}],
      ['aliexpress.affiliate.featuredpromo.get', {}],
      [
        'aliexpress.affiliate.product.shipping.get',
        {
          product_id: '1005006154258794',
          sku_id: '12000036032948733',
          ship_to_country: 'US',
          target_currency: 'USD',
          target_sale_price: '9.99',
          target_language: 'EN',
          tax_rate: '0',
        },
      ],
    ])('%s', async (api, params) => {
      await expectShape(api, params, []);
    });

    it('aliexpress.affiliate.link.generate (a message only where no link could be made)', async () => {
      const api = 'aliexpress.affiliate.link.generate';
      await expectShape(
        api,
        {
          source_values: 'https://www.aliexpress.com/item/1005006154258794.html',
          promotion_link_type: '0',
          tracking_id: 'mock_tracking',
        },
        [w(api, 'resp_result.result.promotion_links[].message')],
      );
    });

    it('aliexpress.affiliate.product.sku.detail.get (with delivery)', async () => {
      const api = 'aliexpress.affiliate.product.sku.detail.get';
      await expectShape(
        api,
        {
          product_id: '1005006154258794',
          ship_to_country: 'US',
          target_currency: 'USD',
          target_language: 'EN',
          need_deliver_info: 'Yes',
        },
        // item attributes the mock catalogue does not hold
        [
          'age_group',
          'brand',
          'display_category_id_l2',
          'display_category_id_l3',
          'display_category_id_l4',
          'display_category_name_l2',
          'display_category_name_l3',
          'display_category_name_l4',
          'gender',
          'image_white',
          'product_category',
        ].map((field) => w(api, `result.result.ae_item_info.${field}`)),
      );
    });

    const orderWindow = {
      start_time: '2026-01-01 00:00:00',
      end_time: '2026-01-31 23:59:59',
      status: 'Buyer Confirmed Receipt',
    };

    it.each([
      ['aliexpress.affiliate.order.list', orderWindow],
      ['aliexpress.affiliate.order.get', { order_ids: '8200000000000105' }],
      ['aliexpress.affiliate.order.listbyindex', orderWindow],
    ])('%s', async (api, params) => {
      await expectShape(api, params, []);
    });
  });
});
