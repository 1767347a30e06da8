import { Test } from '@nestjs/testing';
import { parse, stringify } from 'lossless-json';
import {
  AliexpressBusinessError,
  AliexpressModule,
  DropshippingService,
  GatewayTransport,
  TokenService,
  type GatewayHttpResponse,
  type GatewayPostOptions,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import {
  CONFORMANCE_ACCOUNT,
  startConformanceHarness,
  type ConformanceHarness,
} from '../support/conformance-harness.js';
import { TEST_APP, startGateway } from '../support/gateway-harness.js';
import { compareShapes, shapeOf, type ShapeDifference } from '../support/json-shape.js';
import { SAME_SHAPE } from '../support/json-shape.expect.js';
import { DEMO_FREIGHT_OPTION } from '../support/freight-samples.js';
import { sampleOrder } from '../support/order-fixtures.js';
import { loadPlatformFixture } from '../support/platform-fixtures.js';

/**
 * Products, freight, tracking and text search held to the platform's documented samples: each
 * sample replayed through the typed method with the normalised result (or typed error) expected,
 * and the mock's own answers held to the documented shapes.
 */

const ACCOUNT = CONFORMANCE_ACCOUNT;
const PRODUCT = { productId: '4000903675543', shipToCountry: 'CA' };
const FREIGHT = {
  productId: '3256802900954148',
  skuId: '12000023999200390',
  quantity: 1,
  shipToCountry: 'US',
};

describe('conformance: product.get, freight.query, order.tracking.get, text.search samples', () => {
  let harness: ConformanceHarness;
  beforeAll(async () => {
    harness = await startConformanceHarness();
  });
  afterAll(() => harness.close());

  const ds = () => harness.dropshipping;

  describe('aliexpress.ds.product.get', () => {
    /** What both documented forms carry, read the same. */
    const documentedProduct = {
      productId: '4000903675543',
      title:
        'FUQIAN 2022 Fashion Square Polarized Sunglasses Men Vintage Plastic Male Sun Glasses Women Stylish Black Sport Shades UV400',
      categoryId: '33902',
      currency: 'CNY',
      status: 'onSelling',
      rating: '4.8',
      salesCount: 1000,
      evaluationCount: 1004,
      videos: [
        {
          mediaId: '296195919792',
          url: 'media url',
          posterUrl:
            'https://img.alicdn.com/imgextra/i4/6000000004252/O1CN01R1TCD21hHSjEOLpKT_!!6000000004252-0-tbvideo.jpg',
          type: 'MAIN_IMAGE_VIDEO',
          status: 'approved',
        },
      ],
      attributes: [
        {
          nameId: '2',
          name: 'Brand Name',
          valueId: '110567917',
          value: 'FUQIAN',
          unit: 'piece',
          rangeStart: '1',
          rangeEnd: '10',
        },
      ],
      store: { storeId: '4874072', name: 'FUQIAN Eyewear Store', countryCode: 'CN' },
      package: {
        weightKg: '0.050',
        lengthCm: 18,
        widthCm: 8,
        heightCm: 6,
        packageType: false,
        baseUnit: 2,
        productUnit: '100000015',
      },
      deliveryDays: 5,
      shipToCountry: 'CA',
      hasWholesale: true,
      marketIds: { main: '32982857990', markets: { US: '2251832796543238' } },
      detailHtml: '<div>This is a product</div>',
      mobileDetailHtml: '<div>This is a product</div>',
    };
    const documentedSku = {
      skuId: '12000027158136202',
      skuAttr: '73:175#Black Green;71:193#Polarized',
      price: { amount: '3.94', currency: 'USD' },
      offerPrice: { amount: '3.94', currency: 'USD' },
      stock: 57,
      available: true,
      priceIncludesTax: true,
      minQuantity: 10,
      promotionLimit: { maxQuantity: 3, strategy: 'create_order_fail' },
      wholesaleTiers: [
        { minQuantity: 1, price: { amount: '5.78', currency: 'USD' }, discount: '0.52' },
      ],
      properties: [
        {
          propertyId: '73',
          name: 'Lenses Color',
          valueId: '175',
          value: 'green',
          definitionName: 'Black Green',
          image: 'https://ae04.alicdn.com/kf/Hba46f8222fdf4440a271134f8ce2ca2aB.jpg',
        },
      ],
    };

    it('the guide sample, with no wrapper at all, reads in full; big ids exact', async () => {
      harness.replay('aliexpress.ds.product.get', 'success');
      const product = await ds().getProduct(ACCOUNT, PRODUCT);
      expect(product).toMatchObject(documentedProduct);
      expect(product.images).toHaveLength(6);
      expect(product.skus).toEqual([documentedSku]);
    });

    it('the demo, wrapped in aliexpress_ds_product_get_response with code/request_id outside, reads the same, plus import charges and tax', async () => {
      harness.replay('aliexpress.ds.product.get', 'demo');
      const product = await ds().getProduct(ACCOUNT, PRODUCT);
      expect(product).toMatchObject(documentedProduct);
      expect(product.skus).toEqual([
        {
          ...documentedSku,
          estimatedImportCharges: { amount: '24.85', currency: 'USD' },
          tax: { amount: '652', currency: 'USD' },
        },
      ]);
    });
  });

  describe('aliexpress.ds.freight.query', () => {
    it('the success sample: the fee in currency units, 172.71 USD, not 1.7271', async () => {
      harness.replay('aliexpress.ds.freight.query', 'success');
      const options = await ds().queryFreight(ACCOUNT, FREIGHT);
      expect(options).toHaveLength(1);
      expect(options[0].fee).toEqual({ amount: '172.71', currency: 'USD' });
      expect(options[0]).toEqual({
        code: 'CAINIAO_STANDARD',
        company: 'AliExpress standard shipping',
        fee: { amount: '172.71', currency: 'USD' },
        feeText: 'US $172.71',
        freeShipping: false,
        minDeliveryDays: 17,
        maxDeliveryDays: 34,
        guaranteedDeliveryDays: 75,
        deliveryDateText: 'Mar 08 - 25',
        tracking: true,
        shipFromCountry: 'CN',
        availableStock: 182,
        vatIncluded: true,
      });
    });

    it('the demo: every scalar a string, a plain array, "null" texts absent, 1.99 USD', async () => {
      harness.replay('aliexpress.ds.freight.query', 'demo');
      const [option] = await ds().queryFreight(ACCOUNT, FREIGHT);
      expect(option).toEqual(DEMO_FREIGHT_OPTION);
    });

    it.each(['failure-delivery-not-available', 'failure-delivery-not-available-order-create-page'])(
      '%s: AliexpressBusinessError DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS, platformCode 505',
      async (fixtureCase) => {
        harness.replay('aliexpress.ds.freight.query', fixtureCase);
        const error = await ds()
          .queryFreight(ACCOUNT, FREIGHT)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AliexpressBusinessError);
        expect(error).toMatchObject({
          code: 'DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS',
          platformCode: '505',
        });
      },
    );
  });

  describe('aliexpress.ds.order.tracking.get', () => {
    it('the success sample: epoch-ms times, the 34-digit mail_no exact, the package items', async () => {
      harness.replay('aliexpress.ds.order.tracking.get', 'success');
      const tracking = await ds().getOrderTracking(ACCOUNT, { orderId: '8198352049851315' });
      expect(tracking).toEqual({
        orderId: '8198352049851315',
        found: true,
        parcels: [
          {
            carrier: 'AliExpress standard shipping',
            trackingNumber: '4209795192144903600008220012159992',
            etaAt: 1740273780000,
            events: [
              {
                at: 1739928180000,
                name: 'Delivery update',
                description: 'Your package arrived at local Facility.',
              },
            ],
            items: [
              {
                productId: '1005008453688391',
                title: 'Elegant Flounce Mini Skirts Suits Women...',
                skuText: 'Color:Silvery; Size:M',
                quantity: 1,
              },
            ],
          },
        ],
      });
    });

    it('the demo: ret "true", plain arrays, numbers as strings, a sku_id beyond 2^53', async () => {
      harness.replay('aliexpress.ds.order.tracking.get', 'demo');
      const tracking = await ds().getOrderTracking(ACCOUNT, { orderId: '8198352049851315' });
      expect(tracking.found).toBe(true);
      expect(tracking.parcels).toEqual([
        {
          carrier: 'AliExpress Selection Standard',
          trackingNumber: '62727952231',
          etaAt: 1720514236934,
          events: [
            { at: 1720181940000, name: 'Delivery update', description: 'Package delivered' },
          ],
          items: [
            {
              productId: '1005005511268056',
              skuId: '12000033361133017',
              title:
                'car sunshade car sunshade retractable sunscreen heat insulation front windshield parasol',
              skuText: 'Color:Large',
              quantity: 1,
            },
          ],
        },
      ]);
    });

    it('ret false, 1001 TRACKING DATA NOT FOUND: found false, never an empty success', async () => {
      harness.replay('aliexpress.ds.order.tracking.get', 'failure-tracking-data-not-found');
      const tracking = await ds().getOrderTracking(ACCOUNT, { orderId: '8198352049851315' });
      expect(tracking).toEqual({ orderId: '8198352049851315', found: false, parcels: [] });
    });
  });

  describe('aliexpress.ds.text.search', () => {
    const documentedHit = {
      productId: 'itemId',
      title: 'title',
      imageUrl: 'itemMainPic',
      url: 'itemUrl',
      videoUrl: 'productVideoUrl',
      salePrice: { amount: '6.62', currency: 'USD' },
      originalPrice: { amount: '12.73', currency: 'USD' },
      discount: '48%',
      rating: 'score',
      evaluateRate: '97.8%',
      categoryId: 'cateId',
    };

    it('the guide sample under aliexpress_ds_text_search (no _response): prices in units, "48%", "97.8%"', async () => {
      harness.replay('aliexpress.ds.text.search', 'success');
      const page = await ds().searchProducts(ACCOUNT, { keyword: 'sunglasses', countryCode: 'US' });
      // the sample's page fields are placeholders ("pageIndex"): the defaults apply
      expect(page).toEqual({ totalCount: 1, pageIndex: 1, pageSize: 1, products: [documentedHit] });
    });

    it('the demo under aliexpress_ds_text_search_response, with the product type', async () => {
      harness.replay('aliexpress.ds.text.search', 'demo');
      const page = await ds().searchProducts(ACCOUNT, { keyword: 'sunglasses', countryCode: 'US' });
      expect(page.products).toEqual([{ ...documentedHit, type: 'search' }]);
    });
  });
});

/** A transport that keeps every answer's text, to hold the mock's own answers to the samples. */
class RecordingTransport implements GatewayTransport {
  readonly answers: Array<{ form: string; body: string }> = [];

  async post(url: string, form: string, options: GatewayPostOptions): Promise<GatewayHttpResponse> {
    const response = await fetch(url, {
      method: 'POST',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const body = await response.text();
    this.answers.push({ form, body });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      body,
    };
  }

  /** The text of the last answer to `method`. */
  last(method: string): string {
    const hit = [...this.answers]
      .reverse()
      .find((a) => new URLSearchParams(a.form).get('method') === method);
    if (!hit) throw new Error(`no answer recorded for ${method}`);
    return hit.body;
  }
}

/** The object under the wrapper key (or the whole body), as JSON text, numbers kept exact. */
function inner(text: string, key: string | null): string {
  if (key === null) return text;
  const body = parse(text) as Record<string, unknown>;
  if (!(key in body)) throw new Error(`no ${key} in ${text.slice(0, 80)}`);
  return stringify(body[key]) ?? 'null';
}

describe('the mock answers in the documented shapes (no replay)', () => {
  let gateway: MockAliexpressGateway;
  let ds: DropshippingService;
  const transport = new RecordingTransport();
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ gateway } = await startGateway());
    const moduleRef = await Test.createTestingModule({
      imports: [
        AliexpressModule.forRoot({
          appKey: TEST_APP.appKey,
          appSecret: TEST_APP.appSecret,
          baseUrl: gateway.url,
          clock: gateway,
          retry: { maxRetries: 0 },
          controller: false,
        }),
      ],
    })
      .overrideProvider(GatewayTransport)
      .useValue(transport)
      .compile();
    await moduleRef.init();
    await moduleRef.get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey));
    ds = moduleRef.get(DropshippingService);
    close = async () => {
      await moduleRef.close();
      await gateway.stop();
    };
  });
  afterAll(() => close());

  /** The documented sample's shape against the mock's, both at the level given. */
  function compare(
    api: string,
    fixtureCase: string,
    levels: { documented: string | null; mock: string | null },
  ): ShapeDifference {
    const documented = loadPlatformFixture(api, fixtureCase).text;
    return compareShapes(
      shapeOf(inner(documented, levels.documented)),
      shapeOf(inner(transport.last(api), levels.mock)),
    );
  }

  it('product.get: the guide sample field for field (a product with video, attributes and wholesale tiers)', async () => {
    await ds.getProduct(CONFORMANCE_ACCOUNT, {
      productId: '1005007421330286',
      shipToCountry: 'US',
    });
    // the guide prints this answer bare, and so does the mock: whole bodies are compared
    expect(
      compare('aliexpress.ds.product.get', 'success', { documented: null, mock: null }),
    ).toEqual(SAME_SHAPE);
  });

  it('freight.query: the success sample, wrapper included; a failure has the failure sample shape', async () => {
    await ds.queryFreight(CONFORMANCE_ACCOUNT, {
      productId: '1005006154258794',
      skuId: '12000036032948733',
      quantity: 1,
      shipToCountry: 'US',
    });
    expect(
      compare('aliexpress.ds.freight.query', 'success', { documented: null, mock: null }),
    ).toEqual(SAME_SHAPE);
    await ds
      .queryFreight(CONFORMANCE_ACCOUNT, {
        productId: '1005006154258794',
        skuId: '12000036032948733',
        quantity: 1,
        shipToCountry: 'KP',
      })
      .catch(() => undefined);
    expect(
      compare('aliexpress.ds.freight.query', 'failure-delivery-not-available', {
        documented: null,
        mock: null,
      }),
    ).toEqual(SAME_SHAPE);
  });

  it('order.tracking.get: the success sample, and the 1001 sample for an order not shipped yet', async () => {
    const created = await ds.createOrder(
      CONFORMANCE_ACCOUNT,
      sampleOrder('1005007421330286', '14:771#Natural', 1),
    );
    const orderId = created.orderIds[0];
    await ds.getOrderTracking(CONFORMANCE_ACCOUNT, { orderId });
    expect(
      compare('aliexpress.ds.order.tracking.get', 'failure-tracking-data-not-found', {
        documented: null,
        mock: null,
      }),
    ).toEqual(SAME_SHAPE);
    gateway.advanceClock(7 * 3_600_000);
    await ds.getOrderTracking(CONFORMANCE_ACCOUNT, { orderId });
    expect(
      compare('aliexpress.ds.order.tracking.get', 'success', { documented: null, mock: null }),
    ).toEqual(SAME_SHAPE);
  });

  it('text.search: the guide sample, wrapper included', async () => {
    await ds.searchProducts(CONFORMANCE_ACCOUNT, { keyword: 'coffee', countryCode: 'US' });
    // the guide wraps it in aliexpress_ds_text_search (no _response), and so does the mock
    expect(
      compare('aliexpress.ds.text.search', 'success', { documented: null, mock: null }),
    ).toEqual(SAME_SHAPE);
  });
});
